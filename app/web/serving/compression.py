"""Compressed responses: brotli or gzip, whichever the client accepts (brotli
first), for the HTML pages, the JSON, the CSS and the script.

Starlette's GZip responder does the work (a body of at least MINIMUM_BYTES,
`Vary: Accept-Encoding`, long bodies compressed off the event loop), with a
brotli responder beside it. Files that are compressed already (.docx is a
zip, a PDF's streams are deflated) are sent as they are.

A compressed body is another representation of the resource, so its strong
ETag must differ (RFC 9110, 8.8.3): it gets a suffix ("…-br", "…-gzip"),
which is taken off again when the client sends the tag back in
If-None-Match, so the routes compare their own ETags as they always did.

Levels: the fastest of each (gzip 1, brotli 1), for throughput. Compressing
a page costs CPU on every request (a page's forms carry the viewer's token,
so it cannot be compressed once and kept): on the seed page (153 KB) brotli 1
takes 0.2 ms and gzip 1 0.5 ms against 0.9 and 1.5 ms at brotli 4 and gzip 5,
and sends 19 and 21 KB against 16 and 17 KB (`bench/compression.py`).
"""

from __future__ import annotations

import re

import anyio.to_thread
import brotli
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import (
    DEFAULT_EXCLUDED_CONTENT_TYPES,
    GZipResponder,
    IdentityResponder,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MINIMUM_BYTES = 1024  # below this the headers outweigh the saving
# Longer bodies are compressed in a thread. At these levels a 1 MiB page
# takes 2-4 ms, and the hand-off to a thread costs more than that below it.
THREAD_MINIMUM_BYTES = 1024 * 1024
GZIP_LEVEL = 1
BROTLI_QUALITY = 1
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCLUDED_TYPES = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf", DOCX)
CODINGS = ("br", "gzip")  # in order of preference
_SUFFIX = re.compile(r'-(br|gzip)"')


class BrotliResponder(IdentityResponder):
    content_encoding = "br"

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app, MINIMUM_BYTES, exclude_content_types=EXCLUDED_TYPES)
        self._compressor: brotli.Compressor | None = None

    async def apply_compression(self, body: bytes, *, more_body: bool) -> bytes:
        if len(body) >= THREAD_MINIMUM_BYTES:
            return await anyio.to_thread.run_sync(self._compressed, body, more_body)
        return self._compressed(body, more_body)

    def _compressed(self, body: bytes, more_body: bool) -> bytes:
        if not more_body and self._compressor is None:
            whole: bytes = brotli.compress(body, quality=BROTLI_QUALITY)
            return whole
        if self._compressor is None:
            self._compressor = brotli.Compressor(quality=BROTLI_QUALITY)
        out: bytes = self._compressor.process(body)
        out += self._compressor.flush() if more_body else self._compressor.finish()
        return out


class Compression:
    """ASGI middleware: the response compressed in the coding the client prefers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        coding = chosen_coding(headers.get("accept-encoding", ""))
        validator = headers.get("if-none-match", "")
        revalidated = _SUFFIX.search(validator)
        if revalidated:
            scope = _with_header(scope, b"if-none-match", _SUFFIX.sub('"', validator))
        responder: ASGIApp
        if coding == "br":
            responder = BrotliResponder(self.app)
        elif coding == "gzip":
            responder = GZipResponder(
                self.app,
                MINIMUM_BYTES,
                GZIP_LEVEL,
                thread_minimum_size=THREAD_MINIMUM_BYTES,
                exclude_content_types=EXCLUDED_TYPES,
            )
        else:
            responder = IdentityResponder(
                self.app, MINIMUM_BYTES, exclude_content_types=EXCLUDED_TYPES
            )
        # A 304 confirms the representation the client has: the coding its tag
        # names, or with "*" (any tag), the one it would get.
        confirmed = revalidated.group(1) if revalidated else None
        if validator.strip() == "*":
            confirmed = coding

        async def send_with_etag(message: Message) -> None:
            if message["type"] == "http.response.start":
                _tag_representation(message, confirmed)
            await send(message)

        await responder(scope, receive, send_with_etag)


def chosen_coding(accept_encoding: str) -> str | None:
    """The coding to send ("br", "gzip"), or None: the first of CODINGS the
    header accepts (named, or by "*", with a q-value above 0)."""
    weights: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        name, *parameters = (part.strip() for part in item.split(";"))
        weights[name] = _weight(parameters)
    fallback = weights.get("*", 0.0)
    return next((c for c in CODINGS if weights.get(c, fallback) > 0), None)


def _weight(parameters: list[str]) -> float:
    """The q-value among a coding's parameters: 1 if none, 0 if unreadable."""
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def _tag_representation(message: Message, confirmed: str | None) -> None:
    headers = MutableHeaders(raw=message["headers"])
    etag = headers.get("etag")
    if etag is None or not etag.endswith('"'):
        return
    coding = headers.get("content-encoding")
    if message["status"] == 304 and confirmed:
        coding = confirmed
    if coding in CODINGS:
        headers["etag"] = f'{etag[:-1]}-{coding}"'


def _with_header(scope: Scope, name: bytes, value: str) -> Scope:
    headers = [(key, data) for key, data in scope["headers"] if key != name]
    return {**scope, "headers": [*headers, (name, value.encode("latin-1"))]}
