"""A site's main menu and footer links, resolved to plain links.

Editors build both in the site settings (``SiteSettings.main_menu`` and
``footer_links``: streams of chosen pages and external links). Every reader
page shows them, so they are resolved with the site (``articles.site``): one
query for the pages of both, kept in the cache with the site as plain
(label, URL, page id) tuples, not as stream values (which keep their raw
data and blocks for the cache to pickle). Saving the settings, or publishing,
unpublishing, moving or deleting a page other than an article, purges the
site's generation (``articles.cache.purging``): a renamed or withdrawn page
leaves the menus with the next request.
"""

from typing import NamedTuple

from wagtail.models import Page, Site


class MenuLink(NamedTuple):
    label: str
    url: str
    page_id: int | None  # the page it leads to (None: an external link)


class Menus(NamedTuple):
    main: list[MenuLink]
    footer: list[MenuLink]


NO_MENUS = Menus([], [])


def _page_ids(stream) -> set[int]:
    return {item["value"].get("page") for item in stream.raw_data if item["type"] == "page"}


def page_ids(site_settings) -> set[int]:
    """The ids of the pages the settings' menus link to."""
    streams = (site_settings.main_menu, site_settings.footer_links)
    return set().union(*(_page_ids(stream) for stream in streams)) - {None}


def resolve(site_settings, site: Site | None, pages: dict[int, Page]) -> Menus:
    """The settings' menus with their live pages' titles and URLs (relative
    on ``site``); ``pages``: the live pages of ``page_ids`` by id (a page that
    is not among them is left out)."""
    streams = (site_settings.main_menu, site_settings.footer_links)

    def links(stream) -> list[MenuLink]:
        found = []
        for item in stream.raw_data:
            value = item["value"]
            if item["type"] != "page":
                found.append(MenuLink(value.get("label", ""), value.get("url", ""), None))
                continue
            page = pages.get(value.get("page"))
            url = page.get_url(current_site=site) if page is not None else None
            if url is not None:
                found.append(MenuLink(value.get("label") or page.title, url, page.pk))
        return found

    return Menus(*(links(stream) for stream in streams))
