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
from typing import Any

from app.core.serialize import JsonObject


def dump_json(value: object) -> str:
    """`value` as compact JSON, not ASCII-escaped.

    The comparison JSON holds both texts, which \\u-escaping would make up to
    six times larger. Control characters are still escaped by json, so the
    text never holds a raw NUL. NaN is refused because it is not JSON and
    other readers would choke on it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


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
        if self._value is None:
            # Two threads may both decode at first; either result is the same.
            decoded = json.loads(self.text)
            if not isinstance(decoded, dict):
                raise ValueError("a JsonText must hold a JSON object")
            self._value = decoded
        return self._value

    def __reduce__(self) -> tuple[Any, ...]:
        return (JsonText, (self.text,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JsonText):
            return NotImplemented
        return self.text == other.text or self.value == other.value

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"JsonText(<{len(self.text)} characters>)"
