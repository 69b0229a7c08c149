"""A membership started from a newsletter click is attributed to that
newsletter and issue, end to end: the link in the email, the join page, the
checkout, Stripe's webhook, and the audience reports' figures."""

import csv
import io
import re
from html import unescape
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse

import pytest

from membership import billing
from membership.forms import JoinForm
from membership.models import Membership, User
from membership.newsletters import campaign
from tests.membership.conftest import session_id_from
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db

LISTS = "/admin/reports/newsletters/lists/"
ISSUES = "/admin/reports/newsletters/issues/"


def appeal_link(message) -> str:
    """The appeal button's link in the issue's HTML part, as a path and query."""
    html = message.alternatives[0][0]
    url = unescape(re.search(r'href="([^"]*utm_content=appeal[^"]*)"', html).group(1))
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def hidden_fields(html: str) -> dict[str, str]:
    """The first join form's hidden inputs (a tier's Join button)."""
    form = re.search(r"<form[^>]*join[^>]*>(.*?)</form>", html, re.S).group(1)
    return dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form))


def report(client, url: str) -> list[dict]:
    response = client.get(f"{url}?export=csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_newsletter_click_to_a_membership_to_the_report(
    client, reader, tiers, fake_stripe, deliver, daily, send, staff_in
):
    subscribed(reader.email, daily, user=reader)
    issue = make_issue(daily)
    send(issue)
    (message,) = mail.outbox
    link = appeal_link(message)
    assert f"utm_id=n{daily.pk}-i{issue.pk}" in link
    assert "utm_campaign=daily" in link

    client.force_login(reader)
    join_page = client.get(link)
    assert join_page.status_code == 200
    fields = hidden_fields(join_page.content.decode())
    assert (fields["newsletter"], fields["issue"]) == (str(daily.pk), str(issue.pk))

    response = client.post("/membership/join/", fields)
    assert response.status_code == 303
    metadata = fake_stripe.requests[-1]["params"]["metadata"]
    assert (metadata["newsletter"], metadata["newsletter_issue"]) == (str(daily.pk), str(issue.pk))
    deliver(fake_stripe.complete_checkout(session_id_from(response["Location"])))

    membership = Membership.objects.get()
    assert (membership.source_newsletter, membership.source_newsletter_issue) == (daily, issue)

    client.force_login(staff_in("Audience"))
    (row,) = report(client, LISTS)
    assert (row["Members who joined from it"], row["Of whom members now"]) == ("1", "1")
    (issue_row,) = report(client, ISSUES)
    assert issue_row["Members who joined from it"] == "1"


def test_a_reader_without_a_session_keeps_the_newsletter_through_signing_in(client, tiers, daily):
    issue = make_issue(daily)
    query = campaign.params(daily, issue.pk, "appeal")
    page = client.get(reverse("membership:join"), query).content.decode()
    fields = hidden_fields(page)
    assert (fields["newsletter"], fields["issue"]) == (str(daily.pk), str(issue.pk))
    # The tier's button (a GET to the email step) keeps them for after signing in.
    email_step = client.get(reverse("membership:join_email"), fields).content.decode()
    assert f'name="newsletter" value="{daily.pk}"' in email_step
    assert f'name="issue" value="{issue.pk}"' in email_step
    form = JoinForm(fields)
    assert form.is_valid(), form.errors
    choice = form.choice()  # what the email step's next= link carries
    assert (choice["newsletter"], choice["issue"]) == (str(daily.pk), str(issue.pk))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"utm_source": "newsletter", "utm_id": "n3-i7"}, (3, 7)),
        ({"utm_source": "newsletter", "utm_id": "n3"}, (3, None)),
        ({"newsletter": "4", "issue": "9"}, (4, 9)),  # the join forms' own fields
        ({"utm_source": "twitter", "utm_id": "n3-i7"}, (None, None)),
        ({"utm_source": "newsletter", "utm_id": "n0"}, (None, None)),
        ({"utm_source": "newsletter", "utm_id": "n3-i7<script>"}, (None, None)),
        ({"utm_source": "newsletter", "utm_id": "n٣"}, (None, None)),
        ({"utm_source": "newsletter"}, (None, None)),
        ({}, (None, None)),
    ],
)
def test_reading_a_link(query, expected):
    assert campaign.from_query(query) == expected


def member(email: str, tiers, fake_stripe, deliver, **attribution) -> Membership:
    user = User.objects.create_user(email)
    attribution = {"source_page_id": None, "appeal": "", **attribution}
    url = billing.start_membership_checkout(user, tiers["supporter"], "month", None, attribution)
    deliver(fake_stripe.complete_checkout(session_id_from(url)))
    return Membership.objects.get(member__user=user)


def test_the_report_figures_by_hand(client, tiers, fake_stripe, deliver, daily, weekly, staff_in):
    """The Daily: A and B joined from issue 1, C from a link naming no issue,
    D's first payment never went through, E came from nowhere; B has since
    cancelled. Hand-counted: The Daily 3 joined, 2 still members; First: 2
    (A, B), Second: 0; The Weekly: 0. Ids that name nothing, or an issue of another
    list, are dropped by the webhook."""
    first, second = make_issue(daily, "First"), make_issue(daily, "Second")
    weekly_issue = make_issue(weekly, "Weekly")
    for issue in (first, second, weekly_issue):
        issue.status, issue.sent_at = "sent", issue.created_at
        issue.save()
    on_issue = {"newsletter": daily.pk, "newsletter_issue": first.pk}
    member("a@example.org", tiers, fake_stripe, deliver, **on_issue)
    b = member("b@example.org", tiers, fake_stripe, deliver, **on_issue)
    member("c@example.org", tiers, fake_stripe, deliver, newsletter=daily.pk)
    d = member("d@example.org", tiers, fake_stripe, deliver, **on_issue)
    member("e@example.org", tiers, fake_stripe, deliver)
    wrong = {"newsletter": daily.pk, "newsletter_issue": weekly_issue.pk}
    f = member("f@example.org", tiers, fake_stripe, deliver, **wrong)
    g = member("g@example.org", tiers, fake_stripe, deliver, newsletter=999999)
    assert (f.source_newsletter_id, f.source_newsletter_issue_id) == (daily.pk, None)
    assert (g.source_newsletter_id, g.source_newsletter_issue_id) == (None, None)
    f.delete()
    Membership.objects.filter(pk=d.pk).update(status="incomplete_expired")
    Membership.objects.filter(pk=b.pk).update(status="canceled")

    client.force_login(staff_in("Audience"))
    lists = {r["Newsletter"]: r for r in report(client, LISTS)}
    assert lists["The Daily"]["Members who joined from it"] == "3"
    assert lists["The Daily"]["Of whom members now"] == "2"
    assert lists["The Weekly"]["Members who joined from it"] == "0"
    issues = {r["Issue"]: r["Members who joined from it"] for r in report(client, ISSUES)}
    assert issues == {"First": "2", "Second": "0", "Weekly": "0"}
