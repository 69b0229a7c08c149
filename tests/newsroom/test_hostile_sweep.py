"""Every URL pattern of the project, fed hostile input: never a 500.

The URLconf is walked recursively (reader pages, accounts, membership, the
webhook, the beacon, documents, Wagtail's page serving; the admin with a
lighter pass), each pattern's parameters filled with real ids and slugs from
the data made below, then each URL gets NUL bytes, lone surrogates, overlong
and non-ASCII digits and bad percent-encoding in its path parameters and query
string, every method, junk bodies and junk cookies, anonymous and signed in.
Any response >= 500 fails the test, which prints how many requests it made
and the statuses it got (run with -s to see them).
"""

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.http import int_to_base36
from django.utils.regex_helper import normalize

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

import pytest

from membership.models import Appeal
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory, make_home

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"

# Substituted for one path parameter at a time, as they arrive percent-encoded.
PATH_VALUES = [
    "%00",
    "a%00b",
    "%ED%A0%80",  # a lone surrogate (U+D800) in UTF-8: not valid UTF-8
    "%C2%B2",  # "²": str.isdigit() is true
    "%D9%A1%D9%A2",  # Arabic-Indic "12"
    "9" * 400,
    "0" * 40 + "1",
    "-1",
    "%zz",
    "%",
    "%ff%fe",
    "..%2F..%2Fetc%2Fpasswd",
]
# Every parameter a view reads, all set to one hostile value per request.
QUERY_NAMES = [
    "page",
    "p",
    "q",
    "next",
    "article",
    "appeal",
    "tier",
    "interval",
    "amount",
    "session_id",
    "email",
    "code",
    "key",
    "months",
    "action",
    "id",
]
QUERY_VALUES = [
    "%00",
    "a%00b",
    "%ED%A0%80",
    "%ED%A0%80%ED%B0%80",  # a surrogate pair, UTF-8 encoded one half at a time
    "%C2%B2",
    "%D9%A1%D9%A2",
    "9" * 400,
    "-1",
    "NaN",
    "1e309",
    "foo",
    "%2F%2Fevil.example",
    "%3Cscript%3E",
    "x" * 5000,
]
# Query strings as a WSGI server hands them over (latin-1 decoded bytes).
RAW_QUERIES = ["%", "%zz=%zz", "a=%ff%fe", "=&&==&;", "\xff\xfe=\xff", "next&next=&next=%00"]
JUNK_FORM = "a=%zz&next=%00&article=%C2%B2&email=%00&amount=NaN&%ff=1&code=%ED%A0%80&page=-1"
JUNK_BODIES = [
    ("application/x-www-form-urlencoded", JUNK_FORM),
    ("application/json", "[]"),
    ("application/json", '{"id": "\\u0000", "type": [], "data": "x"}'),
    ("application/octet-stream", b"\x00\xff\xfe" * 100),
    ("multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="a"\r\n'),
    ("multipart/form-data", "no boundary at all"),
    ("text/plain; charset=nonexistent", b"\x00\xff"),
]
JUNK_COOKIE = 'sessionid="abc\\000"; csrftoken=%00; messages=junk; __Host-x=\\777'
# Staff-only views: the admin answers a redirect before any view code runs
# for these users, so a lighter pass (one hostile value per parameter).
LIGHT_PREFIXES = ("admin/",)


@dataclass(frozen=True)
class Route:
    template: str  # "authors/%(slug)s/"
    params: tuple[str, ...]
    view: str

    @property
    def light(self) -> bool:
        return self.template.startswith(LIGHT_PREFIXES)


def routes() -> list[Route]:
    """Every URL pattern as a format string with its parameters' names."""
    found: list[Route] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            regex = prefix + pattern.pattern.regex.pattern.removeprefix("^")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, regex)
            elif isinstance(pattern, URLPattern):
                for template, params in normalize(regex):
                    found.append(Route(template, tuple(params), pattern.lookup_str))

    walk(get_resolver().url_patterns, "")
    return found


def data() -> dict[str, str]:
    """Real objects for every kind of parameter, made once."""
    home = make_home()
    section = SectionPageFactory(parent=home, title="World", slug="world")
    author = AuthorFactory(name="Ana Reporter", slug="ana-reporter")
    article = ArticlePageFactory(parent=section, bylines=[author], tags=["Diplomacy"])
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    document = get_document_model().objects.create(
        title="Report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    Appeal.objects.create(
        name="Appeal",
        heading="Independent journalism needs you",
        body="<p>Join.</p>",
        cta_label="Join",
    )
    return {
        "article": str(article.pk),
        "article_path": article.url_path.removeprefix(home.url_path),
        "author": author.slug,
        "tag": "diplomacy",
        "restriction": str(restriction.pk),
        "document": str(document.pk),
        "document_file": "report.pdf",
    }


def fill(route: Route, param: str, objects: dict[str, str]) -> str:
    """A real value for ``param`` in ``route``."""
    if route.view.endswith("serve.serve"):  # documents/<id>/<filename>
        return objects["document"] if param == "_0" else objects["document_file"]
    by_name = {
        "_0": objects["article_path"],  # Wagtail's page serving
        "slug": objects["author"] if route.template.startswith("authors/") else objects["tag"],
        "section": "pages",  # sitemap-<section>.xml
        "restriction_id": objects["restriction"],
        "page_view_restriction_id": objects["restriction"],
        "page_id": objects["article"],
        "uidb36": int_to_base36(1),
        "key": "set-password-key",
        "session_id": "cs_test_a1B2c3",
        "app_label": "articles",
        "model_name": "author",
        "app_name": "articles",
        "filter_spec": "fill-100x100",
    }
    return by_name.get(param, objects["article"])


def url(route: Route, values: dict[str, str]) -> str:
    return "/" + route.template % values


def requests_for(route: Route, objects: dict[str, str]) -> Iterator[tuple[str, str, dict]]:
    """(method, path, client kwargs) for one pattern."""
    valid = {param: fill(route, param, objects) for param in route.params}
    base = url(route, valid)
    path_values = PATH_VALUES[:1] if route.light else PATH_VALUES
    for param in route.params:
        for value in path_values:
            yield "get", url(route, {**valid, param: value}), {}
    yield "get", base, {}
    if route.light:
        yield "get", base, {"QUERY_STRING": "next=%00&page=%C2%B2&q=%ED%A0%80"}
        yield "post", base, {"data": JUNK_FORM, "content_type": JUNK_BODIES[0][0]}
        return
    for value in QUERY_VALUES:
        yield "get", base, {"QUERY_STRING": "&".join(f"{name}={value}" for name in QUERY_NAMES)}
    for raw in RAW_QUERIES:
        yield "get", base, {"QUERY_STRING": raw}
    for content_type, body in JUNK_BODIES:
        yield "post", base, {"data": body, "content_type": content_type}
    for method in ("head", "options", "put", "patch", "delete"):
        yield method, base, {"data": JUNK_FORM, "content_type": JUNK_BODIES[0][0]}
    yield "get", base, {"HTTP_COOKIE": JUNK_COOKIE}
    yield "get", base, {"HTTP_HOST": "evil.example"}


@dataclass
class Sweep:
    statuses: Counter
    failures: list[str]
    requests: int = 0


def sweep(client, all_routes: list[Route], objects: dict[str, str], sign_in=None) -> Sweep:
    result = Sweep(Counter(), [])
    for route in all_routes:
        if sign_in:
            sign_in()  # again for each pattern: a junk POST may have signed out
        for method, path, kwargs in requests_for(route, objects):
            response = client.generic(method.upper(), path, HTTP_USER_AGENT=BROWSER, **kwargs)
            result.requests += 1
            result.statuses[response.status_code] += 1
            if response.status_code >= 500:
                query = kwargs.get("QUERY_STRING", "")[:60]
                result.failures.append(f"{response.status_code} {method} {path[:80]}?{query}")
    return result


@pytest.fixture
def hostile_client(client, fake_stripe, tiers):
    client.raise_request_exception = False  # a 500 is a status to count, not an exception
    return client


def test_no_url_answers_hostile_input_with_a_server_error(hostile_client, reader, caplog):
    started = time.monotonic()
    objects = data()
    all_routes = routes()
    # The walk found the parts of the site this test is about.
    views = {route.view for route in all_routes}
    for expected in (
        "articles.views.author_detail",
        "membership.views.join.join",
        "membership.views.webhook.stripe_webhook",
        "membership.views.appeals.beacon",
        "membership.accounts.views.index",
        "allauth.account.views._login.LoginView",
        "wagtail.views.serve",
    ):
        assert expected in views, expected

    # The parameters are filled with real objects: the untouched URLs are real pages.
    real_pages = {
        "articles.views.author_detail",
        "articles.views.tag_detail",
        "articles.sitemaps.sitemap_section",
        "wagtail.views.serve",
        "wagtail.documents.views.serve.serve",
    }
    for route in all_routes:
        if route.view in real_pages:
            valid = {param: fill(route, param, objects) for param in route.params}
            assert hostile_client.get(url(route, valid)).status_code == 200, route

    anonymous = sweep(hostile_client, all_routes, objects)
    signed_in = sweep(
        hostile_client, all_routes, objects, sign_in=lambda: hostile_client.force_login(reader)
    )

    failures = anonymous.failures + [f"signed in: {f}" for f in signed_in.failures]
    statuses = anonymous.statuses + signed_in.statuses
    requests = anonymous.requests + signed_in.requests
    seconds = time.monotonic() - started
    print(
        f"\nhostile sweep: {len(all_routes)} patterns, {requests} requests in {seconds:.0f} s; "
        f"statuses {dict(sorted(statuses.items()))}; >=500: {len(failures)}"
    )
    assert failures == [], "\n".join(failures[:40])
    assert requests > 5000  # the walk really covered the site
    # Django's ERROR for a suspicious request (the Host header) became a WARNING.
    assert not [
        r for r in caplog.records if r.name.startswith("django.security.") and r.levelno > 30
    ]
