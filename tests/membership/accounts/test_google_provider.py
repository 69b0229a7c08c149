"""Google sign-in exists only when it is configured (GOOGLE_CLIENT_ID and
GOOGLE_CLIENT_SECRET): without them the provider is not installed, so its
URLs answer 404 instead of failing on a missing app (a 500 on every request to
/accounts/google/login/). With them, the sign-in page offers it and the
button leads to Google."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest
from allauth.socialaccount import providers

ROOT = Path(__file__).resolve().parents[3]

# Run in a fresh process: which providers are installed is decided when the
# settings load, and allauth builds its URLs once from them.
CONFIGURED = """
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
call_command("migrate", verbosity=0)
client = Client()
page = client.get("/accounts/login/").content.decode()
print("offered", "/accounts/google/login/" in page and "Continue with Google" in page)
print("get", client.get("/accounts/google/login/").status_code)
answer = client.post("/accounts/google/login/")
print("post", answer.status_code, answer["Location"].split("?")[0])
"""


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "head", "put"])
def test_without_credentials_google_sign_in_does_not_exist(client, method):
    assert "allauth.socialaccount.providers.google" not in settings.INSTALLED_APPS
    assert "google" not in [provider.id for provider in providers.registry.get_class_list()]
    client.raise_request_exception = False
    for path in ("/accounts/google/login/", "/accounts/google/login/callback/?code=x&state=y"):
        assert getattr(client, method)(path).status_code == 404, path
    assert b"/accounts/google/" not in client.get("/accounts/login/").content


def test_with_credentials_google_sign_in_is_offered_and_leads_to_google():
    keep = {"PATH", "HOME", "LANG", "TMPDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
        "DATABASE_URL": "sqlite://:memory:",
        "GOOGLE_CLIENT_ID": "id-123",
        "GOOGLE_CLIENT_SECRET": "s-456",
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CONFIGURED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[:3] == [
        "offered True",
        "get 200",
        "post 302 https://accounts.google.com/o/oauth2/v2/auth",
    ], result.stdout + result.stderr[-2000:]
