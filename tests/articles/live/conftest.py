from datetime import timedelta

from django.utils import timezone

import pytest

from articles.cache import cdn
from articles.live.models import LiveBlogPage, LiveEntry
from tests.factories import SectionPageFactory

START = timezone.now().replace(microsecond=0) - timedelta(hours=6)


def make_live(parent, **fields) -> LiveBlogPage:
    page = LiveBlogPage(
        title=fields.pop("title", "Ukraine war latest"),
        slug=fields.pop("slug", "ukraine-war-latest"),
        standfirst=fields.pop("standfirst", "Every development as it happens."),
        first_published_at=START,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_entries(page, count: int, start=START, **fields) -> list[LiveEntry]:
    """``count`` entries a minute apart from ``start``, returned oldest first."""
    made = []
    for n in range(count):
        made.append(
            LiveEntry.objects.create(
                page=page,
                posted_at=start + timedelta(minutes=n),
                title=fields.get("title", ""),
                body=[("paragraph", f"<p>Update number {n}.</p>")],
                is_key_event=fields.get("is_key_event", False),
            )
        )
    return made


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def live(section):
    return make_live(section)


@pytest.fixture
def cdn_purges(monkeypatch) -> list[list[str]]:
    """The paths of each CDN purge (sorted), recorded instead of sent."""
    purged: list[list[str]] = []
    monkeypatch.setattr(cdn, "purge_paths", lambda paths: purged.append(sorted(paths)))
    return purged


def cdn_paths(live, section) -> list[str]:
    """What a change to one of ``live``'s entries purges at the CDN: the page,
    its poll fragment, its section and the section's feed, the home page, the
    site's feed and the news sitemap."""
    return sorted(
        [
            live.url,
            f"{live.url}updates/",
            section.url,
            f"{section.url}feed/",
            "/",
            "/feed/",
            "/news-sitemap.xml",
        ]
    )
