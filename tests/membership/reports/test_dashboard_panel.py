"""The audience panel on the admin dashboard."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

import pytest

from membership.models import Currency
from membership.months import Month
from tests.membership.reports.conftest import ADMIN_PAGE, make_gift, make_membership

pytestmark = pytest.mark.django_db

# The admin home page for an Audience member: the admin around it, Wagtail's
# own panels (workflow states, active tasks, their types, the approval-group
# check, recent edits and their pages: 6), and ours (3: memberships counted,
# MRR by currency and interval, gifts by currency; 1: the exchange rates, as
# MRR is in two currencies; 1: the appeals summary).
HOME_QUERIES = ADMIN_PAGE + 6 + 3 + 1 + 1


def panel_text(client) -> str:
    html = client.get("/admin/").content.decode()
    start = html.index('id="audience-content"')
    return " ".join(html[start : html.index("</section>", start)].split())


def test_panel_shows_the_figures(client, staff_in):
    now = timezone.now()
    this_month = Month.containing(now)
    make_membership(amount=500, started=this_month.start())
    make_membership(amount=12000, interval="year", currency="eur", status="past_due")
    make_membership(status="unpaid")
    make_membership(status="canceled", started=now - timedelta(days=400), ended=now)
    make_gift(2500, at=now)
    make_gift(1000, "eur", at=now, refunded=400, status="partially_refunded")
    client.force_login(staff_in("Audience"))

    text = panel_text(client)

    assert "Active members</dt> <dd>2</dd>" in text
    assert '€10</span><br> <span class="audience-panel__money">$5</span>' in text
    assert "no rate for EUR, left out" in text  # no rate set yet: not converted
    assert f"New members in {this_month.label}</dt> <dd>1" in text
    assert f"Churned in {this_month.label}</dt> <dd>1" in text
    assert "1 past due (still members), 1 unpaid" in text
    assert "1 · €6<br> 1 · $25" in text
    assert 'href="/admin/audience/members/?status=past_due&amp;status=unpaid">2</a>' in text


@pytest.mark.parametrize("count", [2, 50])
def test_home_page_runs_a_fixed_number_of_queries(
    client, staff_in, count, django_assert_num_queries
):
    now = timezone.now()
    for n in range(count):
        make_membership(
            started=now - timedelta(days=n),
            status=["active", "past_due", "canceled", "unpaid"][n % 4],
            ended=now - timedelta(hours=n) if n % 4 == 2 else None,
            currency="usd" if n % 3 else "eur",
        )
        make_gift(1000 + n, at=now - timedelta(days=n))
    client.force_login(staff_in("Audience"))
    client.get("/admin/")  # warm caches
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/admin/").status_code == 200


def test_panel_adds_mrr_up_at_the_operators_rate_with_its_date(client, staff_in):
    Currency.objects.create(
        code="eur",
        min_monthly_amount=300,
        min_yearly_amount=3000,
        min_gift_amount=300,
        rate=Decimal("1.08"),
        rate_date=date(2026, 11, 30),
    )
    make_membership(amount=500)
    make_membership(amount=1000, currency="eur")
    client.force_login(staff_in("Audience"))
    text = panel_text(client)
    # $5 + €10 at 1.08 = $15.80
    assert "≈ $15.80 in all</span> <small>at the rates of 30 Nov 2026</small>" in text
