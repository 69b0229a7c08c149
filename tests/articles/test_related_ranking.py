""" "Related" ranks a few candidates, not every article, and loses none.

``listings.related_articles`` reads the picks, the newest articles sharing a
tag and the newest in the section from indexes, and ranks only those. Each
case here is checked against the ranking written out in Python over every
article of the site: picks in the editor's order, then articles sharing a
tag, then the rest of the section, newest first, nothing a reader cannot see.
"""

import random
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from articles import listings
from articles.models import ArticlePage
from tests.articles.test_indexes import any_plan
from tests.factories import ArticlePageFactory, SectionPageFactory

TAGS = ["Energy", "Sanctions", "Diplomacy"]


def expected(article, limit: int = 4) -> list[int]:
    """Every public article but this one, ranked as the docstring says."""
    picks = [link.article_id for link in article.related_links.order_by("sort_order")]
    tags = set(article.tags.values_list("pk", flat=True))
    ranked = []
    for other in ArticlePage.objects.public().exclude(pk=article.pk):
        sibling = other.path[: -other.steplen] == article.path[: -article.steplen]
        shares = bool(tags & set(other.tags.values_list("pk", flat=True)))
        if other.pk in picks:
            rank = (0, picks.index(other.pk))
        elif shares:
            rank = (1, 0)
        elif sibling:
            rank = (2, 0)
        else:
            continue
        ranked.append((rank, -other.first_published_at.timestamp(), -other.pk, other.pk))
    return [row[-1] for row in sorted(ranked)[:limit]]


def site_of(section, seed: int):
    """A section of 14 articles and another of 6, with random dates, tags,
    picks, one unpublished and one restricted article; returns the articles."""
    rng = random.Random(seed)
    elsewhere = SectionPageFactory(parent=section.get_parent())
    start = timezone.now() - timedelta(days=30)
    articles = []
    for n in range(20):
        parent = section if n < 14 else elsewhere
        tags = rng.sample(TAGS, rng.choice([0, 0, 1, 2]))
        # Dates in random order, some equal: the tie is broken by id.
        published = start + timedelta(hours=rng.randrange(12))
        articles.append(ArticlePageFactory(parent=parent, tags=tags, first_published_at=published))
    rng.choice(articles[:14]).unpublish()
    restricted = rng.choice(articles)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    for article in articles:
        for n, picked in enumerate(rng.sample(articles, rng.choice([0, 1, 2, 4]))):
            if picked != article:
                article.related_links.create(article=picked, sort_order=n)
    return articles


@pytest.mark.parametrize("seed", range(4))
def test_related_is_the_best_four_of_every_article(section, seed):
    articles = site_of(section, seed)
    for article in ArticlePage.objects.public().filter(pk__in=[a.pk for a in articles]):
        related = [a.pk for a in listings.related_articles(article)]
        assert related == expected(article), f"seed {seed}, article {article.pk}"


def test_a_preview_ranks_its_unsaved_picks_the_same_way(section):
    articles = site_of(section, seed=7)
    article = ArticlePage.objects.public().get(pk=articles[0].pk)
    article.related_links.all().delete()
    chosen = [a for a in articles[5:8] if a.live]
    preview = ArticlePage.objects.get(pk=article.pk)
    for picked in chosen:  # held in memory, as the editor's preview has them
        preview.related_links.add(preview.related_links.model(article=picked))
    related = [a.pk for a in listings.related_articles(preview)]
    public = set(ArticlePage.objects.public().values_list("pk", flat=True))
    picks = [a.pk for a in chosen if a.pk in public]
    assert related[: len(picks)] == picks


def related_sql(article) -> str:
    """The SQL of the cards' query behind "Related", as the page runs it."""
    with CaptureQueriesContext(connection) as captured:
        listings.related_articles(article)
    return next(q["sql"] for q in captured.captured_queries if '"shares_tag"' in q["sql"])


def test_related_reads_no_whole_table(section):
    """Ranking every article read every article row: 13 ms on SQLite at 5,000
    articles. With PostgreSQL's sequential scans off, a plan that still has
    one has no index to use."""
    sql = related_sql(site_of(section, seed=1)[0])
    plan = any_plan(sql)
    for table in ("articles_articlepage", "wagtailcore_page"):
        assert f"SCAN {table}" not in plan, plan  # SQLite
        assert f"Seq Scan on {table}" not in plan, plan  # PostgreSQL
