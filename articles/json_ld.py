"""Structured data (schema.org JSON-LD) for the head of reader pages: the
publisher, breadcrumbs, the site and its search, a news article. The page
types choose theirs (``structured_data``); everything here comes from the
request's site identity (``articles.site``) and what the caller passes."""

from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse

from articles.meta import ShareImage
from articles.site import absolute, identity, root_url


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _image_object(image: ShareImage) -> dict:
    return {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}


def organization(request: HttpRequest, logo: ShareImage | None = None) -> dict:
    name, site_settings = identity(request)
    data = {"@type": "NewsMediaOrganization", "name": name, "url": root_url(request) + "/"}
    if logo:
        data["logo"] = _image_object(logo)
    if site_settings is not None:
        same_as = [url for _, url in site_settings.social_links()]
        if same_as:
            data["sameAs"] = same_as
    return data


def breadcrumbs(items: list[tuple[str, str]]) -> dict:
    """BreadcrumbList from (name, absolute URL) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def home_crumb(request: HttpRequest) -> tuple[str, str]:
    name, _ = identity(request)
    return name, root_url(request) + "/"  # the home page is the site's root


def website(request: HttpRequest, logo: ShareImage | None) -> list[dict]:
    name, _ = identity(request)
    root = root_url(request)
    search = root + reverse("articles:search")
    return [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": name,
            "url": root + "/",
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": search + "?q={search_term_string}",
                },
                "query-input": "required name=search_term_string",
            },
        },
        {"@context": "https://schema.org", **organization(request, logo)},
    ]


def news_article(
    request: HttpRequest,
    page,
    bylines: list,
    image: ShareImage | None,
    logo: ShareImage | None,
    section,
    modified: datetime | None,
) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.search_description or page.standfirst,
        "url": page.get_full_url(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.canonical_url},
        "datePublished": _iso(page.first_published_at),
        "dateModified": _iso(modified),
        "isAccessibleForFree": True,
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": absolute(request, byline.author.get_absolute_url()),
                **({"jobTitle": byline.author.role} if byline.author.role else {}),
            }
            for byline in bylines
        ],
        "publisher": organization(request, logo),
    }
    if image:
        data["image"] = [image.url]
    if section:
        data["articleSection"] = section.title
    tags = [tag.name for tag in page.tag_list]
    if tags:
        data["keywords"] = tags
    return {key: value for key, value in data.items() if value is not None}
