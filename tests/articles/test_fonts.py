"""The newsroom's optional web fonts (articles.fonts): WOFF2 only, refused with
a message otherwise; stored under a name hashed from their content; served
from our origin (articles.webfonts) with font-display: swap, the headline's
preloaded; read with the cached site, so a page costs no extra query."""

import re
import struct

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from articles import fonts
from articles.models import SiteSettings

pytestmark = pytest.mark.django_db

HEAD, GLYF, LOCA = 1, 10, 11


def woff2(*tables: int, payload: bytes = b"\x1b" * 64) -> bytes:
    """A WOFF2 file's header and table directory (WOFF2's known-table indexes),
    then ``payload`` standing for the compressed tables."""
    directory = b""
    for index in tables:
        directory += bytes([index, 100])  # flags (transform version 0), origLength
        if index in (GLYF, LOCA):
            directory += bytes([90])  # transformed: transformLength
    length = 48 + len(directory) + len(payload)
    header = struct.pack(
        ">4sIIHHIIHHIIIII", b"wOF2", 0x00010000, length, len(tables), 0,
        1000, len(payload), 1, 0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    return header + directory + payload


STATIC = woff2(HEAD, GLYF, LOCA)
VARIABLE = woff2(HEAD, GLYF, LOCA, fonts.FVAR)


def site_settings() -> SiteSettings:
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def with_fonts(headline: bytes | None = None, text: bytes | None = None) -> SiteSettings:
    found = site_settings()
    if headline is not None:
        found.headline_font = SimpleUploadedFile("Headline Bold.woff2", headline)
    if text is not None:
        found.text_font = SimpleUploadedFile("text.woff2", text)
    found.full_clean()
    found.save()
    return found


def test_woff2_directories_are_read_and_variable_fonts_found():
    assert fonts.is_variable(STATIC) is False
    assert fonts.is_variable(VARIABLE) is True
    ttf = b"\x00\x01\x00\x00" + STATIC[4:]
    for broken in (ttf, STATIC[:40], STATIC + b"\x00", STATIC[:50]):
        with pytest.raises(fonts.NotWoff2):
            fonts.is_variable(broken)


NOT_WOFF2 = "“Brand.ttf” is not a WOFF2 font. Upload the font as a .woff2 file"
TOO_BIG = "“Brand.ttf” is 2.0 MB; a web font may be at most 2 MB."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x00\x00" + b"\x00" * 200, NOT_WOFF2),
        (woff2(HEAD, payload=b"\x00" * (fonts.MAX_BYTES + 1)), TOO_BIG),
    ],
)
def test_anything_but_a_woff2_font_is_refused_saying_what_to_upload(home, data, message):
    found = site_settings()
    found.headline_font = SimpleUploadedFile("Brand.ttf", data)
    with pytest.raises(ValidationError) as refused:
        found.full_clean()
    assert refused.value.message_dict["headline_font"][0].startswith(message)
    assert not SiteSettings.objects.get(pk=found.pk).headline_font


def test_a_font_is_stored_under_the_hash_of_its_content(home):
    found = with_fonts(headline=VARIABLE, text=STATIC)
    assert re.fullmatch(r"fonts/headline-[0-9a-f]{16}-variable\.woff2", found.headline_font.name)
    assert re.fullmatch(r"fonts/text-[0-9a-f]{16}\.woff2", found.text_font.name)
    assert found.text_font.read() == STATIC


def test_the_page_declares_the_fonts_and_preloads_only_the_headlines(client, home):
    found = with_fonts(headline=STATIC, text=VARIABLE)
    headline = "/fonts/" + found.headline_font.name.removeprefix("fonts/")
    text = "/fonts/" + found.text_font.name.removeprefix("fonts/")
    html = client.get("/").content.decode()
    assert html.count('rel="preload"') == 1
    assert (
        f'<link rel="preload" href="{headline}" as="font" type="font/woff2" crossorigin>' in html
    )
    style = re.search(r"<style nonce=\"[^\"]+\">([^<]*)</style>", html).group(1)
    assert style == (
        f"@font-face{{font-family:NewsroomHeadline;src:url({headline});font-weight:700;"
        "font-display:swap}:root{--font-headline:NewsroomHeadline,var(--font-serif)}"
        f"@font-face{{font-family:NewsroomText;src:url({text});font-weight:100 900;"
        "font-display:swap}:root{--font-body:NewsroomText,var(--font-serif)}"
    )
    assert "theme-color" not in html  # no accent colour set


def test_without_fonts_nothing_is_preloaded(client, home):
    html = client.get("/").content.decode()
    assert 'rel="preload"' not in html
    assert "@font-face" not in html


def test_fonts_are_served_from_our_origin_and_cached_for_good(client, home):
    found = with_fonts(headline=STATIC)
    name = found.headline_font.name.removeprefix("fonts/")
    response = client.get(f"/fonts/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "font/woff2"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content) == STATIC
    # Only the site's own fonts: not another name, nor another file of fonts/.
    assert client.get("/fonts/headline-0000000000000000.woff2").status_code == 404
    found.headline_font = SimpleUploadedFile("new.woff2", VARIABLE)
    found.save()
    assert client.get(f"/fonts/{name}").status_code == 404
    assert client.post(f"/fonts/{name}").status_code == 405


def test_the_fonts_cost_no_query_once_the_site_is_cached(client, home, settings):
    settings.PAGE_CACHE = False
    client.get("/")
    with CaptureQueriesContext(connection) as plain:
        client.get("/")
    with_fonts(headline=STATIC, text=STATIC)
    client.get("/")
    with CaptureQueriesContext(connection) as with_web_fonts:
        html = client.get("/").content.decode()
    assert "@font-face" in html
    assert len(with_web_fonts) == len(plain)


def settings_form(**fields) -> dict:
    return nested_form_data(
        {
            "site_name": "The Test Ledger",
            "language": "en",
            "main_menu": streamfield([]),
            "footer_links": streamfield([]),
            **fields,
        }
    )


def test_the_admin_refuses_a_ttf_with_the_message_and_keeps_the_settings(admin_client, home):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/articles/sitesettings/{site.pk}/"
    page = admin_client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'name="headline_font"' in page
    ttf = SimpleUploadedFile("Brand.ttf", b"\x00\x01\x00\x00" + b"\x00" * 200)
    response = admin_client.post(url, settings_form(headline_font=ttf, tagline="Changed"))
    assert response.status_code == 200
    assert NOT_WOFF2 in response.content.decode()
    assert site_settings().tagline == ""
    assert not site_settings().headline_font
    font = SimpleUploadedFile("Headline.woff2", STATIC)
    response = admin_client.post(url, settings_form(headline_font=font))
    assert response.status_code == 302
    assert site_settings().headline_font.name.startswith("fonts/headline-")
