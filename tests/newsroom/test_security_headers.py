"""Security headers on reader pages and in the Wagtail admin."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from bs4 import BeautifulSoup
from csp.utils import build_policy


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(email="editor@example.com", password="x")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_reader_page_gets_the_strict_policy(client, home):
    response = client.get("/")
    assert response.status_code == 200
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert set(csp["form-action"]) == {
        "'self'",
        "https://checkout.stripe.com",
        "https://billing.stripe.com",
    }
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_policy_built_once_is_django_csps_with_each_requests_nonce(client, home):
    """Reader responses get the policy built once per process, with the
    request's own nonce put in: the same header django-csp would build."""
    first, second = client.get("/"), client.get("/")  # a stored page, then a hit
    nonces = [
        re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1)
        for r in (first, second)
    ]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        assert response["Content-Security-Policy"] == build_policy(nonce=nonce)
        assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.django_db
def test_reader_page_inline_scripts_carry_the_nonce(admin_client, home):
    # Signed in, the page also carries Wagtail's userbar: the strict policy
    # must not break it, so any inline script has to carry the header's nonce.
    response = admin_client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    soup = BeautifulSoup(response.content, "html.parser")
    # Data blocks (type="application/json") are not executed, so CSP ignores them.
    inline = [
        s
        for s in soup.find_all("script")
        if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")
    ]
    assert soup.find("wagtail-userbar"), "signed in, the page carries the userbar"
    for script in inline:
        assert nonce, script
        assert script.get("nonce") == nonce.group(1), script
    assert not soup.find_all(style=True), "inline style attributes are blocked on reader pages"


@pytest.mark.django_db
def test_permissions_policy_turns_off_unused_features(client, home):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in header


ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/users/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_gets_its_own_policy(admin_client, home, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    csp = directives(response)
    # Inline code is allowed (and so no nonce, which would disable it) ...
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert "nonce-" not in response["Content-Security-Policy"]
    # ... but nothing from other origins, no plugins, no framing.
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "Permissions-Policy" in response
    # Everything the admin page loads is same-origin, so 'self' suffices.
    soup = BeautifulSoup(response.content, "html.parser")
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for element in soup.find_all(tag, **{attr: True}):
            url = urlsplit(element[attr])
            assert url.scheme in ("", "data"), (path, element)
            assert not url.netloc, (path, element)


@pytest.mark.django_db
def test_admin_preview_may_be_framed_by_the_admin_only(admin_client, home):
    url = f"/admin/pages/{home.pk}/edit/preview/"
    form = {
        "title": home.title,
        "slug": home.slug,
        "top_stories": inline_formset([]),
        "front_sections": streamfield([]),
    }
    admin_client.post(url, nested_form_data(form))
    response = admin_client.get(url + "?in_preview_panel=true")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
