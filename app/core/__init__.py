"""Diptych's engine: pure functions over text, no web, database or file access.

`compare(left, right)` runs the stages, each a package: `segmentation` cuts
both texts into sentences and headings, `alignment` links the sentences of
one side to the other's, `worddiff` diffs the words of each aligned pair and
`classification` tells what kind each change is. `model` documents the
result and `serialize` turns it into the JSON of schema 1 and back.
"""

from app.core.compare import compare, compare_encoded, compare_with
from app.core.model import (
    Change,
    ChangeClass,
    CompareOptions,
    Comparison,
    Granularity,
    Piece,
    PieceOp,
    Row,
    RowOp,
    Segment,
    SegmentKind,
    Side,
    Stats,
    WordCounts,
)

# Bumped whenever the same two texts could give a different comparison, so a
# stored comparison says which engine computed it.
ENGINE_VERSION = "2.3"

__all__ = [
    "ENGINE_VERSION",
    "Change",
    "ChangeClass",
    "CompareOptions",
    "Comparison",
    "Granularity",
    "Piece",
    "PieceOp",
    "Row",
    "RowOp",
    "Segment",
    "SegmentKind",
    "Side",
    "Stats",
    "WordCounts",
    "compare",
    "compare_encoded",
    "compare_with",
]
