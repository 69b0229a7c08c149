"""A section front: its newest story as the lead, then a list with
standfirsts and thumbnails, then pages at real ?page=N addresses."""

import pytest

from articles import listings
from articles.models import ArticlePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_the_newest_leads_then_a_list_with_standfirsts_then_pages(client, section):
    articles = [ArticlePageFactory(parent=section) for _ in range(listings.PER_PAGE + 2)]
    articles[1].kicker = ArticlePage.Kicker.OPINION
    articles[1].save_revision().publish()

    first = client.get("/world/").content.decode()
    lead = first.split('class="section-lead"')[1].split("</section>")[0]
    assert articles[0].title in lead
    assert 'class="card card--lead"' in lead
    rows = first.split('class="story-list story-list--section"')[1].split("</ul>")[0]
    assert rows.count('class="story story--picture"') == listings.PER_PAGE - 1
    for article in articles[1 : listings.PER_PAGE]:
        assert article.standfirst in rows
    assert '<span class="label label--opinion">Opinion</span>' in rows
    assert 'rel="next" href="?page=2"' in first

    second = client.get("/world/?page=2").content.decode()
    assert 'class="section-lead"' not in second  # only the first page has a lead
    assert articles[-2].title in second
    assert articles[-1].title in second
    assert 'rel="prev" href="?page=1"' in second
    assert client.get("/world/?page=3").status_code == 404
