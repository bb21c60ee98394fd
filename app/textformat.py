"""A comparison as a readable diff for a terminal.

One block per row, in reading order of the right text. Plain output marks
changes the wdiff way, [-deleted-] and {+inserted+}, each change followed by
its class, so it survives a pipe or an e-mail:

    Putin has [-toned down-]{+softened+}<wording> his demands.

On a terminal that understands colour, deletions are red and struck through,
insertions green and underlined, the class dim, and typography changes dim
too. An ignored change shows as its new text, unmarked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.core.model import Change, ChangeClass, Comparison, Piece, PieceOp, Row, RowOp
from app.core.worddiff.diff import change_runs


@dataclass(frozen=True)
class Marks:
    delete: tuple[str, str]
    insert: tuple[str, str]
    dim: tuple[str, str]
    tag: tuple[str, str]  # around a change's class
    quiet_delete: tuple[str, str]  # a typography change
    quiet_insert: tuple[str, str]


PLAIN = Marks(
    delete=("[-", "-]"),
    insert=("{+", "+}"),
    dim=("", ""),
    tag=("<", ">"),
    quiet_delete=("[-", "-]"),
    quiet_insert=("{+", "+}"),
)
COLOUR = Marks(
    delete=("\x1b[31;9m", "\x1b[0m"),
    insert=("\x1b[32;4m", "\x1b[0m"),
    dim=("\x1b[2m", "\x1b[0m"),
    tag=("\x1b[2m<", ">\x1b[0m"),
    quiet_delete=("\x1b[2;31;9m", "\x1b[0m"),
    quiet_insert=("\x1b[2;32;4m", "\x1b[0m"),
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
    summary = (
        f"similarity {stats.similarity:.0%}: {counts}; words "
        f"{stats.words.equal} kept, {stats.words.deleted} deleted, "
        f"{stats.words.inserted} inserted"
    )
    classes = ", ".join(f"{count} {kind.value}" for kind, count in stats.classes.items() if count)
    return f"{summary}; changes {classes}" if classes else summary


def _rows(comparison: Comparison, marks: Marks) -> Iterator[str]:
    for row in comparison.rows:
        yield f"{_SIGNS[row.op]} {_where(comparison, row)} {row.op.value}"
        if row.op is RowOp.EQUAL:
            yield "  " + _wrap(marks.dim, comparison.right.span_text(row.right))
        else:
            yield "  " + _redline(row, marks)
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


def _redline(row: Row, marks: Marks) -> str:
    """The row's diff, each change marked and followed by its class."""
    runs = change_runs(row.diff)
    changes = row.changes if len(row.changes) == len(runs) else ()
    parts: list[str] = []
    at = 0
    for k, (start, end) in enumerate(runs):
        parts.extend(piece.text for piece in row.diff[at:start])
        parts.append(_change(row.diff[start:end], changes[k] if changes else None, marks))
        at = end
    parts.extend(piece.text for piece in row.diff[at:])
    return "".join(parts)


def _change(pieces: tuple[Piece, ...], change: Change | None, marks: Marks) -> str:
    if change is not None and change.ignored:
        return "".join(piece.text for piece in pieces if piece.op is PieceOp.INSERT)
    quiet = change is not None and change.primary is ChangeClass.TYPOGRAPHY
    delete, insert = (
        (marks.quiet_delete, marks.quiet_insert) if quiet else (marks.delete, marks.insert)
    )
    text = "".join(
        _wrap(delete if piece.op is PieceOp.DELETE else insert, piece.text) for piece in pieces
    )
    if change is None:
        return text
    return text + _wrap(marks.tag, ",".join(kind.value for kind in change.classes))


def _wrap(pair: tuple[str, str], text: str) -> str:
    return f"{pair[0]}{text}{pair[1]}" if pair[0] else text
