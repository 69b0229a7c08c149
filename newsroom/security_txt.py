"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability.

Served only when SECURITY_CONTACT names at least one contact (an email address
becomes a ``mailto:`` URI; ``https://`` URIs are kept). ``Expires`` is required
by the RFC and must not lie more than a year ahead: it is set 180 days after
the day the file is served, so a running site always publishes a current file
and one switched off stops vouching for its contacts within six months.
SECURITY.md in the repository says the same for people reading the code.
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

VALID_FOR = timedelta(days=180)


def contact_uri(contact: str) -> str:
    contact = contact.strip()
    if "://" in contact or contact.startswith("mailto:"):
        return contact
    return f"mailto:{contact}"


def security_txt(request: HttpRequest) -> HttpResponse:
    contacts = [contact_uri(c) for c in settings.SECURITY_CONTACT if c.strip()]
    if not contacts:
        raise Http404("No security contact is configured.")
    today = datetime.combine(datetime.now(UTC).date(), time(), tzinfo=UTC)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines += [
        f"Expires: {(today + VALID_FOR).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
