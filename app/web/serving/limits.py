"""Refusing request bodies that are too large, before reading them.

A declared Content-Length over the limit is answered 413 at once; a body
without one (chunked) is counted as it streams in and cut off with 413 as
soon as it passes the limit, so no request can make the app buffer more.
(FastAPI's own `max_body_size` answers in plain text, not in the JSON or
HTML error format of the app.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KILOBYTE = 1024


# How much larger a text may grow in a request body than in UTF-8: a form
# encodes a byte as %XX, and JSON (as most clients write it, ASCII only) a
# 2-byte letter as \u00e9 and a 4-byte one as a pair of \u escapes; a
# newline becomes \n. A text within the limit is not refused for its
# encoding (a 2 MB text of one-word paragraphs is 2.5 MB as JSON).
ENCODING_GROWTH = 3


def request_body_limit(max_text_bytes: int) -> int:
    """Two texts at the limit, as encoded in a form or JSON, and room for the rest."""
    return 2 * ENCODING_GROWTH * max_text_bytes + 64 * KILOBYTE


def story_body_limit(story_max_bytes: int) -> int:
    """A story's versions at the story limit plus room for the rest of the body."""
    return story_max_bytes + 256 * KILOBYTE


def too_large_message(max_bytes: int) -> str:
    return f"The request is too large: the limit is {max_bytes:,} bytes."


class BodySizeLimit:
    """ASGI middleware; `reject(path, message)` builds the 413 sent for a declared size."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        reject: Callable[[str, str], Response],
        wider: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.reject = reject
        # Paths that take more than two texts (a story's versions): their limits.
        self.wider = dict(wider or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.wider.get(scope["path"], self.max_bytes)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            response = self.reject(scope["path"], too_large_message(limit))
            await response(scope, receive, send)
            return
        await self.app(scope, self._counting(receive, limit), send)

    def _counting(self, receive: Receive, limit: int) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the body read, so FastAPI and the routes pass
                    # it on to the error handlers like any HTTPException.
                    raise HTTPException(413, too_large_message(limit))
            return message

        return counted


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
