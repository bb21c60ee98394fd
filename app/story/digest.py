"""What a story's pages show of one pairwise comparison: a `PairDigest`.

Pure over the engine's `Comparison`, kept beside the pair in the store (as
JSON) so that a story of 50 versions is drawn without reading 49 comparisons.

Of the left (the earlier version, or the base) text's sentences, each is
`kept` verbatim (an equal row, or a move without a change), `reworded` (a
modified, split, merged or changed moved row) or `cut` (a deleted row); of
the right text's, `new` ones are inserted rows. `notable` lists the changes
that matter to an editor (quotes, numbers, names, attributions, negations),
in row order, each with its row's number on the comparison page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core import ChangeClass, Comparison, Row, RowOp

# The classes a desk looks for first, in the order the pages show them.
MATTERS = (
    ChangeClass.QUOTE,
    ChangeClass.NUMBER,
    ChangeClass.NAME,
    ChangeClass.ATTRIBUTION,
    ChangeClass.NEGATION,
)
QUIET = (ChangeClass.TYPOGRAPHY, ChangeClass.SPELLING)
KEPT, REWORDED, CUT = "k", "r", "c"
SNIPPET_CHARS = 80


@dataclass(frozen=True, slots=True)
class Notable:
    """A change that matters: its row, its classes among MATTERS, and its words."""

    row: int
    classes: tuple[ChangeClass, ...]
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class PairDigest:
    similarity: float
    words_added: int
    words_removed: int
    classes: dict[ChangeClass, int]
    # One letter per left sentence, in order: KEPT, REWORDED or CUT.
    fates: str
    new: int
    right_sentences: int
    notable: tuple[Notable, ...]

    def share(self, fate: str) -> float:
        """The share of the left text's sentences with that fate."""
        return self.fates.count(fate) / len(self.fates) if self.fates else 0.0

    @property
    def new_share(self) -> float:
        return self.new / self.right_sentences if self.right_sentences else 0.0

    @property
    def changed(self) -> float:
        """How much changed, 0 (nothing) to 1 (everything): the larger of the share
        of left sentences not kept verbatim and of right sentences that are new."""
        return max(1.0 - self.share(KEPT), self.new_share) if self.fates else self.new_share

    def to_json(self) -> dict[str, Any]:
        return {
            "similarity": self.similarity,
            "words_added": self.words_added,
            "words_removed": self.words_removed,
            "classes": {kind.value: count for kind, count in self.classes.items()},
            "fates": self.fates,
            "new": self.new,
            "right_sentences": self.right_sentences,
            "notable": [
                [item.row, [kind.value for kind in item.classes], item.before, item.after]
                for item in self.notable
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairDigest:
        return cls(
            similarity=float(data["similarity"]),
            words_added=int(data["words_added"]),
            words_removed=int(data["words_removed"]),
            classes={ChangeClass(kind): int(count) for kind, count in data["classes"].items()},
            fates=str(data["fates"]),
            new=int(data["new"]),
            right_sentences=int(data["right_sentences"]),
            notable=tuple(
                Notable(row, tuple(ChangeClass(kind) for kind in kinds), before, after)
                for row, kinds, before, after in data["notable"]
            ),
        )


def digest(comparison: Comparison) -> PairDigest:
    """The digest of `comparison`, its left text the earlier version (or base)."""
    fates = [KEPT] * len(comparison.left.segments)
    for row in comparison.rows:
        for index in row.left:
            fates[index] = _fate(row)
    stats = comparison.stats
    return PairDigest(
        similarity=stats.similarity,
        words_added=stats.words.inserted,
        words_removed=stats.words.deleted,
        classes={kind: count for kind, count in stats.classes.items() if count},
        fates="".join(fates),
        new=sum(len(row.right) for row in comparison.rows if row.op is RowOp.INSERTED),
        right_sentences=len(comparison.right.segments),
        notable=tuple(_notable(comparison)),
    )


def _fate(row: Row) -> str:
    if row.op is RowOp.DELETED:
        return CUT
    if row.op is RowOp.EQUAL or (row.op is RowOp.MOVED and not row.changes):
        return KEPT
    return REWORDED


def _notable(comparison: Comparison) -> list[Notable]:
    found = []
    for number, row in enumerate(comparison.rows, start=1):
        for change in row.changes:
            kinds = tuple(kind for kind in MATTERS if kind in change.classes)
            # A quote mark straightened is a quote change only in name.
            if kinds and not change.ignored and change.primary not in QUIET:
                before = _snippet(comparison.left.text, change.left)
                after = _snippet(comparison.right.text, change.right)
                found.append(Notable(number, kinds, before, after))
    return found


def _snippet(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return ""
    words = " ".join(text[span[0] : span[1]].split())
    return words if len(words) <= SNIPPET_CHARS else words[: SNIPPET_CHARS - 1] + "…"
