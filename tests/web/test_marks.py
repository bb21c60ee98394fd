"""app.web.comparison.marks, and the classes side of app.web.comparison.rows:
which spans are marked, with what."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import Change, ChangeClass, Piece, PieceOp, Row, RowOp, compare
from app.core.worddiff.diff import change_runs
from app.web.comparison.classes import mark
from app.web.comparison.marks import Block, inline_spans, side_spans
from app.web.comparison.rows import RowKind, row_groups
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
        named = [tag.kind for tag in view.gutter_classes]
        # No class told by colour alone: whole rows name every class, other
        # rows every class but wording (which has no colour of its own).
        assert named == [kind for kind in view.classes.split() if whole or kind != "wording"]


def test_filtering_keeps_the_placeholder_of_a_moved_row() -> None:
    left = "\n".join([SENATE, MARKETS, OIL, BANK, ANALYSTS])
    right = "\n".join([SENATE, OIL, BANK, MARKETS.replace("rallied", "surged"), ANALYSTS])
    (group,) = row_groups(compare(left, right), ChangeClass.WORDING)
    assert group.fold_anchor is None
    assert [row.anchor for row in group.rows] == ["r4-origin", "r4"]
    assert [row.kind for row in group.rows] == [RowKind.MOVE_ORIGIN, RowKind.MOVED]
    (nothing,) = row_groups(compare(left, right), ChangeClass.QUOTE)
    assert nothing.rows == ()


# The side view moves a mark's edge spaces out; the inline view keeps them.

Shape = list[tuple[str, str, bool]]


def shape(block: Block) -> Shape:
    """Each span as (op, text, short)."""
    return [(span.op.value, span.text, span.short) for span in block]


def synthetic_row(*pieces: tuple[PieceOp, str]) -> Row:
    """A modified row with this diff and no classes (as engine 1.0 stored it)."""
    diff = tuple(Piece(op, text) for op, text in pieces)
    return Row(RowOp.MODIFIED, (0,), (0,), 0.5, diff)


EQUAL, DELETE, INSERT = PieceOp.EQUAL, PieceOp.DELETE, PieceOp.INSERT


@pytest.mark.parametrize(
    ("row", "left", "right", "inline"),
    [
        pytest.param(
            only_row("It was a big deal today.", "It was a deal today."),
            [
                ("equal", "It was a ", False),
                ("delete", "big", False),
                ("equal", " deal today.", False),
            ],
            [("equal", "It was a deal today.", False)],
            [
                ("equal", "It was a ", False),
                ("delete", "big ", False),
                ("equal", "deal today.", False),
            ],
            id="deleted-word-and-its-space",
        ),
        pytest.param(
            only_row("He said so.", "He really said so."),
            [("equal", "He said so.", False)],
            [("equal", "He ", False), ("insert", "really", False), ("equal", " said so.", False)],
            [("equal", "He ", False), ("insert", "really ", False), ("equal", "said so.", False)],
            id="inserted-word-and-its-space",
        ),
        pytest.param(
            synthetic_row(
                (EQUAL, "a"), (DELETE, " big "), (INSERT, "\u00a0huge"), (EQUAL, " deal")
            ),
            [("equal", "a ", False), ("delete", "big", False), ("equal", "  deal", False)],
            [("equal", "a\u00a0", False), ("insert", "huge", False), ("equal", " deal", False)],
            [
                ("equal", "a", False),
                ("delete", " big ", False),
                ("insert", "\u00a0huge", False),
                ("equal", " deal", False),
            ],
            id="spaces-on-both-edges",
        ),
        pytest.param(
            synthetic_row((EQUAL, "Yes,"), (DELETE, "  "), (EQUAL, "he did.")),
            [("equal", "Yes,", False), ("delete", "  ", True), ("equal", "he did.", False)],
            [("equal", "Yes,he did.", False)],
            [("equal", "Yes,", False), ("delete", "  ", True), ("equal", "he did.", False)],
            id="only-spaces-stay-marked",
        ),
        pytest.param(
            only_row("It is a deal, he said.", "It is a deal he said."),
            [
                ("equal", "It is a deal", False),
                ("delete", ",", True),
                ("equal", " he said.", False),
            ],
            [("equal", "It is a deal he said.", False)],
            [
                ("equal", "It is a deal", False),
                ("delete", ",", True),
                ("equal", " he said.", False),
            ],
            id="a-comma-is-short",
        ),
        pytest.param(
            synthetic_row((EQUAL, "so"), (DELETE, " ”"), (INSERT, ' ".'), (EQUAL, " Then")),
            [("equal", "so ", False), ("delete", "”", True), ("equal", " Then", False)],
            [("equal", "so ", False), ("insert", '".', True), ("equal", " Then", False)],
            [
                ("equal", "so", False),
                ("delete", " ”", True),
                ("insert", ' ".', False),
                ("equal", " Then", False),
            ],
            id="short-marks-of-punctuation",
        ),
    ],
)
def test_side_marks_leave_their_edge_spaces_out(
    row: Row, left: Shape, right: Shape, inline: Shape
) -> None:
    assert shape(side_spans(row, DELETE)) == left
    assert shape(side_spans(row, INSERT)) == right
    assert shape(inline_spans(row)) == inline


TEXTS = st.lists(
    st.sampled_from(["word", "big", " ", "  ", "\u00a0", "\n", ",", "’", "“", ".", "—", "é"]),
    min_size=1,
    max_size=4,
).map("".join)
PIECES = st.lists(st.tuples(st.sampled_from(list(PieceOp)), TEXTS), max_size=8)


@st.composite
def rows(draw: st.DrawFn) -> Row:
    """A row of any diff, its changes classed (some ignored) or, as engine 1.0
    stored them, not at all."""
    row = synthetic_row(*draw(PIECES))
    if draw(st.booleans()):
        return row
    changes = tuple(
        Change((draw(st.sampled_from(list(ChangeClass))),), None, None, draw(st.booleans()))
        for _ in change_runs(row.diff)
    )
    return replace(row, changes=changes)


def side_text(row: Row, side: PieceOp) -> str:
    return "".join(piece.text for piece in row.diff if piece.op in (EQUAL, side))


def is_short(text: str) -> bool:
    return 0 < len(text) <= 2 and all(
        char.isspace() or unicodedata.category(char)[0] in "PS" for char in text
    )


@settings(max_examples=300, deadline=None)
@given(rows())
def test_side_spans_keep_the_sides_text_and_no_mark_has_a_space_at_an_edge(row: Row) -> None:
    for side in (DELETE, INSERT):
        spans = side_spans(row, side)
        assert "".join(span.text for span in spans) == side_text(row, side)
        assert all(span.text for span in spans)
        for before, after in pairwise(spans):
            assert not (before.op is EQUAL and after.op is EQUAL), spans
        for span in spans:
            assert span.op in (EQUAL, side)
            if span.op is not EQUAL:
                assert span.text.isspace() or span.text == span.text.strip(), span
            assert span.short == (span.op is not EQUAL and is_short(span.text)), span


@settings(max_examples=300, deadline=None)
@given(rows())
def test_inline_spans_keep_every_marked_space(row: Row) -> None:
    ignored = {
        at
        for (start, end), change in zip(change_runs(row.diff), row.changes, strict=False)
        if change.ignored
        for at in range(start, end)
    }
    shown = [
        piece for at, piece in enumerate(row.diff) if not (at in ignored and piece.op is DELETE)
    ]
    spans = inline_spans(row)
    assert "".join(span.text for span in spans) == "".join(piece.text for piece in shown)
    marked = [
        piece.text
        for at, piece in enumerate(row.diff)
        if piece.op is not EQUAL and at not in ignored
    ]
    assert [span.text for span in spans if span.op is not EQUAL] == marked


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXTS, max_size=6).map(" ".join), st.lists(TEXTS, max_size=6).map(" ".join))
def test_each_cell_of_a_real_comparison_shows_its_sides_text(left: str, right: str) -> None:
    for row in compare(left + ".", right + ".").rows:
        for side in (DELETE, INSERT):
            spans = side_spans(row, side)
            assert "".join(span.text for span in spans) == side_text(row, side)
