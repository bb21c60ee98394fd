"""The change list: every stop of the change navigation in page order, each
with its row number, its class and a few words of what each side says there.

It is a list of plain links to the rows (`#r12`), so it works without
JavaScript; the script marks the current one as `n`/`p` move. Each entry is
kept short (a few words a side): the list is on every comparison page, and a
long article has hundreds of changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.core import PieceOp
from app.web.comparison.rows import Cell, RowGroup, RowKind, RowView

WORDS_PER_SIDE = 4
CHARACTERS_PER_SIDE = 28


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    anchor: str
    number: int
    kind: str  # the row's kind where it says more than "modified": "inserted"
    tag: str  # the class of its first change: "quote"; "" for a move alone
    before: str  # a few words of the left side's change, "" for none
    after: str  # and of the right side's


def change_entries(groups: Iterable[RowGroup], moves_are_stops: bool) -> tuple[ChangeEntry, ...]:
    """The rows that `n` stops at, in page order: every changed row, and the
    rows that only moved when `moves_are_stops`."""
    return tuple(
        _entry(row)
        for group in groups
        for row in group.rows
        if row.is_change and (moves_are_stops or not row.only_moved)
    )


def _entry(row: RowView) -> ChangeEntry:
    whole = row.kind in (RowKind.INSERTED, RowKind.DELETED, RowKind.MOVED)
    return ChangeEntry(
        anchor=row.anchor,
        number=row.number,
        kind="" if row.kind is RowKind.MODIFIED else row.label,
        tag=row.classes.split(" ", 1)[0],
        before=_few_words(_first_change(row.left, PieceOp.DELETE, whole)),
        after=_few_words(_first_change(row.right, PieceOp.INSERT, whole)),
    )


def _first_change(cell: Cell, op: PieceOp, whole: bool) -> str:
    """The text of the cell's first marked change, or its whole text (`whole`)."""
    spans = [span for block in cell.blocks for span in block]
    if whole:
        return "".join(span.text for span in spans)
    return next((span.text for span in spans if span.op is op), "")


def _few_words(text: str) -> str:
    words = text.split()
    kept = " ".join(words[:WORDS_PER_SIDE])
    if len(kept) > CHARACTERS_PER_SIDE:
        kept = kept[:CHARACTERS_PER_SIDE].rstrip()
    return kept + "…" if kept != " ".join(words) else kept
