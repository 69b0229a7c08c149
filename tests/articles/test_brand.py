"""The brand editors set in the site settings: the accent colour (accepted
only with enough contrast on both themes), the masthead logo with its dark
variant, the site icons and the web app manifest; all of it from the cached
site, purged when the settings change."""

import json
import re
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model
from wagtail.models import Site

import pytest
from PIL import Image as PILImage

from articles import brand
from articles.demo import brand as demo_brand
from articles.demo import build
from articles.demo.assets import Report, ensure_collection
from articles.image_specs import ICON_SPECS, MASTHEAD_LOGO_SPEC
from articles.models import SiteSettings

pytestmark = pytest.mark.django_db


def svg_image(data: bytes, title: str):
    image = get_image_model()(title=title)
    image.file = ImageFile(BytesIO(data), name=f"{title}.svg")
    image._set_image_file_metadata()
    image.save()
    return image


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def branded(home):
    found = site_settings()
    found.site_name = "The Meridian Ledger"
    found.logo = svg_image(demo_brand.wordmark("The Meridian Ledger", "light"), "logo")
    found.logo_dark = svg_image(demo_brand.wordmark("The Meridian Ledger", "dark"), "logo-dark")
    found.icon = svg_image(demo_brand.icon(), "icon")
    found.accent_colour = "#0e5e6f"
    found.full_clean()
    found.save()
    return found


def test_contrast_is_the_wcag_ratio():
    assert round(brand.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(brand.contrast("#0b5cad", "#ffffff"), 2) == 6.67


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "accent_colour",
            "#77aaff",
            "#77aaff has a contrast of 2.09:1 against the light theme's background (#f4f2ee)",
        ),
        ("accent_colour", "#ffcc00", "Pick a darker shade"),
        ("accent_colour", "blue", "is not a colour: write it as # and six hex digits"),
        ("accent_colour_dark", "#0b5cad", "2.50:1 against the dark theme's background (#1e1e1e)"),
    ],
)
def test_an_accent_without_enough_contrast_is_refused_saying_the_ratio(
    home, field, value, message
):
    found = site_settings()
    found.accent_colour = "#0b5cad"
    setattr(found, field, value)
    with pytest.raises(ValidationError) as refused:
        found.full_clean()
    assert message in refused.value.message_dict[field][0]
    assert "4.5:1" in refused.value.message_dict[field][0] or "hex" in message
    assert not SiteSettings.objects.filter(accent_colour=value).exists()


def test_a_readable_accent_is_accepted_and_a_dark_shade_derived(home):
    found = site_settings()
    found.accent_colour = "#0E5E6F"
    found.full_clean()
    assert found.accent_colour == "#0e5e6f"
    dark = brand.of(found).accent_dark
    assert brand.contrast_problem(dark, "dark") is None
    assert brand.contrast(dark, "#121212") >= 4.5


def test_a_dark_accent_needs_a_light_one(home):
    found = site_settings()
    found.accent_colour_dark = "#8cc4ff"
    with pytest.raises(ValidationError) as refused:
        found.full_clean()
    assert "light theme too" in refused.value.message_dict["accent_colour"][0]


def test_no_colour_passes_on_both_themes():
    """Why there are two accents: none of the 4,096 web colours with 4-bit
    channels reaches 4.5:1 on both white and the dark background."""
    colours = [
        f"#{r}{r}{g}{g}{b}{b}"
        for r in "0123456789abcdef"
        for g in "0123456789abcdef"
        for b in "0123456789abcdef"
    ]
    assert not [
        c
        for c in colours
        if not brand.contrast_problem(c, "light") and not brand.contrast_problem(c, "dark")
    ]


def test_the_masthead_shows_the_logo_with_its_dark_variant(client, branded):
    response = client.get("/")
    html = response.content.decode()
    logo = branded.logo.get_rendition(MASTHEAD_LOGO_SPEC)
    dark = branded.logo_dark.get_rendition(MASTHEAD_LOGO_SPEC)
    assert logo.url.endswith(".svg")
    assert (
        f'<a class="site-name" href="/"><picture><source media="(prefers-color-scheme: dark)" '
        f'srcset="{dark.url}" width="{round(dark.width)}" height="{round(dark.height)}">'
        f'<img class="site-logo" src="{logo.url}" '
        f'alt="The Meridian Ledger" width="{round(logo.width)}" height="{round(logo.height)}">'
        "</picture></a>"
    ) in html
    # A new SVG rendition's size is a float; an HTML width is a whole number.
    assert not re.search(r'(width|height)="\d+\.\d+"', html)


def test_the_accent_is_an_inline_style_allowed_by_the_nonce(client, branded):
    response = client.get("/")
    html = response.content.decode()
    style = re.search(r'<style nonce="([^"]+)">([^<]*)</style>', html)
    dark = brand.dark_variant("#0e5e6f")
    assert style.group(2) == (
        f":root{{--accent:#0e5e6f}}@media (prefers-color-scheme:dark){{:root{{--accent:{dark}}}}}"
    )
    policy = response["Content-Security-Policy"]
    style_src = re.search(r"style-src ([^;]*)", policy).group(1).split()
    assert f"'nonce-{style.group(1)}'" in style_src
    assert "'unsafe-inline'" not in style_src
    assert '<meta name="theme-color" content="#0e5e6f">' in html


def test_without_a_brand_the_page_has_no_inline_style(client, home):
    html = client.get("/").content.decode()
    assert "<style" not in html
    assert '<a class="site-name" href="/">The Test Ledger</a>' in html


def test_icons_and_manifest_come_from_the_site_icon(client, branded):
    icons = {size: branded.icon.get_rendition(spec) for size, spec in ICON_SPECS.items()}
    html = client.get("/").content.decode()
    assert f'<link rel="icon" href="{icons[32].url}" sizes="32x32">' in html
    assert f'<link rel="apple-touch-icon" href="{icons[180].url}">' in html
    assert '<link rel="manifest" href="/site.webmanifest">' in html
    favicon = client.get("/favicon.ico")
    assert (favicon.status_code, favicon["Location"]) == (302, icons[32].url)
    response = client.get("/site.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "The Meridian Ledger"
    assert manifest["theme_color"] == "#0e5e6f"
    assert [(i["src"], i["sizes"]) for i in manifest["icons"]] == [
        (icons[192].url, "192x192"),
        (icons[512].url, "512x512"),
    ]
    assert {(icons[s].width, icons[s].height) for s in (192, 512)} == {(192, 192), (512, 512)}


def test_the_manifest_without_an_icon_names_the_default_one(client, home):
    manifest = json.loads(client.get("/site.webmanifest").content)
    assert manifest["icons"] == [
        {"src": "/static/icons/favicon.svg", "sizes": "any", "type": "image/svg+xml"}
    ]


def test_changing_the_brand_purges_cached_pages(client, branded):
    client.get("/")
    hit = client.get("/")
    assert hit["X-Page-Cache"] == "hit"
    nonce = re.search(r'<style nonce="([^"]+)">', hit.content.decode()).group(1)
    assert f"style-src 'self' 'nonce-{nonce}'" in hit["Content-Security-Policy"]
    branded.accent_colour = "#8a1c1c"
    branded.save()
    html = client.get("/").content.decode()
    assert "--accent:#8a1c1c" in html


def test_the_brand_costs_no_query_once_the_site_is_cached(client, home, settings):
    settings.PAGE_CACHE = False
    client.get("/")
    with CaptureQueriesContext(connection) as plain:
        client.get("/")
    found = site_settings()
    found.logo = svg_image(demo_brand.wordmark("The Meridian Ledger", "light"), "logo")
    found.logo_dark = svg_image(demo_brand.wordmark("The Meridian Ledger", "dark"), "logo-dark")
    found.icon = svg_image(demo_brand.icon(), "icon")
    found.accent_colour = "#0e5e6f"
    found.save()
    client.get("/")
    with CaptureQueriesContext(connection) as branded_page:
        html = client.get("/").content.decode()
    assert "site-logo" in html
    assert len(branded_page) == len(plain)


def test_a_rendered_page_reads_the_brand_made_with_the_cached_site(
    client, branded, settings, monkeypatch
):
    """The brand is worked out once, when the site is cached: asking the images
    for six renditions on every rendered page cost milliseconds a request."""
    settings.PAGE_CACHE = False
    client.get("/")

    def refuse(site_settings):
        raise AssertionError("the brand was worked out again for a request")

    monkeypatch.setattr(brand, "of", refuse)
    html = client.get("/").content.decode()
    assert "site-logo" in html
    assert "--accent:#0e5e6f" in html


def test_the_demo_gets_its_brand_once_and_leaves_an_editors_alone(home):
    report = Report()
    build.ensure_brand(home, ensure_collection(), report)
    found = site_settings()
    assert found.accent_colour == demo_brand.ACCENT
    assert [i.is_svg() for i in (found.logo, found.logo_dark, found.icon)] == [True] * 3
    assert found.logo.title == "Wordmark: The Meridian Ledger"
    found.accent_colour = "#8a1c1c"
    found.save()
    build.ensure_brand(home, ensure_collection(), Report())
    assert site_settings().accent_colour == "#8a1c1c"


def test_the_image_chooser_leaves_out_svgs(admin_client):
    """An article's images get AVIF/WebP/JPEG renditions, which Wagtail cannot
    make from an SVG: the chooser offers raster images only, so the logo can't
    become a lead image that breaks its article."""
    data = BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(data, "PNG")
    raster = get_image_model()(title="harbour-at-dawn")
    raster.file = ImageFile(data, name="harbour.png")
    raster._set_image_file_metadata()
    raster.save()
    svg_image(demo_brand.icon(), "wordmark-icon")
    html = admin_client.get("/admin/images/chooser/").content.decode()
    assert "harbour-at-dawn" in html
    assert "wordmark-icon" not in html
