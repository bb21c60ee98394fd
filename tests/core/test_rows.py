"""One hand-written case per row kind, and the order rows come in."""

from __future__ import annotations

import pytest

from app.core import Comparison, RowOp, compare
from tests.core.helpers import each_index_once_problems, lossless_problems, pairs, side_texts

SENATE = "The Senate passed the budget bill late on Tuesday night."
MARKETS = "Markets rallied on the news of a ceasefire in the Black Sea."
OIL = "Oil prices fell by three percent in early trading in London."
BANK = "The central bank kept interest rates unchanged for a fourth month."
ANALYSTS = "Analysts expect the currency to strengthen before the summer."
SENATE_REWORDED = "The Senate approved the budget bill late on Tuesday night."

MET = "European leaders met in Paris on Thursday"
AGREED = "agreed to send more air defence systems to Ukraine before winter"
PROMISED = "promised to fund a new drone factory near Lviv"
ONE_LONG = f"{MET}, {AGREED}, and {PROMISED}."
THREE_SHORT = f"{MET}. They {AGREED}. They also {PROMISED}."
TWO_SHORT = f"{MET}. They {AGREED}."
ONE_OF_TWO = f"{MET} and {AGREED}."

Expected = list[tuple[RowOp, tuple[int, ...], tuple[int, ...]]]


def lines(*sentences: str) -> str:
    return "\n".join(sentences)


def shape(comparison: Comparison) -> Expected:
    return [(row.op, row.left, row.right) for row in comparison.rows]


E, M, SP, MG, MV, INS, DEL = (
    RowOp.EQUAL,
    RowOp.MODIFIED,
    RowOp.SPLIT,
    RowOp.MERGED,
    RowOp.MOVED,
    RowOp.INSERTED,
    RowOp.DELETED,
)

CASES = [
    pytest.param(
        "Talks resumed in Riyadh on Monday.  Officials were upbeat.\n",
        "Talks resumed in Riyadh on Monday. Officials  were\tupbeat.",
        [(E, (0,), (0,)), (E, (1,), (1,))],
        id="equal-but-for-whitespace",
    ),
    pytest.param(
        f"{SENATE} {MARKETS}\n{OIL}",
        f"{SENATE} {MARKETS}\n\n\n{OIL}\n",
        [(E, (0,), (0,)), (E, (1,), (1,)), (E, (2,), (2,))],
        id="equal-other-paragraph-convention",
    ),
    pytest.param(
        "Talks resumed in Riyadh on Monday. Officials were upbeat about a deal.",
        "Talks resumed in Riyadh on Monday. Officials were optimistic about a deal.",
        [(E, (0,), (0,)), (M, (1,), (1,))],
        id="modified-one-word",
    ),
    pytest.param(
        f"{SENATE} {MARKETS}",
        f"{SENATE} {MARKETS.lower()}",
        [(E, (0,), (0,)), (M, (1,), (1,))],
        id="modified-case-only",
    ),
    pytest.param(
        f"{ONE_OF_TWO} {OIL}",
        f"{TWO_SHORT} {OIL}",
        [(SP, (0,), (0, 1)), (E, (1,), (2,))],
        id="split-in-two",
    ),
    pytest.param(
        lines(SENATE, ONE_LONG, OIL),
        lines(SENATE, THREE_SHORT, OIL),
        [(E, (0,), (0,)), (SP, (1,), (1, 2, 3)), (E, (2,), (4,))],
        id="split-in-three",
    ),
    pytest.param(
        f"{TWO_SHORT} {OIL}",
        f"{ONE_OF_TWO} {OIL}",
        [(MG, (0, 1), (0,)), (E, (2,), (1,))],
        id="merged-two",
    ),
    pytest.param(
        lines(SENATE, THREE_SHORT, OIL),
        lines(SENATE, ONE_LONG, OIL),
        [(E, (0,), (0,)), (MG, (1, 2, 3), (1,)), (E, (4,), (2,))],
        id="merged-three",
    ),
    pytest.param(
        " ".join([SENATE, MARKETS, OIL, BANK, ANALYSTS]),
        " ".join([SENATE, OIL, BANK, MARKETS, ANALYSTS]),
        [(E, (0,), (0,)), (E, (2,), (1,)), (E, (3,), (2,)), (MV, (1,), (3,)), (E, (4,), (4,))],
        id="moved-down",
    ),
    pytest.param(
        lines(SENATE, MARKETS, OIL, BANK, ANALYSTS),
        lines(BANK, SENATE, MARKETS, OIL, ANALYSTS),
        [(MV, (3,), (0,)), (E, (0,), (1,)), (E, (1,), (2,)), (E, (2,), (3,)), (E, (4,), (4,))],
        id="moved-up",
    ),
    pytest.param(
        lines(SENATE, MARKETS, OIL, BANK, ANALYSTS),
        lines(MARKETS, OIL, BANK, ANALYSTS, SENATE_REWORDED),
        [(E, (1,), (0,)), (E, (2,), (1,)), (E, (3,), (2,)), (E, (4,), (3,)), (MV, (0,), (4,))],
        id="moved-and-reworded",
    ),
    pytest.param(
        lines(SENATE, MARKETS, OIL),
        lines(SENATE, OIL),
        [(E, (0,), (0,)), (DEL, (1,), ()), (E, (2,), (1,))],
        id="deleted",
    ),
    pytest.param(
        lines(SENATE, OIL),
        lines(SENATE, MARKETS, OIL),
        [(E, (0,), (0,)), (INS, (), (1,)), (E, (1,), (2,))],
        id="inserted",
    ),
]


@pytest.mark.parametrize(("left", "right", "expected"), CASES)
def test_row_kinds(left: str, right: str, expected: Expected) -> None:
    comparison = compare(left, right)
    assert shape(comparison) == expected
    assert lossless_problems(comparison) == []
    assert each_index_once_problems(comparison) == []


def test_whole_paragraph_moved_is_two_moved_rows_in_place() -> None:
    first = f"{SENATE} It now goes to the House."
    rest = [f"{MARKETS} Traders were cautious.", f"{OIL} Gas prices held steady.", BANK]
    comparison = compare("\n\n".join([first, *rest]), "\n\n".join([*rest, first]))
    moved = [row for row in comparison.rows if row.op is RowOp.MOVED]
    assert [(row.left, row.right) for row in moved] == [((0,), (5,)), ((1,), (6,))]
    assert comparison.rows[-2:] == tuple(moved)
    assert {row.op for row in comparison.rows[:-2]} == {RowOp.EQUAL}


def test_modified_row_diff_names_the_changed_words() -> None:
    comparison = compare(
        "Officials were upbeat about a deal.", "Officials were optimistic about a deal."
    )
    (row,) = comparison.rows
    assert [p for p in pairs(row.diff) if p[0] != "equal"] == [
        ("delete", "upbeat"),
        ("insert", "optimistic"),
    ]


def test_split_diff_shows_only_the_seam() -> None:
    (split, _) = compare(f"{ONE_OF_TWO} {OIL}", f"{TWO_SHORT} {OIL}").rows
    changed = [(op, text.strip()) for op, text in pairs(split.diff) if op != "equal"]
    assert changed == [("delete", "and"), ("insert", ". They")]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        pytest.param(
            lines(SENATE, MARKETS, OIL),
            lines(SENATE, BANK, OIL),
            [E, DEL, INS, E],
            id="replaced-in-the-middle",
        ),
        pytest.param(
            lines(SENATE, MARKETS, OIL),
            lines(SENATE, ANALYSTS, BANK, OIL),
            [E, DEL, INS, INS, E],
            id="one-cut-two-added",
        ),
        pytest.param(
            lines(MARKETS, SENATE, OIL),
            lines(BANK, SENATE, OIL),
            [DEL, INS, E, E],
            id="replaced-at-the-start",
        ),
        pytest.param(
            lines(SENATE, OIL, MARKETS),
            lines(SENATE, OIL, BANK),
            [E, E, DEL, INS],
            id="replaced-at-the-end",
        ),
    ],
)
def test_deleted_row_stands_where_its_text_was_cut(
    left: str, right: str, expected: list[RowOp]
) -> None:
    assert [row.op for row in compare(left, right).rows] == expected


def test_rows_follow_the_reading_order_of_the_right_text() -> None:
    left = lines(SENATE, MARKETS, ONE_OF_TWO, OIL, BANK)
    right = lines(BANK, SENATE, TWO_SHORT, ANALYSTS, OIL)
    comparison = compare(left, right)
    right_order = [j for row in comparison.rows for j in row.right]
    assert right_order == list(range(len(comparison.right.segments)))
    kept_left = [i for row in comparison.rows if row.op is not RowOp.MOVED for i in row.left]
    assert kept_left == sorted(kept_left)
    assert shape(comparison) == [
        (MV, (4,), (0,)),
        (E, (0,), (1,)),
        (DEL, (1,), ()),
        (SP, (2,), (2, 3)),
        (INS, (), (4,)),
        (E, (3,), (5,)),
    ]


def test_moved_identical_sentence_does_not_displace_the_ones_in_order() -> None:
    comparison = compare(lines(SENATE, OIL, BANK), lines(BANK, SENATE_REWORDED, OIL))
    assert shape(comparison) == [(MV, (2,), (0,)), (M, (0,), (1,)), (E, (1,), (2,))]


@pytest.mark.parametrize(
    ("text", "granularity"), [(lines(SENATE, ONE_LONG), "word"), (THREE_SHORT, "char")]
)
def test_same_text_twice_is_all_equal(text: str, granularity: str) -> None:
    comparison = compare(text, text, granularity=granularity)
    assert {row.op for row in comparison.rows} == {RowOp.EQUAL}
    assert comparison.stats.similarity == 1.0
    assert len(comparison.rows) == len(side_texts(comparison.left))


def test_row_similarity_bounds_by_kind() -> None:
    comparison = compare(
        lines(SENATE, MARKETS, ONE_OF_TWO, OIL), lines(BANK, SENATE_REWORDED, TWO_SHORT, OIL)
    )
    assert {row.op for row in comparison.rows} == {INS, M, DEL, SP, E}
    for row in comparison.rows:
        assert 0.0 <= row.similarity <= 1.0
        if row.op in (RowOp.INSERTED, RowOp.DELETED):
            assert row.similarity == 0.0
        if row.op is RowOp.EQUAL:
            assert row.similarity == 1.0
    assert comparison.stats.rows == {
        op: sum(row.op is op for row in comparison.rows) for op in RowOp
    }


def test_empty_sides() -> None:
    only_right = compare("", SENATE)
    only_left = compare(f"{SENATE} {OIL}", "  \n")
    assert shape(only_right) == [(INS, (), (0,))]
    assert shape(only_left) == [(DEL, (0,), ()), (DEL, (1,), ())]
    assert compare("", "").rows == ()
