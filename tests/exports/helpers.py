"""Building a .docx of two texts and checking it with the independent reader."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core import CompareOptions, Comparison, Side, compare_with
from app.exports import DocumentInfo, Note, tracked_changes_docx
from tests.exports.reader import resolved, side_paragraphs

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
    ignore options): accept-all must give the right text's paragraphs and
    reject-all the left text's, character for character (the form of a
    whitespace run included, which the engine does not count as a change)."""
    problems: list[str] = []
    accepted, rejected = resolved(docx, accept=True), resolved(docx, accept=False)
    right, left = expected(comparison.right), expected(comparison.left)
    if accepted != right:
        problems.append(f"accept-all: {_first_difference(accepted, right)}")
    if rejected != left:
        problems.append(f"reject-all: {_first_difference(rejected, left)}")
    return problems


def _first_difference(got: list[str], wanted: list[str]) -> str:
    if len(got) != len(wanted):
        return f"{len(got)} paragraphs, wanted {len(wanted)}: {got[:3]!r}... vs {wanted[:3]!r}..."
    for index, (a, b) in enumerate(zip(got, wanted, strict=True)):
        if a != b:
            return f"paragraph {index}: {a!r} vs {b!r}"
    return "?"
