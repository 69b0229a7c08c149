"""The cards' Python tags write what the templates they replaced wrote.

``articles.templatetags.card_tags`` replaced three included templates per
card (kicker, byline names, the date's ``<time>``), written out below as
they were, and the copies of them in "Related" and the search results. Each
tag is compared with its template for every case a card meets.
"""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import timezone

import pytest

from articles.models import ArticlePage
from articles.templatetags import card_tags

pytestmark = pytest.mark.django_db  # a new page asks for its default locale

KICKER = (
    "{% if article.kicker_label or article.section and show_section %}"
    '<p class="kicker">{% if article.kicker_label %}'
    '<span class="label label--{{ article.kicker }}">{{ article.kicker_label }}</span>'
    "{% endif %}{% if article.section and show_section and "
    "article.section.title != article.kicker_label %} "
    '<span class="card__section">{{ article.section.title }}</span>{% endif %}</p>{% endif %}'
)
BYLINES = (
    "{% for byline in bylines %}{% if not forloop.first %}{% if forloop.last %} and "
    "{% else %}, {% endif %}{% endif %}"
    '<a href="{{ byline.author.get_absolute_url }}">{{ byline.author.name }}</a>{% endfor %}'
)
TIME = (
    "{% load date_tags %}{% if value %}"
    '<time datetime="{{ value|iso_datetime }}">{{ value|day_month_year }}</time>{% endif %}'
)


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def article(kicker: str, section_title: str | None) -> ArticlePage:
    page = ArticlePage(title="A story", kicker=kicker)
    section = SimpleNamespace(title=section_title) if section_title else None
    page.__dict__["section"] = section  # as listings attach it
    return page


@pytest.mark.parametrize("kicker", [value for value, _ in ArticlePage.Kicker.choices])
@pytest.mark.parametrize("section_title", [None, "World", "Opinion", "<Culture & Arts>"])
@pytest.mark.parametrize("show_section", [False, True])
def test_the_kicker_is_the_templates(kicker, section_title, show_section):
    page = article(kicker, section_title)
    assert card_tags.kicker(page, show_section) == render(
        KICKER, article=page, show_section=show_section
    )


class Author(SimpleNamespace):
    def get_absolute_url(self) -> str:
        return f"/authors/{self.slug}/"


NAMES = ["Ilona Varga", "Seán O'Brien", "Kasia <Holm> & Co", "Yuri Benes"]


@pytest.mark.parametrize("count", range(len(NAMES) + 1))
def test_the_byline_names_are_the_templates(count):
    bylines = [
        SimpleNamespace(author=Author(name=name, slug=f"a-{n}")) for n, name in enumerate(NAMES)
    ][:count]
    assert card_tags.byline_names(bylines) == render(BYLINES, bylines=bylines)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Kyiv", "America/St_Johns"])
def test_the_time_is_the_templates(settings, zone):
    settings.TIME_ZONE = zone
    with timezone.override(ZoneInfo(zone)):
        start = datetime(2026, 3, 28, 21, 30, tzinfo=ZoneInfo("UTC"))
        for hours in range(0, 24 * 3, 5):
            moment = start + timedelta(hours=hours)
            assert card_tags.published_time(moment) == render(TIME, value=moment), moment
    assert card_tags.published_time(None) == render(TIME, value=None) == ""
