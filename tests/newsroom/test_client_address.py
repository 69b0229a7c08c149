"""The client's address from X-Forwarded-For, only through a trusted proxy
(newsroom/client_address.py)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory

import pytest
from allauth.account.adapter import get_adapter

from newsroom.client_address import (
    ClientAddressMiddleware,
    TrustedProxies,
    client_address,
    parse_address,
)

CADDY = TrustedProxies(["127.0.0.1", "::1"])
CDN_AND_CADDY = TrustedProxies(["127.0.0.1", "::1", "10.0.0.0/8", "2001:db8:cd0::/48"])


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        # Straight from Caddy on the same host.
        ("127.0.0.1", "203.0.113.5", CADDY, "203.0.113.5"),
        ("::1", "2001:db8::7", CADDY, "2001:db8::7"),
        ("::1", "203.0.113.5", CADDY, "203.0.113.5"),
        # A client's own X-Forwarded-For arrives on the left: never read.
        ("127.0.0.1", "6.6.6.6, 203.0.113.5", CADDY, "203.0.113.5"),
        ("127.0.0.1", "6.6.6.6,1.1.1.1,  203.0.113.5", CADDY, "203.0.113.5"),
        # Trusted hops (a CDN in front of Caddy) are skipped from the right.
        ("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.2.3", CDN_AND_CADDY, "203.0.113.5"),
        ("127.0.0.1", "2001:db8:1::9, 2001:db8:cd0:4::1", CDN_AND_CADDY, "2001:db8:1::9"),
        # ... but not for a CIDR we don't trust.
        ("127.0.0.1", "203.0.113.5, 10.1.2.3", CADDY, "10.1.2.3"),
        # A peer we don't trust: its header is ignored, whatever it says.
        ("198.51.100.7", "203.0.113.5", CADDY, "198.51.100.7"),
        ("198.51.100.7", "127.0.0.1", CADDY, "198.51.100.7"),
        ("2001:db8::99", "203.0.113.5", CADDY, "2001:db8::99"),
        # Nothing trusted (the default): REMOTE_ADDR as it is.
        ("127.0.0.1", "203.0.113.5", TrustedProxies([]), "127.0.0.1"),
        # No header: the proxy itself (a health check from the host).
        ("127.0.0.1", None, CADDY, "127.0.0.1"),
        ("127.0.0.1", "", CADDY, "127.0.0.1"),
        # Every hop trusted: the leftmost is the client.
        ("127.0.0.1", "10.0.0.1, 127.0.0.1", CDN_AND_CADDY, "10.0.0.1"),
        # Ports, brackets, IPv4 mapped into IPv6.
        ("127.0.0.1", "203.0.113.5:5678", CADDY, "203.0.113.5"),
        ("127.0.0.1", "[2001:db8::7]:443", CADDY, "2001:db8::7"),
        ("127.0.0.1", "[2001:db8::7]", CADDY, "2001:db8::7"),
        ("127.0.0.1", "::ffff:203.0.113.5", CADDY, "203.0.113.5"),
        ("::ffff:127.0.0.1", "203.0.113.5", CADDY, "203.0.113.5"),
        # Junk: the walk stops at the last hop we can vouch for, so junk
        # never becomes an address nor a fresh rate-limit bucket.
        ("127.0.0.1", "unknown", CADDY, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.5, junk", CADDY, "127.0.0.1"),
        ("127.0.0.1", "junk, 203.0.113.5", CADDY, "203.0.113.5"),
        ("127.0.0.1", "203.0.113.5, 10.1.2.3, ", CDN_AND_CADDY, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.5, junk, 10.1.2.3", CDN_AND_CADDY, "10.1.2.3"),
        ("127.0.0.1", "203.0.113.5\x00", CADDY, "127.0.0.1"),
        ("127.0.0.1", "[2001:db8::7", CADDY, "127.0.0.1"),
        ("127.0.0.1", "[2001:db8::7]:x", CADDY, "127.0.0.1"),
        ("127.0.0.1", "203.0.113.5:", CADDY, "127.0.0.1"),
        ("127.0.0.1", "999.1.1.1", CADDY, "127.0.0.1"),
        ("127.0.0.1", "²03.0.113.5", CADDY, "127.0.0.1"),
        ("127.0.0.1", "," * 5000, CADDY, "127.0.0.1"),
        # A unix-socket peer has no address: trusted only when listed.
        ("", "203.0.113.5", TrustedProxies(["unix"]), "203.0.113.5"),
        ("", "203.0.113.5", CADDY, ""),
    ],
)
def test_client_address(remote, forwarded, trusted, expected):
    assert client_address(remote, forwarded, trusted) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("203.0.113.5", "203.0.113.5"),
        (" 2001:DB8::7 ", "2001:db8::7"),
        ("[::1]:80", "::1"),
        ("1.2.3.4:80", "1.2.3.4"),
        ("1.2.3", None),
        ("", None),
        ("::1:80:", None),
        ("example.org", None),
    ],
)
def test_parse_address(value, expected):
    address = parse_address(value)
    assert (str(address) if address else None) == expected


def test_trusted_networks_take_addresses_and_cidrs():
    trusted = TrustedProxies([" 192.0.2.10 ", "10.0.0.0/8", "2001:db8::/32", "", "unix"])
    assert parse_address("192.0.2.10") in trusted
    assert parse_address("192.0.2.11") not in trusted
    assert parse_address("10.200.0.1") in trusted
    assert parse_address("2001:db8:ffff::1") in trusted
    assert parse_address("2001:db9::1") not in trusted
    assert trusted.unix
    assert not TrustedProxies([""])


@pytest.mark.parametrize("entry", ["localhost", "10.0.0.0/33", "1.2.3.4.5"])
def test_a_bad_trusted_proxy_stops_start_up(settings, entry):
    settings.TRUSTED_PROXIES = ["127.0.0.1", entry]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        ClientAddressMiddleware(lambda request: HttpResponse())


def test_the_middleware_runs_first():
    assert settings.MIDDLEWARE[0] == "newsroom.client_address.ClientAddressMiddleware"


def test_trusted_proxies_is_empty_by_default():
    assert settings.TRUSTED_PROXIES == []


def _seen_by_allauth(**meta) -> str:
    seen = {}

    def view(request):
        seen["ip"] = get_adapter(request).get_client_ip(request)
        return HttpResponse()

    ClientAddressMiddleware(view)(RequestFactory().get("/", **meta))
    return seen["ip"]


def test_allauth_reads_the_address_the_middleware_set(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    spoofed = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5"}
    assert _seen_by_allauth(REMOTE_ADDR="127.0.0.1", **spoofed) == "203.0.113.5"
    # allauth never reads the header itself (its own proxy settings stay off).
    assert _seen_by_allauth(REMOTE_ADDR="198.51.100.7", **spoofed) == "198.51.100.7"
    settings.TRUSTED_PROXIES = []
    assert _seen_by_allauth(REMOTE_ADDR="127.0.0.1", **spoofed) == "127.0.0.1"
