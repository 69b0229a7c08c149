"""Hostile input on everything public today: a clear 4xx (or a normal page), never a 500.

Covers the health endpoints, the admin sign-in and password-reset forms, 404s
and query strings on the front page. Feature branches add their own forms.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from wagtail.models import Page

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = [
    "\x00",
    "a\x00b",
    "x" * 100_000,
    "%00",
    "%ff%fe",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "NaN",
    "-1",
    "1e309",
    "\u202e\ufeff",
    "😀" * 1000,
]
# Raw query strings as a WSGI server hands them over (latin-1 decoded bytes).
RAW_QUERY_STRINGS = ["q=%ff%fe%fd", "q=\xff\xfe", "q=%00", "a=" + "b" * 100_000, "=&&==&;", "%"]


@pytest.fixture
def site_client(client, home):
    client.raise_request_exception = False
    return client


def counts() -> tuple[int, int, int]:
    return get_user_model().objects.count(), Page.objects.count(), Session.objects.count()


def assert_not_a_server_error(response, value="") -> None:
    assert response.status_code < 500, (value[:50], response.status_code, response.content[:300])


# One test per endpoint, looping over the table: the page tree is built once.
@pytest.mark.parametrize("path", ["/", "/healthz", "/readyz", "/admin/login/"])
def test_hostile_query_parameters(site_client, path):
    for value in HOSTILE:
        response = site_client.get(path, {"q": value, "next": value, "page": value})
        assert_not_a_server_error(response, value)


@pytest.mark.parametrize("raw", RAW_QUERY_STRINGS)
def test_invalid_utf8_and_malformed_query_strings_on_the_front_page(site_client, raw):
    response = site_client.get("/", QUERY_STRING=raw)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",
        "/%00/",
        "/%ff%fe/",
        "/" + "a" * 5000 + "/",
        "/admin/pages/999999999/",
        "/admin/pages/-1/edit/",
        "/documents/999999/x.pdf",
        "/static/../../etc/passwd",
    ],
)
def test_unknown_and_malformed_paths(site_client, path):
    response = site_client.get(path)
    assert_not_a_server_error(response)
    assert response.status_code in (301, 302, 400, 404)


def test_admin_sign_in_with_hostile_credentials_changes_nothing(site_client):
    get_user_model().objects.create_user(email="editor@example.com", password="right")
    before = counts()
    for value in HOSTILE:
        # Staff sign in through allauth (/admin/login/ redirects there).
        response = site_client.post("/accounts/login/", {"login": value, "password": value})
        assert_not_a_server_error(response, value)
        # The form is shown again (200) with an error, refused outright (400),
        # or the rate limit answers (429) after enough failures.
        assert response.status_code in (200, 400, 429), value[:50]
        assert counts() == before, value[:50]  # checked before client.session, which saves one
    assert "_auth_user_id" not in site_client.session


def test_password_reset_with_hostile_email_changes_nothing(site_client, mailoutbox):
    before = counts()
    for value in HOSTILE:
        response = site_client.post("/accounts/password/reset/", {"email": value})
        assert_not_a_server_error(response, value)
        assert counts() == before, value[:50]
    assert mailoutbox == []


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_health_endpoints_refuse_writes(site_client, method):
    for path in ("/healthz", "/readyz"):
        assert getattr(site_client, method)(path).status_code == 405


def test_oversized_form_posts_are_refused(site_client, settings):
    before = counts()
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 10)}
    response = site_client.post("/accounts/login/", fields)
    assert response.status_code == 400
    assert counts() == before
