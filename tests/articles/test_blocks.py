"""Every body block renders through its own template."""

from django.db import connection
from django.template import Context, Template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

import pytest

from articles.blocks import ArticleBodyBlock, StandardBodyBlock
from tests.factories import ArticlePageFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def render(block_type: str, value) -> str:
    stream = ArticleBodyBlock().to_python([{"type": block_type, "value": value}])
    return stream[0].render()


def test_paragraph_keeps_links_and_drops_what_it_does_not_allow():
    html = render("paragraph", '<p>See <a href="https://example.org">the report</a>.</p>')
    assert '<a href="https://example.org">the report</a>' in html


def test_section_heading_has_a_stable_anchor():
    assert render("section_heading", {"heading": "Relations with China", "anchor": ""}) == (
        '<h2 id="relations-with-china" class="section-heading">Relations with China</h2>\n'
    )
    custom = render("section_heading", {"heading": "Relations with China", "anchor": "china"})
    assert 'id="china"' in custom


def test_image_block_has_caption_credit_and_alt_from_the_image():
    image = ImageFactory(description="Smoke over the port")
    html = render(
        "image",
        {
            "image": image.pk,
            "caption": "The port on Monday.",
            "credit": "Photo: AP",
            "alignment": "wide",
        },
    )
    assert 'class="figure figure--wide"' in html
    assert 'alt="Smoke over the port"' in html
    assert 'loading="lazy"' in html
    assert "The port on Monday." in html
    assert "Photo: AP" in html


def test_a_bodys_images_come_with_their_renditions_in_one_query():
    images = [ImageFactory() for _ in range(3)]
    fresh = ImageFactory()  # none of its renditions made yet
    raw = [{"type": "image", "value": {"image": image.pk}} for image in [*images, images[0]]]
    ArticleBodyBlock().to_python(raw).render_as_block()  # makes their renditions
    raw.append({"type": "image", "value": {"image": fresh.pk}})
    with CaptureQueriesContext(connection) as queries:
        stream = ArticleBodyBlock().to_python(raw)
        values = [child.value for child in stream]
    assert len(queries) == 2  # the renditions with their images; the image without any
    assert values[3]["image"] is not values[0]["image"]  # a copy, as Wagtail gives
    with CaptureQueriesContext(connection) as queries:
        html = "".join(child.render() for child in stream[:4])
    assert len(queries) == 0
    wagtails = Template(
        "{% load wagtailimages_tags %}{% picture image format-{avif,webp,jpeg} "
        'width-{480,800,1200} sizes="(min-width: 48rem) 42rem, 100vw" alt=alt '
        'loading="lazy" decoding="async" %}'
    )
    plain = get_image_model().objects.get(pk=images[1].pk)
    assert wagtails.render(Context({"image": plain, "alt": values[1].alt})) in html


def test_pull_quote_names_speaker_and_role():
    html = render(
        "pull_quote",
        {
            "quote": "We will not trade land for paper.",
            "speaker": "Maria Hren",
            "role": "ministry spokesperson",
        },
    )
    assert "<blockquote><p>We will not trade land for paper.</p></blockquote>" in html
    assert "Maria Hren" in html
    assert "ministry spokesperson" in html


def test_block_quote_cites_its_source():
    html = render(
        "block_quote",
        {
            "text": "<p>The parties agree.</p>",
            "source": "Joint statement",
            "source_url": "https://example.org/s",
        },
    )
    assert 'cite="https://example.org/s"' in html
    assert '<a href="https://example.org/s">Joint statement</a>' in html


def test_fact_box_and_appeal_marker():
    html = render("fact_box", {"title": "Key facts", "body": "<ul><li>Three rounds.</li></ul>"})
    assert 'aria-label="Key facts"' in html
    assert "Three rounds." in html
    assert render("appeal_marker", None).strip() == ""


def test_read_also_links_a_live_article_and_hides_an_unpublished_one(home):
    section = SectionPageFactory(parent=home, slug="world")
    target = ArticlePageFactory(parent=section, title="How the talks began")
    html = render("read_also", {"article": target.pk, "label": "Read also"})
    assert f'href="{target.url}"' in html
    assert "How the talks began" in html
    target.unpublish()
    assert render("read_also", {"article": target.pk, "label": "Read also"}).strip() == ""


@override_settings(
    WAGTAILEMBEDS_FINDERS=[
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [
                {
                    "endpoint": "http://127.0.0.1:9/oembed",  # nothing listens: a dead provider
                    "urls": [r"^https://video\.example\.org/.+$"],
                }
            ],
        }
    ]
)
def test_embed_survives_an_unreachable_provider():
    html = render("embed", {"url": "https://video.example.org/watch/1", "caption": "Footage"})
    assert '<a class="embed__link" href="https://video.example.org/watch/1">' in html
    assert "<iframe" not in html
    assert not Embed.objects.exists()


def test_embed_shows_the_stored_title_without_loading_the_player():
    Embed.objects.create(
        hash=get_embed_hash("https://video.example.org/watch/2"),
        url="https://video.example.org/watch/2",
        max_width=None,
        type="video",
        html="<iframe></iframe>",
        title="Press conference",
        provider_name="ExampleTube",
        thumbnail_url="",
        width=640,
        height=360,
    )
    html = render("embed", {"url": "https://video.example.org/watch/2", "caption": ""})
    assert "Press conference" in html
    assert "on ExampleTube" in html
    assert "<iframe" not in html


def test_standard_pages_use_a_smaller_block_set():
    assert set(StandardBodyBlock.base_blocks) < set(ArticleBodyBlock.base_blocks)
