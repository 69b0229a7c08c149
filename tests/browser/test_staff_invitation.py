"""An invited Reporter, in production-like settings (a second factor required
for staff): an admin invites them by email; they open the one-time link,
choose a password, set up an authenticator app, write an article and submit
it; an Editor approves it; it is live."""

import re
from concurrent.futures import ThreadPoolExecutor

from django.core import mail
from django.db import connection
from django.test import override_settings

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import expect

from membership.models import User
from tests.browser.conftest import BROWSER_DB, STAFF_PASSWORD
from tests.browser.test_editorial import choose_author, start_article, wait_for_body_text

pytestmark = BROWSER_DB

TITLE = "Ferry crews agree a new winter timetable"
INVITEE = "new.reporter@example.org"
INVITEE_PASSWORD = "a-new-reporter-password-2026"
ADMIN_SECRET = "JBSWY3DPEHPK3PXPADMINSECRETAAAAA"
EDITOR_SECRET = "JBSWY3DPEHPK3PXPEDITORSECRETBBBB"


def code_for(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def in_another_thread(function):
    """Django refuses database calls in the thread that runs Playwright's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(function).result()


def staff_with_totp() -> None:
    admin = User.objects.create_superuser("chief@example.org", STAFF_PASSWORD)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    TOTP.activate(admin, ADMIN_SECRET)
    TOTP.activate(User.objects.get(email="editor@example.org"), EDITOR_SECRET)
    connection.close()


def staff_without_totp() -> None:
    """Undo staff_with_totp: the browser tests share one demo database, and the
    next one signs the editor in with a password alone."""
    Authenticator.objects.filter(user__email="editor@example.org").delete()
    User.objects.filter(email="chief@example.org").delete()
    connection.close()


@pytest.fixture
def totp_staff():
    in_another_thread(staff_with_totp)
    yield
    in_another_thread(staff_without_totp)


def sign_in_with_totp(page, demo_site, email: str, secret: str) -> None:
    page.goto(demo_site("/admin/"))
    page.locator("main").get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile("/accounts/2fa/authenticate/"))
    page.get_by_label("Code").fill(code_for(secret))
    page.get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_invited_reporter_sets_up_totp_writes_and_an_editor_publishes(
    context_factory, demo_site, totp_staff
):
    # Wagtail's autosave is off: the workflow is under test (test_editorial.py says why).
    with override_settings(STAFF_REQUIRE_MFA=True, WAGTAIL_AUTOSAVE_INTERVAL=0):
        admin = context_factory().new_page()
        sign_in_with_totp(admin, demo_site, "chief@example.org", ADMIN_SECRET)
        admin.get_by_role("button", name="Settings").click()
        admin.get_by_role("link", name="Invite staff").click()
        admin.get_by_label("Email address").fill(INVITEE)
        admin.get_by_label("Group").select_option(label="Reporters")
        admin.get_by_role("button", name="Send invitation").click()
        admin.get_by_text(f"Invitation sent to {INVITEE} (Reporters)").wait_for()

        message = next(m for m in reversed(mail.outbox) if m.to == [INVITEE])
        link = re.search(r"https?://\S+/account/invitation/\S+/", message.body).group(0)

        reporter = context_factory().new_page()
        reporter.goto(link)
        reporter.get_by_label("Choose a password").fill(INVITEE_PASSWORD)
        reporter.get_by_label("The password again").fill(INVITEE_PASSWORD)
        reporter.get_by_role("button", name="Set password and sign in").click()
        # The admin asks for a second factor first (STAFF_REQUIRE_MFA).
        reporter.wait_for_url(re.compile("/accounts/2fa/"))
        reporter.goto(demo_site("/accounts/2fa/totp/activate/"))
        assert reporter.locator("#authenticator_secret").count(), (
            reporter.url,
            reporter.locator("main").inner_text()[:500],
        )
        secret = reporter.locator("#authenticator_secret").input_value()
        reporter.get_by_label("Authenticator code").fill(code_for(secret))
        reporter.get_by_role("button", name=re.compile("Activate", re.I)).click()
        reporter.wait_for_load_state()
        start_article(reporter, demo_site, demo_site.world_id)

        reporter.locator("#id_title").fill(TITLE)
        reporter.locator("#id_standfirst").fill("The crews and the port agree on sailings.")
        choose_author(reporter, "Ilona Varga")
        body = reporter.locator("#panel-child-content-body-section")
        body.get_by_role("button", name=re.compile("Insert a block", re.I)).first.click()
        reporter.get_by_role("option", name="Paragraph").click()
        box = body.locator("[contenteditable=true]").first
        box.click()
        box.press_sequentially("The ferry crews signed the agreement at noon.")
        reporter.locator("#id_standfirst").click()
        wait_for_body_text(reporter, "signed the agreement at noon")
        reporter.get_by_role("button", name="More actions").click()
        reporter.get_by_role("button", name="Submit to Editorial review").click()
        expect(reporter.locator(".messages")).to_contain_text(
            f"Page '{TITLE}' created and submitted for moderation."
        )

        editor = context_factory().new_page()
        sign_in_with_totp(editor, demo_site, "editor@example.org", EDITOR_SECRET)
        editor.get_by_role("link", name=TITLE).first.click()
        editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
        editor.get_by_role("button", name="More actions").click()
        editor.get_by_role("button", name="Approve and Publish").click()
        editor.wait_for_load_state("networkidle")

        editor.goto(demo_site("/"))
        editor.get_by_role("link", name=TITLE).first.click()
        assert editor.get_by_role("heading", level=1).inner_text() == TITLE
