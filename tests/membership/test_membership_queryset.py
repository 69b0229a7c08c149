"""Membership's vocabulary lives on ``Membership.objects``: who was a member at
a moment, who joined in a period and who churned, and reader-facing code
(the appeals' goals) reaches it without importing the admin reports."""

import ast
import datetime
from pathlib import Path

from django.conf import settings

import pytest

from membership.appeals import goals
from membership.models import Membership
from tests.membership.reports.conftest import make_membership, utc

pytestmark = pytest.mark.django_db

MARCH = utc(2026, 3, 1)
APRIL = utc(2026, 4, 1)


def emails(memberships) -> set[str]:
    return {m.member.user.email for m in memberships.select_related("member__user")}


def test_active_at_counts_started_and_not_yet_lapsed():
    make_membership(email="active@example.org", started=utc(2026, 1, 1))
    make_membership(email="later@example.org", started=utc(2026, 3, 2))
    make_membership(
        email="ended@example.org",
        started=utc(2026, 1, 1),
        ended=utc(2026, 2, 1),
        status="canceled",
    )
    make_membership(
        email="ends-after@example.org",
        started=utc(2026, 1, 1),
        ended=utc(2026, 3, 15),
        status="canceled",
    )
    make_membership(email="failed@example.org", started=utc(2026, 1, 1), status="incomplete")
    make_membership(
        email="paused@example.org", started=utc(2026, 1, 1), status="paused", synced=MARCH
    )

    assert emails(Membership.objects.active_at(MARCH)) == {
        "active@example.org",
        "ends-after@example.org",
        "paused@example.org",  # lapsed exactly at MARCH: still counted just before it
    }


def test_joined_in_leaves_out_switches_and_failed_starts():
    make_membership(email="new@example.org", started=utc(2026, 3, 5))
    switched = make_membership(
        email="switch@example.org", started=utc(2026, 1, 1), ended=utc(2026, 3, 10)
    )
    make_membership(member=switched.member, started=utc(2026, 3, 10))
    make_membership(email="failed@example.org", started=utc(2026, 3, 5), status="incomplete")
    make_membership(email="before@example.org", started=utc(2026, 2, 27))

    assert emails(Membership.objects.joined_in(MARCH, APRIL)) == {"new@example.org"}


def test_churned_in_leaves_out_readers_who_rejoined_in_time():
    make_membership(
        email="gone@example.org",
        started=utc(2026, 1, 1),
        ended=utc(2026, 3, 5),
        status="canceled",
    )
    back = make_membership(
        email="back@example.org",
        started=utc(2026, 1, 1),
        ended=utc(2026, 3, 5),
        status="canceled",
    )
    make_membership(member=back.member, started=utc(2026, 3, 20))
    make_membership(email="stays@example.org", started=utc(2026, 1, 1))

    assert emails(Membership.objects.churned_in(MARCH, APRIL)) == {"gone@example.org"}


def test_member_count_counts_a_reader_once():
    first = make_membership(started=utc(2026, 3, 2))
    make_membership(member=first.member, started=utc(2026, 3, 3), interval="year")
    make_membership(started=utc(2026, 3, 4))
    assert Membership.objects.joined_in(MARCH, APRIL).member_count() == 2


def test_conditions_and_querysets_agree():
    """The aggregate conditions the reports use are the querysets' filters."""
    for started, ended in [(utc(2026, 1, 1), None), (utc(2026, 3, 9), utc(2026, 3, 20))]:
        make_membership(started=started, ended=ended, status="canceled" if ended else "active")
    moment = utc(2026, 3, 10)
    objects = Membership.objects
    assert (
        objects.with_lapsed_at().filter(objects.active_at_condition(moment)).count()
        == objects.active_at(moment).count()
        == 2
    )
    assert objects.with_lapsed_at().filter(objects.churned_in_condition(MARCH, APRIL)).count() == (
        objects.churned_in(MARCH, APRIL).count()
    )


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.django_db(False)
def test_reader_code_does_not_import_the_admin_reports():
    """Only the reports themselves, the admin wiring (wagtail_hooks) and the
    staff's management commands reach into ``membership.reports``; appeals and
    views use the model's vocabulary."""
    app = Path(settings.BASE_DIR) / "membership"
    offenders = [
        str(path.relative_to(app))
        for path in app.rglob("*.py")
        if "reports" not in path.relative_to(app).parts
        and path.name != "wagtail_hooks.py"
        and "management" not in path.relative_to(app).parts
        and any(m.startswith("membership.reports") for m in imported_modules(path))
    ]
    assert offenders == []


def test_goal_progress_counts_new_members_from_the_vocabulary(settings):
    settings.TIME_ZONE = "UTC"
    now = datetime.datetime.now(tz=datetime.UTC)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    make_membership(started=start + datetime.timedelta(seconds=1))
    make_membership(started=start - datetime.timedelta(days=1))
    counted = Membership.objects.annotate(new=goals.new_members_this_month(now))
    assert {row.new for row in counted} == {1}
