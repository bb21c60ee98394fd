"""Behind a newsroom's single sign-on: refuse every request the proxy did not
sign, that is, every request without the header naming the person.

Static files are served to anyone: they hold nothing of the newsroom's.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.web import urls


class RequireSignOn:
    """ASGI middleware; `reject(path, message)` builds the 401 sent without the header."""

    def __init__(self, app: ASGIApp, header: str, reject: Callable[[str, str], Response]) -> None:
        self.app = app
        self.header = header
        self.reject = reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(urls.STATIC_PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        if Headers(scope=scope).get(self.header, "").strip():
            await self.app(scope, receive, send)
            return
        message = (
            f"Sign in first: this Diptych is run behind the newsroom's sign-on, and the "
            f"request did not come through it (no {self.header} header)."
        )
        await self.reject(path, message)(scope, receive, send)
