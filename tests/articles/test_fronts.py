"""The home page's front: the editors' lead and secondary stories, the Latest
rail, the section blocks in the layout an editor picked, the breaking-news
strip, and what the admin accepts for them."""

import datetime
import re

from django.utils import timezone

import pytest

from articles import fronts
from articles.blocks.front import STORIES, FrontLayout
from articles.image_specs import CARD_SIZES, COMPACT_CARD_SIZES
from articles.models import ArticlePage, HomePage
from articles.templatetags.front_tags import clock_or_date
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def front_of(home):
    return fronts.front_page(HomePage.objects.get(pk=home.pk), ArticlePage.objects.public())


def place(home, *blocks: tuple) -> None:
    """What an editor does: place section blocks and publish the home page."""
    home.front_sections = [("section", {"section": s, "layout": layout}) for s, layout in blocks]
    home.save_revision().publish()


def test_editors_picks_lead_then_the_newest_fill_the_secondary_places(client, home, section):
    articles = [ArticlePageFactory(parent=section, lead_image=None) for _ in range(8)]
    home.lead_story = articles[6]
    home.top_stories.create(article=articles[7], sort_order=0)
    home.save()

    front = client.get("/").context["front"]
    assert front.lead == articles[6]
    # The pick first, then the newest: three secondary places.
    assert front.secondary == [articles[7], articles[0], articles[1]]
    html = client.get("/").content.decode()
    assert html.index(articles[6].title) < html.index(articles[7].title)  # the lead comes first


def test_secondary_stories_let_a_phone_take_the_small_picture(client, home, section):
    """On a phone the secondary stories are rows with a 7rem picture
    (site.css), so their sizes must not say 100vw: a phone took the 800 px
    rendition for each (Lighthouse: properly size images)."""
    for _ in range(4):
        ArticlePageFactory(parent=section)
    html = client.get("/").content.decode()
    secondary = html[html.index('<section class="front-secondary"') :]
    secondary = secondary[: secondary.index("</section>")]
    assert secondary.count("<picture") == 3
    assert secondary.count(f'sizes="{COMPACT_CARD_SIZES}"') >= 3
    assert f'sizes="{CARD_SIZES}"' not in secondary


def test_without_picks_the_newest_leads(home, section):
    articles = [ArticlePageFactory(parent=section, lead_image=None) for _ in range(5)]
    front = front_of(home)
    assert front.lead == articles[0]
    assert front.secondary == articles[1:4]


def test_an_unpublished_pick_gives_its_place_to_the_newest(home, section):
    articles = [ArticlePageFactory(parent=section, lead_image=None) for _ in range(5)]
    home.lead_story = articles[3]
    home.save()
    articles[3].unpublish()
    front = front_of(home)
    assert front.lead == articles[0]
    assert front.secondary == [articles[1], articles[2], articles[4]]


def test_latest_rail_lists_the_newest_first_with_todays_times_as_clock(client, home, section):
    now = timezone.localtime()
    today = now.replace(hour=14, minute=5, second=0, microsecond=0)
    yesterday = today - datetime.timedelta(days=1)
    older = ArticlePageFactory(parent=section, lead_image=None, first_published_at=yesterday)
    newer = ArticlePageFactory(parent=section, lead_image=None, first_published_at=today)

    front = client.get("/").context["front"]
    assert front.latest == [newer, older]
    rail = client.get("/").content.decode().split('id="latest-title"')[1].split("</section>")[0]
    times = re.findall(r'<time class="latest__time"[^>]*>([^<]+)</time>', rail)
    assert times == ["14:05", yesterday.strftime("%-d %b")]
    assert rail.index(newer.title) < rail.index(older.title)


def test_clock_or_date_reads_the_newsroom_time_zone(settings):
    settings.TIME_ZONE = "Europe/Kyiv"  # UTC+2 in December
    timezone.activate("Europe/Kyiv")
    try:
        late = datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC)  # 01:30 on the 3rd
        assert clock_or_date(late, datetime.date(2026, 12, 3)) == "01:30"
        assert clock_or_date(late, datetime.date(2026, 12, 4)) == "3 Dec"
        assert clock_or_date(late, datetime.date(2027, 1, 4)) == "3 Dec 2026"
    finally:
        timezone.deactivate()


def test_without_choices_every_section_is_a_lead_and_a_list(home, section):
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    for n in range(12):
        ArticlePageFactory(parent=section if n % 2 else politics, lead_image=None)
    blocks = front_of(home).blocks
    assert [(b.section.title, b.layout) for b in blocks] == [
        ("World", FrontLayout.LEAD_AND_LIST),
        ("Politics", FrontLayout.LEAD_AND_LIST),
    ]


def test_section_blocks_follow_the_editors_order_and_layouts(home, section):
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    culture = SectionPageFactory(parent=home, title="Culture", slug="culture")
    for n in range(30):
        ArticlePageFactory(parent=(section, politics, culture)[n % 3], lead_image=None)
    place(home, (politics, FrontLayout.FOUR_CARDS), (section, FrontLayout.LIST_ONLY))

    front = front_of(home)
    top = {front.lead.pk, *(a.pk for a in front.secondary)}
    assert [(b.section, b.layout) for b in front.blocks] == [
        (politics, FrontLayout.FOUR_CARDS),
        (section, FrontLayout.LIST_ONLY),
    ]  # Culture was not placed: no block
    for block in front.blocks:
        assert len(block.articles) == STORIES[block.layout]
        assert all(a.section == block.section and a.pk not in top for a in block.articles)
        assert block.articles == sorted(
            block.articles, key=lambda a: a.first_published_at, reverse=True
        )


def test_the_layout_picked_changes_the_markup(client, home, section):
    for _ in range(10):
        ArticlePageFactory(parent=section)

    def block_html(layout) -> str:
        place(home, (section, layout))
        html = client.get("/").content.decode()
        return html.split('aria-labelledby="front-world"')[1].split("</section>")[0]

    lead_and_list = block_html(FrontLayout.LEAD_AND_LIST)
    assert lead_and_list.count('class="card"') == 1  # the block's lead, with its picture
    assert lead_and_list.count('class="story"') == STORIES[FrontLayout.LEAD_AND_LIST] - 1
    cards = block_html(FrontLayout.FOUR_CARDS)
    assert cards.count('class="card"') == 4
    assert "<picture>" in cards
    assert 'class="story"' not in cards
    listed = block_html(FrontLayout.LIST_ONLY)
    assert listed.count('class="story"') == STORIES[FrontLayout.LIST_ONLY]
    assert 'class="card"' not in listed
    assert "<picture>" not in listed


def test_a_quiet_section_keeps_its_block_when_busy_ones_fill_the_recent_window(home, monkeypatch):
    busy = SectionPageFactory(parent=home, title="Busy")
    quiet = SectionPageFactory(parent=home, title="Quiet")
    days_ago = [timezone.now() - datetime.timedelta(days=n) for n in (2, 3)]
    old = [
        ArticlePageFactory(parent=quiet, lead_image=None, first_published_at=d) for d in days_ago
    ]
    for _ in range(12):
        ArticlePageFactory(parent=busy, lead_image=None)
    monkeypatch.setattr(fronts, "RECENT_WINDOW", 4)  # the window sees only Busy's top stories

    blocks = {b.section: b.articles for b in front_of(home).blocks}
    assert [s.title for s in blocks] == ["Busy", "Quiet"]
    assert blocks[quiet] == old
    assert len(blocks[busy]) == STORIES[FrontLayout.LEAD_AND_LIST]


def test_opinion_is_labelled_on_the_lead_the_latest_rail_and_lists(client, home, section):
    opinion = ArticlePageFactory(parent=section, kicker=ArticlePage.Kicker.OPINION)
    place(home, (section, FrontLayout.LIST_ONLY))
    for _ in range(6):
        ArticlePageFactory(parent=section)
    home.lead_story = opinion
    home.save()
    html = client.get("/").content.decode()
    label = '<span class="label label--opinion">Opinion</span>'
    lead = html.split('aria-label="Top story"')[1].split("</section>")[0]
    rail = html.split('id="latest-title"')[1].split("</section>")[0]
    assert label in lead
    assert label in rail


def test_publishing_a_story_puts_it_on_the_cached_front_at_once(client, home, section):
    place(home, (section, FrontLayout.LIST_ONLY))
    ArticlePageFactory(parent=section, lead_image=None)
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"  # stored for anonymous readers

    draft = ArticlePageFactory(
        parent=section, lead_image=None, live=False, title="Strikes", first_published_at=None
    )
    draft.save_revision().publish()  # as an editor publishes it
    front = client.get("/")
    assert front["X-Page-Cache"] != "hit"
    rail = front.content.decode().split('id="latest-title"')[1].split("</section>")[0]
    assert rail.index("Strikes") < rail.index("Article number")  # first in the Latest rail
