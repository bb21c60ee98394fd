"""Moves: a left segment the chain left out that reappears elsewhere on the right.

Only leftovers are compared, through an index of their words (skipping words
found in too many leftovers to tell them apart), and only with the few that
share the most words, so a long document is never compared all pairs against
all pairs. Pairs are taken greedily, most similar
first, each segment in at most one move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.core.candidates import AlignParams
from app.core.profile import Profile, dice, word_index


def find_moves(
    left: Sequence[Profile],
    right: Sequence[Profile],
    left_free: Sequence[int],
    right_free: Sequence[int],
    params: AlignParams,
) -> list[tuple[int, int, float]]:
    index = word_index(right, right_free)
    scored: list[tuple[float, int, int]] = []
    for i in left_free:
        nearby: list[int] = []
        for word in left[i].weights:
            postings = index.get(word, ())
            if len(postings) <= params.common_postings:
                nearby += postings
        for j, _ in Counter(nearby).most_common(params.candidates_per_segment):
            score = dice(left[i], right[j])
            if score >= params.move_threshold:
                scored.append((-score, i, j))
    scored.sort()
    taken_left: set[int] = set()
    taken_right: set[int] = set()
    moves: list[tuple[int, int, float]] = []
    for negative_score, i, j in scored:
        if i not in taken_left and j not in taken_right:
            taken_left.add(i)
            taken_right.add(j)
            moves.append((i, j, -negative_score))
    return moves
