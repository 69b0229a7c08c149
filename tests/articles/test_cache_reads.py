"""Cache reads of a rendered page (page cache off, fragments warm), counted
deterministically: each call to the backend's ``get`` or ``get_many`` is one
read (one Redis round trip when the process has no copy). The look-ups known
up front are read with the site bundle in one ``get_many``, the cards'
generation with the site's, and each generation-keyed entry at most once a
request (``articles.cache.generations.read``)."""

from contextlib import contextmanager
from unittest import mock

from django.core.cache import caches

import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


@contextmanager
def counting_reads():
    """The keys of each top-level read (a ``get_many`` that the backend makes
    of ``get`` calls counts once)."""
    backend = type(caches["default"])
    reads: list[list[str]] = []
    inside: list[bool] = []
    real_get, real_get_many = backend.get, backend.get_many

    def get(self, key, *args, **kwargs):
        if not inside:
            reads.append([key])
        return real_get(self, key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        reads.append(list(keys))
        inside.append(True)
        try:
            return real_get_many(self, keys, *args, **kwargs)
        finally:
            inside.pop()

    with mock.patch.object(backend, "get", get), mock.patch.object(backend, "get_many", get_many):
        yield reads


# Every page: the site's and the cards' generations (1), the site bundle with
# the live sections and the view restrictions (1), the page's own generation
# (1), its head meta (1), the appeals' generation and list (2); then
# home: the pages live now and its cards (2 fragments);
# section: Wagtail's site root paths (1, the pagination's URLs), the pages
# live now and its cards (2 fragments);
# article: the article as routing kept it (1, instead of a SQL query;
# generation-keyed, so answered from the process's copy in production), its
# text and "Related" (2 fragments).
# Before: home 12, section 14, article 13 (the look-ups read one by one, the
# view restrictions up to three times a page, the appeals' list twice).
EVERY_PAGE = 1 + 1 + 1 + 1 + 2
READS = {"home": EVERY_PAGE + 2, "section": EVERY_PAGE + 1 + 2, "article": EVERY_PAGE + 1 + 2}


def test_a_rendered_page_reads_the_cache_a_pinned_number_of_times(client, home):
    section = SectionPageFactory(parent=home, title="World", slug="world")
    article = ArticlePageFactory(parent=section)
    counts, seen = {}, {}
    for name, url in {"home": "/", "section": section.url, "article": article.url}.items():
        client.get(url)  # fragments and look-ups cached
        with counting_reads() as reads:
            assert client.get(url).status_code == 200
        counts[name], seen[name] = len(reads), reads
    assert counts == READS, seen
    for reads in seen.values():
        keys = [key for read in reads for key in read]
        assert len(keys) == len(set(keys)), reads  # nothing read twice
