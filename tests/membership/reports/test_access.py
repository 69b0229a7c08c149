"""Only superusers and the Audience and Editors groups see the dashboard
panel, the reports and the event inbox; other staff get a 403 and no menu."""

import json
import time

from django.urls import reverse

import pytest

from membership.models import StripeEvent
from tests.membership.conftest import WEBHOOK_URL, sign

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/audience/members/",
    "/admin/audience/members/results/",
    "/admin/audience/members/?export=csv",
    "/admin/audience/by-month/",
    "/admin/audience/by-month/results/",
    "/admin/audience/by-month/?export=xlsx",
    "/admin/audience/stripe-events/",
    "/admin/audience/stripe-events/results/",
    "/admin/audience/stripe-events/?export=csv",
    "/admin/audience/stripe-events/evt_access/",
]


@pytest.fixture
def stored_event(client) -> StripeEvent:
    """An unhandled event type, stored and ignored by the real webhook."""
    body = json.dumps(
        {
            "id": "evt_access",
            "object": "event",
            "type": "customer.created",
            "created": int(time.time()),
            "data": {"object": {"id": "cus_access", "object": "customer"}},
        }
    )
    response = client.post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
    )
    assert response.status_code == 200
    return StripeEvent.objects.get(pk="evt_access")


def test_urls_are_where_the_docs_say():
    assert reverse("audience_dashboard:members") == PAGES[0]
    assert reverse("audience_dashboard:trends") == PAGES[3]
    assert reverse("audience_dashboard:stripe_events") == PAGES[6]


@pytest.mark.parametrize("role", ["Audience", "Editors", "superuser"])
def test_audience_editors_and_superusers_see_everything(client, staff_in, stored_event, role):
    client.force_login(staff_in(role))
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    home = client.get("/admin/").content.decode()
    assert 'id="audience-heading"' in home  # the dashboard panel
    for url in PAGES[0], PAGES[3], PAGES[6]:
        assert url in home  # in the Reports menu (and the panel's links)


def test_reporters_get_403_and_no_menu_or_panel(client, staff_in, stored_event):
    client.force_login(staff_in("Reporters"))
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    response = client.post("/admin/audience/stripe-events/evt_access/retry/")
    assert response.status_code == 403
    home = client.get("/admin/")
    assert home.status_code == 200
    assert 'id="audience-heading"' not in home.content.decode()
    assert "/admin/audience/" not in home.content.decode()


def test_readers_and_anonymous_visitors_are_sent_to_sign_in(client, stored_event, reader):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]
    client.force_login(reader)  # not staff: Wagtail refuses the admin altogether
    assert client.get(PAGES[0]).status_code == 302
    assert client.post("/admin/audience/stripe-events/evt_access/retry/").status_code == 302
    assert StripeEvent.objects.get().attempts == 1
