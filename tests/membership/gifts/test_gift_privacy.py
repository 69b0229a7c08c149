"""Gift memberships in "download my data" and "delete my account"."""

import pytest

from membership.models import GiftMembership
from membership.privacy import keep_records_without_the_reader, membership_data

pytestmark = pytest.mark.django_db


def test_given_and_received_gifts_are_exported_then_forgotten(client, reader, buy):
    received = buy(buyer_email="giver@example.com", recipient_email=reader.email)  # a guest
    client.force_login(reader)
    given = buy(buyer_email=reader.email, recipient_email="bea@example.org")
    assert client.post(f"/membership/gift/claim/{received.claim_token}/").status_code == 302

    data = membership_data(sender=None, user=reader)
    assert [g["recipient_email"] for g in data["gift_memberships_given"]] == ["bea@example.org"]
    assert data["gift_memberships_given"][0]["message"] == "Happy birthday, Bea!"
    assert [(g["tier"], g["months"]) for g in data["gift_memberships_received"]] == [
        ("Sustainer", 3)
    ]

    keep_records_without_the_reader(sender=None, user=reader)
    given.refresh_from_db()
    received.refresh_from_db()
    assert (given.buyer, given.buyer_email) == (None, "")
    assert given.recipient_email == "bea@example.org"  # still theirs to claim
    assert (received.claimed_by, received.recipient_email) == (None, "")
    assert GiftMembership.objects.count() == 2  # kept for the books
