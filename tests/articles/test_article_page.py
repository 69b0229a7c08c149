"""What a reader sees on an article page."""

import datetime

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from articles import listings
from articles.cache import lookups
from articles.models import ArticleCorrection
from tests.factories import ArticlePageFactory, AuthorFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_shows_headline_standfirst_byline_and_dates(client, section):
    author = AuthorFactory(name="Olena Marchuk", slug="olena-marchuk", role="Foreign editor")
    article = ArticlePageFactory(
        parent=section,
        title="Talks resume in Geneva",
        standfirst="Negotiators met for the first time since March.",
        bylines=[author],
        updated_at=timezone.now(),
    )
    html = html_of(client, article)
    assert html.count("<h1") == 1
    assert '<h1 class="article__headline">Talks resume in Geneva</h1>' in html
    assert "Negotiators met for the first time since March." in html
    assert '<a href="/authors/olena-marchuk/">Olena Marchuk</a>' in html
    assert "Foreign editor" in html
    assert "Updated <time" in html
    assert 'href="/world/">World</a>' in html  # section link above the headline


def test_table_of_contents_appears_from_three_section_headings(client, section):
    headings = ["Background", "The double game on energy", "What comes next"]
    body = [("paragraph", "<p>Opening.</p>")]
    for heading in headings:
        body += [
            ("section_heading", {"heading": heading, "anchor": ""}),
            ("paragraph", "<p>Text.</p>"),
        ]
    article = ArticlePageFactory(parent=section, body=body)
    html = html_of(client, article)
    assert '<nav class="toc"' in html
    for heading in headings:
        assert f'href="#{article.table_of_contents[headings.index(heading)]["anchor"]}"' in html
    assert '<h2 id="the-double-game-on-energy" class="section-heading">' in html


def test_two_section_headings_make_no_table_of_contents(client, section):
    article = ArticlePageFactory(parent=section)  # the factory body has one heading
    assert '<nav class="toc"' not in html_of(client, article)


def test_opinion_pieces_carry_a_visible_label(client, section):
    article = ArticlePageFactory(parent=section, kicker="opinion")
    assert '<span class="label label--opinion">Opinion</span>' in html_of(client, article)


def test_corrections_are_listed_and_move_date_modified(client, section):
    article = ArticlePageFactory(parent=section)
    corrected_at = timezone.now() + datetime.timedelta(minutes=5)
    ArticleCorrection.objects.create(
        page=article,
        date=corrected_at,
        kind="correction",
        text="An earlier version misspelt the envoy's name.",
    )
    html = html_of(client, article)
    assert "Corrections and updates" in html
    assert "misspelt the envoy" in html
    assert article.date_modified == corrected_at


def test_syndicated_piece_links_to_and_canonicalises_the_original(client, section):
    article = ArticlePageFactory(
        parent=section, source_name="Baltic Wire", source_url="https://baltic-wire.example/story"
    )
    html = html_of(client, article)
    assert (
        'Originally published by <a href="https://baltic-wire.example/story">Baltic Wire</a>'
        in html
    )
    assert '<link rel="canonical" href="https://baltic-wire.example/story">' in html


def test_lead_image_has_caption_credit_alt_text_and_dimensions(client, section):
    image = ImageFactory(description="Delegates arrive at the Palais des Nations")
    article = ArticlePageFactory(
        parent=section,
        lead_image=image,
        lead_image_caption="Delegates arrive on Tuesday.",
        lead_image_credit="Photo: Ana Petrenko",
    )
    html = html_of(client, article)
    assert 'alt="Delegates arrive at the Palais des Nations"' in html
    assert "Delegates arrive on Tuesday." in html
    assert "Photo: Ana Petrenko" in html
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    assert 'width="' in html
    assert 'height="' in html
    assert 'fetchpriority="high"' in html


def test_reading_time_is_computed_from_the_body(section):
    words = " ".join(["word"] * 690)
    article = ArticlePageFactory(
        parent=section, standfirst="Short.", body=[("paragraph", f"<p>{words}</p>")]
    )
    assert article.reading_minutes == 4  # 691 words at 230 a minute


def test_tags_link_to_tag_pages_and_share_links_are_plain(client, section):
    article = ArticlePageFactory(parent=section)
    article.tags.add("Energy security")
    article.save()
    html = html_of(client, article)
    assert 'href="/tags/energy-security/"' in html
    assert "https://t.me/share/url?url=" in html
    # Share links need no script: the only script element is JSON-LD data.
    assert html.count("<script") == html.count('<script type="application/ld+json"')


def test_related_articles_prefer_editors_picks_then_shared_tags(client, section):
    article = ArticlePageFactory(parent=section)
    picked = ArticlePageFactory(parent=section, title="Editors' pick")
    same_tag = ArticlePageFactory(parent=section, title="Shares a tag")
    article.related_links.create(article=picked)
    article.tags.add("sanctions")
    article.save()
    same_tag.tags.add("sanctions")
    same_tag.save()
    html = html_of(client, article)
    related = html[html.index('<aside class="related ') :]
    assert related.index("Editors&#x27; pick") < related.index("Shares a tag")


def test_related_articles_fill_with_the_section_and_skip_what_readers_cannot_see(client, section):
    article = ArticlePageFactory(parent=section)
    hidden = ArticlePageFactory(parent=section, title="Unpublished pick")
    hidden.unpublish()
    picks = [ArticlePageFactory(parent=section, title=f"Pick {n}") for n in (1, 2)]
    for n, picked in enumerate([picks[1], hidden, picks[0]]):
        article.related_links.create(article=picked, sort_order=n)
    article.save()
    newest = ArticlePageFactory(parent=section, title="Newest in the section")
    for n in range(3):
        ArticlePageFactory(parent=section, title=f"Older {n}")
    html = html_of(client, article)
    related = html[html.index('<aside class="related ') : html.index("</aside>")]
    assert "Unpublished pick" not in related
    # The picks in the editor's order, then the newest in the section fill the box.
    assert related.index("Pick 2") < related.index("Pick 1") < related.index(newest.title)
    assert related.count("<li>") == 4


def test_related_articles_short_of_picks_are_filled_in_the_same_cards_query(section):
    article = ArticlePageFactory(parent=section)
    elsewhere = SectionPageFactory(parent=section.get_parent())
    picked = ArticlePageFactory(parent=section, title="Pick")
    article.related_links.create(article=picked)
    article.tags.add("sanctions")
    article.save()
    tagged = ArticlePageFactory(parent=elsewhere)
    tagged.tags.add("sanctions")
    tagged.save()
    siblings = [ArticlePageFactory(parent=section, title=f"Sibling {n}") for n in range(3)]
    article.tag_list, lookups.live_sections(), lookups.restricted_paths()
    with CaptureQueriesContext(connection) as queries:
        related = listings.related_articles(article)
    assert len(queries) == 3  # the cards: articles, bylines, renditions
    # The pick, the article sharing a tag, then the newest in the section.
    assert [a.pk for a in related[:2]] == [picked.pk, tagged.pk]
    newest = listings.newest_first(type(article).objects.filter(pk__in=[a.pk for a in siblings]))
    assert [a.pk for a in related[2:]] == [a.pk for a in newest[:2]]


def test_the_lead_picture_is_what_wagtails_picture_tag_renders(section):
    article = ArticlePageFactory(parent=section, lead_image=ImageFactory())
    wagtails = Template(
        "{% load wagtailimages_tags %}{% picture page.lead_image format-{avif,webp,jpeg} "
        'width-{640,1024,1600} sizes="(min-width: 64rem) 60rem, 100vw" '
        'alt=page.lead_image.default_alt_text fetchpriority="high" %}'
    )
    ours = Template("{% load articles_tags %}{% lead_picture page.lead_image %}")
    context = Context({"page": article})
    assert ours.render(context) == wagtails.render(context)


def test_unpublished_article_is_not_served(client, section):
    article = ArticlePageFactory(parent=section)
    article.unpublish()
    assert client.get(article.url).status_code == 404
