"""Cutting a text into paragraphs, then sentences and headings.

Paragraphs: articles come in two conventions, one paragraph per line, and
paragraphs separated by blank lines. A blank line always ends a paragraph. A
single line break ends one too, unless it is a soft wrap, as in e-mail and
plain-text archives: the line is of moderate length, the next line's first
word would not have fitted on it (the longest line of the block gives the
width), and it does not end a sentence before a capital letter.

Sentences: sentencex, a rule-based segmenter that knows abbreviations such as
"U.S.", "Jr." and "Sen." (a regex split on [.!?] breaks after them).

Headings: a paragraph that is short and has no final punctuation ("What Trump
wants", "LATEST NEWS:") is one segment of kind HEADING.

Each segment is trimmed of surrounding whitespace, so whitespace between
segments belongs to none and every other character to exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import sentencex

from app.core.model import Segment, SegmentKind

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_FINAL_PUNCTUATION = re.compile(r"[.!?…][\"'”’»)\]]*$")
_ELLIPSIS_THEN = re.compile(r"…[\"'”’»)\]]*\s+(?=\S)")
HEADING_MAX_WORDS = 14
WRAPPED_LINE_MIN = 40  # characters
WRAPPED_LINE_MAX = 100  # characters


def segment_text(text: str, language: str = "en") -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for number, (start, end) in enumerate(paragraph_spans(text)):
        segments.extend(_segment_paragraph(text, start, end, number, language))
    return tuple(segments)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs, trimmed, in order; empty ones left out."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        lines = [(m.start(), m.end()) for m in _LINE.finditer(text, block_start, block_end)]
        for start, end in _unwrap(text, lines):
            trimmed = _trim(text, start, end)
            if trimmed:
                spans.append(trimmed)
    return spans


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for gap in _BLANK_LINE.finditer(text):
        yield start, gap.start()
        start = gap.end()
    yield start, len(text)


def _unwrap(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The block's lines, joined across soft wraps."""
    if len(lines) < 2:
        return lines
    stripped = [text[start:end].strip() for start, end in lines]
    width = max(len(line) for line in stripped)
    joined = [lines[0]]
    for k in range(1, len(lines)):
        if _is_soft_wrap(stripped[k - 1], stripped[k], width, len(lines)):
            joined[-1] = (joined[-1][0], lines[k][1])
        else:
            joined.append(lines[k])
    return joined


def _is_soft_wrap(line: str, next_line: str, width: int, line_count: int) -> bool:
    if not (WRAPPED_LINE_MIN <= len(line) <= WRAPPED_LINE_MAX and next_line):
        return False
    continues = next_line[0].islower()
    if _FINAL_PUNCTUATION.search(line) and not continues:
        return False
    next_word = next_line.split(maxsplit=1)[0]
    # Two lines alone are too few to tell a wrap from a title over a sentence.
    return len(line) + 1 + len(next_word) > width and (line_count > 2 or continues)


def is_heading(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return (
        len(stripped.split()) <= HEADING_MAX_WORDS
        and "\n" not in stripped
        and not _FINAL_PUNCTUATION.search(stripped)
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _segment_paragraph(
    text: str, start: int, end: int, number: int, language: str
) -> Iterator[Segment]:
    paragraph = text[start:end]
    if is_heading(paragraph):
        yield Segment(start, end, number, SegmentKind.HEADING)
        return
    for cut_start, cut_end in _sentence_cuts(paragraph, language):
        trimmed = _trim(text, start + cut_start, start + cut_end)
        if trimmed:
            yield Segment(trimmed[0], trimmed[1], number, SegmentKind.SENTENCE)


def _ellipsis_ends(paragraph: str) -> Iterator[int]:
    """Where an ellipsis character ends a sentence: before a capital letter.

    sentencex ends a sentence at "stalled... Then" but not at "stalled… Then".
    """
    for match in _ELLIPSIS_THEN.finditer(paragraph):
        if paragraph[match.end()].isupper():
            yield match.end()


def _sentence_cuts(paragraph: str, language: str) -> Iterator[tuple[int, int]]:
    # Only the segmenter's end offsets are used, and they are clamped and
    # sorted, so that whatever it returns the cuts cover the paragraph exactly.
    ends = sorted(
        {
            min(max(boundary["end_index"], 0), len(paragraph))
            for boundary in sentencex.get_sentence_boundaries(language, paragraph)
        }
        | (set(_ellipsis_ends(paragraph)) if "…" in paragraph else set())
        | {len(paragraph)}
    )
    previous = 0
    for cut in ends:
        if cut > previous:
            yield previous, cut
            previous = cut
