"""Moved sentences on the page: a block of them, where it went and where it came from.

The engine gives each moved sentence (or merged or split group) a row of its
own, at its new place. Moved rows that follow each other and whose left
sentences followed each other too moved together: one block, with one
placeholder where it stood in the left text (showing its text, quietly) and
one label on its first row. Paragraph numbers in the labels name their side
("moved to right ¶ 5"), as a label in one column may count the other's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from app.core import Comparison, Row, RowOp
from app.web import urls


@dataclass(frozen=True, slots=True)
class MoveBlock:
    """Consecutive moved rows (numbered from 1) that were consecutive in the left text."""

    numbers: tuple[int, ...]
    rows: tuple[Row, ...]

    @property
    def origin_anchor(self) -> str:
        return urls.move_origin_anchor(self.numbers[0])

    @property
    def left(self) -> tuple[int, ...]:
        """The block's sentences in the left text."""
        return tuple(index for row in self.rows for index in row.left)

    def as_origin_row(self) -> Row:
        """The block as one row of its left sentences (to number its paragraphs)."""
        return replace(self.rows[0], left=self.left)

    def _sentences(self) -> str:
        count = len(self.left)
        return "" if count == 1 else f"{count} sentences "

    def from_label(self, comparison: Comparison) -> str:
        """The label of its first row: where the block stood in the left text."""
        paragraph = comparison.left.segments[self.left[0]].paragraph + 1
        return f"{self._sentences()}moved from left ¶ {paragraph}"

    def to_label(self, comparison: Comparison) -> str:
        """The label of its placeholder: where the block stands in the right text."""
        paragraph = comparison.right.segments[self.rows[0].right[0]].paragraph + 1
        return f"{self._sentences()}moved to right ¶ {paragraph}"


def move_blocks(rows: Sequence[Row]) -> tuple[MoveBlock, ...]:
    """The moved rows, grouped into blocks, in the right text's order."""
    blocks: list[MoveBlock] = []
    for number, row in enumerate(rows, start=1):
        if row.op is not RowOp.MOVED:
            continue
        last = blocks[-1] if blocks else None
        if last and last.numbers[-1] == number - 1 and last.left[-1] + 1 == row.left[0]:
            blocks[-1] = MoveBlock((*last.numbers, number), (*last.rows, row))
        else:
            blocks.append(MoveBlock((number,), (row,)))
    return tuple(blocks)


def in_page_order(
    rows: Sequence[Row], blocks: Sequence[MoveBlock]
) -> Iterator[tuple[int, Row] | MoveBlock]:
    """(number, row) in the engine's order, with each block's placeholder just
    before the first row that follows it in the left text."""
    pending = sorted(blocks, key=lambda block: block.left[0])
    for number, row in enumerate(rows, start=1):
        if row.op is not RowOp.MOVED and row.left:
            while pending and pending[0].left[0] < row.left[0]:
                yield pending.pop(0)
        yield number, row
    yield from pending
