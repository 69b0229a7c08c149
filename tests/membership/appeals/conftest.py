"""Appeals on reader pages: an article in a section, readers in each audience."""

import itertools
from collections.abc import Callable

from django.utils import timezone

import pytest

from membership.models import Appeal, Member, Membership, User
from tests.factories import ArticlePageFactory, SectionPageFactory

_subscriptions = itertools.count(1)


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section,
        body=[
            ("paragraph", "<p>First paragraph.</p>"),
            ("paragraph", "<p>Second paragraph.</p>"),
            ("paragraph", "<p>Third paragraph.</p>"),
        ],
    )


@pytest.fixture
def make_appeal(db) -> Callable[..., Appeal]:
    def make(**fields) -> Appeal:
        sections = fields.pop("sections", [])
        defaults = {
            "name": fields.get("heading", "An appeal"),
            "heading": "Independent journalism needs you",
            "body": "<p>Join the readers who fund our reporting.</p>",
            "cta_label": "Become a member",
        }
        appeal = Appeal.objects.create(**{**defaults, **fields})
        if sections:
            appeal.sections.set(sections)
        return appeal

    return make


def give_membership(user: User, status: str) -> Membership:
    member, _ = Member.objects.get_or_create(user=user)
    return Membership.objects.create(
        member=member,
        stripe_subscription_id=f"sub_test_{next(_subscriptions)}",
        status=status,
        interval="month",
        amount=500,
        currency="usd",
        started_at=timezone.now(),
    )


@pytest.fixture
def three_joined_this_month(db) -> list[Membership]:
    """Three readers who became members this month (a goal's progress)."""
    return [
        give_membership(User.objects.create_user(f"m{n}@example.org"), "active") for n in range(3)
    ]


@pytest.fixture
def reader_client(client, db) -> Callable[[str | None], object]:
    """A client signed in as a reader whose membership has ``status``
    ("none" for a reader who never joined)."""

    def make(status: str) -> object:
        user = User.objects.create_user(f"{status}@example.org", password="x-long-password-1")
        if status != "none":
            give_membership(user, status)
        client.force_login(user)
        return client

    return make
