"""Per-request look-ups that every reader page repeats, kept in the cache.

Each page needs the Wagtail ``Site`` for its host, the editor-managed
``SiteSettings``, the live sections and the pages behind a view restriction;
they change only when an editor saves a site, the settings, a section or a
privacy setting, each of which purges the whole page cache
(``articles.cache.purging``). So they are stored under the page cache's
``site`` generation and read from the cache: no query for them on a rendered
page, and one cache read per request (``generations.read``; the site bundle
reads them with itself). On a cold cache they are read with the menus'
pages, in the cached site's query (``live_pages_and_lookups``). This
module sits under the page models (they route through it), so it imports
none: it asks the app registry for ``SectionPage`` when it runs; the site
look-up, above the models, is in ``articles.site``.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.cache import cache
from django.db.models import F, Q

from wagtail.models import Page, PageViewRestriction

from articles.cache import generations
from articles.cache.generations import generation_key

TIMEOUT = 60 * 60


LIVE_SECTIONS = "live-sections"
RESTRICTIONS = "restrictions"


def key(name: str) -> str:
    """The cache key of the look-up ``name`` under the current generation."""
    return generation_key("lookups", name)


def cached(name: str, compute: Callable[[], object]) -> object:
    """``compute()``, kept until the site-wide generation changes (read once
    a request: ``generations.read``)."""
    found_key = key(name)
    found = generations.read([found_key]).get(found_key)
    if found is None:
        found = (compute(),)  # a tuple, so None is remembered too
        cache.set(found_key, found, TIMEOUT)
        generations.remember({found_key: found})
    return found[0]


def remember(values: dict[str, object]) -> None:
    """Keep look-ups computed elsewhere (by name, as ``cached`` keeps them):
    the cached site (``articles.site``) reads the live sections and the view
    restrictions in the query it reads the menus' pages with."""
    entries = {key(name): (value,) for name, value in values.items()}
    cache.set_many(entries, TIMEOUT)
    generations.remember(entries)


def live_pages_and_lookups(page_ids: set[int]) -> dict[int, Page]:
    """The live pages with these ids (the menus' pages: ``articles.site``), by
    id, read in one query with the live sections and the view restrictions,
    which are kept as ``live_sections`` and ``restricted_paths`` would keep
    them: a cold page runs one query for the three."""
    section_model = apps.get_model("articles", "SectionPage")
    parent_link = section_model._meta.get_field("page_ptr")
    link = parent_link.remote_field.get_accessor_name()
    rows = (
        Page.objects.annotate(restriction=F("view_restrictions__pk"))
        .filter(  # each term a search by id: no scan of the page table
            Q(pk__in=page_ids)
            | Q(pk__in=section_model.objects.values("pk"))
            | Q(pk__in=PageViewRestriction.objects.values("page_id"))
        )
        .select_related(link)
        .order_by("path", "restriction")
    )
    pages: dict[int, Page] = {}
    sections: dict[str, object] = {}
    restricted: list[tuple[int, str]] = []
    for row in rows:
        if row.restriction is not None:
            restricted.append((row.restriction, row.path))
        if not row.live:
            continue
        section = getattr(row, link, None)
        if section is not None:
            # Kept as a section loaded on its own is: without the row it was
            # joined to (the cache would store the page's fields twice).
            parent_link.delete_cached_value(section)
            sections[row.path] = section
        if row.pk in page_ids:
            pages[row.pk] = row
    remember({LIVE_SECTIONS: sections, RESTRICTIONS: restricted})
    return pages


def live_sections() -> dict[str, object]:
    """The live sections by tree path, in tree order, as specific pages (each
    request gets its own copies): one query, kept until anything site-wide
    changes (publishing, unpublishing, moving or deleting a section purges
    everything). Cards show them; routing goes through them."""
    section_model = apps.get_model("articles", "SectionPage")
    return cached(
        LIVE_SECTIONS,
        lambda: {s.path: s for s in section_model.objects.live().order_by("path")},
    )


def live_sections_by_slug(home) -> dict[str, object]:
    """The live sections under ``home`` by slug (from ``live_sections``)."""
    return {
        section.slug: section
        for path, section in live_sections().items()
        if path[: -section.steplen] == home.path
    }


def restricted_paths() -> list[tuple[int, str]]:
    """(restriction id, page path) of every page view restriction."""
    return cached(
        RESTRICTIONS,
        lambda: list(PageViewRestriction.objects.values_list("pk", "page__path")),
    )


def restrictions_for(page):
    """``page.get_view_restrictions()`` from the cached list: a queryset that
    runs no query when nothing restricts the page (the usual case)."""
    ids = [pk for pk, path in restricted_paths() if page.path.startswith(path)]
    if not ids:
        return _NO_RESTRICTIONS
    return PageViewRestriction.objects.filter(pk__in=ids)


# An empty queryset already evaluated (``restrictions_for``): each time Django
# iterates a new ``none()`` it compiles the query to find it empty, which
# Wagtail's serving does twice a page. A filter on it is a new ``none()``.
_NO_RESTRICTIONS = PageViewRestriction.objects.none()
len(_NO_RESTRICTIONS)  # no query: an empty queryset never reaches the database


def private_q() -> Q | None:
    """Pages in a restricted part of the tree (``PageQuerySet.private_q``)."""
    q = Q()
    for _, path in restricted_paths():
        q |= Q(path__startswith=path)
    return q or None
