"""A reader who follows an appeal and pays is counted once for that appeal
and article, whichever webhooks arrive and however often."""

import random

import pytest

from membership import billing
from membership.models import AppealStat, Contribution, Membership
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db


def conversions() -> list[tuple]:
    return list(AppealStat.objects.values_list("appeal_id", "page_id", "conversions"))


def test_membership_through_an_appeal_counts_once(
    client, reader, tiers, fake_stripe, deliver, article, make_appeal
):
    appeal = make_appeal()
    client.force_login(reader)
    response = client.post(
        "/membership/join/",
        {"tier": "supporter", "interval": "month", "article": article.pk, "appeal": appeal.pk},
    )
    assert response.status_code == 303
    session_id = session_id_from(response["Location"])
    assert fake_stripe.requests[-1]["params"]["metadata"]["appeal"] == str(appeal.pk)
    events = fake_stripe.complete_checkout(session_id)

    deliver(events)
    membership = Membership.objects.get()
    assert (membership.source_appeal_id, membership.source_page_id) == (appeal.pk, article.pk)
    assert membership.conversion_counted_at is not None
    assert conversions() == [(appeal.pk, article.pk, 1)]

    # Stripe delivers again, in another order: still one conversion.
    shuffled = list(events)
    random.Random(6).shuffle(shuffled)
    deliver(shuffled)
    for event in events:  # and as brand-new deliveries of the same objects
        event["id"] += "_again"
    deliver(events)
    assert conversions() == [(appeal.pk, article.pk, 1)]


def test_counted_when_stripe_first_reports_it_paid(
    reader, tiers, fake_stripe, deliver, article, make_appeal
):
    appeal = make_appeal()
    attribution = {"source_page_id": article.pk, "appeal": str(appeal.pk)}
    url = billing.start_membership_checkout(reader, tiers["supporter"], "month", None, attribution)
    events = fake_stripe.complete_checkout(session_id_from(url))
    subscription = fake_stripe.store.get("subscription", events[0]["data"]["object"]["id"])
    subscription["status"] = "incomplete"  # the first payment needs the reader's action
    deliver(events)
    assert Membership.objects.get().status == "incomplete"
    assert conversions() == []

    subscription["status"] = "active"
    deliver([{**events[0], "id": "evt_paid_later", "type": "customer.subscription.updated"}])
    assert Membership.objects.get().status == "active"
    assert conversions() == [(appeal.pk, article.pk, 1)]


def test_gift_through_an_appeal_counts_once(client, fake_stripe, deliver, article, make_appeal):
    appeal = make_appeal(target="give")
    response = client.post(
        "/membership/give/", {"amount": "25", "article": article.pk, "appeal": appeal.pk}
    )
    assert response.status_code == 303
    events = fake_stripe.complete_checkout(session_id_from(response["Location"]))
    deliver(events)
    deliver(events)
    gift = Contribution.objects.get()
    assert (gift.source_appeal_id, gift.source_page_id) == (appeal.pk, article.pk)
    assert conversions() == [(appeal.pk, article.pk, 1)]


def test_a_label_that_is_not_an_appeal_is_kept_as_text_only(
    client, reader, tiers, fake_stripe, deliver, article
):
    client.force_login(reader)
    response = client.post(
        "/membership/join/",
        {"tier": "supporter", "interval": "month", "article": article.pk, "appeal": "footer"},
    )
    deliver(fake_stripe.complete_checkout(session_id_from(response["Location"])))
    membership = Membership.objects.get()
    assert (membership.appeal, membership.source_appeal_id) == ("footer", None)
    assert conversions() == []
