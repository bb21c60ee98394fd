"""Paragraphs rebuilt from where a PDF puts its text, page by page.

A PDF has no paragraphs, only pieces of text placed on pages. PDFium gives
those pieces as `Segment`s: a run of characters on one line with its box (in
points, y growing upwards). From them, with no dictionary and no model:

1. Lines (`page_lines`, page by page as they are read): segments at the same
   height and close together are one line; a wide gap between them (a
   column gutter) keeps them apart.
2. Running headers and footers: a line among the top or bottom two of a page
   whose text recurs near the same height on most pages is dropped, and so
   is a page number; in a line of a few words, numbers may change ("Page 3
   of 9" and "Page 4 of 9" are one running line).
3. Columns: where a vertical white strip runs between lines standing side
   by side, the lines left of it are read before those right of it; a line
   across the strip (a title) is read where it stands.
4. Paragraphs: a line starts one after a wider gap than the usual line
   pitch, a change of type size, an indented first line, or a line that
   ends a sentence short of the column's width by more than the next
   line's first word (it would have fit); at a new column or page only
   after such a line.
5. Hyphens at line ends: "negoti-" + "ations" is "negotiations", but the
   hyphen stays when the next line starts with a capital or a digit
   ("Franco-" + "German") or when the document spells the word with the
   hyphen elsewhere ("well-known") and not without it.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# Horizontal gap, in line heights, below which two segments are one line
# (word spacing is about a third of one; a gutter is at least one).
_SAME_LINE_GAP = 0.7
# A gutter narrower than this (points) is a wide word space, not a gutter.
_MIN_GUTTER = 8.0
_RUNNING_SHARE = 0.6  # of the pages: a running header or footer is on more
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_DIGITS = re.compile(r"\d+")
_NUMBERED_WORDS = 8  # most words in a running line whose numbers change


@dataclass(frozen=True, slots=True)
class Segment:
    """Text on one line of a page and its box, in points from the bottom left.

    The box's height is the type's (its ascent to descent), not the glyphs':
    lines of one size have one height whatever their letters.
    """

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass(frozen=True, slots=True)
class _Line:
    segment: Segment
    breaks_flow: bool  # first line of a page or column: gaps there mean nothing
    measure: float  # where a full line of its column ends (see `paragraphs`)


def page_lines(segments: Iterable[Segment]) -> list[Segment]:
    """A page's segments (in any order) merged into lines, top to bottom then
    left to right."""
    found: list[Segment] = []
    for segment in sorted(segments, key=lambda s: s.left):
        if not segment.text.strip():
            continue
        # The latest line it continues: a segment of a later line or of the
        # other column may stand between it and its line's start.
        at = next((i for i in reversed(range(len(found))) if _continues(found[i], segment)), None)
        if at is None:
            found.append(segment)
        else:
            found[at] = _merge(found[at], segment)
    return sorted(found, key=lambda s: (-s.top, s.left))


def paragraphs(pages: Sequence[Sequence[Segment]]) -> list[str]:
    """The text of `pages`, each its `page_lines`, as paragraphs."""
    running = _running_lines(pages)
    columns = [
        column
        for page in pages
        for column in _reading_order(
            [line for line in page if _running_key(line, page) not in running]
        )
    ]
    # A column's measure is the widest line of any column starting where it
    # starts, on any page: a page's last paragraph may be one short line.
    measures: dict[int, float] = {}
    for column in columns:
        key = _left_key(column)
        measures[key] = max(measures.get(key, 0.0), *(line.right for line in column))
    ordered = [
        _Line(line, index == 0, measures[_left_key(column)])
        for column in columns
        for index, line in enumerate(column)
    ]
    return _join_paragraphs(ordered)


def _left_key(column: Sequence[Segment]) -> int:
    return round(min(line.left for line in column) / 4)


def _continues(line: Segment, segment: Segment) -> bool:
    overlap = min(line.top, segment.top) - max(line.bottom, segment.bottom)
    gap = segment.left - line.right
    return overlap > 0.5 * min(line.height, segment.height) and gap < _SAME_LINE_GAP * line.height


def _merge(line: Segment, segment: Segment) -> Segment:
    space = "" if line.text.endswith(" ") or segment.text.startswith(" ") else " "
    return Segment(
        line.left,
        min(line.bottom, segment.bottom),
        max(line.right, segment.right),
        max(line.top, segment.top),
        line.text + space + segment.text,
    )


def _running_key(line: Segment, page: Sequence[Segment]) -> tuple[str, int] | None:
    """What a running header or footer line has in common across pages, or None
    if `line` is not among the page's top or bottom two."""
    if line not in page[:2] and line not in page[-2:]:
        return None
    words = line.text.split()
    text = " ".join(words)
    # Only a short line may differ in its numbers: a page's first line of
    # body text must not pass for a header because a number in it changes.
    if len(words) <= _NUMBERED_WORDS:
        text = _DIGITS.sub("#", text)
    return text, round(line.bottom / 12)


def _running_lines(pages: Sequence[Sequence[Segment]]) -> set[tuple[str, int]]:
    """The keys of lines that recur on most pages (never on a single page)."""
    if len(pages) < 2:
        return set()
    counted: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counted.update({key for line in page if (key := _running_key(line, page))})
    return {key for key, count in counted.items() if count >= _RUNNING_SHARE * len(pages)}


def _reading_order(lines: list[Segment]) -> list[list[Segment]]:
    """Runs of lines in reading order: a column is one run, a title across it another."""
    gutter = _gutter(lines)
    if gutter is None:
        return [lines] if lines else []
    runs: list[list[Segment]] = []
    left: list[Segment] = []
    right: list[Segment] = []
    for line in lines:
        if line.right <= gutter:
            left.append(line)
        elif line.left >= gutter:
            right.append(line)
        else:  # across the gutter: what stood above it is read first
            runs.extend(run for run in (left, right, [line]) if run)
            left, right = [], []
    runs.extend(run for run in (left, right) if run)
    return runs


def _gutter(lines: Sequence[Segment]) -> float | None:
    """The x of a white strip with lines side by side on either side, or None."""
    if len(lines) < 4:
        return None
    edges = sorted({round(x) for line in lines for x in (line.left, line.right)})
    widest: tuple[float, float] | None = None  # (middle, width)
    for start, end in pairwise(edges):
        middle, width = (start + end) / 2, end - start
        if width < _MIN_GUTTER or (widest is not None and width <= widest[1]):
            continue
        crossing = sum(1 for line in lines if line.left < middle < line.right)
        if crossing <= len(lines) // 5 and _side_by_side(lines, middle):
            widest = (middle, width)
    return None if widest is None else widest[0]


def _side_by_side(lines: Sequence[Segment], x: float) -> bool:
    """Whether at least two lines on each side of `x` share their heights."""
    # Baselines within 4 points count as shared: columns may differ in leading.
    left = {round(line.bottom / 4) for line in lines if line.right <= x}
    right = {round(line.bottom / 4) for line in lines if line.left >= x}
    return len(left & right) >= 2


def _join_paragraphs(lines: Sequence[_Line]) -> list[str]:
    pitch = _usual_pitch(lines)
    found: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        text = " ".join(line.segment.text.split())
        if previous is None or _starts_paragraph(previous, line, pitch):
            found.append([text])
        else:
            found[-1].append(text)
        previous = line
    words = _spelled(lines)
    return [_unbroken(paragraph, words) for paragraph in found]


def _usual_pitch(lines: Sequence[_Line]) -> float:
    pitches = [
        before.segment.bottom - after.segment.bottom
        for before, after in pairwise(lines)
        if not after.breaks_flow and before.segment.bottom > after.segment.bottom
    ]
    return statistics.median(pitches) if pitches else 0.0


def _starts_paragraph(before: _Line, line: _Line, pitch: float) -> bool:
    previous, current = before.segment, line.segment
    # A line is broken where the next word does not fit: when it would have
    # fit, the line ended its paragraph.
    ended = bool(_SENTENCE_END.search(previous.text.rstrip())) and (
        before.measure - previous.right > _first_word_width(current)
    )
    if abs(current.height - previous.height) > 0.15 * previous.height:
        return True
    if line.breaks_flow:
        return ended
    if pitch and previous.bottom - current.bottom > 1.3 * pitch:
        return True
    return ended or current.left - previous.left > 0.8 * current.height


def _first_word_width(line: Segment) -> float:
    """The width of the line's first word and a space, its letters taken as
    wide as the line's on average."""
    text = line.text.strip()
    word = len(text.split(maxsplit=1)[0]) + 1
    return (line.right - line.left) * word / max(len(text), 1)


def _spelled(lines: Sequence[_Line]) -> Counter[str]:
    """How often each word (hyphenated ones whole) is spelled inside a line."""
    return Counter(re.findall(r"\w+(?:-\w+)*", " ".join(line.segment.text for line in lines)))


def _unbroken(paragraph: Sequence[str], words: Counter[str]) -> str:
    """The paragraph's lines joined with spaces, line-end hyphens resolved."""
    text = paragraph[0]
    for line in paragraph[1:]:
        hyphen = _LINE_END_HYPHEN.search(text)
        head = re.match(r"\w+", line)
        if hyphen and head and _split_word(hyphen.group(1), head.group(0), words):
            text = text[:-1] + line
        elif hyphen and head:
            text = text + line
        else:
            text = f"{text} {line}"
    return text


def _split_word(before: str, after: str, words: Counter[str]) -> bool:
    """Whether "before-" + "after" is one word hyphenated at a line end."""
    if not after[0].islower():
        return False
    return not (words[f"{before}-{after}"] > 0 and words[before + after] == 0)
