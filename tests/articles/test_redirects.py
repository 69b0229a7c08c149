from django.conf import settings

import pytest

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_automatic_redirects_are_on():
    assert settings.WAGTAILREDIRECTS_AUTO_CREATE is True


def test_changing_a_published_slug_keeps_the_old_link_working(
    client, section, django_capture_on_commit_callbacks
):
    article = publish(ArticlePageFactory(parent=section, slug="first-slug"))
    assert client.get("/world/first-slug/").status_code == 200

    article.slug = "better-slug"
    # Wagtail creates the redirect once the publication is committed.
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)

    response = client.get("/world/first-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/world/better-slug/"
    assert client.get(response["Location"]).status_code == 200


def test_renaming_a_section_redirects_its_articles(
    client, section, django_capture_on_commit_callbacks
):
    article = publish(ArticlePageFactory(parent=section, slug="story"))
    section.slug = "international"
    with django_capture_on_commit_callbacks(execute=True):
        publish(section)

    response = client.get("/world/story/")
    assert response.status_code == 301
    assert response["Location"] == "/international/story/"
    assert client.get("/world/").status_code == 301
    article.refresh_from_db()
    assert article.get_url() == "/international/story/"
