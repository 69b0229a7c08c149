"""The article page's "Updated" and "Corrected" marks by the byline, its lead
image caption and credit, its compact share links and "Related" as a list with
thumbnails."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from articles.cache import generations
from articles.change_marks import change_marks
from articles.image_specs import THUMBNAIL_SIZES
from articles.models import ArticleCorrection
from tests.factories import ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def marks_html(html: str) -> str:
    found = re.search(r'<p class="change-marks">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


def log(article, kind: str, date: datetime.datetime) -> None:
    ArticleCorrection.objects.create(page=article, kind=kind, date=date, text=f"A {kind}.")


def test_no_marks_without_an_update_or_a_log(client, section):
    article = ArticlePageFactory(parent=section, updated_at=None)
    html = html_of(client, article)
    assert 'class="change-marks"' not in html
    assert 'id="corrections"' not in html


def test_an_update_without_a_log_is_marked_but_links_nowhere(client, section):
    article = ArticlePageFactory(parent=section, updated_at=NOW)
    marks = marks_html(html_of(client, article))
    assert '<span class="change-mark change-mark--updated">Updated <time' in marks
    assert "href" not in marks
    assert "Corrected" not in marks


def test_a_correction_is_marked_and_links_to_the_log(client, section):
    article = ArticlePageFactory(parent=section, updated_at=None)
    log(article, "correction", NOW)
    html = html_of(client, article)
    marks = marks_html(html)
    assert '<a class="change-mark change-mark--corrected" href="#corrections">Corrected' in marks
    assert "Updated" not in marks
    assert '<section class="corrections" id="corrections"' in html


def test_an_update_in_the_log_is_not_called_a_correction(client, section):
    """The log holds updates too: one update is "Updated", linking to the log."""
    article = ArticlePageFactory(parent=section, updated_at=None)
    log(article, "update", NOW)
    marks = marks_html(html_of(client, article))
    assert '<a class="change-mark change-mark--updated" href="#corrections">Updated' in marks
    assert "Corrected" not in marks


def test_each_mark_carries_the_latest_date_of_its_kind(section):
    article = ArticlePageFactory(parent=section, updated_at=NOW - datetime.timedelta(days=3))
    log(article, "update", NOW - datetime.timedelta(days=1))
    log(article, "correction", NOW - datetime.timedelta(days=5))
    log(article, "correction", NOW - datetime.timedelta(days=2))
    article = type(article).objects.get(pk=article.pk)
    marks = change_marks(article)
    assert [(m.label, m.date, m.href) for m in marks] == [
        ("Updated", NOW - datetime.timedelta(days=1), "#corrections"),
        ("Corrected", NOW - datetime.timedelta(days=2), "#corrections"),
    ]


def test_the_marks_cost_no_query_beyond_the_log(section):
    article = ArticlePageFactory(parent=section, updated_at=NOW)
    log(article, "correction", NOW)
    article.correction_list  # noqa: B018 - the page loads it once for its head and body
    with CaptureQueriesContext(connection) as queries:
        change_marks(article)
    assert len(queries) == 0


def test_the_caption_and_the_credit_are_apart(client, section):
    article = ArticlePageFactory(
        parent=section,
        lead_image=ImageFactory(),
        lead_image_caption="Delegates arrive on Tuesday.",
        lead_image_credit="Photo: Ana Petrenko",
    )
    html = html_of(client, article)
    assert (
        '<figcaption><span class="caption">Delegates arrive on Tuesday.</span> '
        '<span class="credit">Photo: Ana Petrenko</span></figcaption>'
    ) in html


def test_a_credit_alone_makes_a_caption(client, section):
    article = ArticlePageFactory(
        parent=section,
        lead_image=ImageFactory(),
        lead_image_caption="",
        lead_image_credit="Photo: Ana Petrenko",
    )
    html = html_of(client, article)
    assert '<figcaption><span class="credit">Photo: Ana Petrenko</span></figcaption>' in html


def test_share_links_are_compact_and_the_link_to_copy_is_folded(client, section):
    article = ArticlePageFactory(parent=section)
    html = html_of(client, article)
    share = html[html.index('<div class="share">') :]
    share = share[: share.index("</div>")]
    assert '<h2 class="share__title">Share</h2>' in share
    assert share.count("<li>") == 6
    assert '<details class="share__copy"><summary>Copy link</summary>' in share
    assert f'value="{article.full_url}"' in share


def related_box(html: str) -> str:
    return html[html.index('<aside class="related ') : html.index("</aside>")]


def test_related_is_a_list_of_headlines_with_thumbnails(client, section):
    image = ImageFactory()
    article = ArticlePageFactory(parent=section)
    with_image = ArticlePageFactory(parent=section, title="With a picture", lead_image=image)
    without = ArticlePageFactory(parent=section, title="Without a picture", lead_image=None)
    article.related_links.create(article=with_image, sort_order=0)
    article.related_links.create(article=without, sort_order=1)
    article.save()
    related = related_box(html_of(client, article))
    assert '<ul class="related-list">' in related
    assert related.count("<li>") == 2
    assert related.count("<picture>") == 1
    assert f'sizes="{THUMBNAIL_SIZES}"' in related
    assert 'loading="lazy"' in related
    title = f'<a href="{with_image.url}">With a picture</a>'
    assert f'<h3 class="related-list__title">{title}</h3>' in related
    assert "Without a picture" in related


@pytest.mark.usefixtures("uncached")
def test_related_costs_the_same_queries_for_one_item_or_four(client, section):
    """Thumbnails come with the cards (their renditions prefetched): no query
    per related article."""
    images = [ImageFactory() for _ in range(2)]
    article = ArticlePageFactory(parent=section, lead_image=images[0])

    def related_queries() -> int:
        client.get(article.url)  # renditions made on the first view
        generations.purge(generations.ARTICLES)  # "Related" rendered again
        with CaptureQueriesContext(connection) as queries:
            html = html_of(client, article)
        return len(queries), related_box(html).count("<li>")

    ArticlePageFactory(parent=section, lead_image=images[1])
    one = related_queries()
    for n in range(5):
        ArticlePageFactory(parent=section, lead_image=images[n % 2])
    four = related_queries()
    assert one[1] == 1
    assert four[1] == 4
    assert one[0] == four[0]
