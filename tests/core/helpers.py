"""Small helpers shared by the engine tests: reading a comparison by its text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.core import Change, Comparison, Piece, PieceOp, Row, Segment, Side


def segment_texts(text: str, segments: Iterable[Segment]) -> list[str]:
    return [text[s.start : s.end] for s in segments]


def side_texts(side: Side) -> list[str]:
    return segment_texts(side.text, side.segments)


def joined(pieces: Iterable[Piece], *ops: PieceOp) -> str:
    return "".join(piece.text for piece in pieces if piece.op in ops)


def left_of(pieces: Iterable[Piece]) -> str:
    """The text the EQUAL and DELETE pieces spell: the row's left text."""
    return joined(pieces, PieceOp.EQUAL, PieceOp.DELETE)


def right_of(pieces: Iterable[Piece]) -> str:
    """The text the EQUAL and INSERT pieces spell: the row's right text."""
    return joined(pieces, PieceOp.EQUAL, PieceOp.INSERT)


def pairs(pieces: Iterable[Piece]) -> list[tuple[str, str]]:
    return [(piece.op.value, piece.text) for piece in pieces]


def coverage_problems(text: str, segments: Sequence[Segment]) -> list[str]:
    """What breaks "every non-space character is in exactly one segment, trimmed, in order"."""
    problems: list[str] = []
    owners = [0] * len(text)
    previous_end = 0
    for number, segment in enumerate(segments):
        piece = text[segment.start : segment.end]
        if not piece or piece != piece.strip():
            problems.append(f"segment {number} is empty or not trimmed: {piece!r}")
        if segment.start < previous_end:
            problems.append(f"segment {number} starts before the previous one ends")
        previous_end = segment.end
        for offset in range(segment.start, segment.end):
            owners[offset] += 1
    problems.extend(
        f"character {offset} ({char!r}) is in {owners[offset]} segments"
        for offset, char in enumerate(text)
        if not char.isspace() and owners[offset] != 1
    )
    paragraphs = [s.paragraph for s in segments]
    if paragraphs != sorted(paragraphs):
        problems.append(f"paragraph numbers out of order: {paragraphs}")
    return problems


def find_segment(side: Side, prefix: str) -> int:
    """The index of the one segment of `side` that starts with `prefix`."""
    found = [i for i, text in enumerate(side_texts(side)) if text.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} segments start with {prefix!r}"
    return found[0]


def row_with(comparison: Comparison, *, left: int | None = None, right: int | None = None) -> Row:
    """The row that holds left segment `left` (or right segment `right`)."""
    for row in comparison.rows:
        if (left is not None and left in row.left) or (right is not None and right in row.right):
            return row
    raise AssertionError(f"no row holds left {left} / right {right}")


def lossless_problems(comparison: Comparison) -> list[str]:
    """Rows whose pieces do not spell their two sides' texts exactly."""
    problems: list[str] = []
    for number, row in enumerate(comparison.rows):
        if left_of(row.diff) != comparison.left.span_text(row.left):
            problems.append(f"row {number}: EQUAL+DELETE != left text")
        if right_of(row.diff) != comparison.right.span_text(row.right):
            problems.append(f"row {number}: EQUAL+INSERT != right text")
    return problems


def each_index_once_problems(comparison: Comparison) -> list[str]:
    """Segment indices of either side missing from the rows or found twice."""
    problems: list[str] = []
    for name, side, indices in (
        ("left", comparison.left, [i for row in comparison.rows for i in row.left]),
        ("right", comparison.right, [j for row in comparison.rows for j in row.right]),
    ):
        if sorted(indices) != list(range(len(side.segments))):
            problems.append(f"{name} indices in rows {sorted(indices)}, {len(side.segments)} segs")
    return problems


def change_texts(comparison: Comparison, change: Change) -> tuple[str, str]:
    """The left and right text of a change ("" on a side it lacks)."""
    left = comparison.left.text[change.left[0] : change.left[1]] if change.left else ""
    right = comparison.right.text[change.right[0] : change.right[1]] if change.right else ""
    return left, right


def changes_with_texts(comparison: Comparison) -> list[tuple[str, str, Change]]:
    """Every change of every row with its left and right text."""
    return [
        (*change_texts(comparison, change), change)
        for row in comparison.rows
        for change in row.changes
    ]
