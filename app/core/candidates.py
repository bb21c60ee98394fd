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
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from app.core.anchors import Gap
from app.core.profile import Profile, combine, dice, shared_weight


@dataclass(frozen=True, slots=True)
class AlignParams:
    link_threshold: float = 0.3  # similarity above which a 1-1 link gains
    group_threshold: float = 0.65  # the same, per link of a split or merge
    containment: float = 0.6  # share of each part found in the other side
    move_threshold: float = 0.6  # similarity a relocated pair must reach
    window: int = 120  # segments each side of the expected position
    common_postings: int = 40  # a word in more segments of a window is skipped
    candidates_per_segment: int = 4


@dataclass(frozen=True, slots=True)
class Block:
    left: tuple[int, ...]
    right: tuple[int, ...]
    gain: float


def gap_blocks(
    left: Sequence[Profile], right: Sequence[Profile], gap: Gap, params: AlignParams
) -> list[Block]:
    shared = _candidate_pairs(left, right, gap, params)
    blocks = [
        Block((i,), (j,), score - params.link_threshold)
        for (i, j), weight in shared.items()
        if (score := _dice(left[i], right[j], weight)) > params.link_threshold
    ]
    splits, merges = _contained_parts(left, right, shared, params)
    for i, parts in splits.items():
        blocks.extend(_group_blocks(left[i], right, i, parts, gap.right_end, params, split=True))
    for j, parts in merges.items():
        blocks.extend(_group_blocks(right[j], left, j, parts, gap.left_end, params, split=False))
    return blocks


def _dice(a: Profile, b: Profile, shared: float) -> float:
    total = a.total + b.total
    return 2 * shared / total if total else 0.0


def _candidate_pairs(
    left: Sequence[Profile], right: Sequence[Profile], gap: Gap, params: AlignParams
) -> dict[tuple[int, int], float]:
    """The most promising right segments of each left one, with their shared weight."""
    index = _word_index(right, gap)
    scale = gap.right_size / gap.left_size
    shared: dict[tuple[int, int], float] = {}
    for i in range(gap.left_start, gap.left_end):
        expected = gap.right_start + (i - gap.left_start + 0.5) * scale
        low = max(gap.right_start, int(expected) - params.window)
        high = min(gap.right_end, int(expected) + params.window + 1)
        whole_gap = low == gap.right_start and high == gap.right_end
        nearby: list[int] = []
        for word in left[i].weights:
            postings = index.get(word)
            if postings is None:
                continue
            if not whole_gap:
                postings = postings[
                    bisect.bisect_left(postings, low) : bisect.bisect_left(postings, high)
                ]
            if len(postings) <= params.common_postings:
                nearby += postings
        for j, _ in Counter(nearby).most_common(params.candidates_per_segment):
            shared[i, j] = shared_weight(left[i].weights, right[j].weights)
    return shared


def _word_index(profiles: Sequence[Profile], gap: Gap) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j in range(gap.right_start, gap.right_end):
        for word in profiles[j].weights:
            index[word].append(j)
    return index


def _contained_parts(
    left: Sequence[Profile],
    right: Sequence[Profile],
    shared: dict[tuple[int, int], float],
    params: AlignParams,
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """For each segment, the sentences of the other side largely contained in it."""
    splits: dict[int, set[int]] = defaultdict(set)
    merges: dict[int, set[int]] = defaultdict(set)
    for (i, j), weight in shared.items():
        if left[i].is_heading or right[j].is_heading:
            continue
        if weight >= params.containment * right[j].total:
            splits[i].add(j)
        if weight >= params.containment * left[i].total:
            merges[j].add(i)
    return splits, merges


def _group_blocks(
    single: Profile,
    others: Sequence[Profile],
    single_index: int,
    parts: set[int],
    limit: int,
    params: AlignParams,
    split: bool,
) -> Iterator[Block]:
    """Blocks of 2 or 3 consecutive contained parts read as one."""
    for first in sorted(parts):
        for size in (2, 3):
            group = tuple(range(first, first + size))
            if group[-1] >= limit or not parts.issuperset(group):
                break
            score = dice(single, combine([others[k] for k in group]))
            if score > params.group_threshold:
                gain = size * (score - params.group_threshold)
                yield (
                    Block((single_index,), group, gain)
                    if split
                    else Block(group, (single_index,), gain)
                )
