"""The heaviest chain of blocks: a monotone alignment in O(k log k).

Blocks (see `candidates`) are rectangles of left and right indices. A chain
takes blocks that follow each other on both sides, never sharing a segment;
its weight is the sum of their gains. Segments no block of the chain covers
are left for move detection, then become deletions and insertions.

The classic sparse dynamic program: visit blocks by left start; before a
block, file in a Fenwick tree (keyed by right end) every block whose left
side ended before it; the best predecessor is a prefix maximum over right
ends before the block's right start.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.alignment.candidates import Block


class _PrefixMax:
    """Fenwick tree of (score, item) answering the maximum over a prefix."""

    def __init__(self, size: int) -> None:
        self._tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)

    def update(self, position: int, value: tuple[float, int]) -> None:
        position += 1
        while position < len(self._tree):
            if value > self._tree[position]:
                self._tree[position] = value
            position += position & -position

    def query(self, end: int) -> tuple[float, int]:
        """Best value among positions < end."""
        best = (0.0, -1)
        while end > 0:
            if self._tree[end] > best:
                best = self._tree[end]
            end -= end & -end
        return best


def heaviest_chain(blocks: Sequence[Block], right_size: int) -> list[Block]:
    if not blocks:
        return []
    by_start = sorted(range(len(blocks)), key=lambda k: (blocks[k].left[0], blocks[k].right[0]))
    by_end = sorted(range(len(blocks)), key=lambda k: blocks[k].left[-1])
    tree = _PrefixMax(right_size)
    score = [0.0] * len(blocks)
    previous = [-1] * len(blocks)
    filed = 0
    for k in by_start:
        block = blocks[k]
        while filed < len(by_end) and blocks[by_end[filed]].left[-1] < block.left[0]:
            done = by_end[filed]
            tree.update(blocks[done].right[-1], (score[done], done))
            filed += 1
        best, before = tree.query(block.right[0])
        score[k], previous[k] = best + block.gain, before
    return _walk_back(blocks, score, previous)


def _walk_back(blocks: Sequence[Block], score: list[float], previous: list[int]) -> list[Block]:
    # Ties go to the lowest index so the result never depends on set order.
    last = max(range(len(blocks)), key=lambda k: (score[k], -k))
    chain: list[Block] = []
    while last >= 0:
        chain.append(blocks[last])
        last = previous[last]
    chain.reverse()
    return chain
