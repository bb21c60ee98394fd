"""Cutting a text into paragraphs, then sentences and headings.

Paragraphs: articles come in two conventions, one paragraph per line, and
paragraphs separated by blank lines. A blank line always ends a paragraph. A
single line break ends one too, unless the block it stands in is hard-wrapped
(every line but the last of moderate length, most of them cut mid-sentence),
as in e-mail and plain-text archives.

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
        if _is_hard_wrapped(text, lines):
            lines = [(lines[0][0], lines[-1][1])]
        for start, end in lines:
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


def _is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    # A wrapped line is cut mid-sentence: most lines but the last end without
    # final punctuation, whereas one paragraph per line ends each with it.
    if len(lines) < 2:
        return False
    inner = [text[start:end].strip() for start, end in lines[:-1]]
    if not all(WRAPPED_LINE_MIN <= len(line) <= WRAPPED_LINE_MAX for line in inner):
        return False
    open_ended = sum(1 for line in inner if not _FINAL_PUNCTUATION.search(line))
    return 2 * open_ended >= len(inner)


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


def _sentence_cuts(paragraph: str, language: str) -> Iterator[tuple[int, int]]:
    # Only the segmenter's end offsets are used, and they are clamped and
    # sorted, so that whatever it returns the cuts cover the paragraph exactly.
    ends = sorted(
        {
            min(max(boundary["end_index"], 0), len(paragraph))
            for boundary in sentencex.get_sentence_boundaries(language, paragraph)
        }
        | {len(paragraph)}
    )
    previous = 0
    for cut in ends:
        if cut > previous:
            yield previous, cut
            previous = cut
