"""A leftover part of a split or merge joins the row it came from (app.core.alignment.fragments)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from app.core import Comparison, RowOp, compare
from app.core.alignment.candidates import Block
from app.core.alignment.fragments import join_fragments
from app.core.alignment.profile import Profile
from tests.core.helpers import find_segment, row_with

SEED = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks"
# The original's sentence, and the copy's version of it (reworded and with
# "Kyiv" spelt "Kiev").
ORIGINAL = "over the Black Sea in March 2024, but Kyiv pulled out."
COPY = "on the Black Sea in March 2024, but Kiev backed out."


def profile(words: str) -> Profile:
    """A segment whose words all weigh 1."""
    weights = {word: 1.0 for word in words.split()}
    return Profile(words, weights, float(len(weights)), False, len(weights))


S = profile("officials reached a deal over the sea but kyiv pulled out")
HEAD = profile("officials reached a deal over the sea")
TAIL = profile("kyiv pulled out")
OTHER = profile("moscow walked away")


def _mirrored(chain: list[Block]) -> list[Block]:
    return [Block(block.right, block.left, block.gain) for block in chain]


@pytest.mark.parametrize(
    ("others", "parts", "chain", "expected"),
    [
        pytest.param([S], [HEAD, TAIL], [((0,), (0,))], ((0,), (0, 1)), id="leftover-after"),
        pytest.param([S], [TAIL, HEAD], [((0,), (1,))], ((0,), (0, 1)), id="leftover-before"),
        pytest.param(
            [OTHER, S, OTHER],
            [OTHER, HEAD, TAIL, OTHER],
            [((0,), (0,)), ((1,), (1,)), ((2,), (3,))],
            ((1,), (1, 2)),
            id="between-linked-rows",
        ),
    ],
)
def test_leftover_joins_its_row(
    others: list[Profile],
    parts: list[Profile],
    chain: list[tuple[tuple[int, ...], tuple[int, ...]]],
    expected: tuple[tuple[int, ...], tuple[int, ...]],
) -> None:
    blocks = [Block(left, right, 1.0) for left, right in chain]
    # A split: the single sentence on the left, its parts on the right ...
    assert Block(*expected, 1.0) in join_fragments(blocks, others, parts)
    # ... and the same seen from the other side, a merge.
    merged = join_fragments(_mirrored(blocks), parts, others)
    assert Block(expected[1], expected[0], 1.0) in merged


@pytest.mark.parametrize(
    "parts",
    [
        # The row's part already holds all of the single sentence: nothing is
        # left over for a neighbour to be part of.
        pytest.param([S, TAIL], id="nothing-left-over"),
        # Half of the neighbour's words are new: a new sentence, not a part.
        pytest.param([HEAD, profile("kyiv pulled out of grain talks")], id="new-words"),
        # One of a run of leftovers: more likely new text than a fragment.
        pytest.param([HEAD, TAIL, OTHER], id="not-lone"),
        # A single word.
        pytest.param([HEAD, profile("kyiv")], id="one-word"),
    ],
)
def test_leftover_does_not_join(parts: list[Profile]) -> None:
    chain = [Block((0,), (0,), 1.0)]
    assert join_fragments(chain, [S], parts) == chain
    assert join_fragments(_mirrored(chain), parts, [S]) == _mirrored(chain)


def test_leftover_does_not_join_a_row_too_unlike_once_joined() -> None:
    # All of the leftover's words are in the single sentence, but the two
    # together still match too little of it to read as its split.
    single = profile("a b c d e f g h i j k l m n o p")
    chain = [Block((0,), (0,), 1.0)]
    assert join_fragments(chain, [single], [profile("a b"), profile("c d")]) == chain


@functools.cache
def seed_texts() -> tuple[str, str]:
    original = (SEED / "original.txt").read_text(encoding="utf-8")
    copy = (SEED / "copy.txt").read_text(encoding="utf-8")
    assert ORIGINAL in original and COPY in copy
    return original, copy


def _row_of_black_sea_deal(comparison: Comparison) -> tuple[int, ...]:
    row = row_with(comparison, left=find_segment(comparison.left, "Ukrainian and Russian"))
    return row.right


def test_seed_sentence_split_in_two_is_one_split_row() -> None:
    # The case: the copy cut "…, but Kyiv pulled out." in two.
    original, copy = seed_texts()
    comparison = compare(
        original, copy.replace(COPY, "on the Black Sea in March 2024. Kyiv pulled out.")
    )
    assert _row_of_black_sea_deal(comparison) == (
        find_segment(comparison.right, "Ukrainian and Russian"),
        find_segment(comparison.right, "Kyiv pulled out."),
    )


@pytest.mark.parametrize(
    "edited",
    [
        "on the Black Sea in March 2024. Kyiv later pulled out of the talks.",
        COPY + " Kiev backed out of talks on the Black Sea deal again in May.",
    ],
    ids=["new-words", "after-a-sentence-kept-whole"],
)
def test_seed_new_sentence_after_a_similar_one_stays_inserted(edited: str) -> None:
    original, copy = seed_texts()
    comparison = compare(original, copy.replace(COPY, edited))
    added = edited.split(". ")[-1]
    assert row_with(comparison, right=find_segment(comparison.right, added)).op is RowOp.INSERTED
    assert len(_row_of_black_sea_deal(comparison)) == 1
