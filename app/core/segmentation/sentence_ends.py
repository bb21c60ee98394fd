"""Where sentences end: sentencex's ends, and the ends inside quotations.

sentencex never cuts inside a quotation, so a quotation of several sentences
would be one segment, and a copy that cuts or reorders its sentences could
not be aligned sentence by sentence. The inside of each quotation
(`app.core.segmentation.quotes`, and ‘…’ or another quotation within it) is segmented
again and cut where its sentences end; its last sentence runs on through the
closing mark and the attribution after it (“… take time. | But …,” he
said.), as far as the sentence around the quotation does. Which segments lie inside one quotation
is not recorded: the classifier reads the quotations of the whole text.
"""

from __future__ import annotations

import bisect
import re

import sentencex

from app.core.segmentation.quotes import Quotations, find_quotations

# What may follow a sentence's last stop: closing marks (“ and ‘ close German
# quotations, « German guillemets), a French guillemet after its space.
CLOSERS = r"(?:[\"'”’“‘»«›‹)\]]|[ \u00a0\u202f](?=[»«›‹]))*"
_ONLY_CLOSERS = re.compile(CLOSERS)
# A sentence end with more text after it: the quick test of whether a
# quotation may hold two sentences.
_MAY_END_INSIDE = re.compile(rf"[.!?…]{CLOSERS}\s+\S")
# ‘ opens a quotation inside a quotation, and the first ’ that no letter
# follows closes it (the ’ of "won’t" is an apostrophe).
_NESTED_QUOTATION = re.compile(r"‘(\S(?:[^’]|’(?=\w))*)’(?!\w)")
_WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")
# A stop after a word (not after a number: "am 3. 4 Leute"), before a number.
_STOP_BEFORE_DIGIT = re.compile(rf"(?<=[^\d\s])[.!?]{CLOSERS}\s+(?=\d)")
# The languages whose sentencex rules never end a sentence before a number.
_NO_END_BEFORE_DIGIT = frozenset({"de"})


def segmenter_ends(text: str, language: str) -> set[int]:
    """The offsets where sentencex ends a sentence of `text`, kept within it."""
    if not text.isascii() and _wide_space_before_stop(text):
        # sentencex panics on a letter, a space of more than one byte and a full
        # stop ("O\u00a0."); such a space is a space to it anyway, and one
        # character for one keeps every offset.
        text = _WIDE_SPACE.sub(" ", text)
    if language in _NO_END_BEFORE_DIGIT and any(char.isdecimal() for char in text):
        text = _capital_for_digit(text)
    return {
        min(max(boundary["end_index"], 0), len(text))
        for boundary in sentencex.get_sentence_boundaries(language, text)
    }


def _capital_for_digit(text: str) -> str:
    """`text` with a capital in place of each number's first digit after a stop.

    sentencex's German never ends a sentence before a number, so that "am 3.
    Oktober" stays one (the stop is an ordinal's), and so does "… zu sich. 40
    Prozent trinken …"; with a capital letter there it decides on the word
    before the stop, as before any capital ("ca. 40" stays one sentence, as
    "ca. Zehn" would). One character for one keeps every offset.
    """
    starts = [match.end() for match in _STOP_BEFORE_DIGIT.finditer(text)]
    if not starts:
        return text
    chars = list(text)
    for at in starts:
        chars[at] = "X"
    return "".join(chars)


def quotation_ends(
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
        inner = segmenter_ends(inside, language)
        if not nested:
            inner |= quotation_ends(inside, _nested_quotations(inside), language, nested=True)
        # Not before the closing marks of a quotation inside it ("… das.|‘").
        ends.update(
            start + cut for cut in inner if not _ONLY_CLOSERS.fullmatch(inside[cut:last].strip())
        )
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


def long_quotations(
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


def wrapped_quotations(paragraph: str) -> list[tuple[int, int]]:
    # `find_quotations` ends a quotation at a line break, which in a whole
    # text ends a paragraph; in a soft-wrapped one it is a space.
    found = find_quotations(paragraph.replace("\n", " "))
    return list(zip(found.starts, found.ends, strict=True))


def _nested_quotations(quotation: str) -> list[tuple[int, int]]:
    """The quotations inside a quotation: ‘…’, and those of other marks („…“ in « … »)."""
    nested = find_quotations(quotation)
    return [
        *(match.span(1) for match in _NESTED_QUOTATION.finditer(quotation)),
        *zip(nested.starts, nested.ends, strict=True),
    ]
