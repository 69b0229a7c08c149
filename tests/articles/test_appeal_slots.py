"""``articles.blocks.slots.appeal_slots``: where in an article's body an appeal
may go, the articles' answer to the app that places appeals."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.blocks.slots import AppealSlots, appeal_slots
from articles.models import ArticlePage, HomePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

PARAGRAPH = ("paragraph", "<p>Text.</p>")
HEADING = ("section_heading", {"heading": "A turn", "anchor": ""})


def test_the_marker_and_every_paragraph_by_block_index(section):
    body = [HEADING, PARAGRAPH, HEADING, PARAGRAPH, ("appeal_marker", None), PARAGRAPH]
    article = ArticlePage.objects.get(pk=ArticlePageFactory(parent=section, body=body).pk)
    with CaptureQueriesContext(connection) as queries:
        slots = appeal_slots(article)
    assert len(queries) == 0
    assert slots == AppealSlots(marker=4, paragraphs=(1, 3, 5))
    assert slots.after_paragraph(1) == 1
    assert slots.after_paragraph(3) == 5
    assert slots.after_paragraph(4) is None
    assert slots.after_paragraph(0) is None


def test_a_body_without_a_marker(section):
    article = ArticlePageFactory(parent=section, body=[HEADING, PARAGRAPH])
    assert appeal_slots(article) == AppealSlots(marker=None, paragraphs=(1,))


def test_a_page_without_a_body_has_no_slots(home):
    assert appeal_slots(HomePage.objects.get(pk=home.pk)) is None
