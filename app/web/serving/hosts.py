"""Answering only to the host names the server is meant to be reached at.

A request whose Host header names another host is refused with a 400 before
any route runs: the page cache, the share links and the same-origin check
of the forms can then never be steered by a forged Host.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

ANY_HOST = "*"


def unknown_host_message(host: str) -> str:
    shown = host[:100] or "(none)"
    return f"This server does not answer to the host name {shown!r}."


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port or IPv6 brackets, lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class TrustedHosts:
    """ASGI middleware; `reject(path, message)` builds the 400 for another host."""

    def __init__(
        self, app: ASGIApp, allowed: tuple[str, ...], reject: Callable[[str, str], Response]
    ) -> None:
        self.app = app
        self.allowed = frozenset(host_name(name) for name in allowed)
        self.reject = reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or ANY_HOST in self.allowed:
            await self.app(scope, receive, send)
            return
        header = next((value for name, value in scope["headers"] if name == b"host"), b"")
        host = header.decode("latin-1")
        if host_name(host) in self.allowed:
            await self.app(scope, receive, send)
            return
        response = self.reject(scope["path"], unknown_host_message(host))
        await response(scope, receive, send)
