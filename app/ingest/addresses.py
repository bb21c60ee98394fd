"""Which addresses a link may reach: resolving a host ourselves and checking every address.

A link must not make the server reach inside its own network (SSRF): the
host is resolved here, every address it resolves to is checked, and the
fetch then connects to a checked address itself (see app.ingest.fetch), so
a second lookup cannot switch it to another ("DNS rebinding").

An address is refused if it is unspecified, loopback, link-local,
site-local, multicast, private, reserved or otherwise not global, unless it is in one
of the policy's allowed networks. IPv6 addresses that carry an IPv4 one
(IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16) are judged by the IPv4 address.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network

_CHECKS: tuple[tuple[str, Callable[[IPAddress], bool]], ...] = (
    ("unspecified", lambda a: a.is_unspecified),
    ("loopback", lambda a: a.is_loopback),
    ("link-local", lambda a: a.is_link_local),
    # fec0::/10: deprecated (RFC 3879) but still routed inside some networks,
    # and Python counts it as global.
    ("site-local", lambda a: isinstance(a, IPv6Address) and a.is_site_local),
    ("multicast", lambda a: a.is_multicast),
    ("private", lambda a: a.is_private),
    ("reserved", lambda a: a.is_reserved),
    ("non-public", lambda a: not a.is_global),
)
# getaddrinfo cannot be given a timeout, so it runs in a worker that we stop
# waiting for; a stuck lookup ends with the system resolver's own timeout.
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="diptych-resolve")


class FetchError(Exception):
    """A link that is not fetched, or a fetch that failed; `problem` says why."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def address_problem(address: IPAddress, allowed: Sequence[IPNetwork] = ()) -> str | None:
    """Why `address` is not fetched from, or None if it may be."""
    carried = _carried_ipv4(address)
    for candidate in (address, carried):
        if candidate is not None and _in_any(candidate, allowed):
            return None
    judged = carried or address
    for kind, test in _CHECKS:
        if test(judged):
            return f"{kind} addresses are not fetched"
    return None


def checked_address(
    host: str, port: int, allowed: Sequence[IPNetwork], timeout: float
) -> IPAddress:
    """The address to connect to for `host`: the first it resolves to, all of them allowed.

    Raises FetchError if the name does not resolve in time, or if ANY of its
    addresses is refused (so a name cannot mix a public and a private one).
    """
    addresses = resolve(host, port, timeout)
    for address in addresses:
        problem = address_problem(address, allowed)
        if problem is not None:
            named = "" if _literal(host) else f" ({host} is {address})"
            raise FetchError(problem + named)
    return addresses[0]


def resolve(host: str, port: int, timeout: float) -> list[IPAddress]:
    """The addresses of `host`, in the system's order; a literal IP needs no lookup."""
    literal = _literal(host)
    if literal is not None:
        return [literal]
    lookup = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=timeout)
    except TimeoutError:
        raise FetchError(f"looking up {host} took more than {timeout:g} seconds") from None
    except OSError:
        raise FetchError(f"{host} was not found") from None
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        # An IPv6 sockaddr may carry a zone ("fe80::1%eth0"): judge the address.
        address = ip_address(str(sockaddr[0]).partition("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(f"{host} was not found")
    return addresses


def _literal(host: str) -> IPAddress | None:
    try:
        return ip_address(host)
    except ValueError:
        return None


def _carried_ipv4(address: IPAddress) -> IPv4Address | None:
    if isinstance(address, IPv6Address):
        return address.ipv4_mapped or address.sixtofour
    return None


def _in_any(address: IPAddress, networks: Sequence[IPNetwork]) -> bool:
    return any(address in network for network in networks)
