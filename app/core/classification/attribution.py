"""Attributions: who said or reported something ("Gottemoeller said", "said Gottemoeller",
"the Telegraph reports", "according to Reuters").

A reporting verb is an attribution unless it is a hedge ("is said to be",
"reported to have") or a noun ("after reports the Pentagon...", "his
claims"). Verbs with other senses ("claimed credit", "declared annexation",
"posted a video") count only before "that", a colon, a comma or a quotation,
or after the quotation or name they attribute (", posted Charap").

Its speaker is the word before it ("Herbst said", "he added") or, after a
comma or closing quotation mark, the word after it (", said Herbst", ",
writes yahoonews", "according to Reuters"); None when neither is a word that
could name anyone ("Rose Gottemoeller, who served..., said on").

Two versions of a sentence attribute it differently when they hold a
different number of attributions, or a speaker of one is missing from the
other: word order alone ("said Gottemoeller" -> "Gottemoeller said") is no
change of attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.alignment.profile import STEM_LENGTH

_SPEECH_VERBS = [
    "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "reported", "reports",
    "tweeted",
]  # fmt: skip
_OTHER_SENSE_VERBS = frozenset(
    {
        "posted", "stated", "claimed", "noted", "argued", "argues", "explained", "insisted",
        "warned", "acknowledged", "admitted", "confirmed", "announced", "declared",
    }
)  # fmt: skip
_VERB_FORMS = [*_SPEECH_VERBS, *sorted(_OTHER_SENSE_VERBS), "according to", "According to"]
# The verbs as `profile.words_of` writes them: a sentence is searched only for
# the verbs its profile has, and most have none.
_FORMS_BY_STEM: dict[str, list[str]] = {}
for _form in _VERB_FORMS:
    _FORMS_BY_STEM.setdefault(_form.casefold()[:STEM_LENGTH], []).append(_form)
VERB_STEMS = frozenset(_FORMS_BY_STEM)
_INTRODUCES_SPEECH = (" that", ":", ",", " “", ' "')
# Matched against the text before a verb reversed: anchored, so it looks
# only at the end of that text, where a search for r"(\w+)\s*$" tries
# every position.
_REVERSED_WORD_BEFORE = re.compile(r"\s*(\w+)")
_WORD_AFTER = re.compile(r"\s+(\w+)")
_HEDGING_BEFORE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_NOUN_BEFORE = frozenset(
    {
        "a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that",
        "these", "those", "after", "of", "in", "on", "for", "with", "by", "from", "new", "media",
        "press", "news", "recent", "earlier", "such", "some", "many",
    }
)  # fmt: skip
_NO_SPEAKER = frozenset(
    {
        "on", "in", "at", "to", "of", "for", "with", "by", "from", "as", "the", "a", "an", "that",
        "this", "who", "which", "also", "then", "later", "first", "last", "again", "has", "have",
        "had", "and", "or", "but",
    }
)  # fmt: skip
_CONTEXT = 40  # characters either side of a verb that decide its reading
# How far from a verb a change can be and still touch its attribution: the
# verb's speaker is the word next to it ("Gottemoeller said", "said Herbst").
_REACH = 30


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int  # the span of the verb and its speaker, in the text given
    end: int
    speaker: str | None


Verb = tuple[int, str]  # where a reporting verb stands, and the verb


def find_verbs(text: str, start: int, end: int, stems: Iterable[str] = VERB_STEMS) -> list[Verb]:
    """The reporting verbs of text[start:end] with the given `VERB_STEMS`, in order
    (found with str.find, which scans in C)."""
    found: list[Verb] = []
    for stem in stems:
        for form in _FORMS_BY_STEM[stem]:
            at = text.find(form, start, end)
            while at >= 0:
                after = at + len(form)
                if not (_is_word_character(text, at - 1) or _is_word_character(text, after)):
                    found.append((at, form))
                at = text.find(form, after, end)
    found.sort()
    return found


def attributions(text: str, start: int, end: int, verbs: list[Verb]) -> list[Attribution]:
    """The attributions of text[start:end] its `verbs` make, with offsets into `text`."""
    found: list[Attribution] = []
    for at, verb in verbs:
        before = text[max(start, at - _CONTEXT) : at]
        after = text[at + len(verb) : min(end, at + len(verb) + _CONTEXT)]
        attribution = _reading(verb, at, before, after)
        if attribution is not None:
            found.append(attribution)
    return found


def near(verbs: list[Verb], start: int, end: int) -> bool:
    """Whether one of the verbs stands within reach of the span [start, end): close
    enough for a change there to touch an attribution (the verb or its speaker)."""
    return any(at - _REACH < end and start < at + len(verb) + _REACH for at, verb in verbs)


def _is_word_character(text: str, at: int) -> bool:
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def _reading(verb: str, at: int, before: str, after: str) -> Attribution | None:
    """The attribution the verb at `at` makes, given the text just before and after it."""
    previous = _REVERSED_WORD_BEFORE.match(before[::-1])
    word = previous.group(1)[::-1].lower() if previous else ""
    if word in _HEDGING_BEFORE or (after.startswith(" to ") and not verb.endswith(" to")):
        return None  # "is said to be", "reported to have": a hedge
    if previous is None:
        return _inverted(at, at + len(verb), after)
    if word in _NOUN_BEFORE:
        return None  # "after reports the Pentagon", "his claims"
    if verb in _OTHER_SENSE_VERBS and not after.startswith(_INTRODUCES_SPEECH):
        return None  # "claimed credit", "declared annexation"
    start = at - previous.end(1)
    speaker = None if word in _NO_SPEAKER else previous.group(1)[::-1]
    return Attribution(start, at + len(verb), speaker)


def _inverted(start: int, end: int, after: str) -> Attribution:
    """A verb after a comma or quotation mark: its speaker, if any, follows it."""
    word_after = _WORD_AFTER.match(after)
    if word_after is None or word_after.group(1).lower() in _NO_SPEAKER:
        return Attribution(start, end, None)
    return Attribution(start, end + word_after.end(1), word_after.group(1))


def attributed_differently(
    left: list[Attribution], left_text: str, right: list[Attribution], right_text: str
) -> bool:
    """Whether two versions of a sentence, with their attributions, attribute it
    differently (see the module's docstring)."""
    if len(left) != len(right):
        return True
    return any(
        attribution.speaker is not None and not _mentions(other_text, attribution.speaker)
        for attributions_of, other_text in ((left, right_text), (right, left_text))
        for attribution in attributions_of
    )


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None
