"""HTML rendering: the Jinja environment, and the headers every page gets.

Autoescaping is on for every template whatever its name, and nothing is ever
marked safe: article text reaches the HTML only through Jinja's escaping.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web import urls

# Pages load their script and styles from /static only: no inline <script>,
# no style= attributes, no inline event handlers.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HTML = "text/html; charset=utf-8"
# Over https only (a browser ignores it over http): a year, this host alone
# (a newsroom's other hosts may still be served over http).
STRICT_TRANSPORT_SECURITY = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeaders:
    """ASGI middleware: PAGE_HEADERS on every response that lacks them (JSON,
    static files, redirects, errors), and Strict-Transport-Security on every
    response served over https."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._headers = _raw(PAGE_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._headers
        if scope.get("scheme") == "https":
            extra = [*extra, STRICT_TRANSPORT_SECURITY]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in extra if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _raw(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [
        (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()
    ]


@dataclass(frozen=True, slots=True)
class RenderedPage:
    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> RenderedPage:
        return cls(body, etag_for(body))

    def with_token(self, stand_in: str, token: str) -> RenderedPage:
        """The page with its forms' token `token` where it was rendered with `stand_in`.

        A page is kept once for all the viewers who see the same thing, and
        only their CSRF tokens differ: it is rendered with a random stand-in
        (`new_stand_in`, drawn per process after any stored text was written,
        and as long as a token, so nothing else shifts) put in its place here.
        """
        body = self.body.replace(stand_in.encode("ascii"), token.encode("ascii"))
        return RenderedPage(body, etag_for(f"{self.etag}{token}".encode()))


def new_stand_in() -> str:
    """A stand-in for the forms' token in a kept page: 32 hex digits, as a token is."""
    return secrets.token_hex(16)


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "templates"


def templates_environment(directory: Path) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["urls"] = urls
    return environment


class Renderer:
    """Renders templates to HTML responses; one per app, built by `create_app`."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self._environment = environment

    def render(self, name: str, **context: Any) -> str:
        template = self._environment.get_template(name)
        rendering = template.new_context(context)
        try:
            return self._environment.concat(template.root_render_func(rendering))
        except Exception:
            self._environment.handle_exception()
        finally:
            # The template's macros and their context refer to each other, a
            # cycle only the garbage collector frees, and with the context all
            # that was rendered (1.25 million objects for the page of a 2 MB
            # sentence, 0.5 s of one collector pass holding the interpreter
            # lock). Emptied, the context lets reference counts free them now.
            rendering.vars.clear()
            rendering.parent.clear()

    def page(self, name: str, status_code: int = 200, **context: Any) -> Response:
        return html_response(self.render(name, **context).encode("utf-8"), status_code)


def html_response(body: bytes, status_code: int = 200, **headers: str) -> Response:
    return Response(
        body, status_code=status_code, media_type=HTML, headers={**PAGE_HEADERS, **headers}
    )


def conditional_response(request: Request, page: RenderedPage, media_type: str) -> Response:
    """The page, or 304 Not Modified if the client's If-None-Match names its ETag.

    no-cache: clients may keep the page but must ask again before using it,
    because a stored comparison can be deleted.
    """
    headers = {"ETag": page.etag, "Cache-Control": "no-cache"}
    if media_type == HTML:
        headers.update(PAGE_HEADERS)
    if _matches(request.headers.get("if-none-match", ""), page.etag):
        return Response(status_code=304, headers=headers)
    return Response(page.body, media_type=media_type, headers=headers)


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in candidates or etag in candidates
