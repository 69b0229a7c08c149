"""Production: everything a deployment must provide is checked at start-up.

A missing required variable stops the process with a message that names it,
rather than running with an unsafe default.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STRIPE_DEMO_SECRET_KEY, STRIPE_DEMO_WEBHOOK_SECRET, env

# REDIS_URL: one cache shared by every process. Without it each process keeps
# its own generations, look-ups and rate-limit counters, so a view
# restriction added in one process stays unseen by the others for up to an
# hour, and each process counts sign-in attempts on its own.
REQUIRED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
)
missing = [name for name in REQUIRED if not env.str(name, default="")]
if missing:
    raise ImproperlyConfigured(
        "Missing required environment variable(s) for production: "
        + ", ".join(missing)
        + ". See .env.example for what each one means."
    )
# The bundled fake Stripe is for development and tests only: real money needs
# the real API.
if env("STRIPE_DEMO_PAYMENTS"):
    raise ImproperlyConfigured(
        "STRIPE_DEMO_PAYMENTS is set, but demo payments (the bundled fake Stripe) "
        "can never run in production. Unset it."
    )
STRIPE_DEMO_PAYMENTS = False
# The demo keys are public (base.py): anyone could sign a webhook.
if (
    env("STRIPE_WEBHOOK_SECRET") == STRIPE_DEMO_WEBHOOK_SECRET
    or env("STRIPE_SECRET_KEY") == STRIPE_DEMO_SECRET_KEY
):
    raise ImproperlyConfigured(
        "STRIPE_WEBHOOK_SECRET or STRIPE_SECRET_KEY is the public demo value; "
        "use the secrets of your Stripe account."
    )

DEBUG = False

# TLS terminates at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The proxy's health checks reach these over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Accounts: links in emails are https; staff need a second factor for the
# admin unless STAFF_REQUIRE_MFA=false says otherwise.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=True)

# Default production email: SMTP on the host unless EMAIL_URL names another.
# Messages still go through a task first (base.py, newsroom/mail.py).
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
EMAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
vars().update(_email)

# Background tasks are stored in PostgreSQL for `manage.py db_worker`
# (deploy/systemd/newsroom-worker.service) unless TASKS_BACKEND says otherwise.
_tasks_backend = env.str("TASKS_BACKEND", default="database")
if _tasks_backend not in TASK_BACKENDS:  # noqa: F405
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")  # noqa: F405
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks_backend]}}  # noqa: F405

# One JSON object per log line, for the journal and log shippers.
_log_format = env.str("LOG_FORMAT", default="json")
if _log_format not in ("json", "plain"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or plain.")
LOGGING["handlers"]["console"]["formatter"] = _log_format  # noqa: F405

# Errors and failed tasks reported to Sentry, only when SENTRY_DSN is set.
if env("SENTRY_DSN"):
    from newsroom.sentry import init_sentry

    init_sentry(
        dsn=env("SENTRY_DSN"),
        environment=env("SENTRY_ENVIRONMENT"),
        release=env("SENTRY_RELEASE") or None,
        traces_sample_rate=env("SENTRY_TRACES_SAMPLE_RATE"),
    )
