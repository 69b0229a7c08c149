"""Appeals by articles-read rule: the variants' counters summed per rule."""

import pytest

from membership.models import Placement
from tests.membership.appeals.test_reports import audience_client, read_csv, stat  # noqa: F401

pytestmark = pytest.mark.django_db

RULES = "/admin/reports/membership/appeal_rules/"


@pytest.fixture
def by_rule(make_appeal, article):
    anyone = make_appeal(name="Any")
    regular_a = make_appeal(name="Regular A", min_articles_read=5)
    regular_b = make_appeal(name="Regular B", min_articles_read=5)
    new = make_appeal(name="New", min_articles_read=0, max_articles_read=2)
    banner = make_appeal(name="Banner", placement=Placement.BANNER)
    stat(anyone, article.pk, impressions=1000, clicks=10, conversions=1)
    stat(regular_a, article.pk, impressions=300, clicks=30, conversions=3)
    stat(regular_b, article.pk, impressions=100, clicks=5, conversions=1)
    stat(regular_b, article.pk, day="2026-10-01", impressions=50, clicks=1)
    stat(new, article.pk, impressions=200, clicks=2)
    stat(banner, 0, impressions=5000, clicks=50, conversions=5)


def test_conversions_per_rule(audience_client, by_rule):  # noqa: F811
    query = {"export": "csv", "placement": "end", "day_from": "2026-11-01"}
    rows = read_csv(audience_client.get(RULES, query))
    assert rows[0] == [
        "Articles read",
        "Variants",
        "Impressions",
        "Clicks",
        "Conversions",
        "CTR (%)",
        "Conversion rate (%)",
    ]
    assert sorted(rows[1:]) == sorted(
        [
            ["At most 2 articles read", "1", "200", "2", "0", "1.0", "0.0"],
            ["5+ articles read", "2", "400", "35", "4", "8.75", "1.0"],
            ["Any reader", "1", "1000", "10", "1", "1.0", "0.1"],
        ]
    )


def test_the_rules_report_page_opens(audience_client, by_rule):  # noqa: F811
    page = audience_client.get(RULES)
    assert page.status_code == 200
    assert b"5+ articles read" in page.content
