"""Long segments cut into pieces: bounded, lossless, the same on every run,
and cut where a shift of the text moves few cuts."""

from __future__ import annotations

import random

import pytest

from app.core import SegmentKind, compare
from app.core.segmentation.long_segments import MAX_CHARS, MIN_CHARS
from app.core.segmentation.segment import segment_text
from tests.core.helpers import coverage_problems, left_of, right_of, segment_texts

_WORDS = random.Random(14)
WORDS = ["".join(_WORDS.choices("abcdefghij", k=_WORDS.randint(2, 9))) for _ in range(3_000)]

LONG = [
    pytest.param(" ".join(WORDS), id="no-punctuation"),
    pytest.param(", ".join(" ".join(WORDS[k : k + 7]) for k in range(0, 3_000, 7)), id="clauses"),
    pytest.param("abcdefghij" * 500, id="no-space"),
    pytest.param(("x" * 1_500 + " ") * 4 + "end.", id="words-longer-than-a-piece"),
    pytest.param(" ".join(WORDS[:400]) + "." + " Short one.", id="then-a-short-sentence"),
]


@pytest.mark.parametrize("text", LONG)
def test_long_segments_are_cut_into_bounded_pieces_covering_the_text(text: str) -> None:
    segments = segment_text(text)
    assert coverage_problems(text, segments) == []
    assert all(s.end - s.start <= MAX_CHARS for s in segments)
    assert SegmentKind.PIECE in {s.kind for s in segments}
    assert segment_text(text) == segments


def test_a_sentence_within_the_bound_is_left_whole() -> None:
    text = " ".join(WORDS[:150]) + "."  # about 900 characters
    assert len(text) <= MAX_CHARS
    assert [s.kind for s in segment_text(text)] == [SegmentKind.SENTENCE]


def test_pieces_end_after_a_clause_mark_or_a_picked_word_once_long_enough() -> None:
    text = ", ".join(" ".join(WORDS[k : k + 7]) for k in range(0, 3_000, 7))
    pieces = segment_texts(text, segment_text(text))
    assert all(len(piece) >= MIN_CHARS for piece in pieces[:-1])
    assert sum(piece.endswith(",") for piece in pieces) > len(pieces) // 2


def test_a_word_inserted_at_the_start_moves_only_the_first_cuts() -> None:
    text = " ".join(WORDS)
    shifted = "inserted " + text
    before = segment_texts(text, segment_text(text))
    after = segment_texts(shifted, segment_text(shifted))
    assert len(set(before) - set(after)) <= 2


def test_a_long_sentence_reworded_is_compared_piece_by_piece_losslessly() -> None:
    left = " ".join(WORDS)
    right = " ".join(word if k % 2 else word.upper() for k, word in enumerate(WORDS))
    comparison = compare(left, right)
    assert len(comparison.rows) > len(left) // MAX_CHARS
    for row in comparison.rows:
        assert left_of(row.diff) == comparison.left.span_text(row.left)
        assert right_of(row.diff) == comparison.right.span_text(row.right)
