"""Settings shared by every environment.

Safe by default: DEBUG is off, there is no usable SECRET_KEY and no allowed host
until the environment provides them. ``dev`` and ``test`` opt into conveniences,
``production`` insists on the real values. Every variable read here is listed in
``.env.example`` and the README's configuration table.
"""

import os
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from newsroom.logfilters import SECURITY_LOGGERS

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The environment schema: (type, default) for every variable the project reads.
env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    SITE_NAME=(str, "Newsroom"),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
    DATABASE_CONN_MAX_AGE=(int, 60),
    REDIS_URL=(str, ""),
    REDIS_RATELIMIT_URL=(str, ""),
    REDIS_CONNECT_TIMEOUT=(float, 0.25),
    REDIS_TIMEOUT=(float, 0.5),
    REDIS_BREAKER_SECONDS=(float, 5.0),
    REDIS_GENERATIONS_MAX_AGE=(float, 0.5),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Newsroom <newsroom@localhost>"),
    SERVER_EMAIL=(str, "newsroom@localhost"),
    MEDIA_ROOT=(str, str(BASE_DIR / "var" / "media")),
    MEDIA_URL=(str, "/media/"),
    STATIC_ROOT=(str, str(BASE_DIR / "var" / "static")),
    EMAIL_TIMEOUT=(int, 10),
    LOG_LEVEL=(str, "INFO"),
    LOG_FORMAT=(str, "plain"),
    TASKS_BACKEND=(str, "immediate"),
    NEWSLETTER_EMAIL_BACKEND=(str, ""),
    NEWSLETTER_ESP=(str, ""),
    NEWSLETTER_SEND_RATE=(int, 0),
    NEWSLETTER_SEND_TASKS=(int, 2),
    NEWSLETTER_CONTACT_LINE=(str, ""),
    NEWSLETTER_UNSUBSCRIBE_EMAIL=(str, ""),
    NEWSLETTER_WEBHOOK_MAX_AGE=(int, 900),
    SENTRY_DSN=(str, ""),
    SENTRY_ENVIRONMENT=(str, "production"),
    SENTRY_RELEASE=(str, ""),
    SENTRY_TRACES_SAMPLE_RATE=(float, 0.0),
    MEDIA_STORAGE=(str, "local"),
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    AWS_S3_ENDPOINT_URL=(str, ""),
    AWS_S3_REGION_NAME=(str, ""),
    AWS_S3_CUSTOM_DOMAIN=(str, ""),
    AWS_ACCESS_KEY_ID=(str, ""),
    AWS_SECRET_ACCESS_KEY=(str, ""),
    FRONTEND_CACHE=(str, ""),
    FRONTEND_CACHE_PURGE_URL=(str, ""),
    CLOUDFLARE_BEARER_TOKEN=(str, ""),
    CLOUDFLARE_ZONE_ID=(str, ""),
    CLOUDFRONT_DISTRIBUTION_ID=(str, ""),
    STRIPE_SECRET_KEY=(str, ""),
    STRIPE_PUBLISHABLE_KEY=(str, ""),
    STRIPE_WEBHOOK_SECRET=(str, ""),
    STRIPE_API_BASE=(str, ""),
    GOOGLE_CLIENT_ID=(str, ""),
    GOOGLE_CLIENT_SECRET=(str, ""),
    STAFF_REQUIRE_MFA=(bool, False),
    STRIPE_API_VERSION=(str, "2026-10-28.endive"),
    STRIPE_MAX_NETWORK_RETRIES=(int, 2),
    STRIPE_DEMO_PAYMENTS=(bool, False),
    MEMBERSHIP_CURRENCY=(str, "usd"),
    MEMBERSHIP_CURRENCIES=(list, []),
    MEMBERSHIP_COUNTRY_HEADERS=(list, ["CF-IPCountry", "CloudFront-Viewer-Country"]),
    MEMBERSHIP_MIN_MONTHLY_AMOUNT=(int, 300),
    MEMBERSHIP_MIN_YEARLY_AMOUNT=(int, 3000),
    MEMBERSHIP_MIN_GIFT_AMOUNT=(int, 300),
    MEMBERSHIP_GIVE_PRESETS=(list, ["2500", "6000", "12000"]),
    MEMBERSHIP_MAX_AMOUNT=(int, 1_000_000),
    MEMBERSHIP_FEE_PERCENT=(str, "2.9"),
    MEMBERSHIP_FEE_FIXED=(int, 30),
    MEMBERSHIP_FEE_FIXED_BY_CURRENCY=(dict, {}),
    PAGE_CACHE=(bool, True),
    PAGE_CACHE_TIMEOUT=(int, 600),
    PAGE_CACHE_MAX_AGE=(int, 60),
    PAGE_CACHE_S_MAXAGE=(int, 300),
    PAGE_CACHE_STALE_WHILE_REVALIDATE=(int, 600),
    QUERY_COUNT_HEADER=(bool, False),
)

# An optional .env file next to manage.py; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL").rstrip("/")

INSTALLED_APPS = [
    "articles",
    "membership",
    "newsroom",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # allauth's passkey list template loads it
]

MIDDLEWARE = [
    "newsroom.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so cached pages get them too (articles/cache/middleware.py).
    "newsroom.security.NewsroomCSPMiddleware",
    "newsroom.security.PermissionsPolicyMiddleware",
    # A live page's poll fragment answers 304 to If-None-Match, stored or not.
    "articles.live.middleware.NotModifiedMiddleware",
    # Names the join page's currency group for the page cache (membership/currency/).
    "membership.currency.choice.CurrencyMiddleware",
    "articles.cache.middleware.PageCacheMiddleware",
    "articles.site.SiteLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "membership.accounts.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "articles.context_processors.site",
                "membership.context_processors.payments",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {"default": env.db_url("DATABASE_URL")}
# Persistent connections on every backend: a new connection costs a TCP and
# auth round trip on PostgreSQL, and on SQLite re-reading the schema and a
# cold page cache (a third of a cached-fragment page's time).
DATABASES["default"]["CONN_MAX_AGE"] = env("DATABASE_CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers and a writer (runserver threads, the demo loader)
    # without "database is locked" errors.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and rate-limit counters in Redis (newsroom/caches.py) -------------
# Redis when REDIS_URL is set (shared between processes; production requires
# it). A Redis failure is a cache miss, never an error: short timeouts, then
# the process leaves Redis alone for REDIS_BREAKER_SECONDS. Rate-limit
# counters go to REDIS_RATELIMIT_URL (an instance that never evicts; REDIS_URL
# when unset) and fail closed: sign-in answers 503 while they are unreachable.
# Each process also keeps a copy of the entries whose key names their
# generation, of the pages it served, and of the generations, re-read from
# Redis at most every REDIS_GENERATIONS_MAX_AGE seconds: the bound on how long
# another process's purge takes to be seen here (docs/scaling.md). Per-process
# memory without REDIS_URL.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.caches.TieredRedisCache",
            "LOCATION": env("REDIS_URL"),
            "COUNTERS_LOCATION": env("REDIS_RATELIMIT_URL"),
            "BREAKER_SECONDS": env("REDIS_BREAKER_SECONDS"),
            "GENERATIONS_MAX_AGE": env("REDIS_GENERATIONS_MAX_AGE"),
            "OPTIONS": {
                "socket_connect_timeout": env("REDIS_CONNECT_TIMEOUT"),
                "socket_timeout": env("REDIS_TIMEOUT"),
            },
        }
    }
else:
    # Room for the page cache, rendition and look-up entries (Django's default
    # of 300 entries would keep evicting pages).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }

# Full-page cache for anonymous readers (articles/cache/):
# stored in the cache above for PAGE_CACHE_TIMEOUT seconds at most and purged on
# publish; the Cache-Control of public pages lets browsers keep them
# PAGE_CACHE_MAX_AGE seconds and a CDN PAGE_CACHE_S_MAXAGE (plus
# PAGE_CACHE_STALE_WHILE_REVALIDATE while it refetches).
PAGE_CACHE = env("PAGE_CACHE")
PAGE_CACHE_TIMEOUT = env("PAGE_CACHE_TIMEOUT")
PAGE_CACHE_MAX_AGE = env("PAGE_CACHE_MAX_AGE")
PAGE_CACHE_S_MAXAGE = env("PAGE_CACHE_S_MAXAGE")
PAGE_CACHE_STALE_WHILE_REVALIDATE = env("PAGE_CACHE_STALE_WHILE_REVALIDATE")
# Benchmarks only: an X-Query-Count header with the SQL queries each request ran
# (newsroom/querycount.py). Never in production.
QUERY_COUNT_HEADER = env("QUERY_COUNT_HEADER")
if QUERY_COUNT_HEADER:
    MIDDLEWARE.insert(0, "newsroom.querycount.QueryCountMiddleware")

AUTH_USER_MODEL = "membership.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("MEDIA_URL")
MEDIA_ROOT = env("MEDIA_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded media on S3-compatible object storage (AWS S3, Cloudflare R2,
# MinIO, ...) when MEDIA_STORAGE=s3; needs the "s3" extra (django-storages).
if env("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "access_key": env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
            # Public, long-cached objects: Wagtail renditions never change
            # under the same name, and originals are public on the site anyway.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
elif env("MEDIA_STORAGE") != "local":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")

# Email: every message becomes a background task after commit (newsroom/mail.py),
# so a slow or unreachable mail server never fails a reader's request.
# EMAIL_URL names the backend that really delivers.
_email = env.email_url("EMAIL_URL")
EMAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
vars().update(_email)
EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"
EMAIL_TIMEOUT = env("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = env("SERVER_EMAIL")

# Newsletters (membership/newsletters, docs/newsletters.md). Issues go out
# through NEWSLETTER_EMAIL_BACKEND, an anymail ESP backend such as
# "anymail.backends.mailgun.EmailBackend", or else the EMAIL_URL backend
# (SMTP). NEWSLETTER_ESP names the ESP whose signed tracking webhook is routed;
# every ANYMAIL_<NAME> environment variable becomes ANYMAIL["<NAME>"].
NEWSLETTER_EMAIL_BACKEND = env("NEWSLETTER_EMAIL_BACKEND") or EMAIL_DELIVERY_BACKEND
NEWSLETTER_ESP = env("NEWSLETTER_ESP")
NEWSLETTER_SEND_RATE = env("NEWSLETTER_SEND_RATE")  # messages a second per task; 0: no limit
NEWSLETTER_SEND_TASKS = env("NEWSLETTER_SEND_TASKS")  # tasks sending one issue side by side
NEWSLETTER_CONTACT_LINE = env("NEWSLETTER_CONTACT_LINE")  # postal address / contact in footers
NEWSLETTER_UNSUBSCRIBE_EMAIL = env("NEWSLETTER_UNSUBSCRIBE_EMAIL")
# Seconds a signed Mailgun webhook stays acceptable (older ones are replays).
NEWSLETTER_WEBHOOK_MAX_AGE = env("NEWSLETTER_WEBHOOK_MAX_AGE")
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_")
}

# Background work goes through Django's task framework (django-tasks, which
# Wagtail already uses). "immediate" runs a task in the process that enqueues
# it (development, tests); "database" stores it for `manage.py db_worker`
# (django-tasks-db), which production uses. Failed tasks are re-queued by
# `manage.py retry_failed_tasks`.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if env("TASKS_BACKEND") not in TASK_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}; got {env('TASKS_BACKEND')!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env("TASKS_BACKEND")]}}

# Security headers that hold in every environment; production adds TLS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Browser features the site never uses are switched off (newsroom/security.py).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

# Content-Security-Policy: strict on reader pages (our own origin only, inline
# script and style only with the per-request nonce: the brand's accent colour
# is one inline <style>; Stripe only as a form target).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, "https://checkout.stripe.com", "https://billing.stripe.com"],
    },
}
# The Wagtail admin renders inline scripts and styles (and widget code) that
# cannot carry our nonce, so it gets its own policy (newsroom/security.py):
# still nothing from other origins, no plugins, framed only by itself (page
# previews), but inline code allowed. blob: is for image upload previews.
CSP_ADMIN_URL_PREFIXES = ["/admin/"]
CSP_ADMIN_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
}

# --- Accounts (django-allauth) ----------------------------------------------
# Readers, supporters and staff sign in through allauth at /accounts/; the
# reader's own pages (profile, data export, deletion) are at /account/
# (membership.accounts). Email is the only identifier: it must be verified,
# and signing in by an emailed one-time code comes first, a password second.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_request_login_code"
LOGIN_REDIRECT_URL = "account:index"
ACCOUNT_ADAPTER = "membership.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
# The password is optional at sign-up: a reader can live on emailed codes.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1"]
# Hashes the password for a known address too, so timing can't tell (forms.py).
ACCOUNT_FORMS = {"signup": "membership.accounts.forms.SignupForm"}
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Addresses are verified by an emailed code too (like sign-in), so the join
# page's "enter your email" step can create an account and carry on in the
# same tab (membership.views.join_email).
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a POST confirms, so link scanners can't
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old once verified
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# A signed-in reader sent to the login page by the admin ("no permission")
# sees the form (to switch to a staff account) instead of a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # the adapter prefixes the site's name
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split(":", 1)[0]
# allauth's defaults cover every auth action (login, failed login, login
# code, signup, password reset, email changes, reauthentication); they are
# spelled out here so a reviewer sees them. They count in the default cache,
# which must be shared between processes (Redis via REDIS_URL) in production.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "request_login_code": "20/m/ip,3/m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/180s/key",
}
# Staff second factor: TOTP apps, passkeys/security keys, recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = env("SITE_NAME")
# When on, anyone who can open the Wagtail admin must set up a second factor
# first (membership.accounts.middleware.StaffMFAMiddleware).
STAFF_REQUIRE_MFA = env("STAFF_REQUIRE_MFA")
# Google sign-in only when both credentials are configured; without them the
# provider is not even installed, so /accounts/google/… does not exist (404).
GOOGLE_PROVIDER = "allauth.socialaccount.providers.google"
SOCIALACCOUNT_PROVIDERS = {}
if env("GOOGLE_CLIENT_ID") and env("GOOGLE_CLIENT_SECRET"):
    INSTALLED_APPS.insert(INSTALLED_APPS.index("allauth.socialaccount") + 1, GOOGLE_PROVIDER)
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [{"client_id": env("GOOGLE_CLIENT_ID"), "secret": env("GOOGLE_CLIENT_SECRET")}],
        "SCOPE": ["email", "profile"],
        "AUTH_PARAMS": {"access_type": "online"},
    }
# Google verifies addresses, so a Google sign-in with a known verified address
# signs into that account rather than failing as a duplicate.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
# The Wagtail admin signs in through allauth too (same rate limits and MFA);
# /admin/login/ redirects there (newsroom/urls.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
# Restricted pages and private documents send readers to allauth's sign-in
# too; /_util/login/ (Wagtail's plain Django login) redirects there. The
# password form of password-protected pages (/_util/authenticate_with_password/)
# signs nobody in and stays Wagtail's.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_RESET_ENABLED = False
# --- end Accounts -------------------------------------------------------------

# --- Security: client address, private documents, security contact ----------
# Behind Caddy every connection comes from 127.0.0.1. TRUSTED_PROXIES lists the
# proxies (addresses, CIDR networks, or "unix" for a unix socket); from them
# only, the client is the rightmost X-Forwarded-For hop that is not a trusted
# proxy. newsroom/client_address.py rewrites REMOTE_ADDR before anything else
# runs, so allauth's per-address rate limits and the appeal beacon count
# readers, not the proxy. Empty (the default): REMOTE_ADDR as it comes.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
MIDDLEWARE.insert(0, "newsroom.client_address.ClientAddressMiddleware")
# allauth must read REMOTE_ADDR as set above, never a header of its own
# choosing (its defaults, spelled out).
ALLAUTH_TRUSTED_PROXY_COUNT = 0
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = None
# Documents only through Wagtail's view (newsroom/documents.py), which applies
# collection privacy: local files are streamed by Django (the Caddyfile serves
# images only); on S3 the view redirects to a URL signed for a minute
# (newsroom/storage.py), and the bucket must not serve documents/ publicly.
if env("MEDIA_STORAGE") == "s3":
    STORAGES["default"]["BACKEND"] = "newsroom.storage.MediaS3Storage"
    WAGTAILDOCS_SERVE_METHOD = "redirect"
else:
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Where to report a vulnerability: comma-separated email addresses or https://
# URLs, published at /.well-known/security.txt (RFC 9116, newsroom/security_txt.py);
# empty, no such file. SECURITY.md says how reports are handled.
SECURITY_CONTACT = env.list("SECURITY_CONTACT", default=[])
# --- end Security -------------------------------------------------------------

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# A changed slug or a moved page gets a permanent redirect from its old URL, so
# shared links keep working (Wagtail's default, stated because we rely on it).
WAGTAILREDIRECTS_AUTO_CREATE = True
# No avatars from a third-party service in the admin (the CSP would block them).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "webp": "webp"}
# The description is the alt text: the form says so (articles/alt_text.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "articles.image_form.ImageForm"

# Stripe: keys from the environment only. The API version is pinned here and
# must match the version of the registered webhook endpoint; upgrade the SDK,
# this pin and the endpoint together.
STRIPE_API_VERSION = env("STRIPE_API_VERSION")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
# Another API base URL (a fake or mock server); empty means api.stripe.com.
STRIPE_API_BASE = env("STRIPE_API_BASE")
# The SDK retries network errors and 5xx answers with backoff (and the same
# Idempotency-Key), so a blip at Stripe does not fail a reader's click.
STRIPE_MAX_NETWORK_RETRIES = env("STRIPE_MAX_NETWORK_RETRIES")
STRIPE_WEBHOOK_TOLERANCE = 300  # seconds a signed delivery stays valid (Stripe's default)
# Demo payments: the bundled fake Stripe (membership/fakestripe) stands in for
# Stripe, state kept in a file so runserver's autoreload keeps it. dev.py turns
# it on when no key is set; production refuses it.
STRIPE_DEMO_PAYMENTS = env("STRIPE_DEMO_PAYMENTS")
STRIPE_DEMO_STATE_FILE = BASE_DIR / "var" / "demo-stripe.json"
# The keys of demo payments are public, written here on purpose: anyone can
# sign a webhook with the demo secret, so it is accepted only while demo
# payments run against the fake Stripe, never beside a real STRIPE_SECRET_KEY
# (membership.stripe_gateway.webhook_secret), and production refuses both.
STRIPE_DEMO_SECRET_KEY = "sk_test_demo_payments"  # noqa: S105 - public on purpose
STRIPE_DEMO_WEBHOOK_SECRET = "whsec_demo_payments"  # noqa: S105 - public on purpose

# Membership amounts, in the currency's minor unit (cents): the floor for a
# custom recurring amount, for a one-time gift, and a ceiling for any payment.
MEMBERSHIP_CURRENCY = env("MEMBERSHIP_CURRENCY").lower()
# Every currency the newsroom sells in (the default first); tiers have a price
# in each (docs/memberships.md). The reader's is chosen from a CDN country
# header, the first of MEMBERSHIP_COUNTRY_HEADERS that a request carries.
MEMBERSHIP_CURRENCIES = list(
    dict.fromkeys(
        [
            MEMBERSHIP_CURRENCY,
            *(c.strip().lower() for c in env("MEMBERSHIP_CURRENCIES") if c.strip()),
        ]
    )
)
MEMBERSHIP_COUNTRY_HEADERS = env("MEMBERSHIP_COUNTRY_HEADERS")
MEMBERSHIP_MIN_AMOUNT = {
    "month": env("MEMBERSHIP_MIN_MONTHLY_AMOUNT"),
    "year": env("MEMBERSHIP_MIN_YEARLY_AMOUNT"),
}
MEMBERSHIP_MIN_GIFT_AMOUNT = env("MEMBERSHIP_MIN_GIFT_AMOUNT")
# The one-time amounts an appeal offers ("$60 once"); its monthly ones are the tiers'.
MEMBERSHIP_GIVE_PRESETS = [int(amount) for amount in env("MEMBERSHIP_GIVE_PRESETS")]
MEMBERSHIP_MAX_AMOUNT = env("MEMBERSHIP_MAX_AMOUNT")
# The card fee a reader may offer to cover (Stripe's standard card pricing:
# 2.9 % plus 30 cents); the join page settings decide whether it is offered.
MEMBERSHIP_FEE_PERCENT = env("MEMBERSHIP_FEE_PERCENT")
MEMBERSHIP_FEE_FIXED = env("MEMBERSHIP_FEE_FIXED")
# The fixed part is charged in the payment's currency: per currency, in its
# minor unit ("eur=25,gbp=20"); a currency not listed uses MEMBERSHIP_FEE_FIXED.
# The defaults are Stripe's standard fixed fees for euro and pound cards.
MEMBERSHIP_FEE_FIXED_BY_CURRENCY = {
    "eur": 25,
    "gbp": 20,
    **{
        code.strip().lower(): int(cents)
        for code, cents in env("MEMBERSHIP_FEE_FIXED_BY_CURRENCY").items()
    },
}
# Appeal measurement: beacons one client (address) may send per minute; more
# answer 429. Counted in the default cache (Redis in production).
APPEAL_BEACON_RATE_PER_MINUTE = 120

# Front-end cache (CDN) purging when pages are published: Wagtail's
# frontend_cache app, configured by FRONTEND_CACHE (docs/deploy.md).
FRONTEND_CACHE = env("FRONTEND_CACHE")
if FRONTEND_CACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
                "ZONEID": env("CLOUDFLARE_ZONE_ID"),
            }
        },
        "cloudfront": {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
                "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
            }
        },
        "http": {
            "default": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
            }
        },
    }.get(FRONTEND_CACHE)
    if WAGTAILFRONTENDCACHE is None:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("FRONTEND_CACHE must be cloudflare, cloudfront or http.")

# Logging to stderr (the journal under systemd). LOG_FORMAT=json writes one
# JSON object per line (production's default); every record carries the
# request id of the request that caused it (newsroom/request_id.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "newsroom.logformat.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT") if env("LOG_FORMAT") == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per background task run is noise at INFO; failures still show.
        "django_tasks": {"level": "WARNING"},
        # The database worker's own lines (claims, retries) at the configured level.
        "django_tasks_db": {"level": env("LOG_LEVEL")},
        # The SDK logs every request at INFO; our gateway logs failures itself.
        "stripe": {"level": "WARNING"},
    },
}

# --- Hostile input ------------------------------------------------------------
# A session cookie not shaped like Django's keys is no session (a NUL byte in
# one reached PostgreSQL and failed the request: newsroom/sessions.py).
SESSION_ENGINE = "newsroom.sessions"
# Suspicious requests (a bad Host header, too many fields, ...) are a client's
# 400: Django logs them at ERROR, which would page someone; WARNING instead
# (newsroom/logfilters.py).
LOGGING["filters"]["suspicious_as_warning"] = {"()": "newsroom.logfilters.SuspiciousAsWarning"}
for _name in SECURITY_LOGGERS:
    LOGGING["loggers"][_name] = {"filters": ["suspicious_as_warning"]}
# --- end Hostile input --------------------------------------------------------
