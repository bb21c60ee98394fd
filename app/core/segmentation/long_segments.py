"""Long segments cut into pieces, so that no row is too long to align and diff.

A sentence of 2 MB without a full stop would be one row, whose word diff is
quadratic in its length (Myers' O(N*D), with D as large as N when every
second word differs). Every segment longer than `MAX_CHARS` is cut into
pieces of kind PIECE, each at most `MAX_CHARS` long, which the aligner and
the word diff treat as segments: the cost of a comparison is then linear in
the length of the texts, whatever their shape.

A piece ends at the first of these places once it is `MIN_CHARS` long:
after a clause mark (, ; : and dashes) or before a line break; after a word
the content picks (its CRC-32 is a multiple of `WORD_CUT_EVERY`), so that a
word inserted near the start of a long sentence moves one cut, not all the
cuts after it, and the pieces of both sides still pair up. A piece that
reaches `MAX_CHARS` without one ends at its last space, or there (a run
without a space).

The rules read only the text, so every machine cuts the same way; the
pieces are the comparison's segments, stored with it, and cover the segment
exactly but for the whitespace between them.

News sentences are far shorter than `MAX_CHARS`: none of the gold set's is
cut, and no real article's alignment changes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence

from app.core.model import Segment, SegmentKind

MAX_CHARS = 1_000  # longest segment left whole, and longest piece
MIN_CHARS = 200  # shortest piece (but a segment's last)
WORD_CUT_EVERY = 16  # one word in about this many may end a piece

# A piece may end before a whitespace run. (Only the runs are matched: a
# pattern that also matched the word before one would try each character of
# a long word without a space after it as a start, in quadratic time.)
_SPACE = re.compile(r"\s+")
_CLAUSE_MARKS = frozenset(",;:\u2013\u2014")


def bounded(text: str, segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """`segments`, each one longer than `MAX_CHARS` cut into pieces."""
    if all(segment.end - segment.start <= MAX_CHARS for segment in segments):
        return tuple(segments)
    out: list[Segment] = []
    for segment in segments:
        if segment.end - segment.start <= MAX_CHARS:
            out.append(segment)
            continue
        out.extend(
            Segment(start, end, segment.paragraph, SegmentKind.PIECE)
            for start, end in _pieces(text, segment.start, segment.end)
        )
    return tuple(out)


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each piece of text[start:end], trimmed of whitespace."""
    piece_start = word_start = start
    last_space: tuple[int, int] | None = None  # (its start, its end)
    for match in _SPACE.finditer(text, start, end):
        space_start, space_end = match.span()
        while space_start - piece_start > MAX_CHARS:
            cut, piece_start = _forced_cut(piece_start, last_space)
            yield cut
            last_space = None
        last_space = (space_start, space_end)
        word = text[word_start:space_start]
        word_start = space_end
        if space_start - piece_start >= MIN_CHARS and _ends_piece(word, match.group()):
            yield piece_start, space_start
            piece_start, last_space = space_end, None
    while end - piece_start > MAX_CHARS:
        cut, piece_start = _forced_cut(piece_start, last_space)
        yield cut
        last_space = None
    if piece_start < end:
        yield piece_start, end


def _ends_piece(word: str, space: str) -> bool:
    """Whether a piece may end after `word`, before the whitespace `space`."""
    if word[-1] in _CLAUSE_MARKS or "\n" in space:
        return True
    return zlib.crc32(word.encode("utf-8")) % WORD_CUT_EVERY == 0


def _forced_cut(
    piece_start: int, last_space: tuple[int, int] | None
) -> tuple[tuple[int, int], int]:
    """The piece that must end here, at the last space of it if any, and where
    the next one starts."""
    if last_space is not None and last_space[0] > piece_start:
        return (piece_start, last_space[0]), last_space[1]
    return (piece_start, piece_start + MAX_CHARS), piece_start + MAX_CHARS
