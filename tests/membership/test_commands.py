"""Management commands: sync tiers, replay events, reconcile, export."""

import csv
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from membership.models import Membership, Newsletter, StripeEvent, Tier

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_sync_tiers_is_idempotent_and_replaces_changed_prices(tiers, fake_stripe):
    assert run("stripe_sync_tiers").count("unchanged") == 6
    assert len(fake_stripe.objects("product")) == 2
    assert len(fake_stripe.objects("price")) == 4

    tier = tiers["supporter"]
    tier.monthly_amount = 700
    tier.name = "Supporter plus"
    tier.save()
    output = run("stripe_sync_tiers")
    assert "supporter: product updated, monthly price replaced, yearly price unchanged" in output
    prices = {p["lookup_key"]: p for p in fake_stripe.objects("price") if p["lookup_key"]}
    assert prices["newsroom_supporter_monthly"]["unit_amount"] == 700
    old = [p for p in fake_stripe.objects("price") if not p["lookup_key"]]
    assert [(p["unit_amount"], p["active"]) for p in old] == [(500, False)]
    assert fake_stripe.get("product", tier.stripe_product_id)["name"] == "Supporter plus"
    assert run("stripe_sync_tiers").count("unchanged") == 6


def test_sync_tiers_reports_a_stripe_failure(tiers, fake_stripe):
    fake_stripe.fail_next()
    with pytest.raises(CommandError, match="Stripe"):
        run("stripe_sync_tiers")


def test_replay_processes_failed_and_unprocessed_events(reader, subscribe, fake_stripe, deliver):
    membership, _ = subscribe(reader)
    events = fake_stripe.cancel_now(membership.stripe_subscription_id)
    fake_stripe.fail_next()
    deliver(events)
    assert StripeEvent.objects.get(pk=events[0]["id"]).status == "failed"
    output = run("replay_stripe_events")
    assert f"{events[0]['id']}: processed" in output
    assert "1 event(s) replayed, 0 still failing." in output
    membership.refresh_from_db()
    assert membership.status == "canceled"
    assert "0 event(s) replayed" in run("replay_stripe_events")


def test_reconcile_dry_run_prints_the_diff_then_fixes_it(reader, subscribe, fake_stripe):
    membership, _ = subscribe(reader)
    fake_stripe.cancel_now(membership.stripe_subscription_id)  # the webhook never arrived
    output = run("reconcile_memberships", "--dry-run")
    assert f"{membership.stripe_subscription_id}: status: active -> canceled" in output
    assert "1 membership(s) differed from Stripe; would be fixed." in output
    membership.refresh_from_db()
    assert membership.status == "active"

    assert "fixed" in run("reconcile_memberships")
    membership.refresh_from_db()
    assert membership.status == "canceled"
    assert "0 membership(s) differed" in run("reconcile_memberships", "--dry-run")


def test_reconcile_finds_subscriptions_whose_webhooks_never_arrived(
    client, tiers, reader, fake_stripe, django_capture_on_commit_callbacks
):
    from membership import billing
    from tests.membership.conftest import session_id_from

    url = billing.start_membership_checkout(
        reader, tiers["supporter"], "month", None, {"source_page_id": None, "appeal": ""}
    )
    fake_stripe.complete_checkout(session_id_from(url))  # no webhook delivered
    fake_stripe.foreign_subscription(customer=reader.member.stripe_customer_id)
    output = run("reconcile_memberships", "--dry-run", "--find-missing")
    assert "1 subscription(s) missing locally; would be recorded." in output
    assert not Membership.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        output = run("reconcile_memberships", "--find-missing")
    assert "1 subscription(s) missing locally; recorded." in output
    assert Membership.objects.get().status == "active"


def local(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def test_export_members_writes_csv(reader, subscribe, home, client, fake_stripe, deliver):
    membership, _ = subscribe(reader, "sustainer", "year")
    daily = Newsletter.objects.create(name="The Daily", slug="daily")
    Membership.objects.filter(pk=membership.pk).update(
        source_page_id=home.pk, appeal="bottom", source_newsletter=daily
    )
    rows = list(csv.DictReader(io.StringIO(run("export_members"))))
    # The members report's columns (membership.reports.member_export).
    assert rows == [
        {
            "Email": "ana@example.org",
            "Name": "",
            "Status": "active",
            "Tier": "Sustainer",
            "Frequency": "year",
            "Amount per interval": "100.00",
            "Currency": "usd",
            "Per month": "8.33",
            "Started": local(membership.started_at),
            "Current period ends": local(membership.current_period_end),
            "Cancels at period end": "no",
            "Cancelled": "",
            "Ended": "",
            "Source page id": str(home.pk),
            "Appeal": "bottom",
            "Newsletter": "daily",
            "Newsletter issue id": "",
        }
    ]
    deliver(fake_stripe.cancel_now(membership.stripe_subscription_id))
    assert len(list(csv.DictReader(io.StringIO(run("export_members", "--active"))))) == 0
    (cancelled,) = csv.DictReader(io.StringIO(run("export_members")))
    membership.refresh_from_db()
    assert (cancelled["Status"], cancelled["Ended"]) == ("canceled", local(membership.ended_at))


def test_export_members_cells_from_readers_cannot_be_formulas(reader, subscribe):
    membership, _ = subscribe(reader, "sustainer", "month")
    reader.first_name, reader.last_name = "=cmd|' /C calc'!A0", "x"
    reader.save()
    Membership.objects.filter(pk=membership.pk).update(appeal="-2+3")
    (row,) = csv.DictReader(io.StringIO(run("export_members")))
    assert (row["Name"], row["Appeal"]) == ("'=cmd|' /C calc'!A0 x", "'-2+3")


def test_setup_demo_payments_only_creates_tiers_once(db, settings):
    settings.STRIPE_DEMO_PAYMENTS = False
    assert "Created 2 demo membership tiers." in run("setup_demo_payments")
    Tier.objects.filter(slug="supporter").update(name="Edited")
    assert "Created" not in run("setup_demo_payments")
    assert Tier.objects.get(slug="supporter").name == "Edited"
