"""Sign-up does not tell by its timing whether an address has an account.

Hashing a password is what makes a request slow (a quarter of a second with
the production hasher), so both answers to ``POST /accounts/signup/`` (new
account; "you already have one" mail) hash it exactly once. Counted, not
timed: bench/signup_timing.py measures the real figures.
"""

from unittest import mock

from django.contrib.auth.hashers import get_hasher

import pytest

from membership.models import User
from tests.membership.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def hashes_during(send, data: dict) -> int:
    hasher = type(get_hasher())
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as encode:
        response = send("post", "/accounts/signup/", data)
    assert response.status_code == 302, response.content
    return encode.call_count


def test_signing_up_a_known_address_hashes_the_password_like_a_new_one(send, reader):
    new = hashes_during(send, {"email": "new@example.org", "password1": PASSWORD})
    known = hashes_during(send, {"email": reader.email, "password1": PASSWORD})

    assert User.objects.filter(email="new@example.org").exists()
    assert new == known == 1


def test_a_sign_up_without_password_hashes_nothing_either_way(send, reader):
    assert hashes_during(send, {"email": "new@example.org"}) == 0
    assert hashes_during(send, {"email": reader.email}) == 0
