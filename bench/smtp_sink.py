"""A local SMTP sink for `make bench-newsletter`: accepts every message and
appends one line per recipient to a file (so the bench can count, per
address, how many messages arrived). Run: python bench/smtp_sink.py PORT FILE

It stands in for the receiving end of a send, an ESP's SMTP endpoint or an
MTA: fast servers that cost the sender little. The sink used to be aiosmtpd,
which parses the message line by line in Python: about 2 ms of CPU a
message, as much as the sending workers themselves, on the same two cores.
This one is a plain ``asyncio.Protocol``: commands are lines, the message
is read in whole chunks and its end (``CRLF . CRLF``) found with
``bytes.find``; the content is neither parsed nor kept. It speaks what
Django's SMTP backend and ``smtplib`` send (EHLO/HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT) and advertises PIPELINING (RFC 2920: replies to a group of
commands go back in one write), 8BITMIME and SIZE. A message's lines are
written to the file (one ``write`` to a file opened for appending) before its
250 goes out, so a message the sender counts as accepted is on record even
if the sink is then killed."""

import asyncio
import contextlib
import os
import re
import sys

MAX_SIZE = 2**25  # advertised with SIZE; a longer message is read and refused
ADDRESS = re.compile(rb"^\s*<([^>]*)>", re.ASCII)
END = b"\r\n.\r\n"


class Session(asyncio.Protocol):
    """One client connection."""

    def __init__(self, out: int, hostname: str = "sink.invalid") -> None:
        self.out, self.hostname = out, hostname
        self.buffer = bytearray()
        self.in_data = self.quitting = False
        self.scanned = 0  # how far the message was searched for its end already
        self.sender: bytes | None = None
        self.recipients: list[bytes] = []

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(f"220 {self.hostname} ESMTP sink\r\n".encode())

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        replies = []  # one write for a pipelined group's replies
        while not self.quitting:
            if self.in_data:
                end = self.buffer.find(END, self.scanned)
                if end < 0:
                    self.scanned = max(0, len(self.buffer) - len(END) + 1)
                    break
                replies.append(self.message_end(end))
                del self.buffer[: end + len(END)]
                self.in_data, self.scanned = False, 0
                continue
            newline = self.buffer.find(b"\n")
            if newline < 0:
                if len(self.buffer) > 4096:
                    replies.append(b"500 line too long\r\n")
                    self.buffer.clear()
                break
            line = bytes(self.buffer[:newline]).rstrip(b"\r")
            del self.buffer[: newline + 1]
            replies.append(self.command(line))
            if self.in_data:
                # The CRLF that ended the DATA line begins the end marker of
                # an empty message.
                self.buffer[0:0] = b"\r\n"
        if replies:
            self.transport.write(b"".join(replies))
        if self.quitting:
            self.transport.close()  # after the replies are written

    def command(self, line: bytes) -> bytes:
        verb, _, argument = line.partition(b" ")
        verb = verb.upper()
        if verb == b"EHLO":
            self.reset()
            return (
                f"250-{self.hostname}\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE {MAX_SIZE}\r\n"
            ).encode()
        if verb == b"HELO":
            self.reset()
            return f"250 {self.hostname}\r\n".encode()
        if verb == b"MAIL":
            found = self.address(argument, b"FROM:")
            if found is None:
                return b"501 Syntax: MAIL FROM:<address>\r\n"
            self.reset()
            self.sender = found
            return b"250 OK\r\n"
        if verb == b"RCPT":
            if self.sender is None:
                return b"503 need MAIL before RCPT\r\n"
            found = self.address(argument, b"TO:")
            if not found:
                return b"501 Syntax: RCPT TO:<address>\r\n"
            self.recipients.append(found)
            return b"250 OK\r\n"
        if verb == b"DATA":
            if not self.recipients:
                return b"503 need RCPT before DATA\r\n"
            self.in_data = True
            return b"354 End data with <CR><LF>.<CR><LF>\r\n"
        if verb == b"RSET":
            self.reset()
            return b"250 OK\r\n"
        if verb == b"NOOP":
            return b"250 OK\r\n"
        if verb == b"QUIT":
            self.quitting = True
            return b"221 Bye\r\n"
        return b"502 command not implemented\r\n"

    def message_end(self, end: int) -> bytes:
        """The message ends at ``end`` in the buffer (its two leading bytes
        are the CRLF of the DATA line or of the message's last line)."""
        recipients, size = self.recipients, end - 2
        self.reset()
        if size > MAX_SIZE:
            return b"552 message too big\r\n"
        os.write(self.out, b"".join(r + b"\n" for r in recipients))
        return b"250 OK\r\n"

    def reset(self) -> None:
        self.sender, self.recipients = None, []

    @staticmethod
    def address(argument: bytes, prefix: bytes) -> bytes | None:
        if argument[: len(prefix)].upper() != prefix:
            return None
        match = ADDRESS.match(argument[len(prefix) :])
        return match.group(1) if match else None

    def eof_received(self) -> None:
        self.transport.close()


async def serve(port: int, path: str, host: str = "127.0.0.1") -> asyncio.AbstractServer:
    """Start the sink on the running loop; returns the server."""
    out = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    loop = asyncio.get_running_loop()
    return await loop.create_server(lambda: Session(out), host, port, reuse_address=True)


async def _main(port: int, path: str) -> None:
    server = await serve(port, path)
    print(f"SMTP sink on 127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(int(sys.argv[1]), sys.argv[2]))
