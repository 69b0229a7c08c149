"""Suspicious requests are logged as warnings, not errors.

Django logs every ``SuspiciousOperation`` (a bad Host header, too many form
fields, a malformed multipart body, …) at ERROR on ``django.security.<name>``
and answers 400. That is a client's fault, not ours: at ERROR it would page
someone through Sentry for every scanner on the internet. The request still
gets its 400 and the line is still written, at WARNING.

A logger's filters only see records logged on that very logger, so the filter
is attached to each ``django.security.<name>`` logger (``SECURITY_LOGGERS``).
"""

import logging

from django.contrib.sessions import exceptions as session_exceptions
from django.core.exceptions import SuspiciousOperation


def _subclasses(cls: type) -> list[type]:
    found = [cls]
    for sub in cls.__subclasses__():
        found += _subclasses(sub)
    return found


# Django's own kinds (the sessions' ones are not imported yet when settings load).
SUSPICIOUS = {
    *_subclasses(SuspiciousOperation),
    *_subclasses(session_exceptions.SuspiciousSession),
}
SECURITY_LOGGERS = sorted(
    {f"django.security.{cls.__name__}" for cls in SUSPICIOUS} | {"django.security.csrf"}
)


class SuspiciousAsWarning(logging.Filter):
    """Downgrades records above WARNING to WARNING; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
