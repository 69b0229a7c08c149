"""The small pieces of every card and story row, written in Python.

A cold home page shows 34 cards. Each card included three small templates
(its kicker, its byline names and its picture), and Django's template engine
resolved some 37 variables a card: about 1 ms a card, a third of a cold
home's rendering. These tags write the same HTML (``test_card_tags``
compares them with the templates they replaced) in a few microseconds; the
markup of the cards themselves stays in their templates
(``components/article_card.html``, ``story_row.html``), where a newsroom
changes it.
"""

from datetime import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from articles.templatetags.date_tags import day_month_year, iso_datetime

register = template.Library()


@register.simple_tag
def kicker(article, show_section: bool = False) -> SafeString:
    """A story's kicker: its label (Opinion, Analysis…) and, with
    ``show_section``, its section (not repeated when it reads as the label).
    Opinion is always labelled (``label--opinion``)."""
    label = article.kicker_label
    section = article.section if show_section else None
    if not label and not section:
        return mark_safe("")
    parts = []
    if label:
        parts.append(format_html('<span class="label label--{}">{}</span>', article.kicker, label))
    if section and section.title != label:
        parts.append(format_html(' <span class="card__section">{}</span>', section.title))
    return format_html('<p class="kicker">{}</p>', mark_safe("".join(parts)))  # noqa: S308


@register.simple_tag
def byline_names(bylines) -> SafeString:
    """The authors' names, each a link to their page: "A", "A and B",
    "A, B and C"."""
    links = [
        format_html('<a href="{}">{}</a>', byline.author.get_absolute_url(), byline.author.name)
        for byline in bylines
    ]
    if len(links) > 1:
        links = [", ".join(links[:-1]), links[-1]]
    return mark_safe(" and ".join(links))  # noqa: S308 - each part escaped by format_html


@register.simple_tag
def published_time(value: datetime | None) -> SafeString:
    """A ``<time>`` element for a card's date: machine-readable and "3 Dec 2026"."""
    if not value:
        return mark_safe("")
    value = template_localtime(value)
    return format_html('<time datetime="{}">{}</time>', iso_datetime(value), day_month_year(value))
