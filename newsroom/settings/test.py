"""The test suite's settings (pytest's DJANGO_SETTINGS_MODULE)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
NEWSLETTER_EMAIL_BACKEND = EMAIL_BACKEND
NEWSLETTER_ESP = "mailgun"
ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": "test-mailgun-signing-key"}
MEDIA_ROOT = tempfile.mkdtemp(prefix="newsroom-test-media-")
# Serve static files straight from the source folders, as `collectstatic` would.
STATIC_ROOT = tempfile.mkdtemp(prefix="newsroom-test-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Stripe: tests install the in-repo fake (tests/membership/conftest.py). These
# values make sure nothing can reach the real API by accident: the base URL is a
# closed local port, and the SDK does not retry (no sleeps in the suite).
STRIPE_SECRET_KEY = "sk_test_newsroom_suite"  # noqa: S105
STRIPE_WEBHOOK_SECRET = "whsec_test_newsroom_suite"  # noqa: S105
STRIPE_API_BASE = "http://127.0.0.1:9"
STRIPE_MAX_NETWORK_RETRIES = 0
STRIPE_DEMO_PAYMENTS = False
MEMBERSHIP_CURRENCIES = ["usd", "eur", "gbp"]  # the demo tiers' currencies
STRIPE_DEMO_STATE_FILE = Path(tempfile.mkdtemp(prefix="newsroom-test-stripe-")) / "demo.json"
