"""/.well-known/security.txt (RFC 9116) from SECURITY_CONTACT; SECURITY.md."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"
ROOT = Path(__file__).resolve().parents[2]


def fields(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            pairs.append((name, value))
    return pairs


def test_no_contact_no_file(client, settings):
    settings.SECURITY_CONTACT = []
    assert client.get(URL).status_code == 404


def test_the_file_names_the_contacts_and_expires_within_a_year(client, settings):
    settings.SECURITY_CONTACT = ["security@news.example.org", "https://news.example.org/security/"]
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    pairs = fields(response.content.decode())
    assert ("Contact", "mailto:security@news.example.org") in pairs
    assert ("Contact", "https://news.example.org/security/") in pairs
    assert ("Canonical", f"{settings.SITE_URL}{URL}") in pairs
    assert ("Preferred-Languages", "en") in pairs
    expires = [value for name, value in pairs if name == "Expires"]
    assert len(expires) == 1  # required, exactly once
    when = datetime.strptime(expires[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert datetime.now(UTC) < when <= datetime.now(UTC) + timedelta(days=366)


def test_security_md_says_how_to_report_privately():
    text = (ROOT / "SECURITY.md").read_text()
    assert "Reporting a vulnerability" in text
    assert "/.well-known/security.txt" in text
    assert "SECURITY_CONTACT" in text
