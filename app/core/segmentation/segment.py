"""Cutting a text into paragraphs, then sentences and headings.

Paragraphs: articles come in two conventions, one paragraph per line, and
paragraphs separated by blank lines. A blank line always ends a paragraph. A
single line break ends one too, unless it is a soft wrap, as in e-mail and
plain-text archives: the line is of moderate length, the next line's first
word would not have fitted on it (the longest line of the block gives the
width), and it does not end a sentence before a capital letter.

Sentences: sentencex, a rule-based segmenter that knows abbreviations such as
"U.S.", "Jr." and "Sen." (a regex split on [.!?] breaks after them), with
three corrections for news writing: an ellipsis character before a capital
ends a sentence; "no." and "etc." before a capital end one ("He said no.
Newsom agreed."; sentencex reads "no." as the abbreviation of "No. 10", and
"etc." as never ending a sentence); and "a.m." or "p.m." before a day, a
month or a time zone does not ("10 a.m. Friday").

Quotations: sentencex never cuts inside one; `sentence_ends` cuts the
sentences inside each quotation as outside it, the closing mark and the
attribution after it staying with the last (“… time. | But …,” he said.).

Headings: a paragraph that is short and has no final punctuation ("What Trump
wants", "LATEST NEWS:") is one segment of kind HEADING.

Each segment is trimmed of surrounding whitespace, so whitespace between
segments belongs to none and every other character to exactly one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.core.classification.datenames import date_names
from app.core.model import Segment, SegmentKind
from app.core.segmentation.long_segments import bounded
from app.core.segmentation.quotes import Quotations, find_quotations
from app.core.segmentation.sentence_ends import (
    CLOSERS,
    long_quotations,
    quotation_ends,
    segmenter_ends,
    wrapped_quotations,
)

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_FINAL_PUNCTUATION = re.compile(rf"[.!?…]{CLOSERS}$")
_ELLIPSIS_THEN = re.compile(rf"…{CLOSERS}\s+(?=\S)")
# Two closing marks: a quotation inside a quotation ends with the sentence.
_STOP_THEN_TWO_CLOSERS = re.compile(
    rf"[.!?…](?=[^\s\w.!?…][\u00a0\u202f ]?[^\s\w.!?…]){CLOSERS}\s+(?=\S)"
)
_NO_OR_ETC_THEN = re.compile(rf"\b(?:[Nn]o|etc)\.{CLOSERS}\s+(?=\S)")
# Marks that open a quotation (a straight one opens where a space precedes it).
_OPENING_MARKS = frozenset("“„«‘‚‹\"'")
_CLOCK_THEN = re.compile(r"\b[ap]\.m\.\s+([A-Z][A-Za-z]*)\b")
# What follows "10 a.m." in the same sentence: a day, a month, a time zone.
_DATE_NAMES = list(date_names("en"))
_SHORT_NAMES = ["Tues", "Thur", "Thurs", "Sept"]
_TIME_ZONES = [
    *("ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT"),
    *("GMT", "UTC", "BST", "CET", "CEST"),
]
_CLOCK_CONTINUES = frozenset(
    [*_DATE_NAMES, *(name[:3] for name in _DATE_NAMES), *_SHORT_NAMES, *_TIME_ZONES]
)
HEADING_MAX_WORDS = 14
WRAPPED_LINE_MIN = 40  # characters
WRAPPED_LINE_MAX = 100  # characters


def segment_text(
    text: str, language: str = "en", quotations: Quotations | None = None
) -> tuple[Segment, ...]:
    """The segments of `text`; `quotations` are its quotations
    (`find_quotations(text)`), for a caller that already has them."""
    paragraphs = paragraph_spans(text)
    inside = long_quotations(text, paragraphs, quotations or find_quotations(text))
    segments: list[Segment] = []
    for number, (start, end) in enumerate(paragraphs):
        paragraph = text[start:end]
        if is_heading(paragraph):
            segments.append(Segment(start, end, number, SegmentKind.HEADING))
            continue
        quoted = inside.get(number, [])
        segments.extend(_sentences(paragraph, start, number, language, quoted))
    return bounded(text, segments)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs, trimmed, in order; empty ones left out."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        if text.find("\n", block_start, block_end) < 0:
            # A paragraph of one line (most of them): no lines to look for.
            lines = [(block_start, block_end)]
        else:
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
    # Final punctuation first: it rules out most paragraphs, and a search is
    # cheaper than cutting a long paragraph into words.
    return (
        not _FINAL_PUNCTUATION.search(stripped)
        and "\n" not in stripped
        and len(stripped.split(maxsplit=HEADING_MAX_WORDS)) <= HEADING_MAX_WORDS
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _sentences(
    paragraph: str, start: int, number: int, language: str, quoted: list[tuple[int, int]]
) -> Iterator[Segment]:
    """The sentences of a paragraph (no heading) that starts at `start`;
    `quoted`: the insides of its quotations that may hold two sentences, as
    offsets into it."""
    if "\n" in paragraph:
        quoted = wrapped_quotations(paragraph)
    for cut_start, cut_end in _sentence_cuts(paragraph, language, quoted):
        trimmed = _trim(paragraph, cut_start, cut_end)
        if trimmed:
            yield Segment(start + trimmed[0], start + trimmed[1], number, SegmentKind.SENTENCE)


def _ends_before_capital(pattern: re.Pattern[str], paragraph: str) -> Iterator[int]:
    """Where a match of `pattern` ends a sentence: when a capital letter follows."""
    for match in pattern.finditer(paragraph):
        if paragraph[match.end()].isupper():
            yield match.end()


def _extra_ends(paragraph: str) -> set[int]:
    """Sentence ends sentencex misses: after "stalled… Then" (it knows only
    "stalled... Then"), after "said no. Newsom", after "etc. Computers" and
    after "… there.’” Then"."""
    ends: set[int] = set(_ends_before_capital(_STOP_THEN_TWO_CLOSERS, paragraph))
    if "…" in paragraph:
        ends.update(_ends_before_capital(_ELLIPSIS_THEN, paragraph))
    if "o." in paragraph or "etc." in paragraph:
        ends.update(_ends_before_capital(_NO_OR_ETC_THEN, paragraph))
    return ends


def _false_ends(paragraph: str) -> set[int]:
    """Ends sentencex puts inside a sentence: between "10 a.m." and "Friday"."""
    if ".m." not in paragraph:
        return set()
    return {
        match.start(1)
        for match in _CLOCK_THEN.finditer(paragraph)
        if match.group(1) in _CLOCK_CONTINUES
    }


def _sentence_cuts(
    paragraph: str, language: str, quotations: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    # Only the segmenter's end offsets are used, and they are clamped and
    # sorted, so that whatever it returns the cuts cover the paragraph exactly.
    found = segmenter_ends(paragraph, language)
    if quotations:
        found |= quotation_ends(paragraph, quotations, language)
    kept = _without_false_ends(found, paragraph) | _extra_ends(paragraph)
    ends = sorted({_before_opening_marks(paragraph, end) for end in kept})
    previous = 0
    for cut in [*ends, len(paragraph)]:
        if cut > previous:
            yield previous, cut
            previous = cut


def _before_opening_marks(paragraph: str, end: int) -> int:
    """An end put after a quotation's opening mark ("week. “|This is hard."
    when the quotation is never closed) moved before it: the mark opens the
    next sentence."""
    at = end
    while at > 0 and paragraph[at - 1] in _OPENING_MARKS:
        at -= 1
    return at if at < end and (at == 0 or paragraph[at - 1].isspace()) else end


def _without_false_ends(ends: set[int], paragraph: str) -> set[int]:
    """`ends` less those inside a sentence; an end may sit before or after the
    space that follows it, so both are checked."""
    false = _false_ends(paragraph)
    if not false:
        return ends
    return {end for end in ends if end not in false and _next_word(paragraph, end) not in false}


def _next_word(paragraph: str, at: int) -> int:
    while at < len(paragraph) and paragraph[at].isspace():
        at += 1
    return at
