"""/sitemap.xml, /news-sitemap.xml and /robots.txt.

``/sitemap.xml`` lists every live, public page (Wagtail's sitemap) plus the
author and tag pages that have live articles, each with a lastmod. Syndicated
articles are left out: their canonical link points at the original publisher.

``/news-sitemap.xml`` is the Google News sitemap: articles first published in
the last 48 hours (at most 1,000), newest first.
"""

from datetime import timedelta
from io import StringIO

from django.db.models import Max, Q
from django.db.models.functions import Substr
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from taggit.models import Tag

from articles import caching, listings, seo
from articles.feeds import xml_text

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def syndicated_ids():
    from articles.models import ArticlePage

    return ArticlePage.objects.exclude(source_url="").values("pk")


class PageSitemap(Sitemap):
    """Wagtail's page sitemap; the home page and sections change with their articles."""

    def items(self):
        return super().items().exclude(pk__in=syndicated_ids())

    def newest_articles(self) -> dict[str, object]:
        """Latest article publication per section path, and site-wide under "": 1 query."""
        from articles.models import SectionPage

        section_path = Substr("path", 1, SectionPage.steplen * 3)
        rows = (
            listings.live_articles()
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
        newest = self.newest_articles()
        site_root = self.get_wagtail_site().root_page.path
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                latest = newest.get("" if item.path == site_root else item.path)
                if latest and (not url_info.get("lastmod") or latest > url_info["lastmod"]):
                    url_info["lastmod"] = latest
                urls.append(url_info)
        last_mods = [url_info.get("lastmod") for url_info in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class ViewSitemap(Sitemap):
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
    def items(self):
        from articles.models import Author

        live = listings.live_articles().values("pk")
        return (
            Author.objects.filter(bylines__page__in=live)
            .annotate(lastmod=Max("bylines__page__last_published_at"))
            .filter(lastmod__isnull=False)
            .order_by("slug")
        )

    def path(self, obj) -> str:
        return obj.get_absolute_url()


class TagSitemap(ViewSitemap):
    def items(self):
        live = listings.live_articles().values("pk")
        lookup = "articles_articlepagetag_items__content_object"
        return (
            Tag.objects.filter(Q(**{f"{lookup}__in": live}))
            .annotate(lastmod=Max(f"{lookup}__last_published_at"))
            .filter(lastmod__isnull=False)
            .order_by("slug")
        )

    def path(self, obj) -> str:
        return reverse("articles:tag", args=[obj.slug])


SITEMAPS = {"pages": PageSitemap, "authors": AuthorSitemap, "tags": TagSitemap}


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return caching.mark_public(wagtail_sitemap(request, sitemaps=SITEMAPS), caching.SITEMAPS)


def news_articles():
    since = timezone.now() - NEWS_WINDOW
    articles = (
        listings.live_articles()
        .filter(first_published_at__gte=since, source_url="")
        .only("title", "first_published_at", "url_path", "path", "depth")
    )
    return listings.newest_first(articles)[:NEWS_LIMIT]


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    name, site_settings = seo.identity(request)
    language = (getattr(site_settings, "language", "") or "en").lower()
    out = StringIO()
    xml = SimplerXMLGenerator(out, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for article in news_articles():
        xml.startElement("url", {})
        xml.addQuickElement("loc", article.get_full_url(request))
        xml.startElement("news:news", {})
        xml.startElement("news:publication", {})
        xml.addQuickElement("news:name", xml_text(name))
        xml.addQuickElement("news:language", language)
        xml.endElement("news:publication")
        xml.addQuickElement("news:publication_date", article.first_published_at.isoformat())
        xml.addQuickElement("news:title", xml_text(article.title))
        xml.endElement("news:news")
        xml.endElement("url")
    xml.endElement("urlset")
    xml.endDocument()
    response = HttpResponse(out.getvalue(), content_type="application/xml; charset=utf-8")
    return caching.mark_public(response, caching.SITEMAPS)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    root = seo.site_root_url(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('articles:search')}",
        "",
        f"Sitemap: {root}{reverse('articles:sitemap')}",
        f"Sitemap: {root}{reverse('articles:news_sitemap')}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    return caching.mark_public(response)
