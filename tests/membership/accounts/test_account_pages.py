"""/account/: profile, data export, deletion, the header link."""

import json

from django.core import mail
from django.db import transaction
from django.dispatch import receiver

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount

from membership.accounts.signals import account_deleting, collect_personal_data
from membership.models import User
from tests.membership.accounts.conftest import PASSWORD, make_reader

pytestmark = pytest.mark.django_db


def reauthenticate(client) -> None:
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def test_account_page_needs_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/?next=/account/"


def test_account_page_shows_profile_slots_and_is_never_cached(client, signed_in):
    response = client.get("/account/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "reader@example.org" in html
    assert 'value="Olena"' in html
    assert "Your membership" in html
    assert "You are not a member yet" in html  # the membership slot's default
    assert "Newsletters" in html
    assert "no-store" in response["Cache-Control"]


def test_profile_name_can_be_changed(client, signed_in):
    response = client.post("/account/", {"first_name": "Olha", "last_name": "Kovalenko"})
    assert response.status_code == 302
    signed_in.refresh_from_db()
    assert (signed_in.first_name, signed_in.last_name) == ("Olha", "Kovalenko")


def test_profile_rejects_bad_input_and_changes_nothing(client, signed_in):
    response = client.post("/account/", {"first_name": "x" * 200, "last_name": "K"})
    assert response.status_code == 400
    assert b"Ensure this value has at most 150 characters" in response.content
    signed_in.refresh_from_db()
    assert signed_in.first_name == "Olena"


def test_data_export_holds_the_readers_data_and_no_one_elses(client, signed_in):
    other = make_reader("someone.else@example.org", first_name="Petro")
    SocialAccount.objects.create(user=signed_in, provider="google", uid="g-123")
    SocialAccount.objects.create(user=other, provider="google", uid="g-999")
    Authenticator.objects.create(
        user=signed_in, type=Authenticator.Type.TOTP, data={"secret": "TOPSECRET"}
    )

    reauthenticate(client)  # the export asks for it
    response = client.post("/account/data/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == "reader@example.org"
    assert data["profile"]["first_name"] == "Olena"
    assert data["email_addresses"] == [
        {"email": "reader@example.org", "verified": True, "primary": True}
    ]
    assert [a["uid"] for a in data["connected_accounts"]] == ["g-123"]
    assert [f["type"] for f in data["second_factors"]] == ["totp"]
    raw = response.content.decode()
    for foreign in ["someone.else", "Petro", "g-999", "TOPSECRET"]:
        assert foreign not in raw
    assert "password" not in data["profile"]


def test_data_export_includes_sections_from_other_apps(client, signed_in):
    @receiver(collect_personal_data)
    def newsletters(sender, user, **kwargs):
        return {"newsletters": [f"weekly for {user.email}"]}

    try:
        reauthenticate(client)
        data = json.loads(client.post("/account/data/").content)
    finally:
        collect_personal_data.disconnect(newsletters)
    assert data["newsletters"] == ["weekly for reader@example.org"]


def test_data_export_is_post_only_and_signed_in_only(client, reader):
    assert client.post("/account/data/").status_code == 302  # to sign-in
    client.force_login(reader)
    assert client.get("/account/data/").status_code == 405


def test_deletion_asks_to_reauthenticate_first(client, signed_in):
    response = client.get("/account/delete/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post("/account/delete/", {"confirm": "on"})
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert User.objects.filter(pk=signed_in.pk).exists()


def test_deletion_explains_membership_and_needs_confirming(client, signed_in):
    reauthenticate(client)
    response = client.get("/account/delete/")
    assert response.status_code == 200
    assert b"You have no active membership, so there is nothing to cancel" in response.content

    response = client.post("/account/delete/", {})
    assert response.status_code == 400
    assert b"Tick the box to confirm" in response.content
    assert User.objects.filter(pk=signed_in.pk).exists()


def test_deletion_removes_personal_data_and_signs_out(client, signed_in, home):
    SocialAccount.objects.create(user=signed_in, provider="google", uid="g-123")
    reauthenticate(client)
    seen = []

    @receiver(account_deleting)
    def cancel_membership(sender, user, **kwargs):
        # Receivers run before deletion, while the user and their rows exist.
        seen.append((user.email, EmailAddress.objects.filter(user=user).count()))

    try:
        response = client.post("/account/delete/", {"confirm": "on"}, follow=True)
    finally:
        account_deleting.disconnect(cancel_membership)

    assert seen == [("reader@example.org", 1)]
    assert b"Your account and personal data have been deleted" in response.content
    assert not User.objects.filter(email="reader@example.org").exists()
    assert not EmailAddress.objects.filter(email="reader@example.org").exists()
    assert not SocialAccount.objects.filter(uid="g-123").exists()
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302


def test_a_failing_deletion_hook_changes_nothing(client, signed_in):
    reauthenticate(client)

    @receiver(account_deleting)
    def refuse(sender, user, **kwargs):
        EmailAddress.objects.filter(user=user).delete()
        raise RuntimeError("payment provider unreachable")

    try:
        with pytest.raises(RuntimeError):
            client.post("/account/delete/", {"confirm": "on"})
    finally:
        account_deleting.disconnect(refuse)
    assert User.objects.filter(pk=signed_in.pk).exists()
    assert EmailAddress.objects.filter(user=signed_in).exists()


def test_staff_cannot_delete_themselves_here(client):
    editor = make_reader("editor@example.org", is_staff=True)
    client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    reauthenticate(client)
    response = client.post("/account/delete/", {"confirm": "on"})
    assert response.status_code == 403
    assert User.objects.filter(pk=editor.pk).exists()


def test_header_shows_sign_in_or_the_account(client, home, reader):
    html = client.get(home.url).content.decode()
    assert '<a href="/accounts/login/code/">Sign in</a>' in html
    client.force_login(reader)
    client.cookies["signedin"] = "1"  # as signing in sets it (test_signed_in_marker.py)
    html = client.get(home.url).content.decode()
    assert '<a href="/account/">Your account' in html
    assert "Sign in</a>" not in html


def test_sign_in_screens_use_the_site_layout(client):
    for url in [
        "/accounts/login/",
        "/accounts/login/code/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert 'class="site-header"' in html, url
        assert "/static/css/site.css" in html, url
        assert 'class="form"' in html, url
        assert "<label" in html, url


def test_account_email_is_sent_only_if_the_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    # Django's test runner swaps in the in-memory backend; put the production
    # one back, delivering to that in-memory outbox.
    settings.EMAIL_BACKEND = "newsroom.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives("s", "b", "from@example.org", ["a@example.org"])
    message.attach_alternative("<p>b</p>", "text/html")

    def queue_then_fail():
        with transaction.atomic():
            message.send()
            raise RuntimeError

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        queue_then_fail()
    assert callbacks == []
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            message.send()
        assert mail.outbox == []  # queued, not sent, until the commit
    assert len(callbacks) == 1
    assert mail.outbox[0].to == ["a@example.org"]
    assert "<p>b</p>" in mail.outbox[0].message().as_string()  # the HTML part


def test_signed_in_screens_use_the_site_layout(client, signed_in):
    reauthenticate(client)
    for url in [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
        "/accounts/reauthenticate/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'class="site-header"' in response.content.decode(), url
