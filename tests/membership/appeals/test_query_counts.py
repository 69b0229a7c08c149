"""Appeals cost reader pages no query per appeal: the live appeals come from
the cache, and a signed-in reader's audience is one query."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from membership.appeals.selection import live_appeals
from membership.models import Audience, Placement, Tier
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


def count(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_appeals(make_appeal, section, n: int) -> None:
    for i in range(n):
        for audience in Audience.values:
            make_appeal(
                name=f"{audience} {i}",
                audience=audience,
                placement=[Placement.END, Placement.INLINE, Placement.BANNER][i % 3],
                after_paragraph=1,
                sections=[section] if i % 2 else [],
                goal=1000 if i == 0 else None,
            )


def test_article_page_queries_do_not_grow_with_appeals(client, section, article, make_appeal):
    add_appeals(make_appeal, section, 1)
    client.get(article.url)  # warm up: renditions, the appeals cache
    few, html = count(client, article.url)
    assert 'data-appeal-placement="end"' in html
    add_appeals(make_appeal, section, 9)
    client.get(article.url)
    many, html = count(client, article.url)
    assert html.count("data-appeal-id=") >= 10
    assert few == many


def test_signed_in_article_page_queries_do_not_grow_with_appeals(
    reader_client, section, article, make_appeal
):
    client = reader_client("canceled")
    add_appeals(make_appeal, section, 1)
    client.get(article.url)
    few, _ = count(client, article.url)
    add_appeals(make_appeal, section, 9)
    client.get(article.url)
    many, html = count(client, article.url)
    assert 'data-audience="lapsed"' in html
    assert few == many


def test_appeals_add_no_query_to_a_warm_anonymous_page(client, section, article, make_appeal):
    client.get(article.url)
    before, _ = count(client, article.url)
    add_appeals(make_appeal, section, 3)
    client.get(article.url)
    after, html = count(client, article.url)
    assert "data-appeal-id=" in html
    assert after == before


# The appeals, each with its tier, sections and goal's count of new members,
# and the active tiers and their prices in every currency (the end-of-article
# ask's preset amounts) as two columns.
LIVE_APPEALS_QUERIES = 1


def test_the_live_appeals_are_read_in_one_query(section, make_appeal, tiers):
    """However many appeals and sections (see LIVE_APPEALS_QUERIES)."""
    add_appeals(make_appeal, section, 4)
    two = SectionPageFactory(parent=section.get_parent())
    make_appeal(name="Both sections", sections=[section, two], goal=500)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        appeals = live_appeals()
    assert len(queries) == LIVE_APPEALS_QUERIES
    assert len(appeals) == 4 * len(Audience.values) + 1
    both = next(a for a in appeals if a.heading and a.section_ids == {section.pk, two.pk})
    assert both.progress.goal == 500
    assert both.progress.count == 0
    assert sum(1 for a in appeals if a.progress) == len(Audience.values) + 1
    assert sum(1 for a in appeals if a.section_ids == {section.pk}) == 2 * len(Audience.values)
    # The preset amounts are the active tiers', in the join page's order.
    joining = [p.label for p in both.presets if p.frequency == "month"]
    assert joining == [t.monthly_label() for t in Tier.objects.active().order_by("sort_order")]
    assert joining
