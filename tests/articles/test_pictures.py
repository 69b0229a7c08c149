"""``articles.pictures.html`` writes what Wagtail's ``Picture`` writes, for
every kind of picture the site draws and the corners of ``flatatt``."""

from django.apps import apps
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from wagtail.images import get_image_model
from wagtail.images.models import Picture

import pytest

from articles import pictures
from articles.image_specs import (
    CARD_RENDITIONS,
    CARD_SIZES,
    COMPACT_CARD_SIZES,
    LEAD_RENDITIONS,
    LEAD_SIZES,
    THUMBNAIL_SIZES,
)

Image = get_image_model()
Rendition = Image.get_rendition_model()
# collection_id given: its default asks the database for the root collection.
IMAGE = Image(
    title="Harbour",
    description='Cranes at "dawn" & <dusk>',
    width=1600,
    height=900,
    collection_id=1,
)


def renditions(specs, name="images/harbour.2e16d0ba") -> dict:
    """Unsaved renditions of ``IMAGE`` for ``specs``, each its own file."""
    found = {}
    for number, spec in enumerate(specs):
        width = 400 * (number % 3 + 1)
        extension = spec.rsplit("format-", 1)[-1].split("|")[0] if "format-" in spec else "png"
        found[spec] = Rendition(
            image=IMAGE,
            filter_spec=spec,
            width=width,
            height=width * 9 // 16,
            file=f"{name}.{spec.replace('|', '.')}.{extension}",
        )
    return found


def card_attrs(sizes=CARD_SIZES, eager=False, alt="A harbour at dawn"):
    return {
        "sizes": sizes,
        "alt": alt,
        "loading": "eager" if eager else "lazy",
        "decoding": "async",
    }


CASES = {
    "card": (CARD_RENDITIONS, card_attrs()),
    "lead card": (CARD_RENDITIONS, card_attrs(eager=True)),
    "compact card": (CARD_RENDITIONS, card_attrs(COMPACT_CARD_SIZES)),
    "thumbnail": (CARD_RENDITIONS, card_attrs(THUMBNAIL_SIZES)),
    "article lead": (LEAD_RENDITIONS, {"sizes": LEAD_SIZES, "alt": "", "fetchpriority": "high"}),
    "one format": (("width-400", "width-800"), card_attrs()),
    "one rendition": (("fill-400x225|format-jpeg",), card_attrs()),
    "two formats": (("width-400|format-webp", "width-400|format-png"), card_attrs()),
    "alt to escape": (CARD_RENDITIONS, card_attrs(alt="\"Quotes\" & <tags> 'too'")),
    "safe alt": (CARD_RENDITIONS, card_attrs(alt=mark_safe("<b>kept</b> &amp;"))),
    "lazy alt": (CARD_RENDITIONS, card_attrs(alt=gettext_lazy("Photo"))),
    "no alt: the image's": (CARD_RENDITIONS, {"sizes": CARD_SIZES}),
    "no sizes": (CARD_RENDITIONS, {"alt": "x", "sizes": None}),
    "booleans": (CARD_RENDITIONS, {"alt": "x", "hidden": True, "inert": False, "width": 9}),
}


@pytest.mark.parametrize("case", CASES)
def test_a_picture_is_the_one_wagtail_writes(case):
    specs, attrs = CASES[case]
    found = renditions(specs)
    assert pictures.html(found, dict(attrs)) == Picture(found, dict(attrs)).__html__()


def test_urls_are_the_storages_own(settings):
    settings.MEDIA_URL = "https://media.example.org/news/"
    found = renditions(CARD_RENDITIONS, name="images/été à 50%")
    written = pictures.html(found, card_attrs())
    assert written == Picture(found, card_attrs()).__html__()
    assert "https://media.example.org/news/images/%C3%A9t%C3%A9%20%C3%A0%2050%25." in written


def test_a_missing_image_is_written_as_wagtail_writes_it():
    # get_renditions_or_not_found: one rendition named "not-found" for every spec
    missing = Rendition(image=IMAGE, width=0, height=0)
    missing.file.name = "not-found"
    found = dict.fromkeys(CARD_RENDITIONS, missing)
    assert pictures.html(found, card_attrs()) == Picture(found, card_attrs()).__html__()


def test_wagtails_default_attributes_are_written(monkeypatch):
    config = apps.get_app_config("wagtailimages")
    monkeypatch.setattr(config, "default_attrs", {"decoding": "sync", "class": "img", "alt": "d"})
    found = renditions(CARD_RENDITIONS)
    for attrs in ({"sizes": CARD_SIZES}, card_attrs()):
        assert pictures.html(found, dict(attrs)) == Picture(found, dict(attrs)).__html__()


def test_the_callers_attributes_are_left_as_they_were():
    attrs = card_attrs()
    pictures.html(renditions(CARD_RENDITIONS), attrs)
    assert attrs == card_attrs()
