"""The shared page cache never serves or stores a member's page, and personal
pages (account, join flow) tell every cache to keep out."""

import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory, make_home


@pytest.fixture
def story(db):
    section = SectionPageFactory(parent=make_home(), title="World")
    return ArticlePageFactory(parent=section, title="Harbour talks resume")


@pytest.mark.django_db
def test_a_member_is_never_served_a_shared_page_nor_stores_one(client, reader, subscribe, story):
    subscribe(reader)
    assert client.get(story.url)["X-Page-Cache"] == "miss"  # stored for anonymous readers

    client.force_login(reader)
    client.cookies["signedin"] = (
        "1"  # as signing in sets it (tests/articles/test_signed_in_marker.py)
    )
    member_view = client.get(story.url)
    assert member_view.status_code == 200
    assert "X-Page-Cache" not in member_view
    assert member_view["Cache-Control"].startswith("private")

    client.logout()
    client.cookies.clear()
    anonymous = client.get(story.url)
    assert anonymous["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/membership/join/email/?interval=month&amount=12"])
def test_join_pages_are_no_store(client, url):
    # The join page itself is stored per currency group (test_currencies.py).
    response = client.get(url)
    assert response.status_code in (200, 400)  # the email step refuses an incomplete choice
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/account/", "/account/membership/"])
def test_account_pages_are_private_and_no_store(client, reader, url):
    client.force_login(reader)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
