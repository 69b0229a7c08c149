"""Build the demo newsroom, idempotently: everything is found by slug or title
first and only what is missing is created, so a second run changes nothing.

Hand-written and templated stories are created the way an editor's would be:
``add_child`` then a published revision, with ``first_published_at`` moved to
the story's date afterwards (Wagtail stamps "now" on publish).
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page, Site

from articles.blocks.front import FrontLayout
from articles.demo import brand, images, newsroom, standing
from articles.demo.assets import Report, ensure_collection, ensure_image, publish
from articles.demo.stories import all_stories
from articles.demo.story_pages import ensure_stories
from articles.models import (
    Author,
    AuthorLink,
    HomePage,
    HomeTopStory,
    SectionPage,
    SiteSettings,
    StandardPage,
)

LEAD_STORY = "serevia-double-game"
TOP_STORIES = [
    "port-halvey-drone-strikes",
    "serevia-must-choose",
    "coastal-union-loan-package",
]
# The section blocks under the top stories, in this order, each in a layout.
FRONT_SECTIONS = [
    ("war", FrontLayout.LEAD_AND_LIST),
    ("world", FrontLayout.FOUR_CARDS),
    ("politics", FrontLayout.LEAD_AND_LIST),
    ("opinion", FrontLayout.LIST_ONLY),
    ("business", FrontLayout.FOUR_CARDS),
    ("culture", FrontLayout.LIST_ONLY),
]


def load(now: datetime | None = None) -> tuple[HomePage, Report]:
    now = now or timezone.now()
    report = Report()
    home = ensure_home(report)
    collection = ensure_collection()
    sections = ensure_sections(home, report)
    authors = ensure_authors(collection, report)
    articles = ensure_stories(all_stories(), sections, authors, collection, now, report)
    pages = ensure_standing_pages(home, report)
    ensure_front_page(home, articles, report)
    ensure_front_sections(home, sections, report)
    ensure_site_settings(home, sections, pages, collection, report)
    ensure_brand(home, collection, report)
    return home, report


def ensure_home(report: Report) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's first migration leaves a placeholder "Welcome" page that
        # holds the slug the home page should have.
        for placeholder in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title="Home",
                slug="home",
                intro="Independent journalism, free to read, funded by its readers.",
            )
        )
        report.add("home page")
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    hostname, port = site_address(settings.SITE_URL)
    if (site.root_page_id, site.hostname, site.port) != (home.pk, hostname, port) or (
        not site.site_name
    ):
        # The demo site answers at SITE_URL (``make run`` sets it from PORT), so
        # canonical links, feeds, share URLs and robots.txt point at the server
        # actually running; Wagtail's first site (localhost, port 80) would
        # drop the port from every absolute URL.
        site.hostname, site.port = hostname, port
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
    return home


def site_address(url: str) -> tuple[str, int]:
    """(hostname, port) of a site URL, the port defaulting to the scheme's."""
    public = urlsplit(url)
    return public.hostname or "localhost", public.port or (443 if public.scheme == "https" else 80)


def ensure_sections(home: HomePage, report: Report) -> dict[str, SectionPage]:
    existing = {s.slug: s for s in SectionPage.objects.child_of(home)}
    for spec in newsroom.SECTIONS:
        if spec.slug not in existing:
            section = home.add_child(
                instance=SectionPage(
                    title=spec.title, slug=spec.slug, intro=spec.intro, live=False
                )
            )
            publish(section, timezone.now())
            existing[spec.slug] = section
            report.add("sections")
    return existing


def ensure_authors(collection, report: Report) -> dict[str, Author]:
    authors = {a.slug: a for a in Author.objects.all()}
    for person in newsroom.AUTHORS:
        if person.slug in authors:
            continue
        photo = ensure_image(
            collection,
            f"Portrait: {person.name}",
            lambda person=person: (images.portrait(person.name), f"Portrait of {person.name}"),
            f"demo-portrait-{person.slug}.jpg",
            report,
        )
        author = Author(
            name=person.name,
            slug=person.slug,
            role=person.role,
            photo=photo,
            bio=f"<p>{person.bio}</p>",
            email=f"{person.slug.split('-')[0]}@meridianledger.example",
        )
        author.links = [
            AuthorLink(label="Bluesky", url=f"https://bsky.app/profile/{person.slug}.example")
        ]
        author.save()
        authors[person.slug] = author
        report.add("authors")
    return authors


def ensure_standing_pages(home: HomePage, report: Report) -> dict[str, StandardPage]:
    existing = {p.slug: p for p in StandardPage.objects.child_of(home)}
    for spec in standing.PAGES:
        if spec.slug in existing:
            continue
        page = home.add_child(
            instance=StandardPage(
                title=spec.title,
                slug=spec.slug,
                intro=spec.intro,
                body=[{"type": t, "value": v} for t, v in spec.body],
                live=False,
            )
        )
        publish(page, timezone.now())
        existing[spec.slug] = page
        report.add("standard pages")
    return existing


def ensure_front_page(home: HomePage, articles: dict, report: Report) -> None:
    """Pick the lead and top stories, unless an editor already has."""
    home = home.specific
    if home.lead_story_id or home.top_stories.exists() or LEAD_STORY not in articles:
        return
    home.lead_story = articles[LEAD_STORY]
    home.top_stories = [
        HomeTopStory(article=articles[slug], sort_order=i)
        for i, slug in enumerate(TOP_STORIES)
        if slug in articles
    ]
    home.save_revision().publish()
    report.add("front page picks")


def ensure_front_sections(home: HomePage, sections: dict, report: Report) -> None:
    """Place the section blocks, each in its layout, unless an editor already has."""
    home = HomePage.objects.get(pk=home.pk)
    if home.front_sections:
        return
    home.front_sections = [
        ("section", {"section": sections[slug], "layout": layout})
        for slug, layout in FRONT_SECTIONS
        if slug in sections
    ]
    home.save_revision().publish()
    report.add("front page section blocks")


def ensure_site_settings(home, sections, pages, collection, report: Report) -> None:
    """Fill the site settings once; an editor's later changes are left alone."""
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    if site_settings.site_name:
        return
    site_settings.site_name = newsroom.NAME
    site_settings.tagline = newsroom.TAGLINE
    site_settings.default_share_image = ensure_image(
        collection,
        f"Share card: {newsroom.NAME}",
        lambda: (
            images.share_card(newsroom.NAME, newsroom.TAGLINE),
            f"{newsroom.NAME}: {newsroom.TAGLINE}",
        ),
        "demo-share-card.jpg",
        report,
    )

    def page_item(page) -> dict:
        return {"type": "page", "value": {"page": page.pk, "label": ""}}

    site_settings.main_menu = [
        *(page_item(sections[s.slug]) for s in newsroom.SECTIONS),
        {"type": "page", "value": {"page": pages["about"].pk, "label": "About"}},
    ]
    site_settings.footer_links = [
        page_item(pages[slug])
        for slug in ("about", "ethics-policy", "corrections-policy", "contact")
    ]
    site_settings.x_handle = newsroom.X_HANDLE
    for name, url in newsroom.SOCIAL.items():
        setattr(site_settings, name, url)
    site_settings.save()
    report.add("site settings")


def ensure_brand(home, collection, report: Report) -> None:
    """The logo, its dark variant, the icon and the accent, while no accent is
    set (an editor's own brand is left alone). New titles: a demo loaded
    before had a square PNG titled "Logo: …" as its logo."""
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    if site_settings.accent_colour:
        return
    for field, title, make, filename in (
        ("logo", "Wordmark", lambda: brand.wordmark(newsroom.NAME, "light"), "demo-logo.svg"),
        (
            "logo_dark",
            "Wordmark, dark mode",
            lambda: brand.wordmark(newsroom.NAME, "dark"),
            "demo-logo-dark.svg",
        ),
        ("icon", "Site icon", brand.icon, "demo-icon.svg"),
    ):
        image = ensure_image(
            collection,
            f"{title}: {newsroom.NAME}",
            lambda make=make: (make(), newsroom.NAME),
            filename,
            report,
        )
        setattr(site_settings, field, image)
    site_settings.accent_colour = brand.ACCENT
    site_settings.full_clean()
    site_settings.save()
    report.add("brand")
