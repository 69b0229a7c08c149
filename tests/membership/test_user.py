from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError

import pytest

User = get_user_model()


@pytest.mark.django_db
def test_email_is_the_login_and_is_normalised():
    user = User.objects.create_user(
        email="  Ana.Kovalenko@Example.ORG ", password="a-long-passphrase"
    )
    assert user.email == "ana.kovalenko@example.org"
    assert not hasattr(user, "username") or user.username is None
    assert authenticate(username="ANA.KOVALENKO@example.org", password="a-long-passphrase") == user


@pytest.mark.django_db
def test_emails_differing_only_in_case_are_the_same_account():
    User.objects.create_user(email="reader@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="Reader@Example.org ")


@pytest.mark.django_db
def test_superuser_is_staff():
    admin = User.objects.create_superuser(email="editor@example.org", password="pw-123456789")
    assert admin.is_staff
    assert admin.is_superuser


@pytest.mark.django_db
def test_an_email_is_required():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user(email="")
