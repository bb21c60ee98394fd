"""Lossless invariants of `compare` on random texts (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import RowOp, compare
from app.core.segmentation.segment import segment_text
from app.core.serialize import (
    comparison_from_json,
    comparison_json_text,
    comparison_to_json,
    dump_json,
)
from tests.core.helpers import coverage_problems, each_index_once_problems, lossless_problems

TOKENS = [
    "the", "talks", "Putin", "Zelensky", "Zaporizhzhia", "U.S.", "Jr.", "Sen.", "Mr.", "A.",
    "5.4", "1,000", "30-day", "café", "e\u0301", "日本", "Київ", "😀", "\u200d", "LATEST NEWS:",
    ".", ",", "?", "!", "…", "...", "—", "“", "”", "’", "‘", "„", '"', "(", ")", ":",
    "«", "»", "‚", "‹", "›", "\u202f",
]  # fmt: skip
SPACES = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "\n \n", "\r\n", "\r\n\r\n", "\u00a0", "\r"]

random_text = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.sampled_from(SPACES), st.text(max_size=4)),
    max_size=40,
).map("".join)

LONG = "European leaders met in Paris on Thursday and agreed to send more air defence."
SHORT = "European leaders met in Paris on Thursday. They agreed to send more air defence."
# A quotation of three sentences and the copy's cut of it; a sentence and
# its split with a short leftover part.
QUOTED = "“This is hard. It will take time. But it will come,” Herbst said."
CUT_QUOTE = "“This is hard. But it will come,” Herbst said."
JOINED = "Officials reached a deal over the Black Sea in March, but Kyiv pulled out."
SPLIT_UP = "Officials reached a deal over the Black Sea in March. Kyiv pulled out."
SENTENCES = [
    "The Senate passed the budget bill late on Tuesday night.",
    "Markets rallied on the news of a ceasefire in the Black Sea.",
    "Oil prices fell by three percent in early trading in London.",
    "U.S. officials are expected in Saudi Arabia next week.",
    "Zelensky said the talks focused on the Zaporizhzhia plant.",
    LONG,
    SHORT,
    "What Trump wants",
    QUOTED,
    CUT_QUOTE,
    JOINED,
    SPLIT_UP,
]
REPLACEMENTS = {LONG: SHORT, SHORT: LONG, QUOTED: CUT_QUOTE, JOINED: SPLIT_UP, SPLIT_UP: JOINED}


def _reword(sentence: str, position: int, word: str) -> str:
    words = sentence.split()
    words[position % len(words)] = word
    return " ".join(words)


@st.composite
def news_pair(draw: st.DrawFn) -> tuple[str, str]:
    """An article and an edited copy: sentences kept, reworded, split, merged, cut, added, moved."""
    left = draw(st.lists(st.sampled_from(SENTENCES), max_size=10))
    right: list[str] = []
    for sentence in left:
        edit = draw(st.sampled_from(["keep", "keep", "reword", "regroup", "cut", "add"]))
        if edit == "reword":
            sentence = _reword(sentence, draw(st.integers(0, 12)), "reportedly")
        elif edit == "regroup":
            sentence = REPLACEMENTS.get(sentence, sentence)
        elif edit == "add":
            right.append(draw(st.sampled_from(SENTENCES)))
        if edit != "cut":
            right.append(sentence)
    if len(right) > 1 and draw(st.booleans()):
        right.insert(draw(st.integers(0, len(right) - 1)), right.pop())
    return _layout(draw, left), _layout(draw, right)


def _words(text: str) -> list[str]:
    return text.split()


def _layout(draw: st.DrawFn, sentences: list[str]) -> str:
    return "".join(sentence + draw(st.sampled_from(SPACES)) for sentence in sentences)


any_pair = st.one_of(st.tuples(random_text, random_text), news_pair())
any_text = st.one_of(random_text, news_pair().map(lambda pair: pair[0]))
granularities = st.sampled_from(["word", "char"])

EXAMPLES = 100


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities)
def test_rows_spell_both_texts_exactly(pair: tuple[str, str], granularity: str) -> None:
    left, right = pair
    comparison = compare(left, right, granularity=granularity)
    assert lossless_problems(comparison) == []


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair)
def test_every_segment_in_exactly_one_row(pair: tuple[str, str]) -> None:
    left, right = pair
    assert each_index_once_problems(compare(left, right)) == []


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair)
def test_sides_keep_the_input_and_segments_cover_it(pair: tuple[str, str]) -> None:
    left, right = pair
    comparison = compare(left, right)
    assert comparison.left.text == left.replace("\r\n", "\n")
    assert comparison.right.text == right.replace("\r\n", "\n")
    for side in (comparison.left, comparison.right):
        assert coverage_problems(side.text, side.segments) == []


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_text)
def test_segment_text_covers_every_visible_character(text: str) -> None:
    assert coverage_problems(text, segment_text(text)) == []


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair)
def test_rows_in_right_reading_order_with_consistent_kinds(pair: tuple[str, str]) -> None:
    left, right = pair
    comparison = compare(left, right)
    right_order = [j for row in comparison.rows for j in row.right]
    assert right_order == sorted(right_order)
    kept_left = [i for row in comparison.rows if row.op is not RowOp.MOVED for i in row.left]
    assert kept_left == sorted(kept_left)
    sizes = {
        RowOp.EQUAL: {(1, 1)},
        RowOp.MODIFIED: {(1, 1)},
        # A sentence moved whole, or merged with its neighbour or split on the way.
        RowOp.MOVED: {(1, 1), (2, 1), (1, 2)},
        RowOp.SPLIT: {(1, 2), (1, 3)},
        RowOp.MERGED: {(2, 1), (3, 1)},
        RowOp.INSERTED: {(0, 1)},
        RowOp.DELETED: {(1, 0)},
    }
    for row in comparison.rows:
        assert (len(row.left), len(row.right)) in sizes[row.op]
        if row.op in (RowOp.EQUAL, RowOp.MODIFIED):
            same_words = _words(comparison.left.span_text(row.left)) == _words(
                comparison.right.span_text(row.right)
            )
            assert same_words == (row.op is RowOp.EQUAL)
        for indices in (row.left, row.right):
            if indices:
                assert list(indices) == list(range(indices[0], indices[-1] + 1))
    for before, after in zip(comparison.rows, comparison.rows[1:], strict=False):
        assert (before.op, after.op) != (RowOp.INSERTED, RowOp.DELETED)


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities)
def test_stats_agree_with_rows(pair: tuple[str, str], granularity: str) -> None:
    left, right = pair
    comparison = compare(left, right, granularity=granularity)
    stats = comparison.stats
    assert stats.rows == {op: sum(row.op is op for row in comparison.rows) for op in RowOp}
    assert 0.0 <= stats.similarity <= 1.0
    assert all(0.0 <= row.similarity <= 1.0 for row in comparison.rows)
    assert min(stats.words.equal, stats.words.deleted, stats.words.inserted) >= 0


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities)
def test_json_round_trip_gives_an_equal_comparison(pair: tuple[str, str], granularity: str) -> None:
    left, right = pair
    comparison = compare(left, right, granularity=granularity)
    data = json.loads(json.dumps(comparison_to_json(comparison)))
    assert data["schema"] == 1
    assert comparison_from_json(data) == comparison


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities)
def test_same_inputs_give_identical_json(pair: tuple[str, str], granularity: str) -> None:
    left, right = pair
    first = json.dumps(comparison_to_json(compare(left, right, granularity=granularity)))
    second = json.dumps(comparison_to_json(compare(left, right, granularity=granularity)))
    assert first == second


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair)
def test_the_stored_json_text_is_the_comparison_json(pair: tuple[str, str]) -> None:
    comparison = compare(*pair)
    assert comparison_json_text(comparison) == dump_json(comparison_to_json(comparison))
