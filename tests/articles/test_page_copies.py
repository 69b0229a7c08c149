"""Each process's copies of stored pages (``articles.cache.copies``): kept as
objects ready to send, the body split where the CSP nonce goes, bounded by
size, and used only while the page's generations are current."""

import re

from django.core.cache import cache

import pytest

from articles.cache.copies import PageCopies, PageCopy, expires_in
from articles.cache.keys import ENTRY_PREFIX
from articles.cache.middleware import NONCE_PLACEHOLDER
from tests.factories import ArticlePageFactory

NONCE = re.compile(rb'nonce="([^"]+)"')


def page(content: bytes, expires: float = 60) -> PageCopy:
    return PageCopy({"site": "a1"}, 200, [], content, NONCE_PLACEHOLDER, expires_in(expires))


def test_a_hit_puts_its_nonce_where_the_page_had_one():
    copy = page(b'<script nonce="' + NONCE_PLACEHOLDER + b'">x</script><p>' + NONCE_PLACEHOLDER)
    assert copy.has_nonce
    assert copy.content("n0nce") == b'<script nonce="n0nce">x</script><p>n0nce'
    assert not page(b"<p>no script</p>").has_nonce
    assert page(b"<p>no script</p>").content(None) == b"<p>no script</p>"


def test_copies_are_bounded_by_size_oldest_first():
    copies = PageCopies(max_bytes=250)
    for name in ("a", "b", "c"):
        copies.put(name, page(b"x" * 100))
    assert copies.get("a") is None  # dropped to make room for "c"
    assert copies.get("b") is not None
    assert copies.get("c") is not None
    assert copies.size == 200
    copies.put("b", page(b"y" * 50))  # replaced, not counted twice
    assert copies.size == 150
    copies.put("huge", page(b"z" * 300))  # larger than the bound: never kept
    assert copies.get("huge") is None
    assert copies.size == 150
    copies.put("old", page(b"o", expires=-1))
    assert copies.get("old") is None  # expired
    copies.clear()
    assert copies.get("c") is None
    assert copies.size == 0


@pytest.mark.django_db
def test_a_hit_on_this_processes_copy_reads_no_stored_page(client, section, monkeypatch):
    story = ArticlePageFactory(parent=section, title="Harbour talks resume")
    first = client.get(story.url)
    assert first["X-Page-Cache"] == "miss"

    read = cache.get

    def no_stored_page(key, *args, **kwargs):
        assert not key.startswith(ENTRY_PREFIX), "read the stored page from the shared cache"
        return read(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", no_stored_page)
    second = client.get(story.url)
    assert second["X-Page-Cache"] == "hit"
    assert "Harbour talks resume" in second.content.decode()
    nonces = {NONCE.search(r.content).group(1) for r in (first, second)}
    assert len(nonces) == 2
    assert int(second["Content-Length"]) == len(second.content)
