"""A comparison as a readable diff for a terminal.

One block per row, in reading order of the right text. Plain output marks
changes the wdiff way, [-deleted-] and {+inserted+}, so it survives a pipe or
an e-mail; on a terminal that understands colour, deletions are red and
struck through, insertions green and underlined.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.core.model import Comparison, Piece, PieceOp, Row, RowOp


@dataclass(frozen=True)
class Marks:
    delete: tuple[str, str]
    insert: tuple[str, str]
    dim: tuple[str, str]


PLAIN = Marks(delete=("[-", "-]"), insert=("{+", "+}"), dim=("", ""))
COLOUR = Marks(
    delete=("\x1b[31;9m", "\x1b[0m"),
    insert=("\x1b[32;4m", "\x1b[0m"),
    dim=("\x1b[2m", "\x1b[0m"),
)

_SIGNS = {
    RowOp.EQUAL: "=",
    RowOp.MODIFIED: "~",
    RowOp.SPLIT: "<",
    RowOp.MERGED: ">",
    RowOp.MOVED: "^",
    RowOp.INSERTED: "+",
    RowOp.DELETED: "-",
}


def render_text(comparison: Comparison, colour: bool = False) -> str:
    marks = COLOUR if colour else PLAIN
    return "\n".join([_summary(comparison), "", *_rows(comparison, marks)]) + "\n"


def _summary(comparison: Comparison) -> str:
    stats = comparison.stats
    counts = ", ".join(f"{count} {op.value}" for op, count in stats.rows.items() if count)
    return (
        f"similarity {stats.similarity:.0%}: {counts}; words "
        f"{stats.words.equal} kept, {stats.words.deleted} deleted, "
        f"{stats.words.inserted} inserted"
    )


def _rows(comparison: Comparison, marks: Marks) -> Iterator[str]:
    for row in comparison.rows:
        yield f"{_SIGNS[row.op]} {_where(comparison, row)} {row.op.value}"
        if row.op is RowOp.EQUAL:
            yield "  " + _wrap(marks.dim, comparison.right.span_text(row.right))
        else:
            yield "  " + "".join(_mark(piece, marks) for piece in row.diff)
        yield ""


def _where(comparison: Comparison, row: Row) -> str:
    def span(indices: tuple[int, ...], side: str) -> str:
        if not indices:
            return ""
        first, last = indices[0] + 1, indices[-1] + 1
        return f"{side}{first}" if first == last else f"{side}{first}-{last}"

    left, right = span(row.left, "L"), span(row.right, "R")
    where = " -> ".join(part for part in (left, right) if part)
    if row.op is RowOp.MOVED:
        paragraph = comparison.left.segments[row.left[0]].paragraph + 1
        where += f" (from paragraph {paragraph})"
    if row.op not in (RowOp.INSERTED, RowOp.DELETED, RowOp.EQUAL):
        where += f" {row.similarity:.0%}"
    return where


def _mark(piece: Piece, marks: Marks) -> str:
    if piece.op is PieceOp.DELETE:
        return _wrap(marks.delete, piece.text)
    if piece.op is PieceOp.INSERT:
        return _wrap(marks.insert, piece.text)
    return piece.text


def _wrap(pair: tuple[str, str], text: str) -> str:
    return f"{pair[0]}{text}{pair[1]}" if pair[0] else text
