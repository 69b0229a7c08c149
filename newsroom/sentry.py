"""Error reporting to Sentry, switched on by SENTRY_DSN (production settings only).

Bounded on purpose: no personal data (no cookies, no user emails, no request
bodies), performance tracing off unless a sample rate is set, a short queue and
a short flush on shutdown so a slow or unreachable Sentry never holds up the
site. Errors logged at ERROR (including failed background tasks) become events.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration


def init_sentry(
    *, dsn: str, environment: str, release: str | None, traces_sample_rate: float
) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=min(max(traces_sample_rate, 0.0), 1.0),
        max_breadcrumbs=50,
        shutdown_timeout=2,
        transport_queue_size=100,
        integrations=[
            DjangoIntegration(),
            LoggingIntegration(event_level="ERROR"),
        ],
    )
