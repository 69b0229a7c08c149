"""Editors run the front page from the home page's edit form: the lead and
secondary stories, the section blocks with their layouts, and the
breaking-news strip; bad choices get a clear message and change nothing."""

import datetime

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from articles.blocks import FrontSectionsBlock
from articles.models import HomePage
from tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def home_form(home, **fields) -> dict:
    data = {
        "title": home.title,
        "slug": home.slug,
        "intro": home.intro,
        "breaking_text": "",
        "breaking_link": "",
        "breaking_until": "",
        "lead_story": "",
        "top_stories": inline_formset([]),
        "front_sections": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(fields)
    if not data.get("breaking_on"):
        data.pop("breaking_on", None)  # an unticked box is not sent
    return nested_form_data(data)


def publish(admin_client, home, **fields):
    return admin_client.post(f"/admin/pages/{home.pk}/edit/", home_form(home, **fields))


def test_editors_pick_the_stories_and_the_section_blocks(admin_client, client, home, section):
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    articles = [ArticlePageFactory(parent=(section, politics)[n % 2]) for n in range(12)]
    response = publish(
        admin_client,
        home,
        lead_story=articles[9].pk,
        top_stories=inline_formset([{"article": articles[11].pk}]),
        front_sections=streamfield(
            [
                ("section", {"section": politics.pk, "layout": "list"}),
                ("section", {"section": section.pk, "layout": "cards"}),
            ]
        ),
    )
    assert response.status_code == 302

    html = client.get("/").content.decode()
    assert html.index(articles[9].title) < html.index(articles[11].title)
    politics_at = html.index('class="front-section front-section--list ')
    world_at = html.index('class="front-section front-section--cards ')
    assert politics_at < world_at
    assert 'aria-labelledby="front-politics"' in html[politics_at : politics_at + 200]


def test_a_section_placed_twice_is_refused(admin_client, home, section):
    twice = [("section", {"section": section.pk, "layout": "list"})] * 2
    response = publish(admin_client, home, front_sections=streamfield(twice))
    assert response.status_code == 200
    assert "is already on the front page; show each section once" in response.content.decode()
    assert not HomePage.objects.get(pk=home.pk).front_sections


def test_the_breaking_strip_shows_while_on_and_not_past_its_time(admin_client, client, home):
    until = timezone.localtime() + datetime.timedelta(hours=2)
    response = publish(
        admin_client,
        home,
        breaking_on="on",
        breaking_text="Ceasefire talks collapse in Lessa",
        breaking_link="/world/ceasefire/",
        breaking_until=until.strftime("%Y-%m-%d %H:%M"),
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<aside class="breaking" aria-label="Breaking news">' in html
    assert '<a href="/world/ceasefire/">Ceasefire talks collapse in Lessa</a>' in html

    home = HomePage.objects.get(pk=home.pk)
    assert home.breaking_news
    home.breaking_until = timezone.now() - datetime.timedelta(minutes=1)
    assert not home.breaking_news  # past its time: gone without an editor

    response = publish(admin_client, home, breaking_text="Ceasefire talks collapse in Lessa")
    assert response.status_code == 302  # switched off (the box unticked)
    assert 'class="breaking"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"breaking_text": ""}, "Write the breaking news, or switch the strip off."),
        ({"breaking_link": "javascript:alert(1)"}, "Enter a full address (https://…)"),
        ({"breaking_until": "2020-01-01 10:00"}, "This time has passed"),
    ],
)
def test_a_bad_breaking_strip_is_refused_with_a_message(admin_client, home, fields, message):
    good = {"breaking_on": "on", "breaking_text": "Strikes on the north", "breaking_link": ""}
    response = publish(admin_client, home, **{**good, **fields})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HomePage.objects.get(pk=home.pk).breaking_on


def test_a_section_blocks_preview_says_which_section_in_which_layout(section):
    block = FrontSectionsBlock().child_blocks["section"]
    value = block.to_python({"section": section.pk, "layout": "cards"})
    assert block.render(value).strip() == (
        '<p class="front-section-choice">World: its newest stories as “Four cards”.</p>'
    )


def test_a_revision_published_after_the_strips_time_still_publishes(home):
    """As a revision scheduled before the strip's end and published after it."""
    home.breaking_on = True
    home.breaking_text = "Strikes on the north"
    home.breaking_until = timezone.now() - datetime.timedelta(minutes=1)
    home.save_revision().publish()
    home = HomePage.objects.get(pk=home.pk)
    assert home.breaking_on
    assert not home.breaking_news  # hidden all the same
