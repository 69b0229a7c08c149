"""/news-sitemap.xml and /robots.txt.

``/news-sitemap.xml`` is the Google News sitemap: articles first published in
the last 48 hours (at most 1,000), newest first, cached under the
``sitemaps`` scope like the other sitemaps (``articles.sitemaps``).
``/robots.txt`` points crawlers at both sitemaps.
"""

from datetime import timedelta
from io import StringIO

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

from articles import listings, site
from articles.cache import generations
from articles.feeds import xml_text
from articles.live import distribution
from articles.models import ArticlePage

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def news_articles():
    since = timezone.now() - NEWS_WINDOW
    articles = (
        ArticlePage.objects.public()
        .filter(first_published_at__gte=since, source_url="")
        .only("title", "first_published_at", "url_path", "path", "depth")
    )
    return listings.newest_first(articles)[:NEWS_LIMIT]


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    name, site_settings = site.identity(request)
    language = (getattr(site_settings, "language", "") or "en").lower()
    out = StringIO()
    xml = SimplerXMLGenerator(out, "utf-8")
    xml.startDocument()
    xml.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    # Live pages first: they are in the news while they update (articles.live).
    for article in [*distribution.news_pages(), *news_articles()]:
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
    return generations.mark_public(response, generations.SITEMAPS)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    root = site.root_url(request)
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
    return generations.mark_public(response)
