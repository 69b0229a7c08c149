"""Only a signed-in reader skips the page cache: a reader who signed out but
still carries an old ``sessionid`` cookie gets cached pages again, and a
signed-in reader never gets the cached anonymous page.

The marker (``articles.cache.signed_in.SIGNED_IN_COOKIE``) is set by the response
to signing in through allauth and deleted by the response to signing out.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from articles.cache.signed_in import SIGNED_IN_COOKIE
from tests.factories import ArticlePageFactory
from tests.membership.conftest import READER_PASSWORD, reader  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(section):
    return ArticlePageFactory(parent=section, title="Harbour talks resume")


def sign_in(client, user) -> None:
    response = client.post("/accounts/login/", {"login": user.email, "password": READER_PASSWORD})
    assert response.status_code == 302, response.content
    marker = response.cookies[SIGNED_IN_COOKIE]
    assert marker.value == "1"
    assert marker["httponly"]


def test_a_stale_session_cookie_after_signing_out_gets_cache_hits(client, story, reader):  # noqa: F811
    assert client.get(story.url)["X-Page-Cache"] == "miss"  # a cookie-less reader stores it
    sign_in(client, reader)
    stale = client.cookies["sessionid"].value
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response.cookies[SIGNED_IN_COOKIE]["max-age"] == 0  # the marker is deleted
    client.cookies.clear()
    client.cookies["sessionid"] = stale  # the browser kept the old session cookie

    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Sign in" in response.content.decode()


def test_a_signed_in_reader_never_gets_the_cached_anonymous_page(client, story, reader):  # noqa: F811
    assert client.get(story.url)["X-Page-Cache"] == "miss"
    assert client.get(story.url)["X-Page-Cache"] == "hit"
    sign_in(client, reader)
    response = client.get(story.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Your account" in response.content.decode()
    # Signing out deletes the marker; once the "signed out" message is shown,
    # the anonymous page is served again.
    client.post("/accounts/logout/", follow=True)
    assert not client.cookies[SIGNED_IN_COOKIE].value
    assert client.get(story.url)["X-Page-Cache"] == "hit"


def test_a_session_that_signed_in_without_the_marker_gets_it_on_a_rendered_page(
    client,
    story,
    reader,  # noqa: F811
):
    client.force_login(reader)  # e.g. signed in before the marker existed
    response = client.get("/account/")
    assert response.cookies[SIGNED_IN_COOKIE].value == "1"
    response = client.get(story.url)
    assert "X-Page-Cache" not in response
    assert "Your account" in response.content.decode()


def test_a_page_rendered_for_a_stale_session_is_not_stored(client, story):
    client.cookies["sessionid"] = "not-a-session"
    response = client.get(story.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    client.cookies.clear()
    assert client.get(story.url)["X-Page-Cache"] == "miss"
