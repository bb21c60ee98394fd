"""app.web.marks and the class side of app.web.view: which spans are marked, with what."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.core import ChangeClass, PieceOp, Row, compare
from app.web.classes import mark
from app.web.marks import Block, inline_spans, side_spans
from app.web.view import RowKind, row_groups
from tests.web.corpus import ANALYSTS, BANK, KINDS_LEFT, KINDS_RIGHT, MARKETS, OIL, SENATE

CURLY = "Officials said it’s a good deal."
STRAIGHT_GREAT = "Officials said it's a great deal."


def layout(block: Block) -> list[tuple[str, str, str | None]]:
    return [(span.op.value, span.text, span.mark.kind if span.mark else None) for span in block]


def only_row(left: str, right: str, ignore_typography: bool = False) -> Row:
    (row,) = compare(left, right, ignore_typography=ignore_typography).rows
    return row


@pytest.mark.parametrize(
    ("ignore", "left", "right", "inline"),
    [
        pytest.param(
            False,
            [
                ("equal", "Officials said it", None),
                ("delete", "’", "typography"),
                ("equal", "s a ", None),
                ("delete", "good", "wording"),
                ("equal", " deal.", None),
            ],
            [
                ("equal", "Officials said it", None),
                ("insert", "'", "typography"),
                ("equal", "s a ", None),
                ("insert", "great", "wording"),
                ("equal", " deal.", None),
            ],
            [
                ("equal", "Officials said it", None),
                ("delete", "’", "typography"),
                ("insert", "'", "typography"),
                ("equal", "s a ", None),
                ("delete", "good", "wording"),
                ("insert", "great", "wording"),
                ("equal", " deal.", None),
            ],
            id="marked",
        ),
        pytest.param(
            True,
            [
                ("equal", "Officials said it’s a ", None),
                ("delete", "good", "wording"),
                ("equal", " deal.", None),
            ],
            [
                ("equal", "Officials said it's a ", None),
                ("insert", "great", "wording"),
                ("equal", " deal.", None),
            ],
            [
                ("equal", "Officials said it's a ", None),
                ("delete", "good", "wording"),
                ("insert", "great", "wording"),
                ("equal", " deal.", None),
            ],
            id="typography-ignored",
        ),
    ],
)
def test_spans_of_each_side_and_inline(
    ignore: bool,
    left: list[tuple[str, str, str | None]],
    right: list[tuple[str, str, str | None]],
    inline: list[tuple[str, str, str | None]],
) -> None:
    row = only_row(CURLY, STRAIGHT_GREAT, ignore_typography=ignore)
    assert layout(side_spans(row, PieceOp.DELETE)) == left
    assert layout(side_spans(row, PieceOp.INSERT)) == right
    assert layout(inline_spans(row)) == inline


def test_a_row_without_changes_is_marked_without_class() -> None:
    """As a comparison stored by engine 1.0 reads back."""
    row = replace(only_row(CURLY, STRAIGHT_GREAT), changes=())
    spans = inline_spans(row)
    assert [span.op for span in spans if span.op is not PieceOp.EQUAL]
    assert all(span.mark is None for span in spans)


def test_mark_titles_name_every_class() -> None:
    assert mark((ChangeClass.QUOTE,)).title == "Quotation altered"
    both = mark((ChangeClass.QUOTE, ChangeClass.NAME, ChangeClass.ATTRIBUTION))
    assert both.kind == "quote"
    assert both.title == "Quotation altered; also name changed, attribution changed"


def test_rows_carry_their_classes_and_whole_rows_show_them() -> None:
    comparison = compare(KINDS_LEFT, KINDS_RIGHT)
    rows = [row for group in row_groups(comparison) for row in group.rows]
    for view in rows:
        if view.kind is RowKind.MOVE_ORIGIN:
            assert (view.classes, view.gutter_classes) == ("", ())
            continue
        row = comparison.rows[view.number - 1]
        kinds = {kind.value for change in row.changes for kind in change.classes}
        assert set(view.classes.split()) == kinds
        whole = view.kind in (RowKind.INSERTED, RowKind.DELETED)
        assert bool(view.gutter_classes) == whole
        if whole:
            assert [tag.kind for tag in view.gutter_classes] == view.classes.split()


def test_filtering_keeps_the_placeholder_of_a_moved_row() -> None:
    left = "\n".join([SENATE, MARKETS, OIL, BANK, ANALYSTS])
    right = "\n".join([SENATE, OIL, BANK, MARKETS.replace("rallied", "surged"), ANALYSTS])
    (group,) = row_groups(compare(left, right), ChangeClass.WORDING)
    assert group.fold_anchor is None
    assert [row.anchor for row in group.rows] == ["r4-origin", "r4"]
    assert [row.kind for row in group.rows] == [RowKind.MOVE_ORIGIN, RowKind.MOVED]
    (nothing,) = row_groups(compare(left, right), ChangeClass.QUOTE)
    assert nothing.rows == ()
