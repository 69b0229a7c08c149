"""The Stripe event inbox in the admin: list, filters, detail, and Retry of a
failed event through the real webhook path (signed payloads from the fake
Stripe), applied once however often it is pressed."""

import csv
import io
import re

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from membership.models import Membership, StripeEvent
from tests.membership.reports.conftest import ADMIN_CHECKS, ADMIN_PAGE

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/audience/stripe-events/"

# The admin around the list, the event types for the filter, the count and
# one page of events (payloads deferred): 3.
LIST_QUERIES = ADMIN_PAGE + 3


def detail_url(event_id: str) -> str:
    return f"{LIST_URL}{event_id}/"


def retry_url(event_id: str) -> str:
    return f"{LIST_URL}{event_id}/retry/"


@pytest.fixture
def failed_cancellation(fake_stripe, tiers, reader, subscribe, deliver) -> StripeEvent:
    """A cancellation whose processing failed: Stripe was unreachable when the
    handler re-fetched the subscription. The membership is still active."""
    membership, _ = subscribe(reader)
    events = fake_stripe.cancel_now(membership.stripe_subscription_id)
    fake_stripe.fail_next()
    (response,) = deliver(events)
    assert response.status_code == 500
    event = StripeEvent.objects.get(pk=events[0]["id"])
    assert (event.status, event.attempts) == ("failed", 1)
    return event


def ids(response) -> list[str]:
    return [event.pk for event in response.context["object_list"]]


def test_list_filters_by_status_and_type_and_searches(client, staff_in, failed_cancellation):
    client.force_login(staff_in("Audience"))
    everything = ids(client.get(LIST_URL))
    assert len(everything) == StripeEvent.objects.count() == 4
    assert everything[0] == failed_cancellation.pk  # newest first
    assert ids(client.get(LIST_URL, {"status": "failed"})) == [failed_cancellation.pk]
    assert set(ids(client.get(LIST_URL, {"status": "processed"}))) == set(everything[1:])
    paid = ids(client.get(LIST_URL, {"type": "invoice.paid"}))
    assert [StripeEvent.objects.get(pk=pk).type for pk in paid] == ["invoice.paid"]
    assert ids(client.get(LIST_URL, {"q": "PaymentsUnavailable"})) == [failed_cancellation.pk]
    html = client.get(LIST_URL, {"status": "failed"}).content.decode()
    assert "customer.subscription.deleted" in html
    assert f'href="{detail_url(failed_cancellation.pk)}"' in html


def test_csv_export_lists_the_filtered_events(client, staff_in, failed_cancellation):
    client.force_login(staff_in("Editors"))
    response = client.get(LIST_URL, {"export": "csv", "status": "failed"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["Event id"], r["Status"], r["Attempts"]) for r in rows] == [
        (failed_cancellation.pk, "failed", "1")
    ]
    assert "PaymentsUnavailable" in rows[0]["Last error"]


def test_detail_shows_the_error_and_a_payload_summary(client, staff_in, failed_cancellation):
    client.force_login(staff_in("Audience"))
    html = client.get(detail_url(failed_cancellation.pk)).content.decode()
    assert "PaymentsUnavailable" in html
    membership = Membership.objects.get()
    assert f"subscription {membership.stripe_subscription_id}" in html
    assert membership.member.stripe_customer_id in html
    assert "Full payload" in html
    # Audience staff may look, not retry (no permission by default).
    assert 'action="' + retry_url(failed_cancellation.pk) not in html
    assert "Stripe event: change" in html
    assert client.get(detail_url("evt_missing")).status_code == 404


def csrf_token_from(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_retry_of_a_failed_event_applies_once(
    staff_in, failed_cancellation, django_capture_on_commit_callbacks
):
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(staff_in("superuser"))
    page = admin.get(detail_url(failed_cancellation.pk)).content.decode()
    assert f'action="{retry_url(failed_cancellation.pk)}"' in page
    token = csrf_token_from(page)
    mail.outbox.clear()

    # Without the CSRF token: refused, nothing happens.
    assert admin.post(retry_url(failed_cancellation.pk)).status_code == 403
    failed_cancellation.refresh_from_db()
    assert failed_cancellation.attempts == 1

    with django_capture_on_commit_callbacks(execute=True):  # emails go out after commit
        response = admin.post(
            retry_url(failed_cancellation.pk), {"csrfmiddlewaretoken": token}, follow=True
        )
    assert response.redirect_chain == [(detail_url(failed_cancellation.pk), 302)]
    assert "retried: processed" in response.content.decode()
    failed_cancellation.refresh_from_db()
    assert (failed_cancellation.status, failed_cancellation.attempts) == ("processed", 2)
    assert failed_cancellation.last_error == ""
    assert Membership.objects.get().status == "canceled"
    cancellation_emails = [m for m in mail.outbox if "cancelled" in m.subject]
    assert len(cancellation_emails) == 1

    # Pressed again (or a stale tab): nothing is applied twice.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            retry_url(failed_cancellation.pk), {"csrfmiddlewaretoken": token}, follow=True
        )
    assert "already handled" in response.content.decode()
    failed_cancellation.refresh_from_db()
    assert (failed_cancellation.status, failed_cancellation.attempts) == ("processed", 2)
    assert len([m for m in mail.outbox if "cancelled" in m.subject]) == 1


def test_a_retry_that_fails_again_says_so(client, staff_in, fake_stripe, failed_cancellation):
    client.force_login(staff_in("superuser"))
    fake_stripe.fail_next()
    response = client.post(retry_url(failed_cancellation.pk), follow=True)
    assert "failed again" in response.content.decode()
    failed_cancellation.refresh_from_db()
    assert (failed_cancellation.status, failed_cancellation.attempts) == ("failed", 2)
    assert Membership.objects.get().status == "active"


def test_retry_needs_the_permission_and_a_post(client, staff_in, failed_cancellation):
    audience = staff_in("Audience")
    client.force_login(audience)
    assert client.post(retry_url(failed_cancellation.pk)).status_code == 403
    failed_cancellation.refresh_from_db()
    assert (failed_cancellation.status, failed_cancellation.attempts) == ("failed", 1)

    # Granted to the group in Settings -> Groups: the button appears and works.
    Group.objects.get(name="Audience").permissions.add(
        Permission.objects.get(codename="change_stripeevent")
    )
    client.force_login(audience)  # a fresh user object, permissions not cached
    assert client.get(retry_url(failed_cancellation.pk)).status_code == 405
    page = client.get(detail_url(failed_cancellation.pk)).content.decode()
    assert f'action="{retry_url(failed_cancellation.pk)}"' in page
    assert client.post(retry_url(failed_cancellation.pk)).status_code == 302
    failed_cancellation.refresh_from_db()
    assert failed_cancellation.status == "processed"


def test_retry_permission_is_offered_in_the_group_editor(client, staff_in):
    client.force_login(staff_in("superuser"))
    group = Group.objects.get(name="Audience")
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    permission = Permission.objects.get(codename="change_stripeevent")
    assert f'value="{permission.pk}"' in html


@pytest.mark.parametrize("deliveries", [1, 3])
def test_list_runs_a_fixed_number_of_queries(
    client, staff_in, fake_stripe, tiers, reader, subscribe, deliver, deliveries,
    django_assert_num_queries,
):  # fmt: skip
    membership, _ = subscribe(reader)
    for _ in range(deliveries):
        deliver(fake_stripe.renew(membership.stripe_subscription_id))
    client.force_login(staff_in("Audience"))
    client.get(LIST_URL)  # warm caches
    with django_assert_num_queries(LIST_QUERIES):
        assert len(ids(client.get(LIST_URL))) == 3 + 2 * deliveries
    with django_assert_num_queries(ADMIN_CHECKS + 1):
        client.get(LIST_URL, {"export": "csv"}).getvalue()
