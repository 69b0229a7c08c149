"""Browser tests: Playwright drives Debian's Chromium against the demo newsroom
served on loopback, with static files as production serves them.

One server and one browser for the whole package. The server is Django's
``LiveServerThread`` in this process (so the test database, SQLite in memory or
PostgreSQL, is the one it serves), but without Django's static-files handler:
whitenoise serves the files ``collectstatic`` wrote with the production storage
(hashed names, precompressed), so page weight is measured honestly.

The modules carry ``BROWSER_DB`` (so pytest-django creates the test database
and keeps a serialized copy of it) but not its per-test transaction or flush:
requests commit, emails go out after commit, and the demo content, loaded once
by ``demo_site``, stays for the package. Afterwards the database is flushed and
restored from the serialized copy, as ``serialized_rollback`` does.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

import pytest

from articles.cache.signed_in import SIGNED_IN_COOKIE

HERE = Path(__file__).parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = Path(tempfile.gettempdir()) / "newsroom-browser-pages"
# The demo site's port: any free one unless BROWSER_TESTS_PORT names one (a
# shared machine where each person has their own ports).
PORT = int(os.environ.get("BROWSER_TESTS_PORT", "0"))

# The machine's network is closed: Chromium must not phone home at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]

FORMATS = ("avif", "webp", "jpeg")
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

READER_PASSWORD = "a-reader-password-for-browser-tests"
STAFF_PASSWORD = "a-staff-password-for-browser-tests"


def _missing_tools() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is missing (make install)"
    return None


# .ci/run sets this: there a missing tool fails the run instead of skipping.
REQUIRED = os.environ.get("BROWSER_TESTS_REQUIRED") == "1"


def pytest_collection_modifyitems(config, items):
    reason = _missing_tools()
    if reason:
        if REQUIRED:
            raise pytest.UsageError(f"BROWSER_TESTS_REQUIRED, but {reason}")
        skip = pytest.mark.skip(reason=f"browser tests need Chromium: {reason}")
        for item in items:
            if item.path.is_relative_to(HERE):
                item.add_marker(skip)


# For test modules: `pytestmark = BROWSER_DB`.
BROWSER_DB = pytest.mark.django_db(serialized_rollback=True)


@pytest.fixture
def _django_db_helper():
    """Replaces pytest-django's per-test transaction: ``demo_site`` holds the
    database (unblocked) for the whole package."""
    return


def need(path: Path) -> None:
    """Skip unless an npm tool is installed (`make browser-tools`)."""
    if not path.exists():
        if REQUIRED:
            pytest.fail(f"{path.relative_to(HERE)} is missing (make browser-tools)")
        pytest.skip(f"{path.relative_to(HERE)} is missing: run `make browser-tools` (npm ci)")


@dataclass
class DemoSite:
    url: str
    host: str
    reader_session: str = ""
    world_id: int = 0  # the World section's page id, for the admin

    def __call__(self, path: str) -> str:
        return self.url + path


def _reset_database() -> None:
    """Empty every table, then restore what the migrations made (groups, the
    workflow, the default site), as ``serialized_rollback`` does."""
    for alias in connections:
        connection = connections[alias]
        call_command(
            "flush",
            database=alias,
            interactive=False,
            verbosity=0,
            inhibit_post_migrate=True,
            # Sequences go on counting past the restored rows' ids (PostgreSQL).
            reset_sequences=False,
        )
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def _passthrough(handler):
    return handler


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker) -> Iterator[DemoSite]:
    static_root = Path(tempfile.mkdtemp(prefix="newsroom-browser-static-"))
    stripe_state = Path(tempfile.mkdtemp(prefix="newsroom-browser-stripe-")) / "demo.json"
    production_static = override_settings(
        STATIC_ROOT=static_root,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    )
    with django_db_blocker.unblock(), production_static:
        from articles.models import SectionPage
        from membership import stripe_gateway

        call_command("collectstatic", interactive=False, verbosity=0)
        for alias in connections:
            connection = connections[alias]
            if not hasattr(connection, "_test_serialized_contents"):
                # Only these tests ran: the database is as the migrations left it.
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        _reset_database()

        connections_override = {}
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                connections_override[connection.alias] = connection
                connection.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", _passthrough, connections_override, port=PORT)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        host = f"127.0.0.1:{server.port}"
        url = f"http://{host}"
        try:
            with override_settings(
                SITE_URL=url,
                WAGTAILADMIN_BASE_URL=url,
                STRIPE_DEMO_PAYMENTS=True,
                STRIPE_DEMO_STATE_FILE=stripe_state,
                STRIPE_SECRET_KEY="sk_test_demo_payments",
                STRIPE_WEBHOOK_SECRET="whsec_demo_payments",
            ):
                stripe_gateway.install(None)
                _load_demo()
                # Made now: once Playwright runs its event loop in this thread,
                # Django refuses database calls here (the server thread is free).
                yield DemoSite(
                    url=url,
                    host=host,
                    reader_session=_session_for("reader@example.org"),
                    world_id=SectionPage.objects.get(slug="world").pk,
                )
        finally:
            stripe_gateway.install(None)
            server.terminate()
            for connection in connections_override.values():
                connection.dec_thread_sharing()
            _reset_database()
            shutil.rmtree(static_root, ignore_errors=True)


def _load_demo() -> None:
    from django.contrib.auth.models import Group

    from allauth.account.models import EmailAddress

    from membership.models import User

    devnull = open(os.devnull, "w")  # noqa: SIM115
    with devnull:
        call_command("load_demo_content", stdout=devnull)
        call_command("load_demo_live", stdout=devnull)  # as `make demo` does
        call_command("setup_demo_payments", stdout=devnull)
        call_command("setup_demo_appeals", stdout=devnull)
        call_command("setup_demo_newsletters", stdout=devnull)
    _make_renditions()
    for email, group in (
        ("reporter@example.org", "Reporters"),
        ("editor@example.org", "Editors"),
        ("reader@example.org", None),
    ):
        user = User.objects.create_user(
            email, password=STAFF_PASSWORD if group else READER_PASSWORD
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if group:
            user.groups.add(Group.objects.get(name=group))


def _session_for(email: str) -> str:
    from django.test import Client

    from membership.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# Every rendition the reader templates ask for (components/picture.html, the
# article's lead image, image blocks, author photos), made before serving.
RENDITIONS = [
    *(f"fill-{size}|format-{fmt}" for size in ("400x225", "800x450") for fmt in FORMATS),
    *(f"width-{w}|format-{fmt}" for w in (480, 640, 800, 1024, 1200, 1600) for fmt in FORMATS),
    "fill-160x160",
]


def _make_renditions() -> None:
    """Make the renditions up front, with libavif at speed 8 instead of 6: a
    tenth of the time for slightly larger AVIF files (images are outside the
    page-weight budget), and no page waits for an encoder."""
    from wagtail.images import get_image_model

    from PIL import Image
    from PIL.AvifImagePlugin import AvifImageFile

    save_avif = Image.SAVE[AvifImageFile.format]

    def fast_avif(image, fp, filename):
        image.encoderinfo.setdefault("speed", 8)
        return save_avif(image, fp, filename)

    Image.SAVE[AvifImageFile.format] = fast_avif
    try:
        # SVGs (the demo's logo and icon) have only their own renditions,
        # made when the site settings are saved (articles.renditions).
        for image in get_image_model().objects.exclude(file__endswith=".svg"):
            image.get_renditions(*RENDITIONS)
    finally:
        Image.SAVE[AvifImageFile.format] = save_avif


@pytest.fixture(scope="package")
def browser(demo_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context_factory(browser):
    """New isolated browser contexts (cookies, viewport, JavaScript on or off)."""
    made = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def outside_the_event_loop(work):
    """Run ORM work in a thread: Playwright's sync API keeps an event loop
    running in the test's thread, where Django refuses database calls."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()


@pytest.fixture(scope="package")
def reader_cookies(demo_site) -> list[dict]:
    """A signed-in session for reader@example.org, as browser cookies: the
    session and the signed-in marker that signing in sets beside it."""
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": demo_site.reader_session,
            "url": demo_site.url,
        },
        {"name": SIGNED_IN_COOKIE, "value": "1", "url": demo_site.url},
    ]
