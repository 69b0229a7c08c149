"""The members report: search, filters, CSV and XLSX exports, query count."""

import csv
import io

from django.core.management import call_command

import pytest
from openpyxl import load_workbook

from tests.membership.reports.conftest import ADMIN_CHECKS, ADMIN_PAGE, make_membership, utc

pytestmark = pytest.mark.django_db

URL = "/admin/audience/members/"

# The report: the count, the tiers for the filter, one page of memberships
# with their users, tiers and source pages (3).
MEMBERS_REPORT_QUERIES = ADMIN_PAGE + 3
# An export: the admin's checks and the memberships.
MEMBERS_EXPORT_QUERIES = ADMIN_CHECKS + 1


@pytest.fixture
def roster(report_tiers):
    supporter, sustainer = report_tiers["supporter"], report_tiers["sustainer"]
    return {
        "ana": make_membership(
            email="ana@example.org", tier=supporter, started=utc(2026, 1, 5, 12)
        ),
        "ben": make_membership(
            email="ben@example.org",
            tier=sustainer,
            interval="year",
            amount=10000,
            status="past_due",
            started=utc(2026, 2, 1, 9),
        ),
        "cleo": make_membership(
            email="cleo@news.example.com",
            tier=supporter,
            amount=1234,  # a custom amount
            currency="eur",
            status="canceled",
            started=utc(2025, 6, 1),
            ended=utc(2026, 1, 1),
        ),
    }


def emails(response) -> list[str]:
    return [m.member.user.email for m in response.context["object_list"]]


@pytest.fixture
def audience_client(client, staff_in):
    client.force_login(staff_in("Audience"))
    return client


def test_lists_memberships_newest_first(audience_client, roster):
    response = audience_client.get(URL)
    assert response.status_code == 200
    assert emails(response) == ["ben@example.org", "ana@example.org", "cleo@news.example.com"]
    html = response.content.decode()
    assert "$100 / year" in html
    assert "$8.33" in html  # per month
    assert "€12.34 / month" in html


def test_search_by_email(audience_client, roster):
    assert emails(audience_client.get(URL, {"q": "EXAMPLE.ORG"})) == [
        "ben@example.org",
        "ana@example.org",
    ]
    assert emails(audience_client.get(URL, {"q": "cleo@"})) == ["cleo@news.example.com"]
    assert emails(audience_client.get(URL, {"q": "nobody"})) == []


def test_filters_by_status_tier_and_frequency(audience_client, roster, report_tiers):
    assert emails(audience_client.get(URL, {"status": "past_due"})) == ["ben@example.org"]
    assert emails(audience_client.get(URL, {"status": ["active", "canceled"]})) == [
        "ana@example.org",
        "cleo@news.example.com",
    ]
    supporter = report_tiers["supporter"].pk
    assert emails(audience_client.get(URL, {"tier": supporter})) == [
        "ana@example.org",
        "cleo@news.example.com",
    ]
    assert emails(audience_client.get(URL, {"interval": "year"})) == ["ben@example.org"]
    assert emails(audience_client.get(URL, {"tier": supporter, "status": "active"})) == [
        "ana@example.org"
    ]


def test_a_bad_filter_value_is_ignored_with_a_message_not_an_error(audience_client, roster):
    response = audience_client.get(URL, {"status": "nonsense", "tier": "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_csv_export_has_one_row_per_filtered_membership(audience_client, roster):
    response = audience_client.get(URL, {"export": "csv", "q": "example.org"})
    assert response["Content-Type"] == "text/csv"
    assert 'filename="members-' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["Email"], r["Status"], r["Tier"], r["Frequency"]) for r in rows] == [
        ("ben@example.org", "past_due", "Sustainer", "year"),
        ("ana@example.org", "active", "Supporter", "month"),
    ]
    ben = rows[0]
    assert (ben["Amount per interval"], ben["Currency"], ben["Per month"]) == (
        "100.00",
        "usd",
        "8.33",
    )
    assert ben["Started"] == "2026-02-01T09:00:00+00:00"


def test_xlsx_export_is_a_workbook_with_the_same_rows(audience_client, roster):
    response = audience_client.get(URL, {"export": "xlsx", "status": ["active", "canceled"]})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Email", "Name", "Status", "Tier")
    data = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [(r["Email"], r["Per month"]) for r in data] == [
        ("ana@example.org", 5),
        ("cleo@news.example.com", 12.34),
    ]


@pytest.mark.parametrize("count", [3, 40])
def test_report_and_export_run_a_fixed_number_of_queries(
    audience_client, report_tiers, count, django_assert_num_queries
):
    for n in range(count):
        make_membership(tier=report_tiers["supporter" if n % 2 else "sustainer"])
    audience_client.get(URL)  # warm caches (content types, site root paths)
    with django_assert_num_queries(MEMBERS_REPORT_QUERIES):
        assert audience_client.get(URL, {"q": "example", "status": "active"}).status_code == 200
    with django_assert_num_queries(MEMBERS_EXPORT_QUERIES):
        response = audience_client.get(URL, {"export": "csv"})
        assert len(b"".join(response.streaming_content).splitlines()) == count + 1


def test_csv_cells_from_readers_cannot_be_formulas(audience_client, roster):
    user = roster["ana"].member.user
    user.first_name, user.last_name = '=HYPERLINK("http://x")', "+1"
    user.save()
    roster["ana"].appeal = "@SUM(A1)"
    roster["ana"].save()
    response = audience_client.get(URL, {"export": "csv", "q": "ana@"})
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Name"] == '\'=HYPERLINK("http://x") +1'
    assert row["Appeal"] == "'@SUM(A1)"
    assert row["Email"] == "ana@example.org"


def test_the_command_writes_the_reports_csv(audience_client, roster):
    """One export for both: the download and ``manage.py export_members``
    give the same file for the same memberships (here: all, oldest first)."""
    response = audience_client.get(URL, {"export": "csv", "ordering": "started_at"})
    downloaded = b"".join(response.streaming_content).decode()
    out = io.StringIO()
    call_command("export_members", stdout=out)
    by_command = out.getvalue()
    assert len(downloaded.splitlines()) == 4
    assert sorted(by_command.splitlines()) == sorted(downloaded.splitlines())
    assert by_command.splitlines()[0] == downloaded.splitlines()[0]
