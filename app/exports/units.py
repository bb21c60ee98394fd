"""The order in which a Word document tells the comparison, and the spans of
each part (see `stream` for what a span is).

Rows come in the comparison's order (the right text's reading order, a
deleted row where its text was cut). A moved row is told twice: at its row,
as the target of a move (its words in common with the source as moved text,
its new words as insertions), and where its sentence stood in the left text,
as the source (the words in common as moved text, its dropped words as
deletions). Before each part, the whitespace between it and what came before
on each of its sides.

Every difference is a revision, down to the form of a whitespace run (which
the engine does not count as a change: "  " for " " is a deletion and an
insertion here), so that rejecting every revision gives the left text exactly.
The one exception is a change the comparison's ignore options ignore: it is
no revision, its right form is shown on both sides, unless it runs across a
paragraph break, which must stay a revision for the paragraphs to come out right.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.core import Change, Comparison, PieceOp, Row, RowOp
from app.core.classification.changes import spacing_form_change
from app.core.worddiff.diff import change_runs
from app.exports.stream import Cursor, Item, MarkerType, Span, Stream


@dataclass(frozen=True, slots=True)
class Part:
    """One row, or (`source`) the place a moved row's sentence left."""

    number: int  # the row's number, from 1
    row: Row
    source: bool = False


def parts(comparison: Comparison) -> Iterator[Part]:
    """The rows in order, each moved row's source right after the left segment before it."""
    sources = {
        row.left[0]: Part(number, row, True)
        for number, row in enumerate(comparison.rows, start=1)
        if row.op is RowOp.MOVED
    }
    next_left = 0

    def due() -> Iterator[Part]:
        nonlocal next_left
        while next_left in sources:
            source = sources[next_left]
            yield source
            # A sentence moved and merged on the way is a source of several segments.
            next_left = source.row.left[-1] + 1

    yield from due()
    for number, row in enumerate(comparison.rows, start=1):
        yield Part(number, row)
        if row.left and row.op is not RowOp.MOVED:
            next_left = row.left[-1] + 1
            yield from due()


def revision_stream(comparison: Comparison) -> list[Item]:
    """The comparison as a stream of text, breaks and markers (see `stream`)."""
    stream = Stream.of(comparison.left, comparison.right)
    ends: list[int | None] = [None, None]
    for part in parts(comparison):
        sides = _sides(part)
        starts = _starts(comparison, part, sides)
        _add_gaps(comparison, stream, ends, starts)
        _add_part(stream, part, sides)
        for index, side in enumerate((part.row.left, part.row.right)):
            if starts[index] is not None:
                segments = (comparison.left, comparison.right)[index].segments
                ends[index] = segments[side[-1]].end
    return stream.items


def _sides(part: Part) -> tuple[bool, bool]:
    """Which sides the part shows: a moved row's source the left, its target the right."""
    if part.row.op is RowOp.MOVED:
        return (part.source, not part.source)
    return (bool(part.row.left), bool(part.row.right))


def _starts(comparison: Comparison, part: Part, sides: tuple[bool, bool]) -> list[int | None]:
    row = part.row
    left = comparison.left.segments[row.left[0]].start if sides[0] else None
    right = comparison.right.segments[row.right[0]].start if sides[1] else None
    return [left, right]


def _add_gaps(
    comparison: Comparison, stream: Stream, ends: list[int | None], starts: list[int | None]
) -> None:
    """The whitespace before a part on each of its sides (none before a side's first segment)."""
    left = _between(comparison.left.text, ends[0], starts[0])
    right = _between(comparison.right.text, ends[1], starts[1])
    if left is not None and right is not None:
        left_breaks = _crosses(stream.left, len(left))
        right_breaks = _crosses(stream.right, len(right))
        if left_breaks and right_breaks:
            # A paragraph break on both sides, however many blank lines each has.
            stream.both_break(len(left), len(right))
            return
        if left == right:
            stream.add(Span(left, len(left), len(right)))
            return
    if left:
        stream.add(Span(left, len(left), None))
    if right:
        stream.add(Span(right, None, len(right)))


def _between(text: str, end: int | None, start: int | None) -> str | None:
    return None if end is None or start is None else text[end:start]


def _crosses(cursor: Cursor, width: int) -> bool:
    return cursor.crosses_gap(cursor.at, cursor.at + width)


def _add_part(stream: Stream, part: Part, sides: tuple[bool, bool]) -> None:
    """The part's spans; between a moved row's markers, and a row's own (where its
    comments are anchored) around it where it stands in the comparison."""
    moved = part.row.op is RowOp.MOVED
    if not part.source:
        stream.mark(MarkerType.ROW_START, part.number)
    if moved:
        start = MarkerType.MOVE_FROM_START if part.source else MarkerType.MOVE_TO_START
        stream.mark(start, part.number)
    for span in row_spans(part.row, stream, sides):
        stream.add(span)
    if moved:
        end = MarkerType.MOVE_FROM_END if part.source else MarkerType.MOVE_TO_END
        stream.mark(end, part.number)
    if not part.source:
        stream.mark(MarkerType.ROW_END, part.number)


def row_spans(row: Row, stream: Stream, sides: tuple[bool, bool]) -> list[Span]:
    """The spans of a row's pieces on the sides shown: changes the ignore options
    ignore in their right form; for a moved row (one side shown), its pieces in
    common as moved text."""
    moved = row.op is RowOp.MOVED
    pieces = row.diff
    spans: list[Span] = []
    ignored = {
        start: end
        for (start, end), change in _runs(row)
        if change.ignored and not spacing_form_change(pieces, start, end)
    }
    at, widths = 0, [0, 0]
    while at < len(pieces):
        end = ignored.get(at)
        if end is not None:
            left = sum(len(p.text) for p in pieces[at:end] if p.op is PieceOp.DELETE)
            right_text = "".join(p.text for p in pieces[at:end] if p.op is PieceOp.INSERT)
            shown = _shown(right_text, left, sides, moved)
            if not _crosses_from(stream, widths, shown):
                spans.append(shown)
                widths = [widths[0] + (shown.left or 0), widths[1] + (shown.right or 0)]
                at = end
                continue
        piece = pieces[at]
        on_left = sides[0] and piece.op is not PieceOp.INSERT
        on_right = sides[1] and piece.op is not PieceOp.DELETE
        if on_left or on_right:
            size = len(piece.text)
            moved_text = moved and piece.op is PieceOp.EQUAL
            spans.append(
                Span(piece.text, size if on_left else None, size if on_right else None, moved_text)
            )
            widths = [widths[0] + (size if on_left else 0), widths[1] + (size if on_right else 0)]
        at += 1
    return spans


def _shown(text: str, left: int, sides: tuple[bool, bool], moved: bool) -> Span:
    return Span(text, left if sides[0] else None, len(text) if sides[1] else None, moved)


def _crosses_from(stream: Stream, widths: list[int], span: Span) -> bool:
    """Whether the characters `span` stands for, `widths` on, hold a paragraph break."""
    return any(
        size is not None and cursor.crosses_gap(cursor.at + width, cursor.at + width + size)
        for cursor, width, size in (
            (stream.left, widths[0], span.left),
            (stream.right, widths[1], span.right),
        )
    )


def _runs(row: Row) -> Iterator[tuple[tuple[int, int], Change]]:
    yield from zip(change_runs(row.diff), row.changes, strict=False)
