"""/sitemap.xml and its section documents (the news sitemap and robots.txt:
``articles.news_sitemap``).

``/sitemap.xml`` is a sitemap index (robots.txt points at it). It lists every
page of three sections, each a document of at most ``SITEMAP_LIMIT`` URLs
with a lastmod per URL (``?p=2`` and on for the later pages), and gives each
page of the pages section its own lastmod, so a crawler re-reads only what
changed:

* ``/sitemap-pages.xml``: every live, public page (Wagtail's sitemap), in
  order of creation, so a new article only changes the last page; the home
  page and the sections carry the date of their newest article;
* ``/sitemap-authors.xml`` and ``/sitemap-tags.xml``: the author and tag
  pages that have live articles, by slug.

Syndicated articles are left out: their canonical link points at the original
publisher. URLs use the Wagtail site's root (its hostname and port), and every
document is public and cached under the ``sitemaps`` scope, which publishing
purges (``articles.cache.purging``); a page past the end is a 404.

Cost, whatever the number of articles: the index runs 6 queries (2 per
section), a page of a section 2 (the count and its rows), plus 1 for the page
holding the home page or a section. The pages section reads plain ``Page``
rows, no specific page and no StreamField body, and renders through a lean
template (``articles/sitemap.xml``); a page of 2,000 URLs takes about a
quarter of a second where the single 20,000-URL document took six
(docs/scaling.md).
"""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Case, Max, Q, Value, When
from django.db.models.functions import Coalesce, Substr
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from taggit.models import Tag

from articles import site
from articles.cache import generations, lookups
from articles.models import ArticlePage, Author

# URLs per page of a section. The protocol allows 50,000; 2,000 keeps one
# uncached page to about a quarter of a second and 290 KB (20 KB gzipped) and
# splits 20,000 articles into 11 pages.
SITEMAP_LIMIT = 2000
# What a page's URL and lastmod need (``Page.get_sitemap_urls``).
PAGE_URL_FIELDS = ("path", "url_path", "last_published_at", "latest_revision_created_at")
PAGE_LASTMOD = Coalesce("last_published_at", "latest_revision_created_at")
# Tree paths of the site's top-level pages (home page at depth 2, sections at 3).
SECTION_PATH_LENGTH = Page.steplen * 3


def syndicated_ids():
    return ArticlePage.objects.exclude(source_url="").values("pk")


class SectionSitemap(Sitemap):
    """One section of the index, served ``limit`` URLs at a time."""

    limit = SITEMAP_LIMIT

    def get_latest_lastmod(self):
        """The newest lastmod of the whole section: 1 query."""
        raise NotImplementedError

    def page_lastmods(self) -> list:
        """The lastmod of each page of the section, for the index: 2 queries."""
        return [self.get_latest_lastmod()] * self.paginator.num_pages


class PageSitemap(SectionSitemap):
    """Live public pages in order of creation; the home page and sections change
    with their articles. Plain ``Page`` rows: the URL and lastmod need nothing
    from the specific page (no page type overrides ``get_sitemap_urls``)."""

    def pages(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.live().filter(path__startswith=root.path, depth__gte=root.depth)
        private = lookups.private_q()
        return pages.exclude(private) if private is not None else pages

    def items(self):
        # By id: a new page only ever changes the last page of the section.
        pages = self.pages().exclude(pk__in=syndicated_ids()).order_by("pk")
        return pages.only(*PAGE_URL_FIELDS)

    def get_latest_lastmod(self):
        return self.pages().aggregate(newest=Max(PAGE_LASTMOD))["newest"]

    @cached_property
    def site_root_path(self) -> str:
        return self.get_wagtail_site().root_page.path

    def is_listing(self, path: str) -> bool:
        """The home page or a top-level page (a section): its lastmod is its
        newest article's."""
        return path == self.site_root_path or len(path) == SECTION_PATH_LENGTH

    def page_lastmods(self) -> list:
        """Each page's own newest lastmod, so a crawler re-reads only the pages
        that changed (usually the last one); a page holding the home page or a
        section gets the site's newest, syndicated articles included. 2 queries:
        the ids (where each page starts), then the newest per page."""
        rows = list(self.items().values_list("pk", "path"))
        starts = [pk for pk, _ in rows[:: self.limit]]
        if not starts:
            return [None]
        with_listing = {n // self.limit for n, (_, p) in enumerate(rows) if self.is_listing(p)}
        page_number = Case(  # syndicated articles are on no page: -1
            When(pk__in=syndicated_ids(), then=Value(-1)),
            *(When(pk__lt=end, then=Value(n)) for n, end in enumerate(starts[1:])),
            default=Value(len(starts) - 1),
        )
        newest = dict(
            self.pages()
            .order_by()
            .values(number=page_number)
            .annotate(newest=Max(PAGE_LASTMOD))
            .values_list("number", "newest")
        )
        site_newest = max(filter(None, newest.values()), default=None)
        return [site_newest if n in with_listing else newest.get(n) for n in range(len(starts))]

    def newest_articles(self) -> dict[str, object]:
        """Latest article publication per section path, and site-wide under "": 1 query."""
        section_path = Substr("path", 1, SECTION_PATH_LENGTH)
        rows = (
            ArticlePage.objects.public()
            .order_by()
            .values(section_path=section_path)
            .annotate(newest=Max("last_published_at"))
            .values_list("section_path", "newest")
        )
        newest = {path: date for path, date in rows if date}
        if newest:
            newest[""] = max(newest.values())
        return newest

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # Only a page holding the home page or a section needs their articles' dates.
        keys = {
            item.pk: "" if item.path == self.site_root_path else item.path
            for item in items
            if self.is_listing(item.path)
        }
        newest = self.newest_articles() if keys else {}
        urls = []
        for item in items:
            for url_info in item.get_sitemap_urls(self.request):
                latest = newest.get(keys.get(item.pk))
                if latest and (not url_info.get("lastmod") or latest > url_info["lastmod"]):
                    url_info["lastmod"] = latest
                urls.append(url_info)
        last_mods = [url_info.get("lastmod") for url_info in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class ViewSitemap(SectionSitemap):
    """Non-page URLs, on the same site root as the pages' URLs."""

    def path(self, obj) -> str:
        raise NotImplementedError

    def _urls(self, page, protocol, domain):
        root = self.get_wagtail_site().root_url
        urls = [
            {"item": obj, "location": root + self.path(obj), "lastmod": obj.lastmod}
            for obj in self.paginator.page(page).object_list
        ]
        if urls:
            self.latest_lastmod = max(url["lastmod"] for url in urls)
        return urls


class AuthorSitemap(ViewSitemap):
    """Authors with live articles, the newest of them as lastmod."""

    def items(self):
        live = ArticlePage.objects.public().values("pk")
        return (
            Author.objects.filter(bylines__page__in=live)
            .annotate(lastmod=Max("bylines__page__last_published_at"))
            .filter(lastmod__isnull=False)
            .only("slug")
            .order_by("slug")
        )

    def get_latest_lastmod(self):
        articles = ArticlePage.objects.public().filter(bylines__isnull=False)
        return articles.aggregate(newest=Max("last_published_at"))["newest"]

    def path(self, obj) -> str:
        return obj.get_absolute_url()


class TagSitemap(ViewSitemap):
    """Tags with live articles, the newest of them as lastmod."""

    lookup = "articles_articlepagetag_items__content_object"

    def items(self):
        live = ArticlePage.objects.public().values("pk")
        return (
            Tag.objects.filter(Q(**{f"{self.lookup}__in": live}))
            .annotate(lastmod=Max(f"{self.lookup}__last_published_at"))
            .filter(lastmod__isnull=False)
            .order_by("slug")
        )

    def get_latest_lastmod(self):
        articles = ArticlePage.objects.public().filter(tagged_items__isnull=False)
        return articles.aggregate(newest=Max("last_published_at"))["newest"]

    def path(self, obj) -> str:
        return reverse("articles:tag", args=[obj.slug])


SITEMAPS = {"pages": PageSitemap, "authors": AuthorSitemap, "tags": TagSitemap}


def purge_paths(article) -> list[str]:
    """The sitemap documents to purge from a CDN when ``article`` is published:
    the index, the first page of each section and the page of the default
    site's pages section that lists the article (2 queries: the default site,
    the article's position). Later pages of the authors and tags sections
    expire by ``s-maxage``."""
    paths = [reverse("articles:sitemap")]
    paths += [reverse("articles:sitemap_section", args=[name]) for name in SITEMAPS]
    pages = PageSitemap()
    number = pages.items().filter(pk__lt=article.pk).count() // pages.limit + 1
    if number > 1:
        paths.append(f"{reverse('articles:sitemap_section', args=['pages'])}?p={number}")
    return paths


@require_safe
@x_robots_tag
def sitemap(request: HttpRequest) -> HttpResponse:
    """The index: every page of every section, with its lastmod."""
    root = site.root_url(request)
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        location = root + reverse("articles:sitemap_section", args=[name])
        for number, lastmod in enumerate(sitemap_class(request).page_lastmods(), start=1):
            url = location if number == 1 else f"{location}?p={number}"
            entries.append(SitemapIndexItem(url, lastmod))
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
    return generations.mark_public(response, generations.SITEMAPS)


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """One page (``?p=``) of one section; a page past the end is a 404."""
    response = wagtail_sitemap(
        request, sitemaps=SITEMAPS, section=section, template_name="articles/sitemap.xml"
    )
    return generations.mark_public(response, generations.SITEMAPS, reads=("p",))
