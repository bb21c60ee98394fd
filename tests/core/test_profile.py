"""Sentence profiles: the shared weight of two bags of words is order-free."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from app.core.alignment.profile import shared_weight

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
