"""Changing an appeal drops the cached list of live appeals: the receivers are
connected once by ``MembershipConfig.ready()``, not by importing a module."""

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

import pytest

from membership.appeals.selection import cache_key, live_appeals
from membership.models import Appeal

pytestmark = pytest.mark.django_db

UIDS = {
    post_save: "appeals-saved",
    post_delete: "appeals-deleted",
    m2m_changed: "appeals-sections",
}


def connected_uids(signal) -> list[str]:
    return [key[0] for key, *_ in signal.receivers if key[0] in UIDS.values()]


def test_ready_connects_each_receiver_once():
    apps.get_app_config("membership").ready()  # a second call adds nothing
    for signal, uid in UIDS.items():
        assert connected_uids(signal) == [uid]


def test_saving_deleting_and_resectioning_drop_the_cached_list(make_appeal, section):
    appeal = make_appeal(heading="First")
    live_appeals()
    assert cache.get(cache_key()) is not None

    appeal.sections.add(section)
    assert cache.get(cache_key()) is None
    assert [a.section_ids for a in live_appeals()] == [frozenset({section.pk})]

    appeal.heading = "Renamed"
    appeal.save()
    assert cache.get(cache_key()) is None
    assert [a.heading for a in live_appeals()] == ["Renamed"]

    Appeal.objects.get(pk=appeal.pk).delete()
    assert cache.get(cache_key()) is None
    assert live_appeals() == []
