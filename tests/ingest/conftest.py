"""Fixtures for the ingest tests: a local HTTP server, and guards on the network.

Every ingest test runs with `loopback_only`: a connection to anything but
127.0.0.1 or ::1, or a name lookup of anything but a loopback literal,
fails the test, so no test reaches the network even by mistake.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from ipaddress import ip_address, ip_network
from typing import Any

import pytest

from app.ingest import FetchPolicy
from tests.ingest.local_site import LocalSite, serving

LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")
# The tests' own server is on 127.0.0.1; they allow that address and no other.
LOCAL_POLICY = FetchPolicy(timeout=2.0, allowed_networks=(ip_network("127.0.0.1/32"),))


def _is_loopback_literal(host: object) -> bool:
    try:
        return str(ip_address(str(host).partition("%")[0])) in LOOPBACK
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if isinstance(address, tuple) and not _is_loopback_literal(address[0]):
            raise AssertionError(f"a test tried to connect to {address}")
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback_literal(host):
            raise AssertionError(f"a test tried to look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No name lookup and no connection at all, not even to loopback."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a test used the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with serving() as local_site:
        yield local_site
