"""Sentence profiles: the shared weight of two bags of words is order-free."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import SegmentKind, Side
from app.core.alignment.profile import (
    Profile,
    build_profiles,
    exact_key,
    idf_of,
    shared_weight,
    words_of,
)
from app.core.segmentation.segment import segment_text
from app.core.worddiff.tokens import tokenize

weights = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=3),
    st.floats(min_value=0.01, max_value=10.0, allow_nan=False),
    max_size=30,
)


@given(weights, weights)
def test_shared_weight_does_not_depend_on_the_order_of_the_words(
    a: dict[str, float], b: dict[str, float]
) -> None:
    # The shared words come in the order of one of the bags: the sum must be
    # the same in any order, to the last bit.
    in_sorted_order = math.fsum(min(a[word], b[word]) for word in sorted(a.keys() & b.keys()))
    assert shared_weight(a, b) == in_sorted_order
    assert shared_weight(b, a) == in_sorted_order


def _side(text: str) -> Side:
    return Side(text, segment_text(text))


def _plain_profiles(left: Side, right: Side) -> tuple[list[Profile], ...]:
    """Each segment's profile made on its own, nothing shared between segments."""
    counts = [
        [Counter(words_of(tokenize(side.text[s.start : s.end]))) for s in side.segments]
        for side in (left, right)
    ]
    idf = idf_of(counts[0] + counts[1])
    return tuple(
        [
            Profile(
                key=exact_key(side.text[s.start : s.end]),
                weights={word: n * idf[word] for word, n in c.items()},
                total=sum(n * idf[word] for word, n in c.items()),
                is_heading=s.kind is SegmentKind.HEADING,
                word_count=sum(c.values()),
            )
            for s, c in zip(side.segments, side_counts, strict=True)
        ]
        for side, side_counts in zip((left, right), counts, strict=True)
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        pytest.param("Yes\n\nNo\n\nYes\n\nYes", "No\n\nYes\n\nMaybe", id="one-word-paragraphs"),
        pytest.param(
            "Stop\n\nWe said so and left the room at once, and then we went home. Stop",
            "Stop.\n\nStop",
            id="same-text-heading-and-sentence",
        ),
        pytest.param("no no no\n\nNo\n\nno", "no\n\nno no no", id="one-word-repeated"),
        pytest.param("—\n\n—\n\nWord", "Word\n\n…", id="no-word-at-all"),
        pytest.param("Ukraine\n\nUkrainian", "Ukraine said so.\n\nUkrainian", id="same-stem"),
    ],
)
def test_segments_of_one_word_share_the_profile_they_would_have_alone(
    left: str, right: str
) -> None:
    left_side, right_side = _side(left), _side(right)
    tokens = tuple(
        [tokenize(side.text[s.start : s.end]) for s in side.segments]
        for side in (left_side, right_side)
    )
    profiles = build_profiles(left_side, right_side, (tokens[0], tokens[1]))
    assert profiles == _plain_profiles(left_side, right_side)
