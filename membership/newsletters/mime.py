"""An issue as MIME bytes, built once per sending task and filled in per
recipient, for the SMTP backend.

Django's ``EmailMessage.message()`` builds a message with Python's ``email``
package: folding every header, searching the body for a boundary, encoding
each part. That was most of a send's time per message. Here Django builds
the message once, with placeholders for what differs per recipient (``To``,
``Date``, ``Message-ID``, ``List-Unsubscribe`` and the two parts); both parts
are quoted-printable, encoded once as constant bytes with the personal
values' places between them (``Lines``): per recipient only the values
themselves (greeting, unsubscribe and manage links) are encoded and joined
in. ``Skeleton.fill`` returns a recipient's bytes, or None when the skeleton
did not look as expected or an address is not ASCII: that message goes the
ordinary way.
"""

import re
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
_SOFT_BREAK = b"=\r\n"
_CUT_WIDTH = 75


def _encode(line: str, width: int = 76) -> bytes:
    latin = line.encode().decode("latin-1")
    return quoprimime.body_encode(latin, maxlinelen=width, eol="\r\n").encode("ascii")


class Lines:
    """A part's text, quoted-printable, encoded once: constant bytes with the
    placeholders between them. A line that holds a placeholder is cut around
    it with soft line breaks (``=`` at the end of an encoded line, which the
    reader's client joins back), so a recipient's part is the constant bytes
    and their own values, encoded: not one line of the issue is encoded again."""

    def __init__(self, text: str, placeholders: tuple[str, ...]) -> None:
        self.placeholders = placeholders
        split = re.compile("(" + "|".join(re.escape(p) for p in placeholders) + ")").split
        tokens: list[bytes | str] = []
        for number, line in enumerate(text.splitlines()):
            if number:
                tokens.append(b"\r\n")
            pieces = [piece for piece in split(line) if piece]
            if len(pieces) == 1 and pieces[0] not in placeholders:
                tokens.append(_encode(line))
                continue
            for index, piece in enumerate(pieces):
                if index:
                    tokens.append(_SOFT_BREAK)  # 75 wide below: 76 with the "="
                tokens.append(piece if piece in placeholders else _encode(piece, _CUT_WIDTH))
        if text.endswith("\n"):
            tokens.append(b"\r\n")
        self.tokens = _merged(tokens)

    def encode(self, values: dict[str, str]) -> bytes:
        encoded = {p: _encode(values.get(p, p), _CUT_WIDTH) for p in self.placeholders}
        return b"".join(encoded[t] if isinstance(t, str) else t for t in self.tokens)


def _merged(tokens: list[bytes | str]) -> list[bytes | str]:
    """Runs of constant bytes joined into one."""
    out: list[bytes | str] = []
    for token in tokens:
        if isinstance(token, bytes) and out and isinstance(out[-1], bytes):
            out[-1] += token
        else:
            out.append(token)
    return out


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
        by_bytes = {mark.encode(): mark for mark in marks}
        pieces = re.split(b"(" + b"|".join(map(re.escape, by_bytes)) + b")", head + _QP)
        self.head = [by_bytes.get(piece, piece) for piece in pieces]
        self.middle, self.tail = middle + _QP, tail
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
        if not (self.usable and all(h.isascii() and _is_one_line(h) for h in headers)):
            return None
        values = {
            TO: email.encode(),
            DATE: formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode(),
            MESSAGE_ID: message_id.encode(),
            LIST_UNSUBSCRIBE: ",\r\n ".join(list_unsubscribe).encode(),
        }
        head = b"".join(values[t] if isinstance(t, str) else t for t in self.head)
        return b"".join(
            (head, self.text.encode(text_values), self.middle, self.html.encode(html_values),
             self.tail)
        )  # fmt: skip


def _is_one_line(value: str) -> bool:
    return "\n" not in value and "\r" not in value
