"""import_subscribers (Mailchimp, Substack, Ghost, ours): idempotent, dry run,
summary; export_subscribers: every list of every address, lossless."""

import io

from django.core import mail
from django.core.management import call_command

import pytest

from membership.newsletters.models import Subscriber, Subscription
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.membership.newsletters.conftest import subscribed

pytestmark = pytest.mark.django_db

MAILCHIMP = """Email Address,First Name,Last Name,OPTIN_TIME,CONFIRM_TIME,status
ana@example.org,Ana,Lima,2024-01-02 10:00:00,2024-01-02 10:05:00,subscribed
bo@example.org,Bo,,2024-02-01 09:00:00,,unsubscribed
gone@example.org,,,2023-05-05 00:00:00,,cleaned
not-an-address,,,,,subscribed
"""
GHOST = """id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,\
created_at,deleted_at,labels,tiers
1,cy@example.org,Cy,,true,,,2022-03-04T05:06:07.000Z,,,
2,di@example.org,Di,,false,,,2022-03-04T05:06:07.000Z,,,
"""


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_mailchimp_import_is_idempotent_with_a_dry_run_and_a_summary(daily, tmp_path):
    path = tmp_path / "mailchimp.csv"
    path.write_text(MAILCHIMP)
    dry = run("import_subscribers", str(path), "--newsletter", "daily", "--dry-run")
    assert dry.startswith("Dry run, nothing changed: 4 rows: 3 added, 1 skipped")
    assert not Subscriber.objects.exists()

    assert "3 added, 1 skipped: not an email address" in run(
        "import_subscribers", str(path), "--newsletter", "daily"
    )
    rows = {s.subscriber.email: s for s in Subscription.objects.select_related("subscriber")}
    assert rows["ana@example.org"].status == "subscribed"
    assert rows["ana@example.org"].subscriber.name == "Ana Lima"
    assert rows["ana@example.org"].consent_at.isoformat() == "2024-01-02T10:05:00+00:00"
    assert rows["ana@example.org"].consent_method == "import"
    assert rows["bo@example.org"].status == "unsubscribed"
    assert rows["gone@example.org"].subscriber.suppressed == "bounced"

    again = run("import_subscribers", str(path), "--newsletter", "daily")
    assert again == "4 rows: 1 skipped: not an email address, 3 unchanged.\n"
    assert Subscription.objects.count() == 3


def test_an_import_never_resubscribes_someone_who_left_here(daily, tmp_path):
    subscribed("ana@example.org", daily).subscriptions.get().unsubscribe("one-click")
    path = tmp_path / "mailchimp.csv"
    path.write_text(MAILCHIMP)
    run("import_subscribers", str(path), "--newsletter", "daily")
    assert Subscription.objects.get(subscriber__email="ana@example.org").status == "unsubscribed"


def test_a_ghost_import(weekly, tmp_path):
    path = tmp_path / "ghost.csv"
    path.write_text(GHOST)
    run("import_subscribers", str(path), "--newsletter", "weekly")
    assert dict(Subscription.objects.values_list("subscriber__email", "status")) == {
        "cy@example.org": "subscribed",
        "di@example.org": "unsubscribed",
    }


def test_the_export_is_lossless_and_imports_back(daily, weekly, tmp_path):
    ana = subscribed("ana@example.org", daily, weekly, name="Ana")
    ana.subscriptions.get(newsletter=weekly).unsubscribe("one-click")
    subscribed("=cmd@example.org", daily)  # formula-safe
    bounced = subscribed("bo@example.org", daily)
    bounced.suppress("complained")
    exported = run("export_subscribers")
    lines = exported.splitlines()
    assert lines[0].startswith(
        "email,name,newsletter,status,requested_at,consent_at,consent_method"
    )
    assert len(lines) == 5
    assert "'=cmd@example.org" in exported
    before = sorted(
        Subscription.objects.values_list(
            "subscriber__email", "newsletter__slug", "status", "consent_at", "consent_method"
        )
    )

    Subscriber.objects.all().delete()
    path = tmp_path / "ours.csv"
    path.write_text(exported.replace("'=cmd", "=cmd"))
    assert "4 added" in run("import_subscribers", str(path))
    after = sorted(
        Subscription.objects.values_list(
            "subscriber__email", "newsletter__slug", "status", "consent_at", "consent_method"
        )
    )
    assert after == before
    assert Subscriber.objects.get(email="bo@example.org").suppressed == "complained"


def test_the_demo_newsletters_send_through_the_command(home, django_capture_on_commit_callbacks):
    section = SectionPageFactory(parent=home, title="World", slug="world")
    ArticlePageFactory(parent=section, slug="story", title="A story")
    assert "Created 3 demo newsletters" in run("setup_demo_newsletters")
    assert "left as they are" in run("setup_demo_newsletters")
    with django_capture_on_commit_callbacks(execute=True):
        run("send_newsletter", "daily")
    assert len(mail.outbox) == 12  # every demo reader is on the daily
    assert "A story" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert "Nothing to send" in run("send_newsletter", "daily")
