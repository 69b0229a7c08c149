"""The admin: the send page (test, send now, schedule, progress, retry), the
reports, and who may see them."""

from django.core import mail

import pytest

from membership.newsletters.issues import Delivery, Issue
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db


def test_an_editor_tests_sends_and_sees_progress(
    client, staff_in, daily, django_capture_on_commit_callbacks
):
    editor = staff_in("Editors")
    client.force_login(editor)
    subscribed("r@example.org", daily)
    issue = make_issue(daily)
    url = f"/admin/newsletters/send/{issue.pk}/send/"
    page = client.get(url)
    assert page.status_code == 200
    assert "It would go to <strong>1</strong> subscribers" in page.content.decode()
    client.post(url, {"action": "test"})
    assert [m.subject for m in mail.outbox] == ["[Test] Today's news"]
    assert mail.outbox[0].to == [editor.email]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "send"})
    assert "<strong>1 sent of 1</strong>" in client.get(url).content.decode()
    assert client.get("/admin/reports/newsletters/issues/").status_code == 200  # numbers only
    # Subscribers' addresses are personal data: the Audience team's, not Editors'.
    assert client.get("/admin/snippets/membership/subscriber/").status_code in (302, 403)


def test_scheduling_needs_a_future_time(client, staff_in, daily):
    client.force_login(staff_in("Editors"))
    issue = make_issue(daily)
    url = f"/admin/newsletters/send/{issue.pk}/send/"
    for bad in ("", "yesterday", "2000-01-01 10:00", "2099-13-45 10:00"):
        client.post(url, {"action": "schedule", "send_at": bad})
        issue.refresh_from_db()
        assert issue.status == "ready"
    client.post(url, {"action": "schedule", "send_at": "2099-01-01 07:00"})
    issue.refresh_from_db()
    assert (issue.status, issue.send_at.isoformat()) == ("scheduled", "2099-01-01T07:00:00+00:00")


def test_reports_for_the_audience_team(client, staff_in, daily, send):
    subscribed("a@example.org", daily)
    subscribed("b@example.org", daily).subscriptions.get().unsubscribe("x")
    send(make_issue(daily))
    client.force_login(staff_in("Audience"))
    lists = client.get("/admin/reports/newsletters/lists/")
    assert lists.status_code == 200
    assert "The Daily" in lists.content.decode()
    csv = client.get("/admin/reports/newsletters/issues/?export=csv")
    assert csv.status_code == 200
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[1].startswith("The Daily,Today's news,")
    assert lines[1].split(",")[3:8] == ["1", "1", "0", "0", "0"]


def test_readers_and_editors_without_rights_get_nothing(client, reader, daily):
    issue = make_issue(daily)
    client.force_login(reader)
    assert client.get(f"/admin/newsletters/send/{issue.pk}/send/").status_code in (302, 403)
    assert Issue.objects.get().status == "ready"


def test_the_send_page_shows_progress_live_and_failures_with_a_retry(
    client, staff_in, daily, reader
):
    client.force_login(staff_in("Editors"))
    issue = make_issue(daily)
    issue.status = Issue.Status.SENDING
    issue.save()
    rows = {}
    for address, status in (("a@example.org", "sent"), ("b@example.org", "failed"),
                            ("c@example.org", "queued")):  # fmt: skip
        rows[status] = Delivery.objects.create(
            issue=issue, subscriber=subscribed(address, daily), status=status
        )
    rows["failed"].error, rows["failed"].attempts = "550 mailbox unavailable", 1
    rows["failed"].save()
    send_url = f"/admin/newsletters/send/{issue.pk}/send/"
    poll_url = f"/admin/newsletters/send/{issue.pk}/progress/"

    page = client.get(send_url).content.decode()
    assert f'data-poll="{poll_url}"' in page
    assert "js/newsletter-progress" in page
    assert f'href="{send_url}">Refresh</a>' in page  # without JavaScript
    fragment = client.get(poll_url)
    assert "no-store" in fragment["Cache-Control"]  # the admin's, as for every admin view
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="send-progress"')  # the fragment alone
    assert "<strong>1 sent of 3</strong> (33 %)" in html
    assert "<td>b@example.org</td><td>550 mailbox unavailable</td>" in html
    assert 'value="retry">Retry 1 failed' in html

    Delivery.objects.filter(pk=rows["queued"].pk).update(status="sent")
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT)
    html = client.get(poll_url).content.decode()
    assert "data-poll" not in html  # sent: the script stops polling
    assert "<strong>2 sent of 3</strong>" in html
    assert "Refresh" not in html

    client.force_login(reader)
    assert client.get(poll_url).status_code in (302, 403)
