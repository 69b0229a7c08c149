"""Posting, editing or deleting an entry purges exactly the live page (and its
poll fragment, stored under the same scope), the listings showing it (its
section, the home page), the feeds, sitemaps and search pages, through the
page cache's public API, and nothing else: from the posting screen's
services and from a plain ORM save or delete alike (model-level)."""

import pytest

from articles.cache import generations
from articles.live import entries, reading
from articles.live.models import LiveEntryChange
from tests.articles.live.conftest import add_entries, cdn_paths
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(home, section, live):
    other_section = SectionPageFactory(parent=home, title="Culture", slug="culture")
    article = ArticlePageFactory(parent=section)
    elsewhere = ArticlePageFactory(parent=other_section)
    return {
        "article": article,
        "elsewhere": elsewhere,
        "other_section": other_section,
        "author": AuthorFactory(),
    }


def watched_scopes(home, section, live, newsroom) -> list[str]:
    return [
        generations.SITE,
        generations.ARTICLES,
        generations.SEARCH,
        generations.FEEDS,
        generations.SITEMAPS,
        reading.LIVE_SCOPE,
        generations.page_scope(live.pk),
        generations.page_scope(section.pk),
        generations.page_scope(home.pk),
        generations.page_scope(newsroom["article"].pk),
        generations.page_scope(newsroom["elsewhere"].pk),
        generations.page_scope(newsroom["other_section"].pk),
        generations.author_scope(newsroom["author"].pk),
    ]


def purged_by(change, scopes: list[str]) -> set[str]:
    before = generations.generations(scopes)
    change()
    after = generations.current(scopes)
    return {scope for scope in scopes if before[scope] != after[scope]}


def expected(home, section, live) -> set[str]:
    return {
        generations.page_scope(live.pk),
        generations.page_scope(section.pk),
        generations.page_scope(home.pk),
        generations.FEEDS,
        generations.SITEMAPS,
        generations.SEARCH,
        reading.LIVE_SCOPE,
    }


def test_posting_editing_deleting_an_entry_purges_exactly_the_page_and_its_listings(
    home, section, live, newsroom, django_capture_on_commit_callbacks
):
    scopes = watched_scopes(home, section, live, newsroom)
    with django_capture_on_commit_callbacks(execute=True):
        made = []
        assert purged_by(lambda: made.append(entries.post_entry(live, None, "Hi")), scopes) == (
            expected(home, section, live)
        )
    entry = made[0]
    entry.title = "Edited"
    with django_capture_on_commit_callbacks(execute=True):
        assert purged_by(lambda: entries.save_edit(entry, None), scopes) == expected(
            home, section, live
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert purged_by(lambda: entries.delete_entry(entry, None), scopes) == expected(
            home, section, live
        )


NEWS = "Breaking: something happened"


def post(live, entry):
    entries.post_entry(live, None, NEWS)


def edit(live, entry):
    entry.title = NEWS
    entries.save_edit(entry, None)


def delete(live, entry):
    entries.delete_entry(entry, None)


CHANGES = [post, edit, delete]


@pytest.mark.parametrize("change", CHANGES)
def test_a_cdn_is_told_the_page_its_poll_fragment_and_its_listings(
    home, section, live, cdn_purges, change
):
    entry = add_entries(live, 1)[0]
    cdn_purges.clear()  # adding the entry purged too: only the change counts
    change(live, entry)
    assert cdn_purges == [cdn_paths(live, section)]


@pytest.mark.parametrize("change", CHANGES)
def test_stored_pages_showing_the_live_page_are_misses_after_a_change_others_stay(
    client, home, section, live, newsroom, change
):
    entry = add_entries(live, 1)[0]
    number = entry.pk  # gone once deleted
    urls = {
        "live": live.url,
        "poll": live.url + "updates/",
        "section": section.url,
        "home": "/",
        "article": newsroom["article"].url,
        "elsewhere": newsroom["elsewhere"].url,
        "other_section": newsroom["other_section"].url,
    }
    for url in urls.values():
        client.get(url)
    assert all(client.get(url)["X-Page-Cache"] == "hit" for url in urls.values())
    change(live, entry)
    states = {name: client.get(url)["X-Page-Cache"] for name, url in urls.items()}
    assert states == {
        "live": "miss",
        "poll": "miss",
        "section": "miss",
        "home": "miss",
        "article": "hit",  # the live page's sibling: not a listing of it
        "elsewhere": "hit",
        "other_section": "hit",
    }
    poll = client.get(urls["poll"]).content.decode()
    if change is delete:
        assert f'data-deleted-id="{number}"' in poll
        assert f'data-entry-id="{number}"' not in poll
    else:
        assert NEWS in poll


def test_every_change_is_recorded_with_who_and_when(live, django_user_model):
    editor = django_user_model.objects.create_user(email="desk@example.org", password="x" * 20)
    entry = entries.post_entry(live, editor, "First version")
    entry.correction = "Fixed the number of casualties."
    entries.save_edit(entry, editor)
    number = entry.pk
    entries.delete_entry(entry, editor)
    changes = list(LiveEntryChange.objects.filter(entry_number=number).order_by("at", "id"))
    assert [c.action for c in changes] == ["created", "edited", "deleted"]
    assert all(c.user == editor and c.at is not None for c in changes)
    assert changes[1].snapshot["correction"] == "Fixed the number of casualties."
    assert changes[0].snapshot["body"][0]["value"] == "<p>First version</p>"
