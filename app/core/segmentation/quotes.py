"""Where a text quotes someone: the spans between quotation marks.

“ (or „) opens a quotation and ” closes it; „ is also closed by “ (German
„…“), and a “ that closes a quotation opens none. « opens and » closes (French
« … », spaces inside), or, in a text whose first guillemet is », the other
way round (German »…«); ‹ › likewise. ‚ opens a quotation that ‘ closes
(German ‚…‘). A straight " opens one when the next character is not a space,
and the next " closes it. A quotation still open at the end of a paragraph
ends there (a quotation of several paragraphs opens each of them and closes
only the last). Other single quotation marks are not read: ’ is far more
often an apostrophe, and ‘ opens English quotations inside quotations, which
the segmenter reads (`sentence_ends`).

The quotations of each whole text are found once (`compare`) and read by the
segmenter, which cuts the sentences inside them, and by the classifier,
which tells a change inside one.

Marks are found with str.find, which scans in C: a pattern that starts with
a choice of characters would look at each character of the text in turn.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
# Each opening mark and the marks that close what it opens, in the order
# they are read: a mark that closed a quotation of an earlier pair opens none.
_PAIRS = (("„", "”“"), ("‚", "‘"), ("“", "”"), ('"', '"'))
# Guillemets, as French writes them; German turns them round.
_GUILLEMETS = (("«", "»"), ("‹", "›"))


@dataclass(frozen=True, slots=True)
class Quotations:
    """The insides of the quotations of one text, as sorted (start, end) spans."""

    starts: list[int]
    ends: list[int]

    def overlap(self, start: int, end: int) -> bool:
        """Whether text[start:end] reaches inside a quotation."""
        at = bisect.bisect_right(self.ends, start)
        return at < len(self.starts) and self.starts[at] < end and start < end

    def words_inside(self, text: str, start: int, end: int) -> list[str]:
        """The words of text[start:end] that lie inside a quotation, in order."""
        words: list[str] = []
        at = bisect.bisect_right(self.ends, start)
        while at < len(self.starts) and self.starts[at] < end:
            inside_start, inside_end = max(start, self.starts[at]), min(end, self.ends[at])
            if inside_start < inside_end:
                words.extend(_WORD.findall(text, inside_start, inside_end))
            at += 1
        return words


def find_quotations(text: str) -> Quotations:
    closed: set[int] = set()
    spans = sorted(
        span for opening, closing in _pairs(text) for span in _spans(text, opening, closing, closed)
    )
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if starts and start < ends[-1]:
            continue  # inside a quotation of the other kind of marks
        starts.append(start)
        ends.append(end)
    return Quotations(starts, ends)


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs = list(_PAIRS)
    for opening, closing in _GUILLEMETS:
        if opening in text or closing in text:
            first_closing = text.find(closing)
            turned = 0 <= first_closing < text.find(opening) or opening not in text
            pairs.insert(1, (closing, opening) if turned else (opening, closing))
    return pairs


def _spans(text: str, opening: str, closing: str, closed: set[int]) -> list[tuple[int, int]]:
    """The insides of the quotations `opening` opens, closed by a mark of `closing`
    or the end of the paragraph; `closed`: where marks closed quotations, which
    gains the marks that close these."""
    spans: list[tuple[int, int]] = []
    closers = _NextMark(text, closing + "\n")
    at = text.find(opening)
    while at >= 0:
        start = at + 1
        if at in closed or (opening == '"' and text[start : start + 1].isspace()):
            at = text.find(opening, start)  # a closing mark, not an opening one
            continue
        end = closers.first_from(start)
        spans.append((start, end))
        if end < len(text) and text[end] != "\n":
            closed.add(end)
        at = text.find(opening, end + 1)
    return spans


class _NextMark:
    """The first of some marks at or after an offset, for offsets asked in
    increasing order. Each mark's last place found is kept: searching the
    text again for each quotation would be quadratic in a text of many
    quotations and no line break."""

    def __init__(self, text: str, marks: str) -> None:
        self._text = text
        self._found = dict.fromkeys(marks, -1)

    def first_from(self, start: int) -> int:
        """The offset of the first of the marks at or after `start`, or the text's length."""
        for mark, at in self._found.items():
            if at < start:
                found = self._text.find(mark, start)
                self._found[mark] = found if found >= 0 else len(self._text)
        return min(self._found.values(), default=len(self._text))
