"""A row's diff as the spans a cell shows: plain text, and marked changes with
their class.

The k-th maximal run of delete/insert pieces of a row's diff is the row's
k-th change (`app.core.worddiff.diff.change_runs`). A marked span carries that
change's class (`app.web.comparison.classes.Mark`); an ignored change is shown as plain
text of the side being drawn (its deleted text on the left, its inserted text
on the right and in the inline view), with no mark. A comparison computed
before engine 1.1 has no changes: its spans are marked without a class.

In the side-by-side view a marked span's leading and trailing whitespace is
shown as plain text beside it: the diff often puts a word's neighbouring space
inside the change ("big " deleted), and a tint running over a space looks
sloppy. Each cell shows its own side's text, so the space is that side's
either way and nothing is lost. The inline view keeps it marked: there a
space is either deleted or inserted, and shown plain it would read as kept.

A marked span of one or two punctuation marks, symbols or spaces (’ for ',
a comma added) is flagged `short`: drawn as it is, it would be a sliver.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from app.core import Change, Piece, PieceOp, Row
from app.core.worddiff.diff import change_runs
from app.web.comparison.classes import Mark, mark


@dataclass(frozen=True, slots=True)
class Span:
    op: PieceOp
    text: str
    mark: Mark | None = None  # the class of a marked (delete or insert) span
    short: bool = False  # marked, and only one or two punctuation marks or spaces


Block = tuple[Span, ...]


def side_spans(row: Row, side: PieceOp) -> Block:
    """The row's text on one side (DELETE: the left, INSERT: the right), the spaces
    at the edges of its marks left unmarked."""
    spans = [
        _span(piece, change, shown=piece.op)
        for piece, change in _pieces_with_changes(row)
        if piece.op in (PieceOp.EQUAL, side)
    ]
    return _joined([part for span in spans for part in _trimmed(span)])


def inline_spans(row: Row) -> Block:
    """The row as one redline: deletions and insertions in place; an ignored change
    as its right (new) text."""
    spans = [
        _span(piece, change, shown=PieceOp.INSERT)
        for piece, change in _pieces_with_changes(row)
        if not (change is not None and change.ignored and piece.op is PieceOp.DELETE)
    ]
    return _joined(spans)


def _span(piece: Piece, change: Change | None, shown: PieceOp) -> Span:
    """`piece` as a span; the text of an ignored change is plain on the `shown` side."""
    if piece.op is PieceOp.EQUAL:
        return Span(PieceOp.EQUAL, piece.text)
    if change is None:
        return _marked(piece.op, piece.text, None)
    if change.ignored:
        if piece.op is shown:
            return Span(PieceOp.EQUAL, piece.text)
        return _marked(piece.op, piece.text, None)
    return _marked(piece.op, piece.text, mark(change.classes))


def _marked(op: PieceOp, text: str, class_mark: Mark | None) -> Span:
    return Span(op, text, class_mark, short=_is_short(text))


def _is_short(text: str) -> bool:
    """One or two characters, each a punctuation mark, a symbol or a space."""
    return 0 < len(text) <= 2 and all(
        char.isspace() or unicodedata.category(char)[0] in "PS" for char in text
    )


def _trimmed(span: Span) -> Iterator[Span]:
    """A marked span with its leading and trailing whitespace moved out, as plain
    spans beside it; a span of whitespace only stays marked, or its change would
    not show."""
    core = span.text.strip()
    if span.op is PieceOp.EQUAL or not core or core == span.text:
        yield span
        return
    start = len(span.text) - len(span.text.lstrip())
    end = start + len(core)
    if start:
        yield Span(PieceOp.EQUAL, span.text[:start])
    yield _marked(span.op, core, span.mark)
    if end < len(span.text):
        yield Span(PieceOp.EQUAL, span.text[end:])


def _pieces_with_changes(row: Row) -> Iterator[tuple[Piece, Change | None]]:
    """Each piece of the row's diff with the change it belongs to (None for an
    equal piece, or when the row has no changes listed)."""
    runs = change_runs(row.diff)
    changes: tuple[Change | None, ...] = (
        row.changes if len(row.changes) == len(runs) else (None,) * len(runs)
    )
    owner: dict[int, Change | None] = {
        at: change
        for (start, end), change in zip(runs, changes, strict=True)
        for at in range(start, end)
    }
    for at, piece in enumerate(row.diff):
        yield piece, owner.get(at)


def _joined(spans: list[Span]) -> Block:
    """Neighbouring plain spans as one (an ignored change between equal text)."""
    joined: list[Span] = []
    for span in spans:
        if joined and span.op is PieceOp.EQUAL and joined[-1].op is PieceOp.EQUAL:
            joined[-1] = Span(PieceOp.EQUAL, joined[-1].text + span.text)
        else:
            joined.append(span)
    return tuple(joined)
