"""Reading a posted form without changing what was sent.

Starlette reads a form field that is not valid UTF-8 as Latin-1 (a multipart
part) or with U+FFFD in place of the bad bytes (a URL-encoded field): either
way the text compared would not be the text sent, and nobody would know.
These parsers are Starlette's own, except that they note the name of each
such field, so that the form can refuse it by name. They read the parsers'
private state (the part or field being read), which a Starlette upgrade may
rename: tests/web/test_new_form.py sends such fields both ways and fails if
they are no longer noted. (Uploaded files are read as bytes and decoded by
`app.ingest`, which detects their encoding.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus, unquote_to_bytes

from python_multipart.multipart import parse_options_header
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import Request


@dataclass(frozen=True, slots=True)
class PostedForm:
    fields: FormData
    not_utf8: tuple[str, ...]  # the names of the text fields whose bytes were not UTF-8


def _is_utf8(data: bytes | bytearray) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _MultiPartParser(MultiPartParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.not_utf8: list[str] = []

    def on_part_end(self) -> None:
        part = self._current_part
        if part.file is None and not _is_utf8(part.data):
            self.not_utf8.append(part.field_name)
        super().on_part_end()


class _UrlEncodedParser(FormParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.not_utf8: list[str] = []

    def on_field_end(self) -> None:
        value = unquote_to_bytes(bytes(self._field_value).replace(b"+", b" "))
        if not _is_utf8(value):
            self.not_utf8.append(unquote_plus(self._field_name.decode("latin-1")))
        super().on_field_end()


_PARSERS: dict[bytes, type[_MultiPartParser] | type[_UrlEncodedParser]] = {
    b"multipart/form-data": _MultiPartParser,
    b"application/x-www-form-urlencoded": _UrlEncodedParser,
}


@asynccontextmanager
async def read_form(
    request: Request, *, max_files: int, max_fields: int, max_part_size: int
) -> AsyncIterator[PostedForm]:
    """The request's form (multipart or URL-encoded; else empty) and the fields
    that were not UTF-8; a malformed or oversized form is a 400. Leaving the
    block closes the uploads' temporary files."""
    content_type, _ = parse_options_header(request.headers.get("Content-Type"))
    parser_type = _PARSERS.get(content_type)
    if parser_type is None:
        yield PostedForm(FormData(), ())
        return
    limits = {"max_fields": max_fields, "max_part_size": max_part_size}
    if parser_type is _MultiPartParser:
        limits["max_files"] = max_files
    try:
        async with aclosing(request.stream()) as stream:
            parser = parser_type(request.headers, stream, **limits)
            fields = await parser.parse()
    except MultiPartException as error:
        raise HTTPException(400, error.message) from None
    try:
        yield PostedForm(fields, tuple(parser.not_utf8))
    finally:
        await fields.close()
