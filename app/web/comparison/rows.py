"""A comparison as the rows the page shows: plain frozen data, ready to lay out.

The template only escapes and arranges what is built here. Beyond the
engine's rows the page has two things of its own:

- a placeholder row for each moved block (`app.web.comparison.moves`), where it stood
  in the left text, showing its text and linking to its first moved row
  (which stands at its new position);
- folds: runs of FOLD_MIN_ROWS or more unchanged rows, collapsed by default;
  the other rows in groups of at most GROUP_MAX_ROWS.

Rows are numbered from 1 in the engine's order, so row n of the page is
rows[n - 1] of the JSON twin and has the anchor `r{n}`. Filtered by a change
class, the page shows only the rows with a change of that class (and the
placeholders of those that moved), unfolded. Each highlighted span carries the
class of its change (`app.web.comparison.marks`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import groupby

from app.core import ChangeClass, Comparison, PieceOp, Row, RowOp, Side
from app.web import urls
from app.web.comparison.classes import WORDS, shown_classes
from app.web.comparison.marks import Block, Span, inline_spans, side_spans
from app.web.comparison.moves import MoveBlock, in_page_order, move_blocks

__all__ = [
    "FOLD_MIN_ROWS",
    "GROUP_MAX_ROWS",
    "LAZY_MIN_ROWS",
    "Block",
    "Cell",
    "ClassTag",
    "Note",
    "RowGroup",
    "RowKind",
    "RowView",
    "Span",
    "row_groups",
]

FOLD_MIN_ROWS = 4
# Rows in a group (a <tbody>) at most. On a page of LAZY_MIN_ROWS rows or more
# the browser lays out and paints only the groups near the viewport
# (diptych.css), so that a long page loads and scrolls fast.
GROUP_MAX_ROWS = 10
LAZY_MIN_ROWS = 150


class RowKind(StrEnum):
    EQUAL = "equal"
    MODIFIED = "modified"
    SPLIT = "split"
    MERGED = "merged"
    MOVED = "moved"
    INSERTED = "inserted"
    DELETED = "deleted"
    MOVE_ORIGIN = "move-origin"  # where a moved sentence stood in the left text


@dataclass(frozen=True, slots=True)
class Cell:
    """One side of a row: a block per sentence; no blocks is an empty (hatched) cell."""

    blocks: tuple[Block, ...] = ()
    # The 1-based number of the paragraph this cell begins, shown as "¶ n";
    # None when the cell continues the paragraph of the row above.
    paragraph: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.blocks


@dataclass(frozen=True, slots=True)
class Note:
    """A remark on a row ("split into 2", "moved from ¶ 4"), linking to `href` if set."""

    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class ClassTag:
    """A change class named in the gutter (of a whole inserted or deleted row)."""

    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class RowView:
    anchor: str
    number: int
    kind: RowKind
    left: Cell
    right: Cell
    inline: Block  # the whole row as one redline, for the inline view
    left_note: Note | None = None
    right_note: Note | None = None
    # The classes of its changes that are not ignored, as the value of an
    # HTML attribute ("quote name"), and those named in the gutter.
    classes: str = ""
    gutter_classes: tuple[ClassTag, ...] = ()

    @property
    def link_text(self) -> str:
        """What the row's link to itself shows: its number, an arrow on a placeholder."""
        return "↳" if self.kind is RowKind.MOVE_ORIGIN else str(self.number)

    @property
    def label(self) -> str:
        return "moved away" if self.kind is RowKind.MOVE_ORIGIN else self.kind.value

    @property
    def is_change(self) -> bool:
        return self.kind not in (RowKind.EQUAL, RowKind.MOVE_ORIGIN)

    @property
    def only_moved(self) -> bool:
        """A sentence that moved and reads the same (or differs only in what is ignored)."""
        return self.kind is RowKind.MOVED and not self.classes

    @property
    def starts_paragraph(self) -> bool:
        return self.left.paragraph is not None or self.right.paragraph is not None


@dataclass(frozen=True, slots=True)
class RowGroup:
    """Consecutive rows; a fold (with an anchor and label) when they are many unchanged ones."""

    rows: tuple[RowView, ...]
    fold_anchor: str | None = None
    fold_label: str = ""


def row_groups(
    comparison: Comparison,
    change_class: ChangeClass | None = None,
    only_rows: frozenset[int] | None = None,
    row_kind: RowOp | None = None,
    unfolded: bool = False,
) -> tuple[RowGroup, ...]:
    """The rows in page order, folded unless `unfolded`, in groups of at most
    GROUP_MAX_ROWS; only those with a change of `change_class` (not ignored),
    of `row_kind` and among `only_rows`, unfolded, if any is given."""
    if change_class is None and only_rows is None and row_kind is None:
        views = list(_row_views(comparison, None))
        return _in_parts((RowGroup(tuple(views)),) if unfolded else _fold(views))
    wanted = frozenset(
        number
        for number, row in enumerate(comparison.rows, start=1)
        if (change_class is None or change_class in shown_classes(row.changes))
        and (row_kind is None or row.op is row_kind)
        and (only_rows is None or number in only_rows)
    )
    return _in_parts((RowGroup(tuple(_row_views(comparison, wanted))),))


def _in_parts(groups: Sequence[RowGroup]) -> tuple[RowGroup, ...]:
    """Plain groups cut into parts of at most GROUP_MAX_ROWS rows (a fold stays whole)."""
    return tuple(
        part
        for group in groups
        for part in (
            [
                RowGroup(group.rows[start : start + GROUP_MAX_ROWS])
                for start in range(0, len(group.rows), GROUP_MAX_ROWS)
            ]
            if group.fold_anchor is None and group.rows
            else [group]
        )
    )


def _row_views(comparison: Comparison, wanted: frozenset[int] | None) -> Iterator[RowView]:
    paragraphs = _ParagraphTracker()
    blocks = move_blocks(comparison.rows)
    block_of = {number: block for block in blocks for number in block.numbers}
    for item in in_page_order(comparison.rows, blocks):
        if isinstance(item, MoveBlock):
            if wanted is None or not wanted.isdisjoint(item.numbers):
                view = _move_origin(comparison, item)
                yield paragraphs.mark(comparison, item.as_origin_row(), view, True)
            continue
        number, row = item
        if wanted is None or number in wanted:
            view = _row(comparison, number, row, block_of.get(number))
            yield paragraphs.mark(comparison, row, view, False)


def _row(comparison: Comparison, number: int, row: Row, block: MoveBlock | None) -> RowView:
    left = Cell(_blocks(row, comparison.left, row.left, PieceOp.DELETE))
    right = Cell(_blocks(row, comparison.right, row.right, PieceOp.INSERT))
    left_note = right_note = None
    if row.op is RowOp.SPLIT:
        right_note = Note(f"split into {len(row.right)}")
    elif row.op is RowOp.MERGED:
        left_note = Note(f"{len(row.left)} merged into 1")
    elif block is not None and number == block.numbers[0]:
        href = urls.fragment(block.origin_anchor)
        right_note = Note(block.from_label(comparison), href)
    classes = shown_classes(row.changes)
    whole = row.op in (RowOp.INSERTED, RowOp.DELETED)
    return RowView(
        anchor=urls.row_anchor(number),
        number=number,
        kind=RowKind(row.op.value),
        left=left,
        right=right,
        inline=_inline(comparison, row),
        left_note=left_note,
        right_note=right_note,
        classes=" ".join(kind.value for kind in classes),
        # Named in the gutter, so that no class is told by colour alone: every
        # class of a whole row; of another, all but wording (the plain change).
        gutter_classes=tuple(
            ClassTag(kind.value, WORDS[kind].tag)
            for kind in classes
            if whole or kind is not ChangeClass.WORDING
        ),
    )


def _move_origin(comparison: Comparison, block: MoveBlock) -> RowView:
    """The placeholder where a moved block stood: its text, quietly, and a link to it."""
    texts = [comparison.left.span_text((index,)) for index in block.left]
    note = Note(block.to_label(comparison), urls.fragment(urls.row_anchor(block.numbers[0])))
    return RowView(
        anchor=block.origin_anchor,
        number=block.numbers[0],
        kind=RowKind.MOVE_ORIGIN,
        left=Cell(tuple((Span(PieceOp.EQUAL, text),) for text in texts)),
        right=Cell(),
        inline=(Span(PieceOp.EQUAL, " ".join(texts)),),
        left_note=note,
    )


def _blocks(row: Row, side: Side, indices: tuple[int, ...], changed: PieceOp) -> tuple[Block, ...]:
    """The row's text on one side, as spans, cut into one block per sentence."""
    if not indices:
        return ()
    if row.op is RowOp.EQUAL:
        # Equal rows differ at most in whitespace or in what is ignored, which
        # is not worth marking.
        return ((Span(PieceOp.EQUAL, side.span_text(indices)),),)
    spans = side_spans(row, changed)
    base = side.segments[indices[0]].start
    return _cut(spans, [side.segments[index].start - base for index in indices[1:]])


def _cut(spans: Sequence[Span], offsets: Sequence[int]) -> tuple[Block, ...]:
    """Split the spans' text at the given character offsets, cutting spans as needed."""
    blocks: list[Block] = []
    current: list[Span] = []
    cuts = list(offsets)
    position = 0
    for span in spans:
        text = span.text
        while cuts and cuts[0] < position + len(text):
            head = cuts.pop(0) - position
            if head > 0:
                current.append(replace(span, text=text[:head]))
            blocks.append(tuple(current))
            current, text, position = [], text[head:], position + head
        if text:
            current.append(replace(span, text=text))
        position += len(text)
    blocks.append(tuple(current))
    return tuple(blocks)


def _inline(comparison: Comparison, row: Row) -> Block:
    if row.op is RowOp.EQUAL:
        return (Span(PieceOp.EQUAL, comparison.right.span_text(row.right)),)
    return inline_spans(row)


class _ParagraphTracker:
    """Sets `paragraph` on the cells that begin a new paragraph of their side.

    A moved row's left cell is out of the left text's order, so it neither
    shows nor counts as a paragraph start there; its placeholder does.
    """

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def mark(self, comparison: Comparison, row: Row, view: RowView, is_origin: bool) -> RowView:
        left_counts = row.op is not RowOp.MOVED or is_origin
        right_counts = not is_origin
        left = self._paragraph("left", comparison.left, row.left) if left_counts else None
        right = self._paragraph("right", comparison.right, row.right) if right_counts else None
        return replace(
            view, left=Cell(view.left.blocks, left), right=Cell(view.right.blocks, right)
        )

    def _paragraph(self, name: str, side: Side, indices: tuple[int, ...]) -> int | None:
        if not indices:
            return None
        first, last = side.segments[indices[0]].paragraph, side.segments[indices[-1]].paragraph
        previous = self._last.get(name)
        self._last[name] = last
        return first + 1 if previous is None or first > previous else None


def _fold(rows: Sequence[RowView]) -> tuple[RowGroup, ...]:
    """Runs of FOLD_MIN_ROWS or more equal rows become folds; other rows, plain groups."""
    groups: list[RowGroup] = []
    for is_equal, run_rows in groupby(rows, key=lambda row: row.kind is RowKind.EQUAL):
        run = tuple(run_rows)
        if is_equal and len(run) >= FOLD_MIN_ROWS:
            folds = sum(group.fold_anchor is not None for group in groups) + 1
            label = f"{len(run)} unchanged sentences"
            groups.append(RowGroup(run, urls.fold_anchor(folds), label))
        elif groups and groups[-1].fold_anchor is None:
            groups[-1] = RowGroup(groups[-1].rows + run)
        else:
            groups.append(RowGroup(run))
    return tuple(groups)
