from django.contrib.auth.models import AnonymousUser, Group
from django.template import Context, Template
from django.test import RequestFactory

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load membership_tags %}{% is_member as member %}{{ member }}")


def render(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return TEMPLATE.render(Context({"request": request}))


def test_is_member_follows_the_membership_status(reader, subscribe, fake_stripe, deliver):
    assert render(AnonymousUser()) == "False"
    assert render(reader) == "False"
    membership, _ = subscribe(reader)
    assert render(reader) == "True"
    deliver(fake_stripe.renew(membership.stripe_subscription_id, paid=False))
    assert render(reader) == "True"  # grace while Stripe retries
    deliver(fake_stripe.cancel_now(membership.stripe_subscription_id))
    assert render(reader) == "False"


def test_audience_group_can_edit_tiers_in_the_admin(client, django_user_model):
    group = Group.objects.get(name="Audience")
    staff = django_user_model.objects.create_user("audience@example.org", is_staff=False)
    staff.groups.add(group)
    client.force_login(staff)
    assert client.get("/admin/snippets/membership/tier/").status_code == 200
    response = client.post(
        "/admin/snippets/membership/tier/add/",
        nested_form_data(
            {
                "name": "Patron",
                "slug": "patron",
                "currency": "usd",
                "monthly_amount": "2500",
                "yearly_amount": "25000",
                "sort_order": "3",
                "active": "on",
                # the same tier in euros, a rounded local amount (docs/memberships.md)
                "prices": inline_formset(
                    [{"currency": "eur", "monthly_amount": "2500", "yearly_amount": "25000"}]
                ),
            }
        ),
    )
    assert response.status_code == 302
    from membership.models import Tier

    assert Tier.objects.get(slug="patron").monthly_label() == "$25 / month"
    assert Tier.objects.get(slug="patron").localized("eur").monthly_label() == "€25 / month"
