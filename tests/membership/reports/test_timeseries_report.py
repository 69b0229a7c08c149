"""Members and MRR by month: charts without script, exports, fixed queries."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from membership.months import last_months
from tests.membership.reports.conftest import ADMIN_CHECKS, ADMIN_PAGE, make_membership

pytestmark = pytest.mark.django_db

URL = "/admin/audience/by-month/"
RESULTS_URL = "/admin/audience/by-month/results/"

# The admin around the report, the tiers for the filter (1), members at each
# month's end (1), MRR at each month's end by currency and interval (1): the
# same for 12 or 24 months.
TRENDS_QUERIES = ADMIN_PAGE + 1 + 2
TRENDS_EXPORT_QUERIES = ADMIN_CHECKS + 2


@pytest.fixture
def history(report_tiers):
    """Three months ago: a dollar member joined; last month a euro member
    joined and the first one left; a yearly dollar member joined this month."""
    months = last_months(4)
    three_ago, last, this = months[0], months[2], months[3]
    make_membership(
        tier=report_tiers["supporter"],
        started=three_ago.start() + timedelta(days=2),
        ended=last.start() + timedelta(days=3),
        status="canceled",
    )
    make_membership(
        tier=report_tiers["sustainer"],
        amount=900,
        currency="eur",
        started=last.start() + timedelta(hours=1),
    )
    make_membership(
        tier=report_tiers["sustainer"],
        amount=6000,
        interval="year",
        started=min(this.start() + timedelta(minutes=1), timezone.now()),
    )
    return months


@pytest.fixture
def audience_client(client, staff_in):
    client.force_login(staff_in("Editors"))
    return client


def export_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_page_draws_one_svg_chart_per_figure_and_no_script(audience_client, history):
    response = audience_client.get(RESULTS_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="audience-chart__svg"') == 3  # members, EUR, USD
    assert "MRR in EUR at the end of each month" in html
    assert "<script" not in html
    assert "audience-chart__bar" in html
    page = audience_client.get(URL).content.decode()
    assert "css/audience-dashboard.css" in page  # colours from a stylesheet, not inline


def test_csv_export_has_a_row_per_month_with_mrr_per_currency(audience_client, history):
    three_ago, two_ago, last, this = history
    rows = export_rows(audience_client.get(URL, {"export": "csv"}))
    assert len(rows) == 12
    assert rows[-1]["Month"] == this.key
    assert list(rows[0]) == ["Month", "Counted at", "Active members", "MRR (EUR)", "MRR (USD)"]
    by_month = {r["Month"]: (r["Active members"], r["MRR (EUR)"], r["MRR (USD)"]) for r in rows}
    assert by_month[rows[0]["Month"]] == ("0", "0.00", "0.00")
    assert by_month[three_ago.key] == ("1", "0.00", "5.00")
    assert by_month[two_ago.key] == ("1", "0.00", "5.00")
    assert by_month[last.key] == ("1", "9.00", "0.00")
    assert by_month[this.key] == ("2", "9.00", "5.00")  # 60.00 a year = 5.00 a month


def test_24_months_and_a_tier_filter(audience_client, history, report_tiers):
    rows = export_rows(audience_client.get(URL, {"export": "csv", "months": "24"}))
    assert len(rows) == 24
    rows = export_rows(
        audience_client.get(URL, {"export": "csv", "tier": report_tiers["supporter"].pk})
    )
    assert list(rows[0]) == ["Month", "Counted at", "Active members", "MRR (USD)"]
    assert [r["Active members"] for r in rows[-4:]] == ["1", "1", "0", "0"]


def test_xlsx_export_is_a_workbook(audience_client, history):
    response = audience_client.get(URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Month", "Counted at", "Active members", "MRR (EUR)", "MRR (USD)")
    assert len(rows) == 13
    assert rows[-1][0] == history[-1].key
    assert (rows[-1][2], rows[-1][3], rows[-1][4]) == (2, 9, 5)


@pytest.mark.parametrize("count", [2, 60])
@pytest.mark.parametrize("months", ["12", "24"])
def test_fixed_number_of_queries_whatever_the_members_or_months(
    client, staff_in, report_tiers, count, months, django_assert_num_queries
):
    client.force_login(staff_in("Audience"))
    now = timezone.now()
    for n in range(count):
        make_membership(
            started=now - timedelta(days=13 * n + 1),
            currency="usd" if n % 3 else "eur",
            interval="month" if n % 2 else "year",
        )
    client.get(URL)  # warm caches (content types, site root paths)
    with django_assert_num_queries(TRENDS_QUERIES):
        assert client.get(URL, {"months": months}).status_code == 200
    with django_assert_num_queries(TRENDS_EXPORT_QUERIES):
        response = client.get(URL, {"months": months, "export": "csv"})
        assert len(b"".join(response.streaming_content).splitlines()) == int(months) + 1
