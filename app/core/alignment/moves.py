"""Moves: left segments the chain left out that reappear elsewhere on the right.

Only leftovers are compared, through an index of their words (skipping words
found in too many leftovers to tell them apart), and only with the few that
share the most words, so a long document is never compared all pairs against
all pairs. Pairs are taken greedily, most similar first, each segment in at
most one move.

A sentence may move and be merged with its neighbour on the way, or split
(two sentences that left together come back as one, or one as two): a
leftover pair widens to two neighbouring leftovers of one side when each of
them is largely found in the other side and the whole is more similar than
the pair alone. It is one moved row, not a part moved and a part cut or
added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.core.alignment.candidates import AlignParams
from app.core.alignment.profile import Profile, combine, dice, shared_weight, word_index

# A move: the left segments, the right ones, and their similarity.
Move = tuple[tuple[int, ...], tuple[int, ...], float]
_Shape = tuple[tuple[tuple[int, ...], tuple[int, ...]], float]


def find_moves(
    left: Sequence[Profile],
    right: Sequence[Profile],
    left_free: Sequence[int],
    right_free: Sequence[int],
    params: AlignParams,
) -> list[Move]:
    index = word_index(right, right_free)
    free = (set(left_free), set(right_free))
    scored: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
    for i in left_free:
        nearby: list[int] = []
        for word in left[i].weights:
            postings = index.get(word, ())
            if len(postings) <= params.common_postings:
                nearby += postings
        for j in _most_shared(nearby, len(left[i].weights) == 1, params.candidates_per_segment):
            for parts, score in _shapes(left, right, i, j, free, params):
                if score >= params.move_threshold:
                    scored.append((-score, *parts))
    scored.sort()
    taken: set[tuple[int, int]] = set()
    moves: list[Move] = []
    for negative_score, lefts, rights in scored:
        claimed = {(0, i) for i in lefts} | {(1, j) for j in rights}
        if taken.isdisjoint(claimed):
            taken |= claimed
            moves.append((lefts, rights, -negative_score))
    return moves


def _most_shared(nearby: list[int], distinct: bool, count: int) -> list[int]:
    """The segments listed most often, of equals the first listed. The postings
    of one word list each segment once: the first of them, with no count."""
    if distinct:
        return nearby[:count]
    return [j for j, _ in Counter(nearby).most_common(count)]


def _shapes(
    left: Sequence[Profile],
    right: Sequence[Profile],
    i: int,
    j: int,
    free: tuple[set[int], set[int]],
    params: AlignParams,
) -> list[_Shape]:
    """The move of i to j, and of i with a free neighbour (merged on the way) or
    to j with one (split on the way), each with its similarity."""
    single = dice(left[i], right[j])
    shapes: list[_Shape] = [(((i,), (j,)), single)]
    if single >= 1.0:
        return shapes  # the same words: a neighbour joined could only add others
    # Each part of a merge (or split) must be largely found in the whole: the
    # segment itself first, once for both of its neighbours.
    if _contained(left[i], right[j], params):
        for k in (i - 1, i + 1):
            if k in free[0] and _groupable(left[k], right[j], params):
                parts = (min(i, k), max(i, k))
                merged = combine([left[n] for n in parts])
                shapes.append(((parts, (j,)), dice(merged, right[j])))
    if _contained(right[j], left[i], params):
        for k in (j - 1, j + 1):
            if k in free[1] and _groupable(right[k], left[i], params):
                parts = (min(j, k), max(j, k))
                split = combine([right[n] for n in parts])
                shapes.append((((i,), parts), dice(left[i], split)))
    return [shapes[0], *(shape for shape in shapes[1:] if shape[1] > single)]


def _groupable(part: Profile, whole: Profile, params: AlignParams) -> bool:
    """Whether a neighbour may join a move: largely found in the whole (an
    unrelated neighbour is not), and no heading."""
    return not part.is_heading and _contained(part, whole, params)


def _contained(part: Profile, whole: Profile, params: AlignParams) -> bool:
    return bool(part.total) and shared_weight(part.weights, whole.weights) / part.total >= (
        params.containment
    )
