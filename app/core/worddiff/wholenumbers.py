"""In a character diff, a changed number is one change of the whole number.

Diffed by character, "$42" -> "$4.2" inserts a "." between two unchanged
digits, and "42" -> "24" deletes one "4" and inserts another: the reader
sees a dot or a digit, and the number class counts a change per fragment.
A run of changed characters that touches a number takes in the rest of it,
on both sides, and two runs that then meet are one: "42" -> "24" is one
change of the number, counted once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.model import Piece, PieceOp

# The part of a number an unchanged text ends or starts with, next to a change.
_NUMBER_END = re.compile(r"(?:\d+[.,]?)*$")
_NUMBER_START = re.compile(r"(?:[.,]?\d+)*")
_SEPARATORS = frozenset(".,")


@dataclass(slots=True)
class _Run:
    """A run of changes (or, with `equal`, unchanged text) being rebuilt."""

    deleted: str = ""
    inserted: str = ""
    equal: str | None = None


def whole_numbers(pieces: Sequence[Piece]) -> tuple[Piece, ...]:
    """`pieces` with each change that touches a number widened to the whole number."""
    runs = _runs(pieces)
    widen = [_touches_number(runs, at) for at in range(len(runs))]
    if not any(widen):
        return tuple(pieces)
    for at in range(len(runs)):
        if widen[at]:
            _widen(runs, at)
    return _pieces(runs)


def _runs(pieces: Sequence[Piece]) -> list[_Run]:
    runs: list[_Run] = []
    for piece in pieces:
        if piece.op is PieceOp.EQUAL:
            runs.append(_Run(equal=piece.text))
            continue
        if not runs or runs[-1].equal is not None:
            runs.append(_Run())
        if piece.op is PieceOp.DELETE:
            runs[-1].deleted += piece.text
        else:
            runs[-1].inserted += piece.text
    return runs


def _touches_number(runs: list[_Run], at: int) -> bool:
    """A change of a digit, or of a separator between two digits ("4" "." "2")."""
    run = runs[at]
    if run.equal is not None:
        return False
    changed = run.deleted + run.inserted
    if any(char.isdecimal() for char in changed):
        return True
    before, after = _equal_at(runs, at - 1), _equal_at(runs, at + 1)
    return set(changed) <= _SEPARATORS and before[-1:].isdecimal() and after[:1].isdecimal()


def _equal_at(runs: list[_Run], at: int) -> str:
    return (runs[at].equal or "") if 0 <= at < len(runs) else ""


def _widen(runs: list[_Run], at: int) -> None:
    """Move the digits either side of the change into it, on both sides."""
    run = runs[at]
    if at > 0 and runs[at - 1].equal:
        before = runs[at - 1].equal or ""
        cut = _NUMBER_END.search(before)
        start = cut.start() if cut else len(before)
        runs[at - 1].equal, taken = before[:start], before[start:]
        run.deleted, run.inserted = taken + run.deleted, taken + run.inserted
    if at + 1 < len(runs) and runs[at + 1].equal:
        after = runs[at + 1].equal or ""
        end = _NUMBER_START.match(after)
        stop = end.end() if end else 0
        runs[at + 1].equal, taken = after[stop:], after[:stop]
        run.deleted, run.inserted = run.deleted + taken, run.inserted + taken


def _pieces(runs: list[_Run]) -> tuple[Piece, ...]:
    """The runs as pieces; two changes no longer apart are one."""
    pieces: list[Piece] = []
    deleted = inserted = ""
    for run in runs:
        if run.equal is None:
            deleted, inserted = deleted + run.deleted, inserted + run.inserted
        elif run.equal:
            pieces.extend(_change(deleted, inserted))
            deleted = inserted = ""
            pieces.append(Piece(PieceOp.EQUAL, run.equal))
    pieces.extend(_change(deleted, inserted))
    return tuple(pieces)


def _change(deleted: str, inserted: str) -> list[Piece]:
    return [
        Piece(op, text)
        for op, text in ((PieceOp.DELETE, deleted), (PieceOp.INSERT, inserted))
        if text
    ]
