"""The keys of demo payments (``make run`` without Stripe keys).

They are public, written in this repository, so anyone can sign a webhook
with the demo secret: it is accepted only while demo payments run against the
bundled fake Stripe, never beside a real ``STRIPE_SECRET_KEY``, and production
settings refuse both values. No imports: settings read this module.
"""

DEMO_SECRET_KEY = "sk_test_demo_payments"  # noqa: S105 - public on purpose
DEMO_WEBHOOK_SECRET = "whsec_demo_payments"  # noqa: S105 - public on purpose
