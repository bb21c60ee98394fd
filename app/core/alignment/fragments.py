"""Leftover parts of splits and merges, joined to the row they came from.

"… in March 2024, but Kyiv pulled out." cut in two leaves "Kyiv pulled out."
too short to pass as a split of its own in the chain (a split must be
similar enough as a whole), so it would stand as an inserted row next to the
row that holds the rest. A segment the chain left out joins the row next to
it when the other side of that row holds most of its words that the row's
own side does not already match: a 1-1 row becomes a split (or a merge), a
split gains a third part.

The guard against sweeping in a new sentence that merely resembles its
neighbour is "does not already match": a sentence added after one that
survived whole finds nothing left over to be made of ("Talks resumed in
March." -> "Talks resumed in March. Talks resumed again in May." keeps the
second sentence inserted).

A lone left segment and a lone right one left between the same two rows,
whose texts are the same but for their digits ("Vote: 7-2" -> "Vote: 6-3",
too few words to be similar enough for the chain), are one row too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.alignment.candidates import Block
from app.core.alignment.profile import Profile, combine, dice, shared_weight

MAX_PARTS = 3  # as the chain's splits and merges
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class FragmentParams:
    # Share of a leftover's word weight that the row's other side must hold
    # beyond what the row's own side already matches: nearly all of it. On
    # the essay-revision gold set a lower share joins more sentences that
    # the annotators read as new ones than parts of a split.
    containment: float = 0.8
    # Similarity of the row's two sides once joined, as the chain asks of a
    # split or merge (`AlignParams.group_threshold`).
    joined_similarity: float = 0.65
    min_words: int = 2  # a leftover of fewer words joins nothing


def join_fragments(
    chain: list[Block],
    left: Sequence[Profile],
    right: Sequence[Profile],
    params: FragmentParams | None = None,
) -> list[Block]:
    """`chain` with each lone leftover segment that is part of a neighbouring
    row's split or merge taken into that row."""
    params = params or FragmentParams()
    joined = _join_side(chain, right, left, params, right_side=True)
    return _renumbered_pairs(_join_side(joined, left, right, params, right_side=False), left, right)


def _renumbered_pairs(
    chain: list[Block], left: Sequence[Profile], right: Sequence[Profile]
) -> list[Block]:
    """`chain` with a row for each lone pair of leftovers between two rows whose
    texts differ in their digits alone."""
    blocks: list[Block] = []
    left_next = right_next = 0
    for block in [*chain, Block((len(left),), (len(right),), 0.0)]:
        if block.left[0] - left_next == 1 and block.right[0] - right_next == 1:
            left_key, right_key = left[left_next].key, right[right_next].key
            if left_key != right_key and _DIGITS.sub("0", left_key) == _DIGITS.sub("0", right_key):
                blocks.append(Block((left_next,), (right_next,), 0.0))
        blocks.append(block)
        left_next, right_next = block.left[-1] + 1, block.right[-1] + 1
    return blocks[:-1]


def _join_side(
    chain: list[Block],
    own: Sequence[Profile],
    other: Sequence[Profile],
    params: FragmentParams,
    right_side: bool,
) -> list[Block]:
    """Join the leftovers of one side (`own`): the right for splits, the left
    for merges. A leftover between two rows joins the one it fits better."""
    blocks = list(chain)
    # The chain position of the block that holds each linked segment of `own`.
    linked = [block.right for block in blocks] if right_side else [block.left for block in blocks]
    holder = {k: at for at, parts in enumerate(linked) for k in parts}
    for k in sorted(set(range(len(own))).difference(holder)):
        if own[k].word_count < params.min_words:
            continue
        if not all(n in holder or not 0 <= n < len(own) for n in (k - 1, k + 1)):
            continue  # one of a run of leftovers: more likely new text
        fits = [
            (share, at)
            for at in sorted({holder.get(k - 1, -1), holder.get(k + 1, -1)} - {-1})
            if (share := _fit(blocks[at], k, own, other, params, right_side)) > 0.0
        ]
        if fits:
            at = max(fits)[1]
            blocks[at] = _grown(blocks[at], k, right_side)
            holder[k] = at
    return blocks


def _parts(block: Block, right_side: bool) -> tuple[int, ...]:
    return block.right if right_side else block.left


def _grown(block: Block, k: int, right_side: bool) -> Block:
    parts = tuple(sorted((*_parts(block, right_side), k)))
    return (
        Block(block.left, parts, block.gain)
        if right_side
        else Block(parts, block.right, block.gain)
    )


def _fit(
    block: Block,
    k: int,
    own: Sequence[Profile],
    other: Sequence[Profile],
    params: FragmentParams,
    right_side: bool,
) -> float:
    """How well leftover `k` fits `block` as one more part: its share of the
    single side's unmatched words, or 0.0 when it may not join."""
    single, parts = _parts(block, not right_side), _parts(block, right_side)
    if len(single) != 1 or len(parts) >= MAX_PARTS:
        return 0.0
    share = _leftover_share(other[single[0]], [own[j] for j in parts], own[k])
    if share < params.containment:
        return 0.0
    joined = combine([own[j] for j in sorted((*parts, k))])
    return share if dice(other[single[0]], joined) > params.joined_similarity else 0.0


def _leftover_share(single: Profile, parts: Sequence[Profile], candidate: Profile) -> float:
    """The share of `candidate`'s word weight found in what of `single` the
    row's `parts` do not already match."""
    matched = combine(parts).weights
    unmatched = {
        word: weight - matched.get(word, 0.0)
        for word, weight in single.weights.items()
        if weight > matched.get(word, 0.0)
    }
    total = candidate.total
    return shared_weight(candidate.weights, unmatched) / total if total else 0.0
