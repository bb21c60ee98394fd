"""Which addresses a link may reach, judged without touching the network."""

from __future__ import annotations

import socket
import threading
from ipaddress import ip_address, ip_network
from typing import Any

import pytest

from app.ingest.addresses import FetchError, address_problem, checked_address, resolve


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("fe80::1", "link-local"),
        ("fec0::1", "site-local"),
        ("feff:ffff::1", "site-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("::ffff:192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("192.0.2.1", "private"),  # documentation range: not global either
        ("64:ff9b::a00:1", "reserved"),  # NAT64 of 10.0.0.1
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_problem(address: str, kind: str | None) -> None:
    expected = f"{kind} addresses are not fetched" if kind else None
    assert address_problem(ip_address(address)) == expected


@pytest.mark.parametrize(
    ("address", "allowed", "is_allowed"),
    [
        ("127.0.0.1", "127.0.0.1/32", True),
        ("::ffff:127.0.0.1", "127.0.0.1/32", True),
        ("127.0.0.2", "127.0.0.1/32", False),
        ("10.20.3.4", "10.20.0.0/16", True),
        ("10.21.3.4", "10.20.0.0/16", False),
        ("::1", "127.0.0.1/32", False),
        ("::1", "::/0", True),
    ],
)
def test_allowed_networks(address: str, allowed: str, is_allowed: bool) -> None:
    problem = address_problem(ip_address(address), [ip_network(allowed)])
    assert (problem is None) is is_allowed


@pytest.mark.usefixtures("no_network")
def test_a_literal_address_needs_no_lookup() -> None:
    assert resolve("10.0.0.1", 80, 1.0) == [ip_address("10.0.0.1")]
    assert resolve("::ffff:127.0.0.1", 80, 1.0) == [ip_address("::ffff:127.0.0.1")]


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> None:
    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in answers[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_every_address_of_a_name_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.5", "93.184.216.34"]})
    with pytest.raises(FetchError) as caught:
        checked_address("mixed.example", 80, (), 1.0)
    assert caught.value.problem == "private addresses are not fetched (mixed.example is 10.0.0.5)"


def test_the_first_address_of_an_allowed_name_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {"news.example": ["93.184.216.34", "fe80::1%eth0", "2606:4700::1"]})
    assert resolve("news.example", 443, 1.0) == [
        ip_address("93.184.216.34"),
        ip_address("fe80::1"),
        ip_address("2606:4700::1"),
    ]
    _fake_dns(monkeypatch, {"news.example": ["93.184.216.34", "2606:4700::1"]})
    assert checked_address("news.example", 443, (), 1.0) == ip_address("93.184.216.34")


def test_an_unknown_name(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {})
    with pytest.raises(FetchError, match=r"^nowhere\.example was not found$"):
        resolve("nowhere.example", 80, 1.0)


def test_a_slow_lookup_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def hanging(*args: Any, **kwargs: Any) -> Any:
        release.wait(5)  # a resolver that hangs until the test is done
        raise socket.gaierror("too late")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    try:
        with pytest.raises(FetchError, match=r"^looking up slow\.example took more than 0\.1 s"):
            resolve("slow.example", 80, 0.1)
    finally:
        release.set()
