"""An HTTP server on 127.0.0.1 for the fetch tests, serving what each test gives it.

Routes are functions that write the whole response, so a test can make the
server redirect, stall, trickle bytes or lie about its content type.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]
STALL_SECONDS = 5.0  # how long a stalled route waits at most, if the test never releases it


class LocalSite:
    """What the server serves (`routes`), and what it was asked (`requests`)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []  # (path, Host header)
        self.release = threading.Event()  # ends the stalled and trickling routes
        self.port = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a stalled handler must not hold the test's teardown

    def __init__(self, site: LocalSite) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append((self.path, self.headers.get("Host")))
        route = site.routes.get(self.path)
        if route is None:
            self.send_error(404)
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


@contextmanager
def serving() -> Iterator[LocalSite]:
    site = LocalSite()
    server = _Server(site)
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page(body: bytes, content_type: str | None, *, length: bool = True) -> Route:
    """A 200 response; without `length`, the body ends when the connection closes."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def redirect(location: str, status: int = 302) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def stalled(site: LocalSite) -> Route:
    """Sends nothing until the test ends (or STALL_SECONDS pass)."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        site.release.wait(STALL_SECONDS)

    return route


def trickling(site: LocalSite, every: float = 0.1) -> Route:
    """An HTML page that sends one byte every `every` seconds until the test ends."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        deadline = time.monotonic() + STALL_SECONDS
        try:
            while not site.release.wait(every) and time.monotonic() < deadline:
                handler.wfile.write(b"x")
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up, as it should

    return route
