"""One message over an open ``smtplib`` connection, pipelined (RFC 2920)
when the server advertises PIPELINING, as ESPs' SMTP endpoints and common
MTAs do.

``smtplib.SMTP.sendmail`` waits for a reply after each command: MAIL, RCPT,
DATA, then the message, four round trips. A newsletter's hand-off is bound by
those waits, not by CPU. Pipelined, MAIL FROM, RCPT TO and DATA go out in one
write and their three replies are read together, then the message and its
final reply: two round trips. The commands and the message bytes are
exactly those ``sendmail`` writes (the same SIZE parameter, the same
dot-stuffing), and the outcome is the same: nothing raised means the server
accepted the message; a refusal raises what ``sendmail`` would raise
(``SMTPSenderRefused``, ``SMTPRecipientsRefused``, ``SMTPDataError``), after
an RSET, or after closing the connection on a 421, so the caller marks the
delivery failed and the connection is left ready for the next message (or
closed). Without PIPELINING (or without EHLO) this is ``sendmail`` itself.
"""

import contextlib
import re
import smtplib
from smtplib import SMTPDataError, SMTPRecipientsRefused, SMTPSenderRefused, quoteaddr

CRLF = b"\r\n"
_LEADING_DOT = re.compile(rb"(?m)^\.")
Reply = tuple[int, bytes]


def sendmail(smtp: smtplib.SMTP, sender: str, recipient: str, message: bytes) -> None:
    """Hand ``message`` (bytes, CRLF line ends) for ``recipient`` to the server."""
    smtp.ehlo_or_helo_if_needed()
    if not (smtp.does_esmtp and smtp.has_extn("pipelining")):
        smtp.sendmail(sender, [recipient], message)
        return
    size = f" size={len(message)}" if smtp.has_extn("size") else ""
    commands = (f"mail FROM:{quoteaddr(sender)}{size}", f"rcpt TO:{quoteaddr(recipient)}", "data")
    smtp.send("".join(f"{command}\r\n" for command in commands).encode(smtp.command_encoding))
    mail, rcpt, data = smtp.getreply(), smtp.getreply(), smtp.getreply()
    accepted = mail[0] == 250 and rcpt[0] in (250, 251)
    if data[0] == 354 and not accepted:
        # A server should refuse DATA when no recipient was accepted (RFC
        # 2920, 3.1); one that did not is given an empty message to end it.
        smtp.send(b"." + CRLF)
        smtp.getreply()
    if not accepted or data[0] != 354:
        _abandon(smtp, mail, rcpt, data)
        if mail[0] != 250:
            raise SMTPSenderRefused(*mail, sender)
        if not accepted:
            raise SMTPRecipientsRefused({recipient: rcpt})
        raise SMTPDataError(*data)
    smtp.send(_data(message))
    code, reply = smtp.getreply()
    if code != 250:
        _abandon(smtp, (code, reply))
        raise SMTPDataError(code, reply)


def _data(message: bytes) -> bytes:
    """The message as ``smtplib``'s ``data`` sends it: dot-stuffed, ended."""
    stuffed = _LEADING_DOT.sub(b"..", message)
    if stuffed[-2:] != CRLF:
        stuffed += CRLF
    return stuffed + b"." + CRLF


def _abandon(smtp: smtplib.SMTP, *replies: Reply) -> None:
    """After a refusal: close on a 421 (the server is closing the channel),
    else RSET so the connection can carry the next message."""
    if any(code == 421 for code, _ in replies):
        smtp.close()
        return
    # A lost connection: the next command will say so (as sendmail's reset does).
    with contextlib.suppress(smtplib.SMTPServerDisconnected):
        smtp.rset()
