"""Every admin page fetches Wagtail's JavaScript catalogue (a blocking script)
and its icon sprite; Wagtail says never to cache either, so each page paid a
round trip and 65 KB for them. newsroom/admin_assets.py serves them cached."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import resolve, reverse

import pytest

from newsroom import admin_assets

pytestmark = pytest.mark.django_db


def test_the_admins_own_urls_reach_the_cached_views():
    assert resolve(reverse("wagtailadmin_sprite")).func is admin_assets.icon_sprite
    catalog = reverse("wagtailadmin_javascript_catalog")
    assert resolve(catalog).func is admin_assets.javascript_catalog


def test_the_sprite_is_cached_for_a_year_under_its_hash(client):
    response = client.get(reverse("wagtailadmin_sprite") + "?h=abc123")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"private", "max-age=31536000", "immutable"}


def test_the_catalogue_is_private_per_session_for_ten_minutes(client):
    user = get_user_model().objects.create_user("editor@example.org", "pw-a-long-one")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    assert b"gettext" in response.content
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"private", "max-age=600"}
    assert "Cookie" in response["Vary"]
