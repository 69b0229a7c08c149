"""The pipelined hand-off (RFC 2920): when the server advertises PIPELINING,
MAIL, RCPT and DATA go in one write; the server receives exactly what
smtplib's sendmail sends, and a refusal raises what sendmail raises, with
the connection left usable (RSET) or closed (421)."""

import smtplib

import pytest
from aiosmtpd.controller import Controller

from membership.newsletters import pipelining
from membership.newsletters.issues import Delivery
from membership.newsletters.messages import Composer
from tests.membership.newsletters.conftest import free_port, make_issue, subscribed

FROM = "daily@example.org"
DOTS = b"Subject: dots\r\n\r\n.one leading dot\r\n..two\r\n.\r\nno final line end"


class Server:
    """aiosmtpd, with or without PIPELINING in its EHLO, refusing on demand."""

    def __init__(self, pipelining: bool, refuse: dict[str, str] | None = None) -> None:
        self.pipelining, self.refuse = pipelining, refuse or {}
        self.envelopes, self.commands = [], []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if "MAIL" in self.refuse:
            return self.refuse["MAIL"]
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return self.refuse["RCPT"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if "DATA" in self.refuse:
            return self.refuse["DATA"]
        e = envelope
        self.envelopes.append((e.mail_from, e.mail_options, e.rcpt_tos, e.original_content))
        return "250 OK"

    async def handle_RSET(self, server, session, envelope):
        self.commands.append("RSET")
        return "250 OK"


@pytest.fixture
def serve():
    controllers = []

    def start(server: Server) -> smtplib.SMTP:
        port = free_port()
        controller = Controller(server, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return smtplib.SMTP("127.0.0.1", port)

    yield start
    for controller in controllers:
        controller.stop()


def counting(client: smtplib.SMTP) -> list[bytes]:
    """What the client writes, one item per write."""
    writes, send = [], client.send

    def recorded(data):
        writes.append(data if isinstance(data, bytes) else data.encode())
        return send(data)

    client.send = recorded
    return writes


def test_the_server_receives_what_sendmail_sends(daily, serve):
    subscriber = subscribed("zoe@example.org", daily, name="Zoë")
    raw = Composer(make_issue(daily), smtp=True).raw(subscriber.pk, subscriber.email, "Zoë")
    assert raw is not None
    plain, piped = Server(pipelining=False), Server(pipelining=True)
    with serve(plain) as one, serve(piped) as other:
        for message in (raw, DOTS):
            one.sendmail(FROM, ["zoe@example.org"], message)
            pipelining.sendmail(other, FROM, "zoe@example.org", message)
    assert piped.envelopes == plain.envelopes
    assert len(piped.envelopes) == 2
    assert piped.envelopes[0][1] == [f"SIZE={len(raw)}"]
    assert piped.envelopes[1][3] == DOTS + b"\r\n"  # unstuffed, with its line end


@pytest.mark.parametrize(("advertised", "writes_per_message"), [(True, 2), (False, 4)])
def test_two_writes_a_message_when_pipelined(serve, advertised, writes_per_message):
    server = Server(pipelining=advertised)
    with serve(server) as client:
        client.ehlo()
        writes = counting(client)
        for number in range(3):
            pipelining.sendmail(client, FROM, f"r{number}@example.org", DOTS)
        assert len(writes) == 3 * writes_per_message
    assert len(server.envelopes) == 3
    if advertised:
        assert writes[0].startswith(b"mail FROM:<daily@example.org> size=")
        assert writes[0].endswith(b"\r\nrcpt TO:<r0@example.org>\r\ndata\r\n")


REFUSALS = [
    ({"MAIL": "451 4.3.0 try later"}, "r@example.org", smtplib.SMTPSenderRefused, 451),
    ({"RCPT": "550 5.1.1 no such user"}, "refused@example.org", smtplib.SMTPRecipientsRefused,
     550),
    ({"DATA": "554 5.7.1 rejected"}, "r@example.org", smtplib.SMTPDataError, 554),
]  # fmt: skip


@pytest.mark.parametrize("advertised", [True, False])
@pytest.mark.parametrize(("refuse", "recipient", "error", "code"), REFUSALS)
def test_a_refusal_raises_as_sendmail_does(serve, advertised, refuse, recipient, error, code):
    server = Server(pipelining=advertised, refuse=refuse)
    with serve(server) as client:
        with pytest.raises(error) as raised:
            pipelining.sendmail(client, FROM, recipient, DOTS)
        if error is smtplib.SMTPRecipientsRefused:
            assert raised.value.recipients[recipient][0] == code
        else:
            assert raised.value.smtp_code == code
        assert server.commands == ["RSET"]
        server.refuse = {"RCPT": "550 no"}  # the connection carries the next message
        pipelining.sendmail(client, FROM, "next@example.org", DOTS)
    assert [envelope[2] for envelope in server.envelopes] == [["next@example.org"]]


class Scripted(smtplib.SMTP):
    """A connection whose server's replies are scripted: the wire, exactly."""

    def __init__(self, *replies: int) -> None:
        super().__init__()
        self.ehlo_resp, self.does_esmtp = b"ok", True
        self.esmtp_features = {"pipelining": "", "size": "1000"}
        self.replies = [(code, b"reply") for code in replies]
        self.written, self.closed = [], False

    def send(self, data):
        self.written.append(data)

    def getreply(self):
        return self.replies.pop(0)

    def close(self):
        self.closed = True


def test_a_354_after_refused_recipients_ends_an_empty_message_then_resets():
    smtp = Scripted(250, 550, 354, 554, 250)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        pipelining.sendmail(smtp, FROM, "r@example.org", b"x\r\n")
    assert smtp.written[1:] == [b".\r\n", "rset\r\n"]  # the message never went
    assert smtp.replies == []


@pytest.mark.parametrize(
    ("replies", "error"),
    [
        ((421, 503, 503), smtplib.SMTPSenderRefused),
        ((250, 421, 503), smtplib.SMTPRecipientsRefused),
        ((250, 250, 354, 421), smtplib.SMTPDataError),
    ],
)
def test_a_421_closes_the_connection(replies, error):
    smtp = Scripted(*replies)
    with pytest.raises(error):
        pipelining.sendmail(smtp, FROM, "r@example.org", b"x\r\n")
    assert smtp.closed
    assert "rset\r\n" not in smtp.written


def test_a_refusal_at_the_end_of_data_resets():
    smtp = Scripted(250, 250, 354, 552, 250)
    with pytest.raises(smtplib.SMTPDataError) as raised:
        pipelining.sendmail(smtp, FROM, "r@example.org", b"x\r\n")
    assert raised.value.smtp_code == 552
    assert smtp.written[1:] == [b"x\r\n.\r\n", "rset\r\n"]
    assert not smtp.closed


def test_a_send_marks_the_refused_recipient_failed_and_the_others_sent(
    daily, send, smtp_for_newsletters
):
    server = Server(pipelining=True, refuse={"RCPT": "550 5.1.1 no such user"})
    smtp_for_newsletters(server)
    for address in ("a@example.org", "refused@example.org", "b@example.org"):
        subscribed(address, daily)
    send(make_issue(daily))
    status = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert status == {"a@example.org": "sent", "refused@example.org": "failed",
                      "b@example.org": "sent"}  # fmt: skip
    assert sorted(envelope[2][0] for envelope in server.envelopes) == [
        "a@example.org", "b@example.org"
    ]  # fmt: skip
    assert "550" in Delivery.objects.get(status="failed").error
