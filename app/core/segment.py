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

Quotations: sentencex never cuts inside one, so a quotation of several
sentences would be one segment, and a copy that cuts or reorders its
sentences could not be aligned sentence by sentence. The inside of each
quotation (`app.core.quotes`, and ‘…’ within it) is segmented again and
cut where its sentences end; its last sentence keeps the closing mark and
the attribution after it (“… time. | But …,” he said.). Which segments lie
inside one quotation is not recorded here: the classifier reads the
quotations of the whole text.

Headings: a paragraph that is short and has no final punctuation ("What Trump
wants", "LATEST NEWS:") is one segment of kind HEADING.

Each segment is trimmed of surrounding whitespace, so whitespace between
segments belongs to none and every other character to exactly one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import sentencex

from app.core.model import Segment, SegmentKind
from app.core.quotes import Quotations, find_quotations

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_FINAL_PUNCTUATION = re.compile(r"[.!?…][\"'”’»)\]]*$")
_CLOSERS = r"[\"'”’»)\]]*"
_ELLIPSIS_THEN = re.compile(rf"…{_CLOSERS}\s+(?=\S)")
_NO_OR_ETC_THEN = re.compile(rf"\b(?:[Nn]o|etc)\.{_CLOSERS}\s+(?=\S)")
# A sentence end with more text after it: the quick test of whether a
# quotation may hold two sentences.
_MAY_END_INSIDE = re.compile(rf"[.!?…]{_CLOSERS}\s+\S")
# ‘ opens a quotation inside a quotation, and the first ’ that no letter
# follows closes it (the ’ of "won’t" is an apostrophe).
_NESTED_QUOTATION = re.compile(r"‘(\S(?:[^’]|’(?=\w))*)’(?!\w)")
_WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")
_CLOCK_THEN = re.compile(r"\b[ap]\.m\.\s+([A-Z][A-Za-z]*)\b")
# What follows "10 a.m." in the same sentence: a day, a month, a time zone.
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = [
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
]
_SHORT_NAMES = ["Tues", "Thur", "Thurs", "Sept"]
_TIME_ZONES = [
    *("ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT"),
    *("GMT", "UTC", "BST", "CET", "CEST"),
]
_CLOCK_CONTINUES = frozenset(
    [*_DAYS, *_MONTHS, *(name[:3] for name in _DAYS + _MONTHS), *_SHORT_NAMES, *_TIME_ZONES]
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
    inside = _long_quotations(text, paragraphs, quotations or find_quotations(text))
    segments: list[Segment] = []
    for number, (start, end) in enumerate(paragraphs):
        quoted = inside.get(number, [])
        segments.extend(_segment_paragraph(text, start, end, number, language, quoted))
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


def _segment_paragraph(
    text: str, start: int, end: int, number: int, language: str, quoted: list[tuple[int, int]]
) -> Iterator[Segment]:
    """The paragraph's segments; `quoted`: the insides of its quotations that
    may hold two sentences, as offsets into it."""
    paragraph = text[start:end]
    if is_heading(paragraph):
        yield Segment(start, end, number, SegmentKind.HEADING)
        return
    if "\n" in paragraph:
        quoted = _wrapped_quotations(paragraph)
    for cut_start, cut_end in _sentence_cuts(paragraph, language, quoted):
        trimmed = _trim(text, start + cut_start, start + cut_end)
        if trimmed:
            yield Segment(trimmed[0], trimmed[1], number, SegmentKind.SENTENCE)


def _ends_before_capital(pattern: re.Pattern[str], paragraph: str) -> Iterator[int]:
    """Where a match of `pattern` ends a sentence: when a capital letter follows."""
    for match in pattern.finditer(paragraph):
        if paragraph[match.end()].isupper():
            yield match.end()


def _extra_ends(paragraph: str) -> set[int]:
    """Sentence ends sentencex misses: after "stalled… Then" (it knows only
    "stalled... Then"), after "said no. Newsom" and after "etc. Computers"."""
    ends: set[int] = set()
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
    found = _segmenter_ends(paragraph, language)
    if quotations:
        found |= _quotation_ends(paragraph, quotations, language)
    ends = sorted(_without_false_ends(found, paragraph) | _extra_ends(paragraph))
    previous = 0
    for cut in [*ends, len(paragraph)]:
        if cut > previous:
            yield previous, cut
            previous = cut


def _segmenter_ends(text: str, language: str) -> set[int]:
    if not text.isascii() and _wide_space_before_stop(text):
        # sentencex panics on a letter, a space of more than one byte and a full
        # stop ("O\u00a0."); such a space is a space to it anyway, and one
        # character for one keeps every offset.
        text = _WIDE_SPACE.sub(" ", text)
    return {
        min(max(boundary["end_index"], 0), len(text))
        for boundary in sentencex.get_sentence_boundaries(language, text)
    }


def _quotation_ends(
    paragraph: str, quotations: list[tuple[int, int]], language: str, nested: bool = False
) -> set[int]:
    """The sentence ends inside the paragraph's quotations, which sentencex does
    not cut: each quotation's inside is segmented as a text of its own, and
    every end before its last sentence kept. Its last sentence runs on through
    the closing mark and the attribution after it ("…,” he said."), as far as
    the sentence around the quotation does.

    A quotation inside a quotation (‘…’) is cut the same way, one level down."""
    ends: set[int] = set()
    for start, end in quotations:
        inside = paragraph[start:end]
        if not _MAY_END_INSIDE.search(inside):
            continue  # no full stop before more text: one sentence at most
        last = len(inside.rstrip())
        inner = _segmenter_ends(inside, language)
        if not nested:
            inner |= _quotation_ends(inside, _nested_quotations(inside), language, nested=True)
        ends.update(start + cut for cut in inner if inside[cut:last].strip())
    return ends


def _wide_space_before_stop(text: str) -> bool:
    # A loop over the full stops, a few a paragraph: four times quicker than a
    # regular expression that looks at every character.
    at = text.find(".", 1)
    while at > 0:
        if text[at - 1].isspace() and not text[at - 1].isascii():
            return True
        at = text.find(".", at + 1)
    return False


def _long_quotations(
    text: str, paragraphs: list[tuple[int, int]], quotations: Quotations
) -> dict[int, list[tuple[int, int]]]:
    """The insides of the quotations that may hold two sentences, by paragraph
    number, as offsets into the paragraph. They are found once in the whole
    text, not once a paragraph, and they are few."""
    starts = [start for start, _ in paragraphs]
    found: dict[int, list[tuple[int, int]]] = {}
    for start, end in zip(quotations.starts, quotations.ends, strict=True):
        number = bisect.bisect_right(starts, start) - 1
        if number >= 0 and _MAY_END_INSIDE.search(text, start, end):
            first, last = paragraphs[number]
            found.setdefault(number, []).append((start - first, min(end, last) - first))
    return found


def _wrapped_quotations(paragraph: str) -> list[tuple[int, int]]:
    # `find_quotations` ends a quotation at a line break, which in a whole
    # text ends a paragraph; in a soft-wrapped one it is a space.
    found = find_quotations(paragraph.replace("\n", " "))
    return list(zip(found.starts, found.ends, strict=True))


def _nested_quotations(quotation: str) -> list[tuple[int, int]]:
    return [match.span(1) for match in _NESTED_QUOTATION.finditer(quotation)]


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
