"""Building a .docx of two texts and checking it with the independent reader."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core import CompareOptions, Comparison, Side, compare_with
from app.exports import DocumentInfo, Note, tracked_changes_docx
from tests.exports.reader import collapsed, resolved, side_paragraphs

CREATED = datetime(2026, 3, 21, 9, 30, tzinfo=UTC)
INFO = DocumentInfo("A title", "Copy — Telegraph", CREATED)


def docx_of(
    left: str, right: str, options: CompareOptions | None = None, notes: tuple[Note, ...] = ()
) -> tuple[Comparison, bytes]:
    comparison = compare_with(left, right, options or CompareOptions())
    return comparison, tracked_changes_docx(comparison, INFO, notes)


def expected(side: Side, xml: bool = True) -> list[str]:
    segments = [(s.start, s.end, s.paragraph) for s in side.segments]
    return side_paragraphs(side.text, segments, xml)


def invariant_problems(comparison: Comparison, docx: bytes) -> list[str]:
    """What is wrong with `docx` as the comparison's tracked changes (without
    ignore options): accept-all must give the right text's paragraphs exactly;
    reject-all the left text's, exactly but for the form of whitespace runs, which
    the engine ignores (a change of "  " to " " is no revision: the file shows
    " "), and exactly when both texts have single spaces only."""
    problems: list[str] = []
    accepted, rejected = resolved(docx, accept=True), resolved(docx, accept=False)
    right, left = expected(comparison.right), expected(comparison.left)
    if accepted != right:
        problems.append(f"accept-all: {_first_difference(accepted, right)}")
    # With single spaces only on both sides no whitespace form can differ.
    exact = all(
        " ".join(p.split()) == p
        for side in (comparison.left, comparison.right)
        for p in expected(side, xml=False)
    )
    if exact and rejected != left:
        problems.append(f"reject-all: {_first_difference(rejected, left)}")
    raw_left = collapsed(expected(comparison.left, xml=False))
    if collapsed(rejected) != raw_left:
        problems.append(f"reject-all: {_first_difference(collapsed(rejected), raw_left)}")
    return problems


def _first_difference(got: list[str], wanted: list[str]) -> str:
    if len(got) != len(wanted):
        return f"{len(got)} paragraphs, wanted {len(wanted)}: {got[:3]!r}... vs {wanted[:3]!r}..."
    for index, (a, b) in enumerate(zip(got, wanted, strict=True)):
        if a != b:
            return f"paragraph {index}: {a!r} vs {b!r}"
    return "?"
