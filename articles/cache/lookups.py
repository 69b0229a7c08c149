"""Per-request look-ups that every reader page repeats, kept in the cache.

Each page needs the Wagtail ``Site`` for its host, the editor-managed
``SiteSettings``, the live sections and the pages behind a view restriction;
they change only when an editor saves a site, the settings, a section or a
privacy setting, each of which purges the whole page cache
(``articles.cache.purging``). So they are stored under the page cache's
``site`` generation and read from the cache: no query for them on a rendered
page. This module sits under the page models (they route through it), so it
imports none: it asks the app registry for ``SectionPage`` when it runs; the
site look-up, above the models, is in ``articles.site``.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q

from wagtail.models import PageViewRestriction

from articles.cache.generations import generation_key

TIMEOUT = 60 * 60


def cached(name: str, compute: Callable[[], object]) -> object:
    """``compute()``, kept until the site-wide generation changes."""
    key = generation_key("lookups", name)
    found = cache.get(key)
    if found is None:
        found = (compute(),)  # a tuple, so None is remembered too
        cache.set(key, found, TIMEOUT)
    return found[0]


def live_sections() -> dict[str, object]:
    """The live sections by tree path, in tree order, as specific pages (each
    call gets its own copies): one query, kept until anything site-wide
    changes (publishing, unpublishing, moving or deleting a section purges
    everything). Cards show them; routing goes through them."""
    section_model = apps.get_model("articles", "SectionPage")
    return cached(
        "live-sections",
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
        "restrictions",
        lambda: list(PageViewRestriction.objects.values_list("pk", "page__path")),
    )


def restrictions_for(page):
    """``page.get_view_restrictions()`` from the cached list: a queryset that
    runs no query when nothing restricts the page (the usual case)."""
    ids = [pk for pk, path in restricted_paths() if page.path.startswith(path)]
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)


def private_q() -> Q | None:
    """Pages in a restricted part of the tree (``PageQuerySet.private_q``)."""
    q = Q()
    for _, path in restricted_paths():
        q |= Q(path__startswith=path)
    return q or None
