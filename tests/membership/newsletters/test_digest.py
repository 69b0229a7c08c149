"""Section digests: at the set time, the section's new articles go out once;
a day with nothing new sends nothing."""

import datetime

from django.core import mail
from django.utils import timezone

import pytest

from membership.newsletters import sending
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.membership.newsletters.conftest import subscribed

pytestmark = pytest.mark.django_db


def test_a_section_digest_sends_new_articles_once_and_skips_quiet_days(
    home, daily, django_capture_on_commit_callbacks
):
    world = SectionPageFactory(parent=home, title="World", slug="world")
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    daily.section, daily.digest_time = world, datetime.time(7, 0)
    daily.save()
    subscribed("r@example.org", daily)
    now = timezone.now().replace(hour=8, minute=0)
    ArticlePageFactory(
        parent=world,
        slug="new",
        title="New in world",
        first_published_at=now - datetime.timedelta(hours=3),
    )
    ArticlePageFactory(parent=sport, slug="other", title="New in sport",
                       first_published_at=now - datetime.timedelta(hours=3))  # fmt: skip

    assert sending.send_due(now.replace(hour=6)) == []  # before its time
    with django_capture_on_commit_callbacks(execute=True):
        sending.send_due(now)
    (message,) = mail.outbox
    assert "New in world" in message.body
    assert "New in sport" not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.send_due(now + datetime.timedelta(hours=1)) == []  # once a day
    tomorrow = now + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.send_due(tomorrow) == []  # nothing new: nothing sent
    assert len(mail.outbox) == 1
