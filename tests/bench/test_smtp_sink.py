"""The bench's SMTP sink (bench/smtp_sink.py) takes what smtplib and Django's
SMTP backend send, pipelined or not, and writes one line per recipient of
each accepted message, and none for a message it did not accept."""

import asyncio
import smtplib
import socket
import threading

from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

import pytest

from bench import smtp_sink


@pytest.fixture
def sink(tmp_path):
    path = tmp_path / "sink.txt"
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(smtp_sink.serve(0, str(path)))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield server.sockets[0].getsockname()[1], path
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    server.close()
    loop.run_until_complete(server.wait_closed())
    loop.close()


def received(path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_smtplib_one_command_at_a_time(sink):
    port, path = sink
    with smtplib.SMTP("127.0.0.1", port) as client:
        assert client.ehlo()[0] == 250
        assert {"pipelining", "8bitmime", "size"} <= set(client.esmtp_features)
        client.sendmail("from@example.org", ["a@example.org"], b"Subject: one\r\n\r\nHello\r\n")
        client.sendmail(
            "from@example.org",
            ["b@example.org", "c@example.org"],
            b"Subject: two\r\n\r\n.a line with a dot\r\n.\r\nand more\r\n" + b"x" * 100_000,
        )
        assert client.noop()[0] == 250
        client.mail("from@example.org")
        client.rcpt("never@example.org")
        assert client.rset()[0] == 250  # an abandoned transaction records nothing
        assert client.rcpt("late@example.org")[0] == 503  # no MAIL since the RSET
    assert received(path) == ["a@example.org", "b@example.org", "c@example.org"]


def test_pipelined_groups_and_split_reads(sink):
    port, path = sink
    with socket.create_connection(("127.0.0.1", port)) as conn:
        reader = conn.makefile("rb")
        assert reader.readline().startswith(b"220")
        conn.sendall(b"EHLO client\r\n")
        while not reader.readline().startswith(b"250 "):
            pass
        group = b"MAIL FROM:<f@example.org> SIZE=40\r\nRCPT TO:<p@example.org>\r\nDATA\r\n"
        conn.sendall(group)
        assert [reader.readline()[:3] for _ in range(3)] == [b"250", b"250", b"354"]
        # The end marker split across writes; an empty message; then another
        # group straight after the end of data.
        conn.sendall(b"Subject: p\r\n\r\nbody\r")
        conn.sendall(b"\n.")
        conn.sendall(b"\r\nMAIL FROM:<> \r\nRCPT TO:<q@example.org>\r\nDATA\r\n.\r\nQUIT\r\n")
        replies = [reader.readline()[:3] for _ in range(6)]
        assert replies == [b"250", b"250", b"250", b"354", b"250", b"221"]
        assert reader.readline() == b""  # closed after QUIT
    assert received(path) == ["p@example.org", "q@example.org"]


def test_refusals(sink):
    port, path = sink
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.ehlo()
        assert client.docmd("DATA")[0] == 503  # no recipient
        assert client.docmd("MAIL", "TO:<x@example.org>")[0] == 501
        assert client.docmd("VRFY", "x")[0] == 502
    assert received(path) == []


def test_djangos_smtp_backend(sink):
    port, path = sink
    backend = EmailBackend(host="127.0.0.1", port=port, use_tls=False, username="", password="")
    messages = [
        EmailMessage("Ça va", "Unicode body: é ü ✓\n.dot line\n", "from@example.org", [to])
        for to in ("d@example.org", "e@example.org")
    ]
    assert backend.send_messages(messages) == 2
    assert received(path) == ["d@example.org", "e@example.org"]
