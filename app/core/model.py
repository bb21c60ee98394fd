"""The comparison model: what `compare` returns and what every layer consumes.

A comparison holds both texts, each cut into segments (sentences and headings),
and a list of rows that pair the segments of the two sides. Offsets are code
points into the side's text; whitespace between segments belongs to no
segment, every other character to exactly one.

Worked example. Comparing

    left  = "Hello world. Putin has toned down his demands."
    right = "Hello world. Putin has softened his demands."

gives two segments a side and two rows:

    Row(op=EQUAL,    left=(0,), right=(0,), similarity=1.0,
        diff=(Piece(EQUAL, "Hello world."),))
    Row(op=MODIFIED, left=(1,), right=(1,), similarity=0.6909,
        diff=(Piece(EQUAL, "Putin has "), Piece(DELETE, "toned down"),
              Piece(INSERT, "softened"), Piece(EQUAL, " his demands.")),
        changes=(Change(classes=(WORDING,), left=(23, 33), right=(23, 31)),))

A row's pieces are lossless: the EQUAL and DELETE pieces joined give the left
text of the row (from its first segment's start to its last segment's end),
the EQUAL and INSERT pieces joined give the right text. Each maximal run of
non-equal pieces is one change, with its class and its offsets into the
whole texts ("toned down" is left.text[23:33]); differences the comparison's
ignore options ignore stay in the pieces, as changes marked ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SegmentKind(StrEnum):
    SENTENCE = "sentence"
    # A short line without final punctuation: a title, a section heading, a
    # banner such as "LATEST NEWS:". It is never merged with its neighbours.
    HEADING = "heading"
    # A part of a sentence or heading too long to align and diff whole
    # (`app.core.segmentation.long_segments`): cut at a clause mark, a line break or a word.
    PIECE = "piece"


class RowOp(StrEnum):
    EQUAL = "equal"  # identical but for whitespace
    MODIFIED = "modified"  # one sentence reworded into one
    SPLIT = "split"  # one left sentence became two or three on the right
    MERGED = "merged"  # two or three left sentences became one
    MOVED = "moved"  # one sentence relocated, reworded or not
    INSERTED = "inserted"  # right only
    DELETED = "deleted"  # left only


class PieceOp(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class Granularity(StrEnum):
    WORD = "word"  # changed spans start and end on token boundaries
    CHAR = "char"  # changed spans may cut words; for typo hunting


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    paragraph: int
    kind: SegmentKind


@dataclass(frozen=True, slots=True)
class Side:
    text: str
    segments: tuple[Segment, ...]

    def span_text(self, indices: tuple[int, ...]) -> str:
        """The text from the first listed segment's start to the last one's end."""
        if not indices:
            return ""
        return self.text[self.segments[indices[0]].start : self.segments[indices[-1]].end]


@dataclass(frozen=True, slots=True)
class Piece:
    op: PieceOp
    text: str


class ChangeClass(StrEnum):
    """What kind of difference a change is (rules: `app.core.classification.classify`)."""

    TYPOGRAPHY = "typography"  # quote marks, dashes, spacing, ellipsis only
    SPELLING = "spelling"  # the same words spelt or written another way
    NUMBER = "number"  # a number, amount, percentage or date changed value
    QUOTE = "quote"  # words inside quotation marks changed, cut or added
    NAME = "name"  # a proper name changed or is misspelt
    ATTRIBUTION = "attribution"  # who said or reported it changed
    NEGATION = "negation"  # a negation or hedge appeared or disappeared
    WORDING = "wording"  # anything else


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a row: a maximal run of non-equal pieces, or a whole
    inserted or deleted row.

    `left` and `right` are (start, end) code point offsets into the whole left
    and right texts (None on the side a pure insertion or deletion lacks).
    `classes` holds every class the change has, the primary one first. An
    ignored change differs only in what the comparison's ignore options
    ignore, or only in the form of a whitespace run: it is neither
    highlighted nor counted.
    """

    classes: tuple[ChangeClass, ...]
    left: tuple[int, int] | None
    right: tuple[int, int] | None
    ignored: bool = False

    @property
    def primary(self) -> ChangeClass:
        return self.classes[0]


@dataclass(frozen=True, slots=True)
class Row:
    op: RowOp
    left: tuple[int, ...]
    right: tuple[int, ...]
    # Share of non-space characters the two sides of the row have in common:
    # 1.0 for equal rows, 0.0 for inserted and deleted ones. Ignored changes
    # count as in common.
    similarity: float
    diff: tuple[Piece, ...]
    # In order: the k-th maximal run of non-equal pieces of `diff` is
    # changes[k]; an inserted or deleted row has one change.
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class WordCounts:
    equal: int = 0
    deleted: int = 0
    inserted: int = 0

    def __add__(self, other: WordCounts) -> WordCounts:
        return WordCounts(
            self.equal + other.equal, self.deleted + other.deleted, self.inserted + other.inserted
        )


@dataclass(frozen=True, slots=True)
class Stats:
    similarity: float
    rows: dict[RowOp, int]
    words: WordCounts
    # For each class (all eight listed), how many changes that are not
    # ignored have it; a change of two classes counts for both. Empty for
    # comparisons stored by engine 1.0, which did not classify.
    classes: dict[ChangeClass, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CompareOptions:
    granularity: Granularity = Granularity.WORD
    # Language code for the sentence segmenter (sentencex knows ~300; the
    # engine's own rules cover `app.core.segmentation.languages.LANGUAGES`), or "detect":
    # read from the texts. A comparison's options hold the language it was
    # computed in, and whether it was detected.
    language: str = "en"
    language_detected: bool = False
    # Differences to neither highlight nor count (`app.core.worddiff.normalize`).
    ignore_typography: bool = False
    ignore_case: bool = False
    ignore_punctuation: bool = False

    def as_dict(self) -> dict[str, str | bool]:
        """The options as JSON; an ignore option only when on, so that a comparison
        without any has the options (and content address) it had before they existed."""
        options: dict[str, str | bool] = {
            "granularity": self.granularity.value,
            "language": self.language,
        }
        if self.language_detected:
            options["language_detected"] = True
        ignores = {
            "ignore_typography": self.ignore_typography,
            "ignore_case": self.ignore_case,
            "ignore_punctuation": self.ignore_punctuation,
        }
        options.update((name, True) for name, on in ignores.items() if on)
        return options


@dataclass(frozen=True, slots=True)
class Comparison:
    left: Side
    right: Side
    rows: tuple[Row, ...]
    stats: Stats
    options: CompareOptions = field(default_factory=CompareOptions)
