"""The reader's address when requests arrive through a reverse proxy.

Behind Caddy every connection comes from 127.0.0.1, so anything counted per
address (allauth's sign-up, sign-in and code limits, the appeal beacon) would
count the whole site as one client. ``TRUSTED_PROXIES`` lists the proxies'
addresses or networks (CIDR), plus ``unix`` when gunicorn listens on a unix
socket (the peer then has no address). When, and only when, the connection
comes from one of them, ``X-Forwarded-For`` is read from the right: each hop
that is itself a trusted proxy is skipped and the first one that is not is
the client. Hops further left were written by the client and are never read.

``ClientAddressMiddleware`` runs first and rewrites ``REMOTE_ADDR``, so every
later reader of the address (allauth's rate limits through its adapter, the
beacon, Django) sees the client, and none parses the header itself.
"""

import ipaddress
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponseBase

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

UNIX_SOCKET = "unix"


class TrustedProxies:
    """The networks of TRUSTED_PROXIES, and whether a unix-socket peer is one."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.networks: list[Network] = []
        self.unix = False
        for entry in (e.strip() for e in entries):
            if not entry:
                continue
            if entry.lower() == UNIX_SOCKET:
                self.unix = True
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError as error:
                raise ImproperlyConfigured(
                    f"TRUSTED_PROXIES: {entry!r} is not an IP address, a network "
                    f"(CIDR) or {UNIX_SOCKET!r}."
                ) from error

    def __bool__(self) -> bool:
        return bool(self.networks) or self.unix

    def __contains__(self, address: Address) -> bool:
        return any(address in network for network in self.networks)


@lru_cache(maxsize=8)
def trusted_proxies(entries: tuple[str, ...]) -> TrustedProxies:
    return TrustedProxies(entries)


def parse_address(value: str) -> Address | None:
    """An address from a header hop or REMOTE_ADDR, or None for anything else.

    Accepts ``1.2.3.4``, ``2001:db8::1``, ``[2001:db8::1]`` and either with a
    port (``1.2.3.4:5678``, ``[2001:db8::1]:5678``); an IPv4 address mapped
    into IPv6 (``::ffff:1.2.3.4``) is read as the IPv4 address.
    """
    value = value.strip()
    if value.startswith("["):
        host, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not (rest[:1] == ":" and rest[1:].isdecimal())):
            return None
        value = host
    elif value.count(":") == 1:  # IPv4 with a port
        value, _, port = value.partition(":")
        if not port.isdecimal():
            return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_address(remote_addr: str, forwarded_for: str | None, trusted: TrustedProxies) -> str:
    """The client's address for a connection from ``remote_addr``.

    The peer itself unless it is a trusted proxy sending ``X-Forwarded-For``.
    Walking that header from the right, the first hop that is not a trusted
    proxy is the client. A malformed hop ends the walk: whatever is left of it
    cannot be vouched for, so the last trusted hop (the proxy that passed it
    on) stands for the client, as if there were no header. When every hop is
    trusted the leftmost is the client (a proxy talking to the site itself).
    """
    peer = parse_address(remote_addr)
    if peer is None:
        if not (trusted.unix and remote_addr.strip() in ("", UNIX_SOCKET)):
            return remote_addr
        nearest = remote_addr
    elif peer in trusted:
        nearest = str(peer)
    else:
        return str(peer)
    if not forwarded_for:
        return nearest
    for hop in reversed(forwarded_for.split(",")):
        address = parse_address(hop)
        if address is None:
            return nearest
        nearest = str(address)
        if address not in trusted:
            return nearest
    return nearest


class ClientAddressMiddleware:
    """Sets ``REMOTE_ADDR`` to the client's address (see the module's notes)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        trusted_proxies(tuple(settings.TRUSTED_PROXIES))  # a bad entry fails at start-up

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        trusted = trusted_proxies(tuple(settings.TRUSTED_PROXIES))
        if trusted:
            meta = request.META
            meta["REMOTE_ADDR"] = client_address(
                meta.get("REMOTE_ADDR", ""), meta.get("HTTP_X_FORWARDED_FOR"), trusted
            )
        return self.get_response(request)
