"""A local web server whose pages the test changes while watchers fetch them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def article_html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>© The Daily Example</footer></body></html>"
    )


@dataclass
class Pages:
    """What each path serves now: (status, HTML); a path not set is a 404."""

    port: int = 0
    served: dict[str, tuple[int, str]] = field(default_factory=dict)
    fetches: dict[str, int] = field(default_factory=dict)
    # Requests being answered now, per path (their clients' ports), and the
    # most at once: a watched link is never fetched twice at once.
    in_flight: dict[str, list[int]] = field(default_factory=dict)
    most_at_once: dict[str, int] = field(default_factory=dict)
    # Paths whose answers wait until the test releases them (a slow site).
    held: dict[str, threading.Event] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, html: str, status: int = 200) -> None:
        with self.lock:
            self.served[path] = (status, html)

    def hold(self, path: str) -> threading.Event:
        """Answer `path` only once the event returned is set."""
        with self.lock:
            release = self.held[path] = threading.Event()
        return release

    def answer(self, path: str, client_port: int) -> tuple[int, str]:
        with self.lock:
            self.fetches[path] = self.fetches.get(path, 0) + 1
            now = self.in_flight.setdefault(path, [])
            now.append(client_port)
            self.most_at_once[path] = max(self.most_at_once.get(path, 0), len(now))
            release = self.held.get(path)
        if release is not None:
            release.wait(30)
        with self.lock:
            return self.served.get(path, (404, "<p>Not found</p>"))

    def answered(self, path: str, client_port: int) -> None:
        with self.lock:
            self.in_flight[path].remove(client_port)


@contextmanager
def serving() -> Iterator[Pages]:
    pages = Pages()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            port = self.client_address[1]
            try:
                status, html = pages.answer(self.path, port)
                body = html.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                pages.answered(self.path, port)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    pages.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pages
    finally:
        server.shutdown()
        server.server_close()
