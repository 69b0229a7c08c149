"""RSS 2.0 feeds: the whole site, a section, an author, a tag.

Each item carries the standfirst as its summary, one ``dc:creator`` per byline,
the section and tags as categories, a guid that survives slug changes, and the
lead image as both an ``enclosure`` and a Media RSS ``media:content``.

Queries per feed, whatever its length: the feed's subject (0 or 1), then
``listings.cards()`` with tags (5: articles, bylines with authors, lead images,
their renditions, tags), and for the site and section feeds 1 for the live
pages they include (``articles.live.distribution``); the site, its settings,
the view restrictions and the live sections come from the cache
(``articles.cache.lookups``). Image byte sizes come from the cache after the
first read of each rendition file.
"""

import contextlib
import re
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed

from taggit.models import Tag

from articles import listings, seo, site
from articles.cache import generations
from articles.image_specs import FEED_IMAGE_SPEC
from articles.live import distribution
from articles.models.articles import ArticlePage
from articles.models.snippets import Author

FEED_LENGTH = 30
MEDIA_RSS = "http://search.yahoo.com/mrss/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
# Characters XML 1.0 forbids; a stray one pasted into a standfirst must not
# break the whole feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("", value or "")


class NewsroomRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Dublin Core creators and Media RSS images."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE, "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        for name in item.get("creators", []):
            handler.addQuickElement("dc:creator", name)
        image = item.get("image")
        if image:
            handler.addQuickElement(
                "media:content",
                "",
                {
                    "url": image.url,
                    "medium": "image",
                    "type": "image/jpeg",
                    "width": str(image.width),
                    "height": str(image.height),
                },
            )


@dataclass
class Subject:
    """What a feed is about, with the request it answers."""

    request: HttpRequest
    title: str
    link: str
    description: str
    articles: QuerySet
    items: list = field(default_factory=list)
    cache_scope: str = generations.FEEDS  # what purges this feed (articles.cache)
    live_pages: list = field(default_factory=list)  # live pages the feed includes


def _published(item):
    return (item.first_published_at is not None, item.first_published_at, item.pk)


def _byte_sizes(renditions: list) -> dict[str, int]:
    """File sizes of rendition files; cached for good, a rendition file never changes."""
    names = {r.file.name for r in renditions}
    keys = {f"newsroom:rendition-bytes:{name}": name for name in names}
    known = cache.get_many(keys)
    sizes = {keys[key]: size for key, size in known.items()}
    missing = {}
    for key, name in keys.items():
        if name in sizes:
            continue
        try:
            sizes[name] = missing[key] = renditions[0].file.storage.size(name)
        except OSError:  # the file is gone: RSS asks for length 0 when unknown
            sizes[name] = 0
    if missing:
        cache.set_many(missing, timeout=None)
    return sizes


class ArticleFeed(Feed):
    """Newest live articles first; subclasses choose which."""

    feed_type = NewsroomRssFeed

    def subject(self, request: HttpRequest, *args, **kwargs) -> Subject:
        raise NotImplementedError

    def get_object(self, request: HttpRequest, *args, **kwargs) -> Subject:
        subject = self.subject(request, *args, **kwargs)
        request.feed_cache_scope = subject.cache_scope
        return subject

    def __call__(self, request: HttpRequest, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        scope = getattr(request, "feed_cache_scope", None)
        return generations.mark_public(response, scope) if scope else response

    def _site_title(self, request: HttpRequest, title: str = "") -> str:
        name, _ = site.identity(request)
        return f"{title} · {name}" if title else name

    def title(self, obj: Subject) -> str:
        return xml_text(obj.title)

    def link(self, obj: Subject) -> str:
        return obj.link

    def description(self, obj: Subject) -> str:
        return xml_text(obj.description) or obj.title

    def feed_url(self, obj: Subject) -> str:
        return site.absolute(obj.request, obj.request.path)

    def get_feed(self, obj: Subject, request: HttpRequest):
        feed = super().get_feed(obj, request)
        _, site_settings = site.identity(request)
        feed.feed["language"] = getattr(site_settings, "language", "") or "en"
        return feed

    def items(self, obj: Subject) -> list:
        articles = listings.cards(
            listings.newest_first(obj.articles).prefetch_related("tags")[:FEED_LENGTH]
        )
        renditions = {}
        for article in articles:
            if article.lead_image is not None:
                # SourceImageIOError (an OSError): the original file is missing.
                with contextlib.suppress(OSError):
                    renditions[article.pk] = article.lead_image.get_rendition(FEED_IMAGE_SPEC)
        sizes = _byte_sizes(list(renditions.values()))
        request = obj.request
        for article in articles:
            rendition = renditions.get(article.pk)
            article.feed_image = None
            if rendition is not None:
                article.feed_image = seo.ShareImage(
                    url=site.absolute(request, rendition.url),
                    width=rendition.width,
                    height=rendition.height,
                )
                article.feed_image_bytes = sizes.get(rendition.file.name, 0)
            article.feed_link = article.get_full_url(request)
        for page in obj.live_pages:  # no image, byline or tags: a title and standfirst
            page.feed_image = None
            page.feed_link = page.get_full_url(request)
        if obj.live_pages:
            articles = sorted([*articles, *obj.live_pages], key=_published, reverse=True)
        return articles[:FEED_LENGTH]

    def item_title(self, item) -> str:
        return xml_text(item.title)

    def item_description(self, item) -> str:
        return xml_text(item.standfirst)

    def item_link(self, item) -> str:
        return item.feed_link

    def item_guid(self, item) -> str:
        # A tag: URI (RFC 4151) on the page id: stable when the slug or section changes.
        host = item.feed_link.split("//", 1)[-1].split("/", 1)[0].split(":")[0]
        day = item.first_published_at.date().isoformat() if item.first_published_at else "2000"
        return f"tag:{host},{day}:article-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item) -> list[str]:
        section = [item.section.title] if item.section else []
        tags = item.tags.all() if hasattr(item, "tags") else []  # a live page has none
        return [xml_text(name) for name in section + sorted(tag.name for tag in tags)]

    def item_enclosures(self, item) -> list[Enclosure]:
        if item.feed_image is None:
            return []
        return [Enclosure(item.feed_image.url, str(item.feed_image_bytes), "image/jpeg")]

    def item_extra_kwargs(self, item) -> dict:
        return {
            "creators": [
                xml_text(byline.author.name)
                for byline in (item.bylines.all() if hasattr(item, "bylines") else [])
            ],
            "image": item.feed_image,
        }


class SiteFeed(ArticleFeed):
    def subject(self, request: HttpRequest) -> Subject:
        _, site_settings = site.identity(request)
        return Subject(
            request=request,
            title=self._site_title(request),
            link=site.root_url(request) + "/",
            description=getattr(site_settings, "tagline", ""),
            articles=ArticlePage.objects.public(),
            live_pages=distribution.feed_pages(limit=FEED_LENGTH),
        )


class SectionFeed(ArticleFeed):
    """Served by ``SectionPage``'s ``feed/`` route, which passes the section."""

    def subject(self, request: HttpRequest, section) -> Subject:
        return Subject(
            request=request,
            title=self._site_title(request, section.title),
            link=section.get_full_url(request),
            description=section.intro,
            cache_scope=generations.page_scope(section.pk),
            articles=ArticlePage.objects.public().child_of(section),
            live_pages=distribution.feed_pages(section, limit=FEED_LENGTH),
        )


class AuthorFeed(ArticleFeed):
    def subject(self, request: HttpRequest, slug: str) -> Subject:
        author = get_object_or_404(Author, slug=slug)
        return Subject(
            request=request,
            title=self._site_title(request, author.name),
            link=site.absolute(request, author.get_absolute_url()),
            description=f"Articles by {author.name}.",
            cache_scope=generations.author_scope(author.pk),
            articles=ArticlePage.objects.public().filter(bylines__author=author).distinct(),
        )


class TagFeed(ArticleFeed):
    def subject(self, request: HttpRequest, slug: str) -> Subject:
        tag = get_object_or_404(Tag, slug=slug)
        return Subject(
            request=request,
            title=self._site_title(request, tag.name),
            link=site.absolute(request, reverse("articles:tag", args=[tag.slug])),
            description=f"Articles about {tag.name}.",
            cache_scope=generations.tag_scope(tag.pk),
            articles=ArticlePage.objects.public().filter(tagged_items__tag=tag),
        )
