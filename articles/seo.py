"""What a page tells search engines and social networks about itself.

Every reader page gets one ``PageMeta``: the meta description, canonical link,
Open Graph / Twitter card values and the JSON-LD structured data, all built
here in Python so ``templates/components/head_meta.html`` only prints them.

Cost: an article's share image is its lead image, loaded once through the page
and shown by the template too (its renditions come from Wagtail's rendition
cache); the publisher logo and the site's default share image come with the
site, their renditions prefetched (``articles.site.load_site``); another share
image costs an image and a rendition query (``_images``); everything else is already on the page,
the request (site, settings) or, for articles, the bylines the view loaded.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Page

from articles.cache.generations import GENERATION_KEYED
from articles.image_specs import LEAD_RENDITIONS, LOGO_SPEC, SHARE_IMAGE_SPEC, stored_specs
from articles.meta import PageMeta, ShareImage
from articles.site import absolute, identity

# Images ----------------------------------------------------------------------


def _images(ids: list[int | None]) -> dict[int, object]:
    """The images with these ids, their share and logo renditions prefetched."""
    wanted = [pk for pk in ids if pk]
    if not wanted:
        return {}
    images = get_image_model().objects.prefetch_renditions(
        *stored_specs(SHARE_IMAGE_SPEC, LOGO_SPEC)
    )
    return {image.pk: image for image in images.filter(pk__in=wanted)}


def _rendition(request: HttpRequest, image, spec: str, shown=()) -> ShareImage | None:
    """``image``'s rendition for ``spec``; with ``shown``, the renditions the
    page shows of it too, all found in one query (and kept in Wagtail's cache)."""
    if image is None:
        return None
    try:
        # get_renditions: unlike get_rendition, it does not write a prefetched
        # rendition back to the cache. Its keys are the specs Wagtail used (an
        # SVG's differ) in the order asked for: ``spec``'s comes first.
        rendition = next(iter(image.get_renditions(spec, *shown).values()))
    except OSError:  # SourceImageIOError: the original file is missing or unreadable
        return None
    return ShareImage(
        url=absolute(request, rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=image.default_alt_text or "",
    )


def _share_and_logo(request: HttpRequest, page, site_settings) -> tuple:
    """The share image (page's social image → lead image → site default) and the logo."""
    page_image_id = getattr(page, "social_image_id", None) or getattr(page, "lead_image_id", None)
    logo = _site_image(request, site_settings, "logo", LOGO_SPEC)
    if not page_image_id:
        return _site_image(request, site_settings, "default_share_image", SHARE_IMAGE_SPEC), logo
    if page_image_id == getattr(page, "lead_image_id", None):
        # The article's own lead image: the template shows it too, so load it
        # once through the page, with the renditions of its lead picture.
        return _rendition(request, page.lead_image, SHARE_IMAGE_SPEC, LEAD_RENDITIONS), logo
    image = _images([page_image_id]).get(page_image_id)
    return _rendition(request, image, SHARE_IMAGE_SPEC), logo


def _site_image(request: HttpRequest, site_settings, field: str, spec: str) -> ShareImage | None:
    """The logo or default share image (``field`` of the settings): loaded with
    the site, its renditions prefetched (``articles.site.load_site``)."""
    if not getattr(site_settings, f"{field}_id", None):
        return None
    return _rendition(request, getattr(site_settings, field), spec)


# Builders --------------------------------------------------------------------


def _listing_url(url: str, page_obj: PaginatorPage | None) -> str:
    """A listing's own URL: page 2 and on are their own canonical pages."""
    if page_obj is not None and page_obj.number > 1:
        return f"{url}?page={page_obj.number}"
    return url


def _base(request: HttpRequest, title: str, **values) -> PageMeta:
    name, site_settings = identity(request)
    return PageMeta(
        title=title,
        site_name=name,
        twitter_site=f"@{site_settings.x_handle}"
        if site_settings and site_settings.x_handle
        else "",
        **values,
    )


def page_meta(request: HttpRequest, page: Page, context: dict) -> tuple[PageMeta, object]:
    """What every Wagtail page's meta starts from (its type completes it:
    ``BasePage.get_meta``), and the publisher logo for its structured data."""
    _, site_settings = identity(request)
    image, logo = _share_and_logo(request, page, site_settings)
    url = _listing_url(page.get_full_url(request), context.get("page_obj"))
    meta = _base(
        request,
        page.seo_title or page.title,
        description=page.search_description
        or getattr(page, "standfirst", "")
        or getattr(page, "intro", ""),
        canonical=url,
        url=url,
        image=image,
    )
    return meta, logo


def for_page_cached(request: HttpRequest, page: Page, context: dict) -> PageMeta:
    """``page.get_meta``, kept in the cache under the page's fragment generation
    (``page_generation`` in its context; see ``articles.cache``) for the
    host and listing page asked for. Previews are always computed afresh."""
    generation = context.get("page_generation")
    if generation is None or getattr(request, "is_preview", False):
        return page.get_meta(request, context)
    page_obj = context.get("page_obj")
    number = page_obj.number if page_obj is not None else ""
    host = f"{request.scheme}:{request.get_host()}"
    key = f"{GENERATION_KEYED}seo:{page.pk}:{generation}:{host}:{number}"
    meta = cache.get(key)
    if meta is None:
        meta = page.get_meta(request, context)
        cache.set(key, meta, settings.PAGE_CACHE_TIMEOUT)  # as long as a stored page
    return meta


def for_author(request: HttpRequest, author, page_obj: PaginatorPage | None) -> PageMeta:
    name, site_settings = identity(request)
    photo = _rendition(request, author.photo, SHARE_IMAGE_SPEC) if author.photo_id else None
    image = photo or _share_and_logo(request, None, site_settings)[0]
    url = _listing_url(absolute(request, author.get_absolute_url()), page_obj)
    role = f", {author.role}" if author.role else ""
    meta = _base(
        request,
        author.name,
        description=f"Articles by {author.name}{role}.",
        canonical=url,
        url=url,
        og_type="profile",
        image=image,
    )
    meta.structured_data = [
        {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": url,
            "mainEntity": {
                "@type": "Person",
                "name": author.name,
                "url": absolute(request, author.get_absolute_url()),
                **({"jobTitle": author.role} if author.role else {}),
                "worksFor": {"@type": "NewsMediaOrganization", "name": name},
            },
        }
    ]
    return meta


def for_tag(request: HttpRequest, tag, page_obj: PaginatorPage | None) -> PageMeta:
    _, site_settings = identity(request)
    url = _listing_url(absolute(request, reverse("articles:tag", args=[tag.slug])), page_obj)
    return _base(
        request,
        tag.name,
        description=f"Articles about {tag.name}.",
        canonical=url,
        url=url,
        image=_share_and_logo(request, None, site_settings)[0],
    )


def for_search(request: HttpRequest) -> PageMeta:
    # Result pages are endless and thin: crawlers may follow links, not index them.
    return _base(request, "Search", robots="noindex, follow")


# Pages that are neither Wagtail pages nor listings: sign-in, the account, the
# membership pages. Personal and sign-in pages are kept out of search engines.
PRIVATE_PREFIXES = ("/accounts/", "/account/")


def for_view(request: HttpRequest) -> PageMeta:
    name, site_settings = identity(request)
    url = absolute(request, request.path)
    return _base(
        request,
        name,
        canonical=url,
        url=url,
        robots="noindex, follow" if request.path.startswith(PRIVATE_PREFIXES) else "",
        image=_share_and_logo(request, None, site_settings)[0],
    )
