"""Settings behave per environment: production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

from membership.accounts.checks import rate_limit_cache_is_shared

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "prod-like-7Hq2vN9xLw3Zr8Kp5Tb1Yc6Md4Fg0Sj-not-a-real-secret",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "postgres://newsroom@127.0.0.1:5432/newsroom",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
    "SITE_URL": "https://news.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/1",  # not contacted by these checks
    "STRIPE_SECRET_KEY": "sk_live_placeholder-not-a-real-key",
    "STRIPE_WEBHOOK_SECRET": "whsec_placeholder-not-a-real-secret",
}


def run_django(code_or_args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python in a clean environment that has only the given variables."""
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    base["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.production"
    return subprocess.run(  # noqa: S603
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SETUP = ["-c", "import django; django.setup()"]


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "STRIPE_SECRET_KEY",
        "STRIPE_WEBHOOK_SECRET",
    ],
)
def test_production_refuses_to_start_without_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_django(SETUP, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_production_refuses_demo_payments():
    result = run_django(SETUP, **PRODUCTION_ENV, STRIPE_DEMO_PAYMENTS="true")
    assert result.returncode != 0
    assert "STRIPE_DEMO_PAYMENTS" in result.stderr.splitlines()[-1]


def test_production_starts_with_required_variables_and_never_builds_the_fake_stripe():
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; from membership import stripe_gateway; "
        "print(settings.STRIPE_DEMO_PAYMENTS); stripe_gateway.demo_fake()"
    )
    result = run_django(["-c", code], **PRODUCTION_ENV)
    assert result.stdout.strip() == "False", result.stderr
    assert "ImproperlyConfigured: Demo payments are off" in result.stderr.splitlines()[-1]


def test_check_deploy_is_clean_under_production_settings():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_flags_a_per_process_rate_limit_cache(settings):
    # Production refuses to start without REDIS_URL; the check still guards
    # any other settings module that would count in per-process memory.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in rate_limit_cache_is_shared(None)] == ["membership.W001"]


def test_production_requires_staff_mfa_by_default():
    result = run_django(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.STAFF_REQUIRE_MFA, settings.CACHES['default']['BACKEND'])",
        ],
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "newsroom.caches.TieredRedisCache"]


def test_whitenoise_sits_right_after_security_middleware():
    # The client's address is settled first (newsroom/client_address.py); then
    # the request id, so that even redirects and static files carry it.
    assert settings.MIDDLEWARE[:4] == [
        "newsroom.client_address.ClientAddressMiddleware",
        "newsroom.request_id.RequestIdMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_stripe_api_version_is_pinned():
    assert settings.STRIPE_API_VERSION == "2026-10-28.endive"


def test_base_settings_are_safe_by_default():
    result = run_django(
        [
            "-c",
            "from newsroom.settings import base as b; "
            "print(b.DEBUG, repr(b.SECRET_KEY), b.ALLOWED_HOSTS)",
        ],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False '' []"


PRODUCTION_PROBE = [
    "-c",
    "import django; django.setup(); import sentry_sdk; from django.conf import settings; "
    "print(sentry_sdk.get_client().is_active(), settings.TASKS['default']['BACKEND'], "
    "settings.LOGGING['handlers']['console']['formatter'], settings.EMAIL_BACKEND, "
    "settings.EMAIL_DELIVERY_BACKEND)",
]


def test_production_defaults_for_tasks_logging_email_and_sentry():
    result = run_django(PRODUCTION_PROBE, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",  # no SENTRY_DSN, no Sentry
        "django_tasks_db.DatabaseBackend",
        "json",
        "newsroom.mail.TaskEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_sentry_is_initialised_only_with_a_dsn():
    # A DSN on a closed loopback port: initialising sends nothing anywhere.
    result = run_django(PRODUCTION_PROBE, SENTRY_DSN="http://key@127.0.0.1:9/1", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


@pytest.mark.parametrize(
    ("name", "value"),
    [("TASKS_BACKEND", "celery"), ("LOG_FORMAT", "xml"), ("MEDIA_STORAGE", "ftp")],
)
def test_production_names_a_misconfigured_switch(name, value):
    result = run_django(SETUP, **{**PRODUCTION_ENV, name: value})
    assert result.returncode != 0
    assert name in result.stderr.splitlines()[-1]


def test_s3_media_and_cdn_purging_are_configured_from_the_environment():
    result = run_django(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "from django.core.files.storage import storages; s = storages['default']; "
            "print(type(s).__name__, s.bucket_name, s.endpoint_url, "
            "settings.WAGTAILFRONTENDCACHE['default']['BACKEND'].rsplit('.', 1)[1], "
            "settings.WAGTAILDOCS_SERVE_METHOD)",
        ],
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        FRONTEND_CACHE="http",
        FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "MediaS3Storage",  # documents signed (tests/newsroom/test_media_storage.py)
        "newsroom-media",
        "http://127.0.0.1:9000",
        "HTTPBackend",
        "redirect",
    ]


def test_gunicorn_config_reads_the_environment():
    import runpy

    env = {"GUNICORN_BIND": "127.0.0.1:8399", "GUNICORN_WORKERS": "3", "GUNICORN_TIMEOUT": "15"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key)
            else:
                os.environ[key] = value
    assert (config["bind"], config["workers"], config["timeout"]) == ("127.0.0.1:8399", 3, 15)
    assert config["worker_class"] == "gthread"
    assert config["threads"] == 4


def test_gunicorn_freezes_the_loaded_application_before_forking():
    import gc
    import runpy

    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    try:
        config["pre_fork"](None, None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
