"""The SMTP fast path: each message's bytes come from a skeleton built once per
task, and say exactly what Django's own MIME form of the message says; one
SMTP connection carries a whole send."""

import email
import email.policy

from django.core.mail.backends.smtp import EmailBackend as SMTPBackend

import pytest

from membership.newsletters.messages import Composer, Handoff
from tests.membership.newsletters.conftest import make_issue, subscribed

pytestmark = pytest.mark.django_db

LONG = "Une très longue phrase de l'éditeur, avec des accents et = signes. " * 40


def parsed(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def parts(message) -> dict[str, str]:
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def test_prepared_bytes_say_what_djangos_message_says(daily):
    daily.sender_name, daily.sender_email = "Le Quotidien", "daily@example.org"
    daily.save()
    issue = make_issue(daily, "Ça commence = ici")
    issue.body = [("intro", f"<p>{LONG}</p>"), ("text", f"<p>{LONG}</p>")]
    issue.save()
    subscriber = subscribed("zoe@example.org", daily, name='Zoë <&> "Z"')
    composer = Composer(issue, smtp=True)

    raw = composer.raw(subscriber.pk, subscriber.email, subscriber.name)
    assert raw is not None  # the fast path was taken
    fast = parsed(raw)
    message = composer.message(subscriber.pk, subscriber.email, subscriber.name)
    slow = parsed(message.message().as_bytes(linesep="\r\n"))

    for header in ("Subject", "From", "To", "Message-ID", "List-Unsubscribe-Post"):
        assert fast[header] == slow[header], header
    unfold = "".join
    assert unfold(fast["List-Unsubscribe"].split()) == unfold(slow["List-Unsubscribe"].split())
    assert fast["Subject"] == "Ça commence = ici"
    assert fast["Date"]
    assert parts(fast) == parts(slow)
    text, html = parts(fast)["text/plain"], parts(fast)["text/html"]
    assert 'Hello Zoë <&> "Z",' in text
    assert "Hello Zoë &lt;&amp;&gt; &quot;Z&quot;," in html
    assert LONG.strip() in text
    body = raw.split(b"\r\n\r\n", 1)[1]  # the headers' lines may be longer (RFC 5322: 998)
    assert max(len(line) for line in body.split(b"\r\n")) <= 76  # quoted-printable


def test_a_non_ascii_address_goes_the_ordinary_way(daily):
    subscriber = subscribed("zoë@exämple.org", daily)
    composer = Composer(make_issue(daily), smtp=True)
    assert composer.raw(subscriber.pk, subscriber.email, "") is None


def test_other_backends_get_ordinary_messages(daily):
    subscriber = subscribed("r@example.org", daily)
    assert Composer(make_issue(daily)).raw(subscriber.pk, subscriber.email, "") is None


class SigningBackend(SMTPBackend):
    """A subclass may do more per message (sign it, log it): it gets messages."""


def test_only_djangos_own_smtp_backend_gets_prepared_bytes(daily):
    issue = make_issue(daily)
    assert Handoff(issue, SMTPBackend()).composer.skeleton is not None
    assert Handoff(issue, SigningBackend()).composer.skeleton is None


class Sink:
    def __init__(self) -> None:
        self.greetings, self.messages = 0, []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_one_smtp_connection_carries_the_whole_send(daily, send, smtp_for_newsletters):
    sink = Sink()
    smtp_for_newsletters(sink)
    emails = [f"r{i}@example.org" for i in range(5)]
    for address in emails:
        subscribed(address, daily)
    send(make_issue(daily))
    assert sink.greetings == 1  # not one connection per message
    assert sorted(rcpt[0] for rcpt, _ in sink.messages) == emails
    for rcpt, content in sink.messages:
        message = parsed(content)
        assert message["To"] == rcpt[0]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/newsletters/unsubscribe/" in message["List-Unsubscribe"]
        assert "Hello," in parts(message)["text/plain"]
