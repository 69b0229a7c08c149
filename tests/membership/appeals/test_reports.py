"""The appeal reports in the admin: right numbers, filters, CSV/XLSX export,
permissions, and a constant number of queries."""

import csv
import io
from datetime import date

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from openpyxl import load_workbook

from membership.models import AppealStat, Placement, User
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

APPEALS = "/admin/reports/membership/appeals/"
ARTICLES = "/admin/reports/membership/articles/"
SECTIONS = "/admin/reports/membership/sections/"


def staff(group: str) -> User:
    user = User.objects.create_user(f"{group.lower()}@example.org", password="x-long-password-1")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def audience_client(client, db):
    client.force_login(staff("Audience"))
    return client


def stat(appeal, page_id, day="2026-11-10", impressions=0, clicks=0, conversions=0):
    return AppealStat.objects.create(
        day=date.fromisoformat(day),
        appeal=appeal,
        page_id=page_id,
        impressions=impressions,
        clicks=clicks,
        conversions=conversions,
    )


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


@pytest.fixture
def numbers(make_appeal, section, article, home):
    a = make_appeal(name="End copy A")
    b = make_appeal(name="End copy B", weight=2)
    banner = make_appeal(name="Spring banner", placement=Placement.BANNER)
    stat(a, article.pk, impressions=1000, clicks=50, conversions=5)
    stat(a, article.pk, day="2026-10-31", impressions=400, clicks=4, conversions=0)
    stat(b, article.pk, impressions=500, clicks=10, conversions=1)
    stat(banner, home.pk, impressions=2000, clicks=20, conversions=2)
    return a, b, banner


def test_appeals_report_csv_has_one_row_per_variant(audience_client, numbers):
    a, b, banner = numbers
    rows = read_csv(audience_client.get(APPEALS, {"export": "csv"}))
    assert rows[0] == [
        "Appeal id",
        "Appeal",
        "Placement",
        "Audience",
        "Articles read",
        "Impressions",
        "Clicks",
        "CTR (%)",
        "Conversions",
        "Conversion rate (%)",
    ]
    anon, any_reader = "Readers who are not signed in", "Any reader"
    end, top = "End of the article", "Site-wide banner"
    assert rows[1:] == [
        [str(banner.pk), "Spring banner", top, anon, any_reader, "2000", "20", "1.0", "2", "0.1"],
        [str(a.pk), "End copy A", end, anon, any_reader, "1400", "54", "3.86", "5", "0.36"],
        [str(b.pk), "End copy B", end, anon, any_reader, "500", "10", "2.0", "1", "0.2"],
    ]  # fmt: skip


def test_appeals_report_date_range_and_filters(audience_client, numbers):
    query = {"export": "csv", "day_from": "2026-11-01", "day_to": "2026-11-30"}
    rows = read_csv(audience_client.get(APPEALS, {**query, "placement": "end"}))
    assert [(r[1], r[5], r[6], r[8]) for r in rows[1:]] == [
        ("End copy A", "1000", "50", "5"),
        ("End copy B", "500", "10", "1"),
    ]
    october = {"export": "csv", "day_from": "2026-10-01", "day_to": "2026-10-31"}
    rows = read_csv(audience_client.get(APPEALS, october))
    assert [(r[1], r[5]) for r in rows[1:]] == [
        ("End copy A", "400"),
        ("Spring banner", "0"),  # ties: by placement, then audience
        ("End copy B", "0"),
    ]
    page = audience_client.get(APPEALS, {"day_from": "2026-10-01", "audience": "member"})
    assert page.status_code == 200
    assert b"End copy A" not in page.content


def test_appeals_report_xlsx(audience_client, numbers):
    response = audience_client.get(APPEALS, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][1] == "Appeal"
    assert [row[1] for row in values[1:]] == ["Spring banner", "End copy A", "End copy B"]


def test_articles_and_sections_reports(audience_client, numbers, home, section, article):
    other_section = SectionPageFactory(parent=home, title="Politics", slug="politics")
    quiet = ArticlePageFactory(parent=other_section, title="A quiet story")
    a = numbers[0]
    stat(a, quiet.pk, impressions=3000, clicks=3, conversions=0)

    rows = read_csv(audience_client.get(ARTICLES, {"export": "csv"}))
    assert rows[0] == [
        "Page id",
        "Article",
        "Section",
        "Impressions",
        "Clicks",
        "Conversions",
        "Conversions per 1,000 impressions",
    ]
    assert rows[1:] == [
        [str(article.pk), article.title, "World", "1900", "64", "6", "3.16"],
        [str(quiet.pk), "A quiet story", "Politics", "3000", "3", "0", "0.0"],
    ]
    rows = read_csv(audience_client.get(ARTICLES, {"export": "csv", "section": section.pk}))
    assert [r[1] for r in rows[1:]] == [article.title]

    rows = read_csv(audience_client.get(SECTIONS, {"export": "csv"}))
    assert rows == [
        ["Section", "Impressions", "Clicks", "Conversions", "Conversions per 1,000 impressions"],
        ["World", "1900", "64", "6", "3.16"],
        ["Politics", "3000", "3", "0", "0.0"],
    ]


@pytest.mark.parametrize("group", ["Audience", "Editors"])
def test_reports_open_to_audience_and_editors_only(client, group, numbers):
    client.force_login(staff(group))
    for url in (APPEALS, ARTICLES, SECTIONS):
        assert client.get(url).status_code == 200
    assert b"Articles that convert" in client.get("/admin/reports/membership/appeals/").content

    reporter = staff("Reporters")
    client.force_login(reporter)
    for url in (APPEALS, ARTICLES, SECTIONS):
        assert client.get(url).status_code in (302, 403)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


def test_report_views_run_a_constant_number_of_queries(audience_client, make_appeal, section):
    urls = [
        APPEALS,
        APPEALS + "?export=csv",
        ARTICLES,
        ARTICLES + "?export=csv",
        SECTIONS,
        SECTIONS + "?export=csv",
    ]

    def add(count: int) -> None:
        for n in range(count):
            appeal = make_appeal(name=f"Variant {n}")
            page = ArticlePageFactory(parent=section)
            stat(appeal, page.pk, impressions=100 + n, clicks=n, conversions=n % 3)

    def warm_up() -> None:
        # Session, permissions, content types, and the cached site look-ups
        # that creating pages and appeals purges.
        for url in urls:
            audience_client.get(url)

    add(2)
    warm_up()
    few = {url: queries(audience_client, url) for url in urls}
    add(12)
    warm_up()
    many = {url: queries(audience_client, url) for url in urls}
    assert few == many


def test_articles_report_page_shows_titles_sections_and_rates(
    audience_client, numbers, home, section, article
):
    """The HTML table had empty Article, Section and per-1,000 cells (the CSV
    had them), and listed the home page as an article."""
    from bs4 import BeautifulSoup  # test-only helper, kept local to this test

    html = audience_client.get(ARTICLES).content
    rows = [
        [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
        for tr in BeautifulSoup(html, "html.parser").select("#listing-results table tbody tr")
    ]
    # 1000+400+500 impressions, 50+4+10 clicks, 5+0+1 conversions: 6/1900 → 3.16
    assert rows == [[article.title, "World", "1,900", "64", "6", "3.16"]]


def test_only_articles_count_as_articles(audience_client, numbers, home, section, article):
    a = numbers[0]
    stat(a, section.pk, impressions=700, clicks=7, conversions=7)
    rows = read_csv(audience_client.get(ARTICLES, {"export": "csv"}))
    assert [r[0] for r in rows[1:]] == [str(article.pk)]
    rows = read_csv(audience_client.get(SECTIONS, {"export": "csv"}))
    assert rows[1:] == [["World", "1900", "64", "6", "3.16"]]
