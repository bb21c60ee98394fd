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

import functools
import itertools
import re
from collections.abc import Hashable, Sequence

# Combining marks: part of the word they follow.
_MARK_RANGES = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
_MARKS = "".join(f"{chr(first)}-{chr(last)}" for first, last in _MARK_RANGES)
# What a word token may start with that str.isalnum() does not accept: the
# rest of \w ("_") and the marks.
_OTHER_WORD_STARTS = frozenset("_").union(
    chr(code) for first, last in _MARK_RANGES for code in range(first, last + 1)
)
_WORD = (
    r"\d+(?:[.,]\d+)+"  # a number with separators inside it: "5.4", "1,000"
    rf"|[\w{_MARKS}]+"  # a word or a plain number
)
# Whitespace is tried first, as the commonest token; no whitespace character
# starts a word, so the order of the choices changes no token.
_TOKEN = re.compile(rf"\s+|{_WORD}|.", re.DOTALL)
_WORDS = re.compile(_WORD)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def is_word(token: str) -> bool:
    """Whether a token is a word or number token: whether it starts as one."""
    return token[0].isalnum() or token[0] in _OTHER_WORD_STARTS


def word_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _WORDS.finditer(text)]


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))


# Characters handed out to items, in order: the private-use planes, so that
# every item is the same kind of character to the library (its semantic
# cleanup scores whitespace, punctuation and line breaks differently, and the
# choice of character must not change the diff), and none is a line break.
_BLOCKS = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
CAPACITY = sum(map(len, _BLOCKS))


@functools.cache
def _codes(blocks: int) -> str:
    """The characters of the first `blocks` blocks, made when first needed: all
    of them take tens of milliseconds, a third of a short comparison's process,
    and the first block's 6,400 serve nearly every diff."""
    return "".join(map(chr, itertools.chain.from_iterable(_BLOCKS[:blocks])))


class TooManyItemsError(ValueError):
    """More distinct items than there are private-use characters to stand for them."""


def encode_pair(left: Sequence[Hashable], right: Sequence[Hashable]) -> tuple[str, str]:
    """Both sequences as strings, one character per distinct item.

    Characters are handed out in order of first appearance, so the encoding,
    and the diff, depend only on the two sequences.
    """
    distinct = dict.fromkeys([*left, *right])
    if len(distinct) > CAPACITY:
        raise TooManyItemsError(f"{len(distinct)} distinct items, at most {CAPACITY}")
    blocks = 1 if len(distinct) <= len(_BLOCKS[0]) else len(_BLOCKS)
    codes = dict(zip(distinct, _codes(blocks), strict=False))
    return "".join(map(codes.__getitem__, left)), "".join(map(codes.__getitem__, right))
