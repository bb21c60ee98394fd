"""app.web.comparison.rows: from a comparison to the rows the page lays out."""

from __future__ import annotations

import pytest

from app.core import Comparison, PieceOp, compare
from app.web.comparison.rows import FOLD_MIN_ROWS, Block, RowKind, RowView, row_groups
from tests.web.corpus import (
    AGREED,
    ANALYSTS,
    BANK,
    FARMERS,
    KINDS_LEFT,
    KINDS_RIGHT,
    MARKETS,
    MET,
    OIL,
    SENATE,
)


def rows(comparison: Comparison) -> list[RowView]:
    return [row for group in row_groups(comparison) for row in group.rows]


def text(blocks: tuple[Block, ...], *ops: PieceOp) -> str:
    return "".join(span.text for block in blocks for span in block if span.op in ops)


def lines(*sentences: str) -> str:
    return "\n".join(sentences)


def test_cells_spell_the_rows_sides_exactly() -> None:
    comparison = compare(KINDS_LEFT, KINDS_RIGHT)
    shown = {row.number: row for row in rows(comparison) if row.kind is not RowKind.MOVE_ORIGIN}
    for number, row in enumerate(comparison.rows, start=1):
        view = shown[number]
        left = text(view.left.blocks, PieceOp.EQUAL, PieceOp.DELETE)
        right = text(view.right.blocks, PieceOp.EQUAL, PieceOp.INSERT)
        assert left == comparison.left.span_text(row.left)
        assert right == comparison.right.span_text(row.right)
        assert len(view.left.blocks) == (len(row.left) if row.left else 0)
        assert len(view.right.blocks) == (len(row.right) if row.right else 0)
        assert "".join(span.text for span in view.inline) in (
            "".join(piece.text for piece in row.diff),
            comparison.right.span_text(row.right),
        )


def test_a_cut_inside_a_changed_span_splits_it() -> None:
    (split, _) = rows(compare(f"{MET} and {AGREED}. {OIL}", f"{MET}. They {AGREED}. {OIL}"))
    assert split.kind is RowKind.SPLIT
    first, second = split.right.blocks
    assert first[-1].op is PieceOp.INSERT and first[-1].text == ". "
    assert second[0].op is PieceOp.INSERT and second[0].text == "They"


@pytest.mark.parametrize(
    ("left", "right", "order"),
    [
        pytest.param(
            lines(SENATE, MARKETS, OIL, BANK, ANALYSTS),
            lines(SENATE, OIL, BANK, MARKETS, ANALYSTS),
            ["r1", "r4-origin", "r2", "r3", "r4", "r5"],
            id="moved-down",
        ),
        pytest.param(
            lines(SENATE, MARKETS, OIL, BANK, ANALYSTS),
            lines(BANK, SENATE, MARKETS, OIL, ANALYSTS),
            ["r1", "r2", "r3", "r4", "r1-origin", "r5"],
            id="moved-up",
        ),
        pytest.param(
            lines(SENATE, MARKETS, OIL, BANK, ANALYSTS),
            lines(MARKETS, OIL, BANK, ANALYSTS, SENATE),
            ["r5-origin", "r1", "r2", "r3", "r4", "r5"],
            id="moved-to-the-end",
        ),
    ],
)
def test_move_origin_stands_where_the_sentence_was(left: str, right: str, order: list[str]) -> None:
    shown = rows(compare(left, right))
    assert [row.anchor for row in shown] == order
    moved = next(row for row in shown if row.kind is RowKind.MOVED)
    origin = next(row for row in shown if row.kind is RowKind.MOVE_ORIGIN)
    assert moved.right_note is not None and moved.right_note.href == f"#{origin.anchor}"
    assert origin.left_note is not None and origin.left_note.href == f"#{moved.anchor}"
    # The placeholder shows the moved sentence where it stood (see test_moved_text).
    assert not origin.left.is_empty and origin.right.is_empty and not origin.is_change


@pytest.mark.parametrize("equal_rows", [FOLD_MIN_ROWS - 1, FOLD_MIN_ROWS, FOLD_MIN_ROWS + 3])
def test_only_long_unchanged_runs_fold(equal_rows: int) -> None:
    same = [f"Sentence number {n} stays exactly as it was." for n in range(equal_rows)]
    groups = row_groups(compare(lines(*same, SENATE), lines(*same, FARMERS)))
    folds = [group for group in groups if group.fold_anchor]
    if equal_rows < FOLD_MIN_ROWS:
        assert folds == [] and len(groups) == 1
    else:
        (fold,) = folds
        assert (fold.fold_anchor, fold.fold_label) == (
            "fold-1",
            f"{equal_rows} unchanged sentences",
        )
        assert all(row.kind is RowKind.EQUAL for row in fold.rows)


def test_paragraph_numbers_follow_each_side() -> None:
    shown = rows(compare(f"{SENATE}\n\n{OIL} {BANK}", f"{SENATE} {OIL}\n\n{BANK}"))
    assert [(row.left.paragraph, row.right.paragraph) for row in shown] == [
        (1, 1),
        (2, None),
        (None, 2),
    ]
    assert [row.starts_paragraph for row in shown] == [True, True, True]
