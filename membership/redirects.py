"""Where a ``next`` parameter may send a reader: a path on this site, nothing else.

A value such as ``foo`` is "safe" to Django's host check, but ``redirect()``
then reads it as a URL pattern name and fails; full URLs, even to this host,
are refused too, so there is one shape to reason about.
"""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_local_path(request: HttpRequest, value: str | None) -> str | None:
    """``value`` if it is a local path (``/…``) safe to redirect to, else ``None``."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return None
    if any(ord(char) < 32 or ord(char) == 127 or char == "\\" for char in value):
        return None
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return value
