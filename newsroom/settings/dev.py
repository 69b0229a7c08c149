"""Local development: `make run`. Conveniences only; never deploy with these."""

from .base import *  # noqa: F403
from .base import BASE_DIR, STRIPE_DEMO_SECRET_KEY, STRIPE_DEMO_WEBHOOK_SECRET, env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key, so `make run` needs no configuration. Production
# refuses to start without its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-do-not-deploy"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

(BASE_DIR / "var").mkdir(exist_ok=True)

# Passkeys on http://127.0.0.1 (browsers allow WebAuthn on localhost only).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# Demo payments: with no Stripe key, the bundled fake Stripe stands in so the
# join journey works offline; every reader page says "no money moves".
# Set STRIPE_SECRET_KEY (test mode) and STRIPE_WEBHOOK_SECRET to use Stripe.
if not env("STRIPE_SECRET_KEY"):
    STRIPE_DEMO_PAYMENTS = env.bool("STRIPE_DEMO_PAYMENTS", default=True)
    if STRIPE_DEMO_PAYMENTS:
        STRIPE_SECRET_KEY = STRIPE_DEMO_SECRET_KEY
        STRIPE_WEBHOOK_SECRET = STRIPE_DEMO_WEBHOOK_SECRET
# The demo tiers are priced in three currencies (docs/memberships.md).
if not env("MEMBERSHIP_CURRENCIES"):
    MEMBERSHIP_CURRENCIES = list(dict.fromkeys([MEMBERSHIP_CURRENCY, "usd", "eur", "gbp"]))  # noqa: F405
# runserver prints its own line per request; keep ours for production.
LOGGING["loggers"]["newsroom.request"] = {"level": "WARNING"}  # noqa: F405
