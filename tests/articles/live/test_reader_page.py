"""The live page for readers: server-side, newest first, real pages of older
entries, key events, permalinks that follow an entry to the page it is on."""

import re
from zoneinfo import ZoneInfo

import pytest

from articles.live import reading
from articles.live.models import LiveEntry
from tests.articles.live.conftest import add_entries, make_live
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def entry_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<article class="live-entry[^"]*" id="entry-(\d+)"', html)]


def test_first_page_shows_the_newest_20_entries_newest_first_and_links_to_older(client, live):
    made = add_entries(live, 45)
    response = client.get(live.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert entry_ids(html) == [e.pk for e in reversed(made)][:20]
    assert 'href="?page=2">Older updates</a>' in html
    assert "Update number 44." in html
    assert "Update number 24." not in html


def test_older_entries_are_real_pages_with_their_own_url(client, live):
    made = add_entries(live, 45)
    third = client.get(live.url + "?page=3").content.decode()
    assert entry_ids(third) == [e.pk for e in reversed(made[:5])]
    assert 'href="?page=2">Newer updates</a>' in third
    assert client.get(live.url + "?page=4").status_code == 404
    assert client.get(live.url + "?page=nope").status_code == 404


def test_the_page_works_without_javascript(client, live):
    """Everything is in the HTML: entries, their times, pagination, share links;
    the script only adds polling."""
    entry = add_entries(live, 1, title="Explosions heard in Kyiv")[0]
    html = client.get(live.url).content.decode()
    assert "Explosions heard in Kyiv" in html
    assert f'href="{live.url}entry/{entry.pk}/"' in html
    assert f'datetime="{entry.posted_at:%Y-%m-%dT%H:%M:%S+0000}"' in html
    assert "js/live.js" in html  # polling while live, on page 1


def test_share_link_opens_the_page_an_entry_has_moved_to(client, live):
    oldest = add_entries(live, 45)[0]
    response = client.get(f"{live.url}entry/{oldest.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{live.url}?page=3#entry-{oldest.pk}"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="entry-{oldest.pk}"' in page


def test_every_share_link_opens_the_page_its_entry_is_on_ties_and_page_edges_included(
    client, live
):
    made = add_entries(live, 45)
    # Six entries posted the same second across the edge of pages 1 and 2
    # (the 20th and 21st newest among them): the page orders them by id.
    tied = [e.pk for e in made[22:28]]
    LiveEntry.objects.filter(pk__in=tied).update(posted_at=made[25].posted_at)
    pages = {}
    for entry in made:
        location = client.get(f"{live.url}entry/{entry.pk}/")["Location"]
        path, _, anchor = location.partition("#")
        assert anchor == f"entry-{entry.pk}"
        if path not in pages:
            pages[path] = entry_ids(client.get(path).content.decode())
        assert entry.pk in pages[path], (entry.pk, path)
    assert sorted(pages) == [live.url, f"{live.url}?page=2", f"{live.url}?page=3"]


def test_share_link_of_a_new_entry_opens_page_one_and_of_a_missing_one_is_404(client, live):
    newest = add_entries(live, 3)[-1]
    response = client.get(f"{live.url}entry/{newest.pk}/")
    assert response["Location"] == f"{live.url}#entry-{newest.pk}"
    other = make_live(live.get_parent(), slug="other-live")
    other_entry = add_entries(other, 1)[0]
    assert client.get(f"{live.url}entry/{other_entry.pk}/").status_code == 404


def test_key_events_link_to_the_anchor_on_this_page_else_to_the_share_link(client, live):
    old_key = add_entries(live, 1, title="Talks begin", is_key_event=True)[0]
    add_entries(live, 25, start=old_key.posted_at.replace(second=1))
    new_key = add_entries(
        live, 1, start=old_key.posted_at.replace(hour=23), title="Ceasefire", is_key_event=True
    )[0]
    html = client.get(live.url).content.decode()
    keys = html.split('id="live-key-events"')[1].split("</nav>")[0]
    assert f'href="#entry-{new_key.pk}"' in keys
    assert "Ceasefire" in keys
    assert f'href="{live.url}entry/{old_key.pk}/"' in keys
    assert "Talks begin" in keys


def test_entry_shows_key_event_label_correction_and_authors(client, live):
    entry = add_entries(live, 1, is_key_event=True)[0]
    entry.correction = "An earlier version gave the wrong district."
    entry.save()
    entry.authors.set([AuthorFactory(name="Olena Kovalenko")])
    html = client.get(live.url).content.decode()
    assert "Key event</span>" in html
    assert "<strong>Correction:</strong> An earlier version gave the wrong district." in html
    assert "Olena Kovalenko</a>" in html


def test_ended_page_shows_its_note_and_does_not_poll(client, section):
    page = make_live(section, status="ended", ended_note="This live page has closed.")
    add_entries(page, 2)
    html = client.get(page.url).content.decode()
    assert "This live page has closed." in html
    assert "js/live.js" not in html
    assert 'data-live-status="ended"' in html
    fragment = client.get(page.url + "updates/").content.decode()
    assert 'data-live-status="ended"' in fragment
    assert page.ended_at is not None


def test_times_are_shown_in_the_newsroom_time_zone(client, live, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    entry = add_entries(live, 1)[0]
    html = client.get(live.url).content.decode()
    local = entry.posted_at.astimezone(ZoneInfo("Europe/Kyiv"))
    assert f"{local:%H:%M}<span" in html


def test_poll_fragment_has_the_newest_entries_an_etag_and_a_short_cdn_lifetime(client, live):
    made = add_entries(live, 15)
    response = client.get(live.url + "updates/")
    assert response.status_code == 200
    assert (
        entry_ids(response.content.decode())
        == [e.pk for e in reversed(made)][: reading.POLL_LENGTH]
    )
    cache_control = response["Cache-Control"]
    assert f"s-maxage={reading.POLL_MAX_AGE}" in cache_control
    assert "public" in cache_control
    assert response["ETag"].startswith('"')


@pytest.mark.parametrize("page_cache", [True, False])
def test_poll_fragment_answers_304_to_its_etag_stored_or_not(client, live, settings, page_cache):
    settings.PAGE_CACHE = page_cache
    add_entries(live, 2)
    first = client.get(live.url + "updates/")
    again = client.get(live.url + "updates/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    stale = client.get(live.url + "updates/", HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200


def test_live_page_has_a_short_cdn_lifetime_and_an_ended_one_the_sites(client, section, settings):
    live = make_live(section)
    assert f"s-maxage={reading.LIVE_PAGE_MAX_AGE}" in client.get(live.url)["Cache-Control"]
    ended = make_live(section, slug="ended", status="ended")
    cache_control = client.get(ended.url)["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_S_MAXAGE}" in cache_control
