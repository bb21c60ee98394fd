"""JSON carried as its encoded text and decoded when first read.

A comparison's JSON is large (18 MB for one 2 MB sentence a side) and the
server mostly moves it without reading it: from the engine process to the
database, and from the database to a page that renders only when asked.
Built in the engine process, a `JsonText` crosses to the server as one
string (it pickles as its text only), so the server's part is a copy, not
rebuilding millions of objects while holding the interpreter lock (0.6 s
for that sentence, time in which no other request was answered), and goes
to the database as the same string, not encoded a second time.

    document = JsonText.of({"rows": []})   # encoded now: '{"rows":[]}'
    JsonText(document.text).value          # decoded on first read, then kept
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.core.serialize import JsonObject, dump_json

# From this many characters a text is decoded a part at a time: `json.loads`
# is one call that holds the interpreter lock throughout (0.25 s for 18 MB),
# time in which no other request of the server is answered.
IN_PARTS_FROM_CHARS = 1_000_000
# How deep objects and arrays are decoded member by member: a comparison's
# rows are the second level (the "rows" array's items), each small.
_PART_DEPTH = 2
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def decode_json(text: str, in_parts_from: int = IN_PARTS_FROM_CHARS) -> Any:
    """`json.loads(text)`, a member at a time from `in_parts_from` characters
    (the same value; the same ValueError for text that is not JSON)."""
    if len(text) < in_parts_from:
        return json.loads(text)
    value, end = _value_at(text, _skip(text, 0), _PART_DEPTH)
    if _skip(text, end) != len(text):
        raise json.JSONDecodeError("Extra data", text, _skip(text, end))
    return value


def _value_at(text: str, at: int, depth: int) -> tuple[Any, int]:
    """The JSON value starting at `at`, and where it ends. Objects and arrays
    `depth` levels down are decoded member by member, each member a call of
    its own, between which the interpreter lets other threads run."""
    opening = text[at : at + 1]
    if depth == 0 or opening not in ("{", "["):
        return _DECODER.raw_decode(text, at)
    is_object = opening == "{"
    closing = "}" if is_object else "]"
    members: list[Any] = []
    at = _skip(text, at + 1)
    ended = text.startswith(closing, at)
    while not ended:
        if is_object:
            key, at = _DECODER.raw_decode(text, at)
            if not isinstance(key, str):
                raise json.JSONDecodeError("Expecting property name", text, at)
            at = _skip(text, _expect(text, _skip(text, at), ":"))
        value, at = _value_at(text, at, depth - 1)
        members.append((key, value) if is_object else value)
        at = _skip(text, at)
        ended = text.startswith(closing, at)
        if not ended:
            at = _skip(text, _expect(text, at, ","))
    return (dict(members) if is_object else members), at + 1


def _skip(text: str, at: int) -> int:
    match = _SPACE.match(text, at)
    return at if match is None else match.end()


def _expect(text: str, at: int, mark: str) -> int:
    if not text.startswith(mark, at):
        raise json.JSONDecodeError(f"Expecting '{mark}'", text, at)
    return at + 1


class JsonText:
    """A JSON object as its text (`text`), decoded by `value` on first read.

    Treated as immutable: the decoded object is shared by every reader and
    must not be mutated. Two are equal when they hold the same JSON value.
    """

    __slots__ = ("_value", "text")

    def __init__(self, text: str, value: JsonObject | None = None) -> None:
        self.text = text
        self._value = value

    @classmethod
    def of(cls, value: JsonObject) -> JsonText:
        """`value` encoded, and kept decoded for readers in this process."""
        return cls(dump_json(value), value)

    @property
    def value(self) -> JsonObject:
        value = self._value
        if value is None:
            # Two threads may both decode at first; either result is the same.
            decoded = decode_json(self.text)
            if not isinstance(decoded, dict):
                raise ValueError("a JsonText must hold a JSON object")
            self._value = value = decoded
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (JsonText, (self.text,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JsonText):
            return NotImplemented
        return self.text == other.text or self.value == other.value

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"JsonText(<{len(self.text)} characters>)"
