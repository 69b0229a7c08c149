"""What staff see on the audience reports (issue 17): axis labels a person
can read, dates as dates, downloads in plain sight, no footnote that points
into the repository, no page search offered to a group that cannot use it,
and the appeals summary on the dashboard. Figures are worked out by hand."""

import datetime

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from membership.models import Appeal, AppealStat, Placement
from membership.reports.chart import bar_chart
from tests.membership.reports.conftest import make_membership, utc

pytestmark = pytest.mark.django_db


def tick_labels(values: list[float]) -> list[str]:
    points = [(str(n), v) for n, v in enumerate(values)]
    chart = bar_chart("c", "t", points, lambda v: f"{v:g}", whole_numbers=True)
    return [tick.label for tick in chart.ticks]


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        ([0, 1, 1], ["0", "1"]),  # was 0, 0, 1 (0.5 rounded)
        ([0, 0, 0], ["0", "1"]),
        ([1, 2], ["0", "1", "2"]),
        ([3, 1], ["0", "5"]),  # 2.5 is no head count
        ([7], ["0", "5", "10"]),
        ([180, 12], ["0", "100", "200"]),
    ],
)
def test_member_counts_get_whole_distinct_ticks(values, labels):
    assert tick_labels(values) == labels


def test_members_chart_axis_for_one_member(client, staff_in):
    make_membership(started=timezone.now() - datetime.timedelta(days=40))
    client.force_login(staff_in("Audience"))
    html = client.get("/admin/audience/by-month/").content.decode()
    svg = BeautifulSoup(html, "html.parser").find(id="members-chart-title").parent.svg
    axis = [t.get_text() for t in svg.find_all("text", attrs={"text-anchor": "end"})]
    assert axis == ["0", "1"]


def test_trends_footnote_explains_instead_of_pointing_into_the_repository(client, staff_in):
    client.force_login(staff_in("Audience"))
    html = client.get("/admin/audience/by-month/").content.decode()
    assert "docs/" not in html
    assert ".md" not in html
    assert "A member counts in a month" in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/audience/members/",
        "/admin/audience/by-month/",
        "/admin/audience/stripe-events/",
        "/admin/reports/membership/appeals/",
        "/admin/reports/membership/articles/",
        "/admin/reports/membership/sections/",
    ],
)
def test_downloads_are_buttons_in_the_header_not_in_the_more_menu(client, staff_in, url):
    client.force_login(staff_in("Audience"))
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    for fmt in ("csv", "xlsx"):
        links = [a for a in soup.find_all("a") if f"export={fmt}" in a.get("href", "")]
        assert links, fmt
        for link in links:
            assert not link.find_parent(attrs={"data-controller": "w-dropdown"})
            assert link.get_text(strip=True) == f"Download {fmt.upper()}"


def test_dates_are_dates_not_just_now(client, staff_in):
    make_membership(started=timezone.now() - datetime.timedelta(minutes=2))
    make_membership(started=utc(2026, 1, 5, 12))
    client.force_login(staff_in("Audience"))
    html = client.get("/admin/audience/members/").content.decode()
    text = " ".join(BeautifulSoup(html, "html.parser").get_text().split())
    assert "Just now" not in text
    assert "ago" not in text
    assert "5 Jan 2026" in text
    assert timezone.localtime().strftime("%-d %b %Y") in text


def test_audience_dashboard_offers_no_page_search_it_cannot_use(client, staff_in):
    client.force_login(staff_in("Audience"))
    html = client.get("/admin/").content.decode()
    assert "Search all pages" not in html
    client.force_login(staff_in("Editors"))
    assert "Search all pages" in client.get("/admin/").content.decode()


def test_dashboard_appeals_panel_sums_the_last_30_days(client, staff_in):
    today = timezone.localdate()
    a = Appeal.objects.create(name="End copy A", heading="h", body="<p>b</p>", cta_label="Join")
    b = Appeal.objects.create(
        name="Banner B", heading="h", body="<p>b</p>", cta_label="Join", placement=Placement.BANNER
    )
    for appeal, days_ago, page, shown, clicked, joined in [
        (a, 1, 10, 1000, 40, 4),
        (a, 5, 11, 500, 10, 2),
        (b, 2, 10, 3000, 30, 3),
        (a, 31, 10, 9000, 900, 90),  # outside the 30 days
    ]:
        AppealStat.objects.create(
            day=today - datetime.timedelta(days=days_ago),
            appeal=appeal,
            page_id=page,
            impressions=shown,
            clicks=clicked,
            conversions=joined,
        )
    client.force_login(staff_in("Audience"))
    html = client.get("/admin/").content.decode()
    content = BeautifulSoup(html, "html.parser").find(id="appeals-summary-content")
    panel = content.find_parent("section")
    text = " ".join(panel.get_text().split())
    # 4,500 impressions, 80 clicks, 9 conversions: 2.0 per 1,000
    assert "Membership appeals, last 30 days" in text
    assert "Impressions 4,500" in text
    assert "Clicks 80" in text
    assert "Conversions 9 (2.0 per 1,000 impressions)" in text
    # A: 6 of 1,500 = 4.0 per 1,000; B: 3 of 3,000 = 1.0 per 1,000
    rows = [" ".join(tr.get_text(" ").split()) for tr in panel.find_all("tr")[1:]]
    assert rows == ["End copy A 1,500 6 4.0", "Banner B 3,000 3 1.0"]
    assert panel.find("a", href="/admin/reports/membership/appeals/")


def test_appeals_panel_hidden_from_staff_who_cannot_see_appeals(client, staff_in):
    client.force_login(staff_in("Reporters"))
    assert 'id="appeals-summary' not in client.get("/admin/").content.decode()
