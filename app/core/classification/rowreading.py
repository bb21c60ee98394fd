"""What the classifier reads of a whole row, once, when one of its changes first asks."""

from __future__ import annotations

import re
from typing import NamedTuple

from app.core.classification.attribution import (
    VERB_STEMS,
    Attribution,
    Verb,
    attributed_differently,
    attributions,
    find_verbs,
)
from app.core.worddiff.normalize import typography_form

DOUBLE_QUOTE_MARKS = re.compile(r"[“”„‟″«»\"]")


class RowSpan(NamedTuple):
    """Where a row lies in the two whole texts; (0, 0) on a side it lacks."""

    left: tuple[int, int]
    right: tuple[int, int]
    # The `VERB_STEMS` either side's profile has: the only reporting verbs
    # to look for in the row (most rows have none).
    verbs: frozenset[str] = VERB_STEMS
    # Whether the two sides have the same words (as their profiles show): only
    # then can the whole row differ in typography alone.
    same_words: bool = True


class RowReading:
    """The facts about one row its changes' classes depend on, each read the first
    time a change asks."""

    def __init__(self, left_text: str, right_text: str, span: RowSpan) -> None:
        self.span = span
        self._left_text = left_text
        self._right_text = right_text
        self._quote_marks_differ: bool | None = None
        self._typography_only: bool | None = None
        self._verbs: tuple[list[Verb], list[Verb]] | None = None
        self._attributions: tuple[list[Attribution], list[Attribution]] | None = None
        self._read_attributions = False

    def sides(self) -> tuple[str, str]:
        left, right = self.span.left, self.span.right
        return self._left_text[left[0] : left[1]], self._right_text[right[0] : right[1]]

    def typography_only(self) -> bool:
        """Whether the two sides differ in typography alone."""
        if self._typography_only is None:
            left, right = self.sides()
            self._typography_only = self.span.same_words and (
                typography_form(left) == typography_form(right)
            )
        return self._typography_only

    def quote_marks_differ(self) -> bool:
        """Whether the two sides hold different numbers of double quotation marks."""
        if self._quote_marks_differ is None:
            left, right = self.sides()
            left_count, right_count = (len(DOUBLE_QUOTE_MARKS.findall(t)) for t in (left, right))
            self._quote_marks_differ = left_count != right_count
        return self._quote_marks_differ

    def verbs(self) -> tuple[list[Verb], list[Verb]]:
        """The reporting verbs of both sides."""
        if self._verbs is None:
            span = self.span
            self._verbs = (
                find_verbs(self._left_text, *span.left, span.verbs),
                find_verbs(self._right_text, *span.right, span.verbs),
            )
        return self._verbs

    def attributions(self) -> tuple[list[Attribution], list[Attribution]] | None:
        """The attributions of both sides, None if the sides attribute alike."""
        if not self._read_attributions:
            left_verbs, right_verbs = self.verbs()
            left = attributions(self._left_text, *self.span.left, left_verbs)
            right = attributions(self._right_text, *self.span.right, right_verbs)
            left_text, right_text = self.sides()
            if (left or right) and attributed_differently(left, left_text, right, right_text):
                self._attributions = (left, right)
            self._read_attributions = True
        return self._attributions
