"""Sentence alignment: which segments of the two sides correspond.

Four passes, each near-linear in the length of the texts:
1. exact anchors (`anchors`): identical segments in order;
2. the heaviest monotone chain (`chain`) of candidate links, splits and
   merges (`candidates`), looked for around where the anchors point;
3. leftover parts of splits and merges (`fragments`) joined to their rows;
4. moves (`moves`): leftovers of both sides that match out of order (a
   sentence moved and merged with its neighbour, or split, is one move).

The result is the list of links in row order: the reading order of the right
text, each left-only link standing where its text was cut (before whatever
was inserted at the same place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.alignment.anchors import exact_anchors
from app.core.alignment.candidates import AlignParams, Block, candidate_blocks
from app.core.alignment.chain import heaviest_chain
from app.core.alignment.fragments import join_fragments
from app.core.alignment.moves import Move, find_moves
from app.core.alignment.profile import Profile


@dataclass(frozen=True, slots=True)
class Link:
    left: tuple[int, ...]
    right: tuple[int, ...]
    moved: bool = False


def align(
    left: Sequence[Profile], right: Sequence[Profile], params: AlignParams | None = None
) -> list[Link]:
    params = params or AlignParams()
    chain = join_fragments(monotone_chain(left, right, params), left, right)
    left_used = {i for block in chain for i in block.left}
    right_used = {j for block in chain for j in block.right}
    moves = find_moves(
        left,
        right,
        [i for i in range(len(left)) if i not in left_used],
        [j for j in range(len(right)) if j not in right_used],
        params,
    )
    return _in_row_order(chain, moves, len(left), len(right))


def monotone_chain(
    left: Sequence[Profile], right: Sequence[Profile], params: AlignParams
) -> list[Block]:
    anchors = exact_anchors([p.key for p in left], [p.key for p in right])
    return heaviest_chain(candidate_blocks(left, right, anchors, params), len(right))


def _in_row_order(
    chain: Sequence[Block], moves: Sequence[Move], left_count: int, right_count: int
) -> list[Link]:
    moved_away = {i for lefts, _, _ in moves for i in lefts}
    # A move stands where its first right segment is; its others are in it.
    moved_here = {rights[0]: Link(lefts, rights, True) for lefts, rights, _ in moves}
    moved_within = {j for _, rights, _ in moves for j in rights[1:]}
    links: list[Link] = []
    left_next = right_next = 0
    end = Block((left_count,), (right_count,), 0.0)
    for block in [*chain, end]:
        links.extend(Link((i,), ()) for i in range(left_next, block.left[0]) if i not in moved_away)
        for j in range(right_next, block.right[0]):
            if j not in moved_within:
                links.append(moved_here.get(j) or Link((), (j,)))
        if block is not end:
            links.append(Link(block.left, block.right))
        left_next, right_next = block.left[-1] + 1, block.right[-1] + 1
    return links
