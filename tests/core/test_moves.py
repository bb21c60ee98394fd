"""Moved text that was also merged or split on the way: one moved row linking the
parts, not a part moved and a part cut or added; and where it must not fire."""

from __future__ import annotations

import pytest

from app.core import RowOp, compare
from tests.core.helpers import each_index_once_problems, lossless_problems

STAY = [
    "The Senate passed the budget bill late on Tuesday night after a long debate.",
    "Markets rallied on the news of a ceasefire in the Black Sea region.",
    "Oil prices fell by three percent in early trading in London on Wednesday.",
    "Zelensky said the talks focused on the Zaporizhzhia nuclear power plant.",
    "European leaders met in Paris on Thursday to discuss more air defence.",
    "The central bank kept its main interest rate unchanged at four percent.",
]
FIRST = "Analysts warned that the budget deal could still collapse before the vote."
SECOND = "Several senators said they would oppose the measure in its current form."
JOINED = (
    "Analysts warned that the budget deal could still collapse before the vote, "
    "and several senators said they would oppose the measure in its current form."
)
UNRELATED = "A storm closed the port of Odesa for two days last week, officials said."


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def moved_rows(left: str, right: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    comparison = compare(left, right)
    assert lossless_problems(comparison) == []
    assert each_index_once_problems(comparison) == []
    return [(row.left, row.right) for row in comparison.rows if row.op is RowOp.MOVED]


# (left, right, the moved rows: left segments, right segments)
MOVED_AND_REGROUPED = [
    pytest.param(
        article(STAY[0], FIRST, SECOND, *STAY[1:]),
        article(STAY[0], *STAY[1:5], JOINED, STAY[5]),
        [((1, 2), (5,))],
        id="merged on the way",
    ),
    pytest.param(
        article(STAY[0], JOINED, *STAY[1:]),
        article(STAY[0], *STAY[1:5], FIRST, SECOND, STAY[5]),
        [((1,), (5, 6))],
        id="split on the way",
    ),
    pytest.param(
        article(*STAY[:5], FIRST, SECOND, STAY[5]),
        article(JOINED, *STAY),
        [((5, 6), (0,))],
        id="merged and moved up",
    ),
]
# A moved sentence beside an unrelated sentence cut or added: the move alone.
MOVED_ALONE = [
    pytest.param(
        article(STAY[0], FIRST, UNRELATED, *STAY[1:]),
        article(STAY[0], *STAY[1:5], FIRST, STAY[5]),
        [((1,), (5,))],
        id="beside a cut sentence",
    ),
    pytest.param(
        article(STAY[0], FIRST, *STAY[1:]),
        article(STAY[0], *STAY[1:5], FIRST, UNRELATED, STAY[5]),
        [((1,), (5,))],
        id="beside an added sentence",
    ),
    pytest.param(
        article(STAY[0], FIRST, SECOND, *STAY[1:]),
        article(STAY[0], *STAY[1:5], FIRST, SECOND, STAY[5]),
        [((1,), (5,)), ((2,), (6,))],
        id="two sentences moved, each whole",
    ),
]


@pytest.mark.parametrize(("left", "right", "expected"), MOVED_AND_REGROUPED + MOVED_ALONE)
def test_moves(
    left: str, right: str, expected: list[tuple[tuple[int, ...], tuple[int, ...]]]
) -> None:
    assert sorted(moved_rows(left, right)) == expected


def test_moved_and_merged_is_neither_cut_nor_added() -> None:
    left = article(STAY[0], FIRST, SECOND, *STAY[1:])
    right = article(STAY[0], *STAY[1:5], JOINED, STAY[5])
    ops = [row.op for row in compare(left, right).rows]
    assert RowOp.DELETED not in ops and RowOp.INSERTED not in ops
