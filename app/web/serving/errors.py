"""Errors as the client expects them: JSON for the API and .json twins, HTML for pages.

JSON errors have one shape, {"error": {"status": 404, "message": "..."}}.
Every expected failure is mapped to its 4xx status here or in the routes; the
catch-all 500 handler exists so that a bug still gets a proper page and a log
line, not because any path is meant to reach it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from app.engine_pool import EngineBusyError
from app.problems import InvalidInputError
from app.review import NotAllowedError, ReviewInputError
from app.store import CommentNotFoundError, StoreUnavailableError, TooManyCommentsError
from app.web import urls
from app.web.serving.rendering import PAGE_HEADERS, Renderer

logger = logging.getLogger(__name__)

_REQUEST_PARTS = frozenset({"body", "query", "path", "header", "cookie"})
COMPARISON_NOT_FOUND = (
    "That comparison does not exist. It may have been deleted, or the link may be incomplete."
)


COMMENT_NOT_FOUND = "That comment does not exist on this comparison; it may have been deleted."
TOO_MANY_COMMENTS = (
    "This comparison holds as many comments as it may; resolve and delete old threads first."
)
OUT_OF_MEMORY = (
    "The server ran out of memory for this request; nothing was saved. "
    "Try again in a moment, or with smaller files."
)
# After running out of memory: long enough for the requests of the moment to end.
RETRY_AFTER_SECONDS = 30


def gone_message(expired_at: datetime) -> str:
    when = expired_at.astimezone(UTC).strftime("%d %B %Y, %H:%M UTC")
    return (
        f"This comparison expired on {when}, as its owner chose. Its texts, comments "
        "and marks have been deleted."
    )


def wants_json(path: str) -> bool:
    return path.startswith(urls.API_PREFIX) or path.endswith(".json")


def json_error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    body = {"error": {"status": status, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def error_response(
    renderer: Renderer,
    path: str,
    status: int,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    if wants_json(path):
        return json_error(status, message, headers)
    response = renderer.page(
        "error.html", status, status=status, heading=_heading(status), message=message
    )
    response.headers.update(headers or {})
    return response


def _heading(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def validation_message(errors: Sequence[Any]) -> str:
    """One part per problem, e.g. "left.text: Field required; limit: ..."."""
    parts = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        # ("body", "left", "text") -> "left.text", but ("body",) stays "body".
        if len(location) > 1 and location[0] in _REQUEST_PARTS:
            location = location[1:]
        parts.append(f"{'.'.join(location) or 'request'}: {error.get('msg', 'not valid')}")
    return "; ".join(parts) or "The request is not valid."


# FastAPI's words, and status 400, for a body it could not even read as JSON
# (not UTF-8, or nested past the parser's depth); a body that is not valid JSON
# is a 422 everywhere else, so these are too, with a message that says why.
_UNREADABLE_BODY = "There was an error parsing the body"
UNREADABLE_JSON = "body: not valid JSON (it must be UTF-8 JSON, not nested too deeply)"


def install_error_handlers(app: FastAPI, renderer: Renderer) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 400 and exc.detail == _UNREADABLE_BODY:
            return error_response(renderer, request.url.path, 422, UNREADABLE_JSON)
        message = exc.detail if isinstance(exc.detail, str) else _heading(exc.status_code)
        return error_response(renderer, request.url.path, exc.status_code, message, exc.headers)

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message = validation_message(exc.errors())
        return error_response(renderer, request.url.path, 422, message)

    async def invalid_input(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InvalidInputError)
        status = 413 if exc.too_large else 400
        return error_response(renderer, request.url.path, status, str(exc))

    async def out_of_memory(request: Request, exc: Exception) -> Response:
        # Not the input's fault (not a 4xx), and no bug (not a 500): the server
        # was short of memory, perhaps because of other requests at the time.
        logger.error("out of memory on %s %s", request.method, request.url.path)
        retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return error_response(renderer, request.url.path, 503, OUT_OF_MEMORY, retry)

    async def store_unavailable(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StoreUnavailableError)
        cause = exc.__cause__ or exc
        logger.warning("database unavailable on %s %s: %s", request.method, request.url.path, cause)
        retry = {"Retry-After": str(exc.fault.retry_after)}
        return error_response(renderer, request.url.path, 503, exc.fault.message, retry)

    async def busy(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, EngineBusyError)
        headers = {"Retry-After": str(exc.retry_after)}
        return error_response(renderer, request.url.path, 503, str(exc), headers)

    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        message = "Something went wrong on our side; the error has been logged."
        # Sent by Starlette's outermost middleware, past SecurityHeaders: add them here.
        return error_response(renderer, request.url.path, 500, message, PAGE_HEADERS)

    review_errors: dict[type[Exception], tuple[int, str | None]] = {
        ReviewInputError: (422, None),
        NotAllowedError: (403, None),
        CommentNotFoundError: (404, COMMENT_NOT_FOUND),
        TooManyCommentsError: (429, TOO_MANY_COMMENTS),
    }

    async def review_error(request: Request, exc: Exception) -> Response:
        status, message = review_errors[type(exc)]
        return error_response(renderer, request.url.path, status, message or str(exc))

    for kind in review_errors:
        app.add_exception_handler(kind, review_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(InvalidInputError, invalid_input)
    app.add_exception_handler(MemoryError, out_of_memory)
    app.add_exception_handler(StoreUnavailableError, store_unavailable)
    app.add_exception_handler(EngineBusyError, busy)
    app.add_exception_handler(Exception, unexpected)
