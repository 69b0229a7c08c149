"""MRR leaves out members whose payments are paused (Stripe's
``pause_collection``: no invoices while paused); the panel shows them apart.
Figures computed by hand in the comments."""

from django.utils import timezone

import pytest

from membership.models import Membership
from membership.reports import metrics
from membership.reports.money import Money
from tests.membership.reports.conftest import make_membership, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 3, 15, 12)


def pause(membership: Membership, since) -> None:
    """As the webhook that reported the pause leaves it (status stays active)."""
    Membership.objects.filter(pk=membership.pk).update(
        payments_paused=True, paused_until=utc(2026, 5, 15), stripe_synced_at=since
    )


def test_paused_members_are_not_mrr_and_are_counted_apart():
    make_membership(amount=500)
    make_membership(amount=1000)
    make_membership(amount=6000, interval="year")  # 500 a month
    pause(make_membership(amount=1000), utc(2026, 3, 10))
    pause(make_membership(amount=2400, interval="year"), utc(2026, 3, 10))  # 200 a month
    pause(make_membership(amount=800, currency="eur"), utc(2026, 3, 1))
    pause(make_membership(amount=900, status="past_due"), utc(2026, 3, 1))

    figures = metrics.snapshot(NOW)

    # Paying: 500 + 1000 + 6000 / 12 = 2000 cents; no euro MRR at all.
    assert figures.mrr == [Money("usd", 2000)]
    # Paused: 1000 + 2400 / 12 + 900 = 2100 cents; 800 euro cents.
    assert figures.paused_mrr == [Money("eur", 800), Money("usd", 2100)]
    assert figures.paused_members == 4
    assert figures.active_members == 7  # paused members keep their perks


def test_the_monthly_series_leaves_a_pause_out_from_when_it_began():
    make_membership(amount=500, started=utc(2026, 1, 5))
    paused = make_membership(amount=1000, started=utc(2026, 1, 5))
    pause(paused, utc(2026, 2, 20))
    points = metrics.monthly_series(Membership.objects.all(), 3, NOW)
    # End of January: both pay (1500); end of February and now: paused since 20 February (500).
    assert [p.mrr.get("usd") for p in points] == [1500, 500, 500]
    assert [p.active_members for p in points] == [2, 2, 2]
    # This month's point agrees with the panel.
    assert metrics.snapshot(NOW).mrr == [Money("usd", points[-1].mrr["usd"])]


def test_the_panel_shows_the_paused_members_apart(client, staff_in):
    now = timezone.now()
    make_membership(amount=500, started=now.replace(day=1))
    pause(make_membership(amount=1000, started=now.replace(day=1)), now)
    client.force_login(staff_in("Audience"))
    html = client.get("/admin/").content.decode()
    start = html.index('id="audience-content"')
    text = " ".join(html[start : html.index("</section>", start)].split())
    assert '<span class="audience-panel__money">$5</span>' in text
    assert "$10</span>" not in text
    assert "Payments paused</dt> <dd>1 <small>$10 a month on pause, not in MRR" in text
