"""An appeal can ask readers to give a membership: its button leads to the
gift form (with the appeal's tier chosen), and a gift bought through it
counts as the appeal's conversion, once."""

import pytest

from membership.appeals.selection import eligible
from membership.models import AppealStat, GiftMembership
from tests.membership.conftest import session_id_from

pytestmark = pytest.mark.django_db


def test_the_button_leads_to_the_gift_form(make_appeal, tiers, article):
    make_appeal(target="gift", cta_label="Give a membership", tier=tiers["sustainer"])
    (appeal,) = eligible("end", "anonymous", None)
    url = appeal.url(article.pk)
    assert url.startswith("/membership/gift/?tier=sustainer&appeal=")


def test_the_ask_offers_the_gift_form_not_amounts_to_join(client, make_appeal, tiers, article):
    make_appeal(target="gift", cta_label="Give a membership")
    html = client.get(article.url).content.decode()
    ask = html[html.index('class="appeal appeal--end"') :]
    ask = ask[: ask.index("</p>", ask.index("appeal__cta"))]
    assert "/ month" not in ask
    assert " once" not in ask
    assert 'class="button appeal__cta" href="/membership/gift/?' in ask


def test_the_gift_form_keeps_the_appeal_and_counts_the_conversion_once(
    client, make_appeal, tiers, article, fake_stripe, deliver
):
    appeal = make_appeal(target="gift", cta_label="Give a membership")
    page = client.get("/membership/gift/", {"appeal": appeal.pk, "article": article.pk})
    html = page.content.decode()
    assert f'name="appeal" value="{appeal.pk}"' in html
    assert f'name="article" value="{article.pk}"' in html

    response = client.post(
        "/membership/gift/",
        {
            "tier": "supporter",
            "months": "12",
            "recipient_email": "bea@example.org",
            "appeal": appeal.pk,
            "article": article.pk,
        },
    )
    events = fake_stripe.complete_checkout(session_id_from(response["Location"]))
    deliver(events + events)

    gift = GiftMembership.objects.get()
    assert (gift.source_appeal_id, gift.source_page_id, gift.amount) == (
        appeal.pk,
        article.pk,
        6000,
    )
    stats = AppealStat.objects.values_list("appeal_id", "page_id", "conversions")
    assert list(stats) == [(appeal.pk, article.pk, 1)]
