"""An issue as MIME bytes, built once per sending task and filled in per
recipient, for the SMTP backend.

Django's ``EmailMessage.message()`` builds a message with Python's ``email``
package: folding every header, searching the body for a boundary, encoding
each part. That was most of a send's time per message. Here Django builds
the message once, with placeholders for what differs per recipient (``To``,
``Date``, ``Message-ID``, ``List-Unsubscribe`` and the two parts); both parts
are quoted-printable, encoded line by line: the lines without a
personalisation once, the few with one (greeting, unsubscribe and manage
links) per recipient. ``PreparedEmail.message()`` hands the SMTP backend those
bytes. Anything the skeleton does not look as expected for, or a non-ASCII
address, goes the ordinary way (``raw`` is None).
"""

from email import quoprimime
from email.utils import formatdate

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

TO = "recipient@placeholder.invalid"
DATE = "date-placeholder"
MESSAGE_ID = "<message-id-placeholder>"
LIST_UNSUBSCRIBE = "<list-unsubscribe-placeholder>"
TEXT = "text-part-placeholder"
HTML = "html-part-placeholder"
_PART = b"Content-Transfer-Encoding: 7bit\r\n\r\n"
_QP = b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"


class RawMessage:
    """What the SMTP backend needs of a message: its bytes."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.raw if linesep == "\r\n" else self.raw.replace(b"\r\n", linesep.encode())


class PreparedEmail(EmailMultiAlternatives):
    """An ordinary message (body, alternatives and headers set, for any reader)
    whose MIME form was prepared from the issue's skeleton."""

    raw: bytes | None = None

    def message(self):
        return super().message() if self.raw is None else RawMessage(self.raw)


def _encode(line: str) -> bytes:
    return quoprimime.body_encode(line.encode().decode("latin-1"), eol="\r\n").encode("ascii")


class Lines:
    """A part's text, quoted-printable: lines with a placeholder kept for later."""

    def __init__(self, text: str, placeholders: tuple[str, ...]) -> None:
        self.lines: list[bytes | str] = [
            line if any(p in line for p in placeholders) else _encode(line)
            for line in text.splitlines()
        ]
        self.trailing = b"\r\n" if text.endswith("\n") else b""

    def encode(self, values: dict[str, str]) -> bytes:
        out = []
        for line in self.lines:
            if isinstance(line, str):
                for placeholder, value in values.items():
                    line = line.replace(placeholder, value)
                line = _encode(line)
            out.append(line)
        return b"\r\n".join(out) + self.trailing


class Skeleton:
    """One issue's message with placeholders, as bytes; ``fill`` makes one
    recipient's. ``usable`` is False when Django's output was not as expected."""

    def __init__(
        self, subject: str, from_email: str, text: str, html: str, placeholders: tuple[str, ...]
    ) -> None:
        probe = EmailMultiAlternatives(
            subject=subject,
            body=TEXT,
            from_email=from_email,
            to=[TO],
            headers={
                "Date": DATE,
                "Message-ID": MESSAGE_ID,
                "List-Unsubscribe": LIST_UNSUBSCRIBE,
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        probe.attach_alternative(HTML, "text/html")
        raw = probe.message().as_bytes(linesep="\r\n")
        marks = (TO, DATE, MESSAGE_ID, LIST_UNSUBSCRIBE)
        self.usable = all(raw.count(mark.encode()) == 1 for mark in marks) and all(
            raw.count(_PART + part.encode()) == 1 for part in (TEXT, HTML)
        )
        if not self.usable:
            return
        head, rest = raw.split(_PART + TEXT.encode())
        middle, tail = rest.split(_PART + HTML.encode())
        self.head, self.middle, self.tail = head + _QP, middle + _QP, tail
        self.text = Lines(text, placeholders)
        self.html = Lines(html, placeholders)

    def fill(
        self,
        email: str,
        message_id: str,
        list_unsubscribe: tuple[str, str],
        text_values: dict[str, str],
        html_values: dict[str, str],
    ) -> bytes | None:
        headers = (email, message_id, *list_unsubscribe)
        if not (self.usable and all(h.isascii() and "\n" not in h for h in headers)):
            return None
        head = (
            self.head.replace(TO.encode(), email.encode())
            .replace(DATE.encode(), formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode())
            .replace(MESSAGE_ID.encode(), message_id.encode())
            .replace(LIST_UNSUBSCRIBE.encode(), ",\r\n ".join(list_unsubscribe).encode())
        )
        return b"".join(
            (head, self.text.encode(text_values), self.middle, self.html.encode(html_values),
             self.tail)
        )  # fmt: skip
