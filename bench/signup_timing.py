"""How long ``POST /accounts/signup/`` takes for a known and an unknown address.

Run with ``.venv/bin/python bench/signup_timing.py [runs]``. One process, the
test settings with Django's production password hasher (PBKDF2) and rate
limits off, on a throw-away SQLite database; each sign-up goes through the
real allauth view (Django's test client) with a password. Prints the median
and the spread of each path. tests/membership/accounts/test_signup_timing.py
checks the cause (one password hash on each path) without timing anything.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"

import django

django.setup()

from django.conf import global_settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from allauth.account.models import EmailAddress  # noqa: E402

from membership.models import User  # noqa: E402

PASSWORD = "correct-horse-battery-staple-42"
KNOWN = "known@example.org"


def median_ms(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return f"median {statistics.median(ms):6.1f} ms (min {ms[0]:6.1f}, max {ms[-1]:6.1f})"


def sign_up(client: Client, email: str) -> float:
    start = time.perf_counter()
    response = client.post("/accounts/signup/", {"email": email, "password1": PASSWORD})
    elapsed = time.perf_counter() - start
    if response.status_code != 302:
        raise SystemExit(f"sign-up answered {response.status_code}")
    return elapsed


def main(runs: int) -> None:
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    user = User.objects.create_user(email=KNOWN, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=KNOWN, verified=True, primary=True)
    client = Client()
    sign_up(client, "warm-up@example.org")
    known, unknown = [], []
    for n in range(runs):
        known.append(sign_up(client, KNOWN))
        unknown.append(sign_up(client, f"new{n}@example.org"))
    print(f"{runs} sign-ups each, hasher {global_settings.PASSWORD_HASHERS[0]}")
    print(f"known address:   {median_ms(known)}")
    print(f"unknown address: {median_ms(unknown)}")


if __name__ == "__main__":
    with override_settings(
        PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS, ACCOUNT_RATE_LIMITS=False
    ):
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
