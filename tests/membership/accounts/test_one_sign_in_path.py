"""Every way to sign in goes through allauth (rate limits, verification, MFA).

The sweep resolves the project's whole URLconf, sends every pattern a real
user's correct credentials in the field names Django, Wagtail and allauth use,
and records which views leave an authenticated session behind. Only allauth's
may; and those still ask staff for their second factor, refuse an unverified
address and lock out a run of wrong passwords. A new URL (an app's login view,
a library upgrade) that signs someone in some other way fails here.
"""

import re
from itertools import product

from django.contrib.auth import SESSION_KEY, user_logged_in
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from wagtail.models import PageViewRestriction

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from membership.models import User
from tests.factories import SectionPageFactory
from tests.membership.accounts.conftest import PASSWORD, make_reader

pytestmark = pytest.mark.django_db

# One sample value per path converter; regex groups get the first of
# REGEX_SAMPLES they accept.
CONVERTER_SAMPLES = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "0b8a6c7e-8f69-4a4e-9f5e-2f4b0f1d2c3a",
}
REGEX_SAMPLES = ["1", "x", "x/", "live", ""]
CREDENTIAL_FIELDS = ["username", "login", "email"]


def walk(patterns, parts=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, (*parts, pattern.pattern))
        else:
            assert isinstance(pattern, URLPattern)
            yield (*parts, pattern.pattern), pattern


def route_sample(route: str) -> str:
    def convert(match):
        converter = match.group(1) or "str"
        assert converter in CONVERTER_SAMPLES, f"add a sample for <{converter}:…>"
        return CONVERTER_SAMPLES[converter]

    return re.sub(r"<(?:(\w+):)?\w+>", convert, route)


def groups_of(regex: str) -> list[tuple[int, int]]:
    """Spans of the outermost capturing groups of ``regex``."""
    spans, depth, start, i = [], 0, 0, 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
        i += 1
    return spans


def regex_sample(regex: str) -> str:
    spans = groups_of(regex)
    for choice in product(REGEX_SAMPLES, repeat=len(spans)):
        text, last = "", 0
        for (start, end), value in zip(spans, choice, strict=True):
            text += regex[last:start] + value
            last = end
        text = re.sub(r"\\(.)", r"\1", (text + regex[last:]).lstrip("^").rstrip("$"))
        if re.fullmatch(regex.lstrip("^").rstrip("$"), text):
            return text
    raise AssertionError(f"no sample path for {regex!r}: extend REGEX_SAMPLES")


def sample_url(parts) -> str:
    return "/" + "".join(
        route_sample(str(p)) if isinstance(p, RoutePattern) else regex_sample(str(p))
        for p in parts
    )


def every_url() -> list[tuple[str, str]]:
    """(sample URL, view's dotted path) for every pattern of the URLconf."""
    urls = []
    for parts, pattern in walk(get_resolver().url_patterns):
        url = sample_url(parts)
        match = resolve(url)
        # The sample reaches this pattern's view, unless an earlier pattern
        # for the very same path shadows it (then that one answers).
        shadowed = match.route == "".join(str(p) for p in parts)
        assert match.func is pattern.callback or shadowed, (url, pattern.lookup_str)
        urls.append((url, match._func_path))
    return urls


def sign_ins_by(user: User, password: str = PASSWORD) -> set[str]:
    """The views that signed ``user`` in when sent these credentials anonymously."""
    signed_in_by = set()
    for url, view in every_url():
        for field in CREDENTIAL_FIELDS:
            client = Client(raise_request_exception=False)
            logged_in = []

            def record(sender, user, logged_in=logged_in, **kwargs):
                logged_in.append(user.pk)

            user_logged_in.connect(record)
            try:
                credentials = {field: user.email, "password": password, "next": "/"}
                client.post(url, credentials)
                client.get(url, credentials)
            finally:
                user_logged_in.disconnect(record)
            if logged_in or SESSION_KEY in client.session:
                signed_in_by.add(view)
    return signed_in_by


def allauth_view(view: str) -> bool:
    return view.startswith("allauth.")


@pytest.fixture
def staff_with_totp() -> User:
    editor = make_reader("editor@example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return editor


def test_only_allauth_signs_a_reader_in_anywhere(reader):
    signed_in_by = sign_ins_by(reader)
    assert "allauth.account.views._login.LoginView" in signed_in_by  # the sweep sees sign-ins
    assert {view for view in signed_in_by if not allauth_view(view)} == set()


def test_nowhere_does_a_password_alone_sign_staff_with_totp_in(staff_with_totp):
    assert sign_ins_by(staff_with_totp) == set()


def test_nowhere_does_an_unverified_address_sign_in(db):
    user = User.objects.create_user(email="unverified@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    assert sign_ins_by(user) == set()


def test_allauth_asks_staff_for_the_second_factor(client, staff_with_totp):
    response = client.post(
        "/accounts/login/", {"login": staff_with_totp.email, "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_sixty_wrong_passwords_lock_the_sign_in(client, reader):
    statuses = {
        client.post(
            "/accounts/login/", {"login": reader.email, "password": f"wrong{n}"}
        ).status_code
        for n in range(60)
    }
    assert 429 in statuses
    client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD})
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("/world/story/", "/accounts/login/code/?next=%2Fworld%2Fstory%2F"),
        ("//evil.com/", "/accounts/login/code/"),
        ("https://evil.com/", "/accounts/login/code/"),
        ("/\\evil.com", "/accounts/login/code/"),
    ],
)
def test_wagtail_front_end_login_redirects_to_allauth(client, next_url, location):
    response = client.get("/_util/login/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == location
    assert client.post("/_util/login/", {"username": "a", "password": "b"}).status_code == 405


def test_a_restricted_page_sends_readers_to_allauth(client, home, uncached, reader):
    members = SectionPageFactory(parent=home, slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type="login")

    response = client.get("/members/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/?next=/members/"
    client.post("/accounts/login/", {"login": reader.email, "password": PASSWORD})
    assert client.get("/members/").status_code == 200


def test_password_protected_pages_still_open_with_their_password(client, home, uncached):
    hidden = SectionPageFactory(parent=home, slug="hidden")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    form_url = f"/_util/authenticate_with_password/{restriction.pk}/{hidden.pk}/"
    assert form_url.encode() in client.get("/hidden/").content

    response = client.post(form_url, {"password": "letmein", "return_url": "/hidden/"})
    assert response.status_code == 302
    assert client.get("/hidden/").status_code == 200
    assert SESSION_KEY not in client.session  # it opens the page, it signs nobody in
