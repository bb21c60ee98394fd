"""The comparison read as one stream of text and paragraph breaks, each marked
with the side (or sides) it belongs to: what a Word document with tracked
changes is made of (`units` decides the order and the spans, `wordml` writes
the stream out).

A `Span` is a piece of text and how much of each side's text it stands for.
`Stream.add` turns spans into `Text` and `Break` items: the whitespace between
two paragraphs of a side (a "gap", which belongs to no segment) becomes one
`Break` of that side, so that the stream read on one side alone (what Word's
reject-all or accept-all leaves) gives that side's paragraphs exactly.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum

from app.core import Side


class Kind(StrEnum):
    """Which side an item belongs to, and how Word tracks it."""

    SAME = "same"  # both sides: not a revision
    DELETED = "deleted"  # left only
    INSERTED = "inserted"  # right only
    MOVED_FROM = "moved-from"  # left only, where a moved sentence stood
    MOVED_TO = "moved-to"  # right only, where it stands now


@dataclass(frozen=True, slots=True)
class Text:
    kind: Kind
    text: str


@dataclass(frozen=True, slots=True)
class Break:
    """The end of a paragraph, on both sides (SAME) or on one (DELETED, INSERTED)."""

    kind: Kind


class MarkerType(StrEnum):
    MOVE_FROM_START = "move-from-start"
    MOVE_FROM_END = "move-from-end"
    MOVE_TO_START = "move-to-start"
    MOVE_TO_END = "move-to-end"
    ROW_START = "row-start"  # where a row's comments are anchored
    ROW_END = "row-end"


@dataclass(frozen=True, slots=True)
class Marker:
    type: MarkerType
    number: int  # the move's number, or the row's (from 1, as on the page)


Item = Text | Break | Marker


@dataclass(frozen=True, slots=True)
class Span:
    """`text`, standing for `left` characters of the left text and `right` of the
    right one (None: not on that side); a moved part is a move's source or target.

    Where a side's width differs from len(text) (an ignored change, shown in its
    right form on both sides) the span must not cross a gap of that side.
    """

    text: str
    left: int | None
    right: int | None
    moved: bool = False


def gaps(side: Side) -> tuple[list[int], list[int]]:
    """The starts and ends of the whitespace between the side's paragraphs."""
    starts: list[int] = []
    ends: list[int] = []
    segments = side.segments
    for before, after in itertools.pairwise(segments):
        if before.paragraph != after.paragraph:
            starts.append(before.end)
            ends.append(after.start)
    return starts, ends


@dataclass(slots=True)
class Cursor:
    """Where one side's reading stands: its offset, and its last gap turned into a Break."""

    starts: list[int]
    ends: list[int]
    at: int = 0
    last_gap: int = -1

    def gap_at(self, offset: int) -> int | None:
        """The index of the gap holding `offset`, or None."""
        index = bisect_right(self.starts, offset) - 1
        return index if index >= 0 and offset < self.ends[index] else None

    def crosses_gap(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, end - 1) - 1
        return index >= 0 and end > start and self.ends[index] > start

    def cuts(self, start: int, end: int) -> set[int]:
        """Offsets (from `start`) in (start, end) where a gap of this side starts or ends."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        found: set[int] = set()
        for index in range(first, len(self.starts)):
            if self.starts[index] >= end:
                break
            found.update(
                x - start for x in (self.starts[index], self.ends[index]) if start < x < end
            )
        return found


@dataclass(slots=True)
class Stream:
    """The items so far, and where each side's reading stands."""

    left: Cursor
    right: Cursor
    items: list[Item] = field(default_factory=list)

    @classmethod
    def of(cls, left: Side, right: Side) -> Stream:
        # Each side is read from its first segment: what comes before is no paragraph.
        return cls(Cursor(*gaps(left), at=_first(left)), Cursor(*gaps(right), at=_first(right)))

    def mark(self, type_: MarkerType, number: int) -> None:
        self.items.append(Marker(type_, number))

    def both_break(self, left: int, right: int) -> None:
        """A gap of each side, `left` and `right` characters long, read as one Break."""
        for cursor, width in ((self.left, left), (self.right, right)):
            gap = cursor.gap_at(cursor.at)
            cursor.last_gap = gap if gap is not None else cursor.last_gap
            cursor.at += width
        self.items.append(Break(Kind.SAME))

    def add(self, span: Span) -> None:
        left_simple = span.left is None or not self.left.crosses_gap(
            self.left.at, self.left.at + span.left
        )
        right_simple = span.right is None or not self.right.crosses_gap(
            self.right.at, self.right.at + span.right
        )
        if left_simple and right_simple:
            self._text(span.text, _kind(span.left is not None, span.right is not None, span.moved))
        else:
            self._split(span)
        if span.left is not None:
            self.left.at += span.left
        if span.right is not None:
            self.right.at += span.right

    def _split(self, span: Span) -> None:
        """A span that crosses a gap (its widths are len(text) where it does), cut
        where a gap of either side starts or ends, each part read on each side as
        text, as the gap's one Break, or (the rest of a gap already broken) nothing."""
        size = len(span.text)
        cuts = {0, size}
        if span.left is not None:
            cuts |= self.left.cuts(self.left.at, self.left.at + size)
        if span.right is not None:
            cuts |= self.right.cuts(self.right.at, self.right.at + size)
        points = sorted(cuts)
        for start, end in itertools.pairwise(points):
            on_left = _reading(self.left, start) if span.left is not None else None
            on_right = _reading(self.right, start) if span.right is not None else None
            self._part(span.text[start:end], on_left, on_right, span.moved)

    def _part(self, text: str, on_left: str | None, on_right: str | None, moved: bool) -> None:
        if on_left == on_right == _TEXT:
            self._text(text, Kind.SAME)
        elif on_left == on_right == _BREAK:
            self.items.append(Break(Kind.SAME))
        else:
            for reading, is_left in ((on_left, True), (on_right, False)):
                kind = _kind(is_left, not is_left, moved)
                if reading == _TEXT:
                    self._text(text, kind)
                elif reading == _BREAK:
                    self.items.append(Break(Kind.DELETED if is_left else Kind.INSERTED))

    def _text(self, text: str, kind: Kind) -> None:
        if not text:
            return
        last = self.items[-1] if self.items else None
        # Neighbours of one kind make one run: fewer, longer runs in the file.
        if isinstance(last, Text) and last.kind is kind:
            self.items[-1] = Text(kind, last.text + text)
        else:
            self.items.append(Text(kind, text))


def _first(side: Side) -> int:
    return side.segments[0].start if side.segments else 0


_TEXT = "text"
_BREAK = "break"
_NOTHING = "nothing"


def _reading(cursor: Cursor, offset: int) -> str:
    """How the side reads the character `offset` after its cursor: as text, as
    its gap's Break (the gap's first character read), or as nothing."""
    gap = cursor.gap_at(cursor.at + offset)
    if gap is None:
        return _TEXT
    if gap > cursor.last_gap:
        cursor.last_gap = gap
        return _BREAK
    return _NOTHING


def _kind(on_left: bool, on_right: bool, moved: bool) -> Kind:
    if on_left and on_right:
        return Kind.SAME
    if on_left:
        return Kind.MOVED_FROM if moved else Kind.DELETED
    return Kind.MOVED_TO if moved else Kind.INSERTED
