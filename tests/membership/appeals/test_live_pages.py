"""The appeal on a live page: between entries (after the 5th unless the page
says otherwise), for the reader's audience, inside a page the cache keeps."""

from django.contrib.auth import get_user_model

import pytest

from articles.cache.signed_in import SIGNED_IN_COOKIE
from membership.models import Placement
from tests.articles.live.conftest import add_entries, make_live
from tests.membership.appeals.conftest import give_membership

pytestmark = pytest.mark.django_db

ASK = "Keep this live page free"


def entries_of(html: str) -> str:
    """The list of entries (the head's JSON-LD repeats their text)."""
    return html[html.index('id="live-entries"') :]


def test_inline_appeal_sits_after_the_fifth_entry_newest_first(client, section, make_appeal):
    make_appeal(heading=ASK, placement=Placement.INLINE)
    live = make_live(section)
    add_entries(live, 8)
    html = entries_of(client.get(live.url).content.decode())
    # Newest first: entries 7..3 above the appeal, 2..0 below it.
    assert html.index("Update number 3.") < html.index(ASK) < html.index("Update number 2.")
    assert html.count(f">{ASK}<") == 1


def test_the_page_chooses_after_which_entry_or_none(client, section, make_appeal):
    make_appeal(heading=ASK, placement=Placement.INLINE)
    early = make_live(section, slug="early", appeal_after_entry=2)
    add_entries(early, 4)
    html = entries_of(client.get(early.url).content.decode())
    assert html.index("Update number 2.") < html.index(ASK) < html.index("Update number 1.")
    none = make_live(section, slug="none", appeal_after_entry=0)
    add_entries(none, 8)
    assert ASK not in client.get(none.url).content.decode()


def test_anonymous_page_stays_cached_and_members_get_no_plea(client, section, make_appeal):
    make_appeal(heading=ASK, placement=Placement.INLINE)
    live = make_live(section)
    add_entries(live, 6)
    assert ASK in client.get(live.url).content.decode()
    cached = client.get(live.url)
    assert cached["X-Page-Cache"] == "hit"
    assert ASK in cached.content.decode()

    member = get_user_model().objects.create_user("m@example.org", password="x-long-password-1")
    give_membership(member, "active")
    client.force_login(member)
    client.cookies[SIGNED_IN_COOKIE] = "1"  # as signing in sets it
    html = client.get(live.url).content.decode()
    assert ASK not in html
    assert "Update number 0." in html
    assert "appeal-slot" not in html
    client.logout()
    client.cookies.pop(SIGNED_IN_COOKIE, None)
    assert ASK in client.get(live.url).content.decode()
