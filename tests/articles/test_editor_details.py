"""Smaller editor details from issue 17: the correction date defaults to now,
"Corrected" by the byline, no stray "·" before the reading time on an
unpublished preview, no "Show in menus" for articles, the appeal help text."""

from django.utils import timezone

import pytest

from articles.models import ArticleCorrection, ArticlePage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home):
    section = SectionPageFactory(parent=home, title="World", slug="world")
    return ArticlePageFactory(parent=section, title="Pilots strike")


def test_correction_date_defaults_to_now():
    before = timezone.now()
    assert before <= ArticleCorrection().date <= timezone.now()


def test_corrected_by_the_byline_only_with_corrections(client, article):
    html = client.get(article.url).content.decode()
    assert "change-mark--corrected" not in html
    ArticleCorrection.objects.create(page=article, text="An earlier version misspelt a name.")
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert '<a class="change-mark change-mark--corrected" href="#corrections">Corrected <time' in (
        html
    )


def test_unpublished_preview_has_no_stray_separator(article):
    article.first_published_at = None
    article.updated_at = None
    html = article.make_preview_request().content.decode()
    dates = " ".join(html[html.index('<p class="dates">') :].split("</p>")[0].split())
    assert dates == f'<p class="dates"> {article.reading_minutes} min read'


def test_no_show_in_menus_for_articles_and_the_appeal_help_text():
    fields = [
        getattr(child, "field_name", None)
        for panel in ArticlePage.promote_panels
        for child in getattr(panel, "children", [panel])
    ]
    assert "show_in_menus" not in fields
    assert "membership appeal" in ArticlePage._meta.get_field("body").help_text
