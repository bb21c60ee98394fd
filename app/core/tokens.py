"""Tokens, and the trick that lets diff-match-patch diff them.

A token is a word (letters and digits, with their combining marks), a number
with its decimal or thousands separators ("5.4", "1,000"), a run of
whitespace, or any other single character (punctuation, symbols). Tokens
concatenated give back the text exactly.

diff-match-patch diffs strings of characters. To diff sequences of tokens (or
of whole sentences) we give each distinct item one private character and diff
the encoded strings, as its line mode does with lines.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(
    rf"\d+(?:[.,]\d+)*(?![{_MARKS}\w])"  # a number, separators inside it
    rf"|(?:\w[{_MARKS}]*)+"  # a word
    r"|\s+"
    r"|.",
    re.DOTALL,
)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


# Code points handed out to items. Start past ASCII and Latin-1 so that no
# item can be taken for a line break by the library, and skip the surrogate
# block, which is not a valid character on its own.
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)


class Codec:
    """Gives each distinct item one character, shared across encode calls."""

    def __init__(self) -> None:
        self._codes: dict[Hashable, str] = {}
        self._next = _FIRST_CODE

    def encode(self, items: Iterable[Hashable]) -> str:
        return "".join(self._code(item) for item in items)

    def _code(self, item: Hashable) -> str:
        code = self._codes.get(item)
        if code is None:
            if self._next in _SURROGATES:
                self._next = _SURROGATES.stop
            code = chr(self._next)
            self._next += 1
            self._codes[item] = code
        return code


def encode_pair(left: Sequence[Hashable], right: Sequence[Hashable]) -> tuple[str, str]:
    codec = Codec()
    return codec.encode(left), codec.encode(right)
