"""What kind of change each change is: the rules behind `ChangeClass`.

A change inside a row is read in this order; the text either side of it that
belongs to the same word ("10" before " percent" -> "%") is read with it.

1. typography: the change differs in quote marks, dashes, ellipses and
   spacing alone (`typography_form`), or its whole row does (the diff may
   cut one changed mark in two). Nothing else is said of it: a typography
   change is never reported as a substantive one.
2. spelling: the change holds a letter, digit, "%" or hyphen, both sides
   have the same `spelling_key` (U.S./US, Kyiv/Kiev, 10 percent/10%,
   more-or-less/more or less, colour/color, it's/it is, two/2, case), and
   they add or drop no punctuation but dots, hyphens and apostrophes.
   Nothing else is said of it: a name respelt is no new name, a quotation
   respelt is not misquoted.
3. every one of these that holds, in this order (the first is the primary):
   - quote: the words of the change that lie inside quotation marks differ
     between the sides (words changed, cut or added within a quotation, or
     a quotation turned into a paraphrase or back), or a double quotation
     mark is added or removed (the row's count of them differs). The
     quotations are those of the whole text, not of the row: a quotation of
     several sentences is several segments, and a change to one that holds
     no quotation mark of its own is still a change to the quotation;
   - number: both sides hold numbers, amounts, percentages or dates, and
     their values differ (`app.core.classification.numbers`);
   - name: a name was replaced by another, or one side holds a name the
     other text lacks but has a near spelling of (`app.core.classification.names`);
   - attribution: the row attributes what it says differently on its two
     sides, and the change touches an attribution (`app.core.classification.attribution`);
   - negation: the negations or hedges of the two sides differ
     (`app.core.classification.negation`), unless the change adds or cuts a passage of more
     than three words whole: then its negation went with the rest of it.
4. wording: none of the above, including punctuation other than quote marks,
   dashes and ellipses (a comma added is wording).

A whole inserted or deleted row is a quote when it quotes someone, an
attribution when it attributes something to someone (both, when both), and
wording otherwise: its numbers, names and negations were not changed, only
added or cut with the rest of it.

Known limits: the class is the run's, so a run mixing a respelling with a
rewording ("Kyiv pulled" -> "Kiev backed") is wording; a typo fixed in an
ordinary word ("effect" -> "affect") is wording; negations and hedges are
counted, not understood (an antonym, "succeeded" -> "failed", is wording).
"""

from __future__ import annotations

import re
from functools import lru_cache, reduce
from operator import or_
from typing import NamedTuple

from app.core.classification.attribution import Attribution, near
from app.core.classification.names import NameReader
from app.core.classification.negation import changes_polarity, may_change_polarity
from app.core.classification.numbers import may_hold_value, values
from app.core.classification.rowreading import DOUBLE_QUOTE_MARKS, RowReading, RowSpan
from app.core.classification.spelling import may_respell, respelling_signals, spelling_key
from app.core.model import ChangeClass, Side
from app.core.segmentation.languages import DEFAULT_LANGUAGE
from app.core.segmentation.quotes import Quotations, find_quotations
from app.core.worddiff.normalize import typography_form

# One tuple for the most common classes, not one per change of a long text.
_WORDING = (ChangeClass.WORDING,)

_SPELLABLE = re.compile(r"[\w%-]")
# Punctuation a respelling may add or drop: abbreviation dots, hyphens,
# apostrophes. Any other ("“productive”" -> "productive") is no spelling.
_NOT_SPELLING_PUNCTUATION = re.compile(r"[^\w\s.'’\-‐‑%]")
_WORD = re.compile(r"\w+")
_APOSTROPHED_WORD = re.compile(r"\w+(?:['’]\w+)*")
_WORD_AFTER = re.compile(r"[^\S\n]*(\w+)")
# A negation added or cut alone ("not ", "reportedly") is a change of
# polarity; one in a longer passage added or cut whole is not.
_NEGATION_CUT_MAX_WORDS = 3
# What a word may take part in, as bits: the quick questions, asked once per
# word (plain ints: an IntFlag's operators run in Python, these in C). The
# low four bits are `respelling_signals`.
_VALUE = 16
_POLARITY = 32


@lru_cache(maxsize=16384)
def _signals(word: str) -> int:
    return (
        respelling_signals(word)
        | (_VALUE if may_hold_value(word) else 0)
        | (_POLARITY if may_change_polarity(word) else 0)
    )


def _signals_of(words: list[str]) -> int:
    return reduce(or_, map(_signals, words), 0)


class Edit(NamedTuple):
    """A change as (start, end) offsets into the two whole texts; a side that only
    gains or loses text has an empty span there."""

    left: tuple[int, int]
    right: tuple[int, int]
    # The unchanged text the change is attached to (the rest of a word, or
    # "10" of "10 percent"), the same on both sides; "" at a space.
    before: str = ""
    after: str = ""


class _Texts(NamedTuple):
    edit: Edit
    row: RowReading
    left: str
    right: str
    left_attached: str  # with `before` and `after`
    right_attached: str
    left_words: list[str]  # the words of the attached texts, in lower case
    right_words: list[str]
    left_signals: int  # of those words
    right_signals: int


class Classifier:
    """Classifies the changes of one comparison; what it reads of the whole texts
    (quotations, names) or of a row (its attributions) it reads once.

    A comparison has hundreds of changes and a few milliseconds for all of
    them, so each test first asks a quick question most changes answer no to
    (does either side hold a digit, a capital, a negation?), mostly by
    looking the change's words up in sets.
    """

    def __init__(
        self,
        left: Side,
        right: Side,
        quotations: tuple[Quotations, Quotations] | None = None,
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        """`quotations`: those of the two whole texts, for a caller that has them;
        `language`: the texts' (how they write numbers and dates)."""
        self.sides = (left, right)
        self.language = language
        self.left_text = left.text
        self.right_text = right.text
        self._quotations = quotations
        self._names = NameReader(left.text, right.text)

    def row(self, span: RowSpan) -> RowReading:
        """The reading of one row, to classify its changes with."""
        return RowReading(self.left_text, self.right_text, span)

    def classify(
        self, edit: Edit, row: RowReading, left: str, right: str
    ) -> tuple[ChangeClass, ...]:
        """The classes of a change of the row whose texts are `left` and `right`."""
        if row.span.same_words and row.typography_only():
            # The diff may cut a changed mark in two ("—" dropped before a space,
            # "—" added after it): each part is still typography.
            return (ChangeClass.TYPOGRAPHY,)
        left_attached = edit.before + left + edit.after
        right_attached = edit.before + right + edit.after
        left_words = _WORD.findall(left_attached.lower())
        right_words = _WORD.findall(right_attached.lower())
        # Typography never touches a letter or digit. The attached words take part:
        # "talks-" -> "talks--" is typography, a lone "-" added is not.
        if left_words == right_words and typography_form(left_attached) == typography_form(
            right_attached
        ):
            return (ChangeClass.TYPOGRAPHY,)
        texts = _Texts(
            edit,
            row,
            left,
            right,
            left_attached,
            right_attached,
            left_words,
            right_words,
            _signals_of(left_words),
            _signals_of(right_words),
        )
        if _is_spelling(texts, self.language):
            return (ChangeClass.SPELLING,)
        return self._substantive(texts) or _WORDING

    def _substantive(self, texts: _Texts) -> tuple[ChangeClass, ...]:
        found = []
        if self._is_quote(texts):
            found.append(ChangeClass.QUOTE)
        if _is_number(texts, self.language):
            found.append(ChangeClass.NUMBER)
        if texts.left + texts.right != (texts.left + texts.right).lower() and (
            self._names.changed(texts.left, texts.right, texts.edit.left[0], texts.edit.right[0])
        ):
            found.append(ChangeClass.NAME)  # (no capital letter, no name)
        if texts.row.span.verbs and _is_attribution(texts):
            found.append(ChangeClass.ATTRIBUTION)
        if self._is_negation(texts):
            found.append(ChangeClass.NEGATION)
        return tuple(found)

    def classify_row(self, row: RowReading) -> tuple[ChangeClass, ...]:
        """The classes of a whole row inserted or deleted."""
        span = row.span
        on_left = span.left[0] < span.left[1]
        text = self.left_text if on_left else self.right_text
        start, end = span.left if on_left else span.right
        found = []
        if self._quotations_of()[0 if on_left else 1].words_inside(text, start, end):
            found.append(ChangeClass.QUOTE)
        # No reporting verb stem in the row's words: no verb to look for.
        if span.verbs and any(row.verbs()) and row.attributions() is not None:
            found.append(ChangeClass.ATTRIBUTION)
        return tuple(found) or _WORDING

    def _is_negation(self, texts: _Texts) -> bool:
        """Whether the change alters the negations or hedges of its words (with the
        unchanged word after it, which completes "declined [to]")."""
        if not (texts.left_signals | texts.right_signals) & _POLARITY:
            return False
        if not (texts.left.strip() and texts.right.strip()):
            words = _WORD.findall(texts.left or texts.right)
            if len(words) > _NEGATION_CUT_MAX_WORDS:
                return False  # a clause cut or added with its negation is a change of wording
            if not any(may_change_polarity(word.lower()) for word in words):
                return False  # "failed [to materialize]": the negation is in what stays
        word_after = self._word_after(texts)
        return changes_polarity(
            [*_APOSTROPHED_WORD.findall(texts.left_attached), word_after],
            [*_APOSTROPHED_WORD.findall(texts.right_attached), word_after],
        )

    def _word_after(self, texts: _Texts) -> str:
        """The unchanged word after the change, within its row; "" if there is none."""
        start = texts.edit.right[1] + len(texts.edit.after)
        found = _WORD_AFTER.match(self.right_text, start, texts.row.span.right[1])
        return found.group(1) if found else ""

    def _quotations_of(self) -> tuple[Quotations, Quotations]:
        if self._quotations is None:
            self._quotations = (find_quotations(self.left_text), find_quotations(self.right_text))
        return self._quotations

    def _is_quote(self, texts: _Texts) -> bool:
        left_quotations, right_quotations = self._quotations_of()
        left_span, right_span = texts.edit.left, texts.edit.right
        if left_quotations.overlap(*left_span) or right_quotations.overlap(*right_span):
            quoted_left = left_quotations.words_inside(self.left_text, *left_span)
            quoted_right = right_quotations.words_inside(self.right_text, *right_span)
            if quoted_left != quoted_right:
                return True
        # A quotation mark added or removed; not one that only moved in the row.
        return bool(DOUBLE_QUOTE_MARKS.search(texts.left + texts.right)) and (
            texts.row.quote_marks_differ()
        )


def _is_spelling(texts: _Texts, language: str) -> bool:
    loosely_equal = "".join(texts.left_words) == "".join(texts.right_words)
    if not (loosely_equal or may_respell(texts.left_signals, texts.right_signals)):
        return False
    if not _SPELLABLE.search(texts.left + texts.right):
        return False  # a full stop or comma is no spelling
    if spelling_key(texts.left_attached, language) != spelling_key(texts.right_attached, language):
        return False
    left_marks = _NOT_SPELLING_PUNCTUATION.findall(typography_form(texts.left))
    return left_marks == _NOT_SPELLING_PUNCTUATION.findall(typography_form(texts.right))


def _is_number(texts: _Texts, language: str) -> bool:
    if not (texts.left_signals & texts.right_signals & _VALUE):
        return False
    left, right = values(texts.left_attached, language), values(texts.right_attached, language)
    return bool(left and right) and sorted(left) != sorted(right)


def _is_attribution(texts: _Texts) -> bool:
    """The row attributes differently on its two sides, and the change is one of the
    attributions that differ, or within reach of one."""
    left_verbs, right_verbs = texts.row.verbs()
    if not (near(left_verbs, *texts.edit.left) or near(right_verbs, *texts.edit.right)):
        return False
    found = texts.row.attributions()
    if found is None:
        return False
    left, right = found
    return _touches(texts.edit.left, left) or _touches(texts.edit.right, right)


def _touches(span: tuple[int, int], found: list[Attribution]) -> bool:
    start, end = span
    return start < end and any(a.start < end and start < a.end for a in found)
