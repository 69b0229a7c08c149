"""The site's icons: ``/favicon.ico`` answers (it was a 404 on every page) and
every reader page names its icon."""

from pathlib import Path

from django.conf import settings

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


def test_favicon_ico_redirects_to_the_default_icon(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/icons/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    with Image.open(STATIC / "icons" / "favicon.ico") as icon:
        assert icon.format == "ICO"
        assert (32, 32) in icon.info["sizes"]


def test_favicon_ico_takes_no_post(client, home):
    assert client.post("/favicon.ico").status_code == 405


def test_reader_pages_name_their_icon(client, home):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml">' in html
