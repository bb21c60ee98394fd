"""Candidate links inside a gap, found through an index of words.

For each left segment of a gap, the right segments that share a word with it
are looked up in an inverted index, only within a window around where the
segment would sit if the gap were aligned proportionally, and skipping words
too common in that window to tell segments apart. The cost is linear in the
size of the gap for a fixed window, never all pairs of a long document.

Each candidate becomes a block: a 1-1 link, or a split (1-2, 1-3) or merge
(2-1, 3-1) built around it, with a gain the chain maximises. A block's gain
is, per link it makes, its similarity above a threshold; a split or merge
must also show that every one of its parts is largely contained in the other
side, so that an unrelated neighbour is not swept in.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.core.anchors import Gap
from app.core.profile import Profile, combine, dice, shared_weight


@dataclass(frozen=True, slots=True)
class AlignParams:
    link_threshold: float = 0.3  # similarity above which a 1-1 link gains
    group_threshold: float = 0.45  # the same, per link of a split or merge
    containment: float = 0.6  # share of each part found in the other side
    move_threshold: float = 0.6  # similarity a relocated pair must reach
    window: int = 120  # segments each side of the expected position
    common_postings: int = 40  # a word in more segments of a window is skipped
    candidates_per_segment: int = 6


@dataclass(frozen=True, slots=True)
class Block:
    left: tuple[int, ...]
    right: tuple[int, ...]
    gain: float


def gap_blocks(
    left: Sequence[Profile], right: Sequence[Profile], gap: Gap, params: AlignParams
) -> list[Block]:
    blocks: dict[tuple[tuple[int, ...], tuple[int, ...]], Block] = {}
    for i, j, score in _candidate_pairs(left, right, gap, params):
        if score > params.link_threshold:
            blocks[(i,), (j,)] = Block((i,), (j,), score - params.link_threshold)
        for block in _groups_around(left, right, gap, i, j, params):
            blocks[block.left, block.right] = block
    return list(blocks.values())


def _candidate_pairs(
    left: Sequence[Profile], right: Sequence[Profile], gap: Gap, params: AlignParams
) -> Iterator[tuple[int, int, float]]:
    index = _word_index(right, gap)
    scale = gap.right_size / gap.left_size
    for i in range(gap.left_start, gap.left_end):
        expected = gap.right_start + (i - gap.left_start + 0.5) * scale
        low = max(gap.right_start, int(expected) - params.window)
        high = min(gap.right_end, int(expected) + params.window + 1)
        overlap: dict[int, float] = defaultdict(float)
        for word, weight in left[i].weights.items():
            postings = index.get(word)
            if postings is None:
                continue
            first, last = bisect.bisect_left(postings, low), bisect.bisect_left(postings, high)
            if last - first > params.common_postings:
                continue
            for j in postings[first:last]:
                overlap[j] += min(weight, right[j].weights[word])
        best = sorted(overlap, key=lambda j: (-overlap[j], j))[: params.candidates_per_segment]
        for j in best:
            yield i, j, dice(left[i], right[j])


def _word_index(profiles: Sequence[Profile], gap: Gap) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j in range(gap.right_start, gap.right_end):
        for word in profiles[j].weights:
            index[word].append(j)
    return index


def _groups_around(
    left: Sequence[Profile],
    right: Sequence[Profile],
    gap: Gap,
    i: int,
    j: int,
    params: AlignParams,
) -> Iterator[Block]:
    for size in (2, 3):
        for first in range(j - size + 1, j + 1):
            group = tuple(range(first, first + size))
            if first >= gap.right_start and group[-1] < gap.right_end:
                block = _group_block(left[i], right, (i,), group, params, split=True)
                if block:
                    yield block
        for first in range(i - size + 1, i + 1):
            group = tuple(range(first, first + size))
            if first >= gap.left_start and group[-1] < gap.left_end:
                block = _group_block(right[j], left, (j,), group, params, split=False)
                if block:
                    yield block


def _group_block(
    single: Profile,
    others: Sequence[Profile],
    single_index: tuple[int, ...],
    group: tuple[int, ...],
    params: AlignParams,
    split: bool,
) -> Block | None:
    if single.is_heading or any(others[k].is_heading for k in group):
        return None
    for k in group:
        part = others[k]
        if (
            not part.total
            or shared_weight(part.weights, single.weights) < params.containment * part.total
        ):
            return None
    score = dice(single, combine([others[k] for k in group]))
    if score <= params.group_threshold:
        return None
    gain = len(group) * (score - params.group_threshold)
    return Block(single_index, group, gain) if split else Block(group, single_index, gain)
