"""Negations and hedges, counted: a change that alters either count turns a claim around
or makes it more (or less) certain.

Negations: not, n't, never, no (and so "no longer"), none, nobody, nothing,
nowhere, neither, nor, cannot, without; the verbs that say "not" in one word
(refuse, deny, reject, "fail to", "decline to", "fall short"); and a word
that gains or loses "un"/"non" ("likely" -> "unlikely"). Counting the verbs
keeps "has fallen short of" -> "has not fulfilled" (one negation each) from
being flagged, and flags "agreed to" -> "declined to".

Hedges: reportedly, allegedly, apparently, purportedly, supposedly,
seemingly, ostensibly, possibly, probably, perhaps, maybe, likely, unlikely,
may (lower case: "May" is a month), might, could, seem(s), and "said/
reported/believed/thought/alleged/rumored/understood/expected/claimed to"
(and its near-synonyms "projected/forecast/predicted/anticipated/estimated
to", so that "expected to" -> "projected to" changes no count),
"appears to/that/as though" ("appears in court" hedges nothing).
"""

from __future__ import annotations

from collections.abc import Sequence

_NEGATIONS = frozenset(
    {
        "not", "never", "no", "none", "nobody", "nothing", "nowhere", "neither", "nor", "cannot",
        "without",
    }
)  # fmt: skip
_NEGATING_VERBS = frozenset(
    {
        "refuse", "refuses", "refused", "refusing", "deny", "denies", "denied", "denying",
        "reject", "rejects", "rejected", "rejecting",
    }
)  # fmt: skip
# Negations only before "to": "failed to act", not "the brakes failed"; "declined
# to comment", not "demand declined".
_NEGATING_BEFORE_TO = frozenset(
    {"fail", "fails", "failed", "failing", "decline", "declines", "declined", "declining"}
)
_FALLING = frozenset({"fall", "falls", "fell", "fallen", "falling"})  # "... short"
_NEGATED_ENDINGS = ("n't", "n’t")
_HEDGES = frozenset(
    {
        "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
        "ostensibly", "possibly", "probably", "perhaps", "maybe", "likely", "unlikely", "might",
        "could", "seem", "seems", "seemed",
    }
)  # fmt: skip
_HEDGING_BEFORE_TO = frozenset(
    {
        "said", "reported", "believed", "thought", "alleged", "rumored", "rumoured", "understood",
        "expected", "claimed", "projected", "forecast", "predicted", "anticipated", "estimated",
    }
)  # fmt: skip
# "appears to", "appears that", "appears as though"; not "appears in court".
_APPEARING = frozenset({"appear", "appears", "appeared"})
_AFTER_APPEARING = frozenset({"to", "that", "as"})
_NEGATING_PREFIXES = ("un", "non")
# "t" is what is left of "n't" when words are cut at apostrophes.
_POLARITY_WORDS = (
    _NEGATIONS
    | _NEGATING_VERBS
    | _NEGATING_BEFORE_TO
    | _HEDGES
    | _HEDGING_BEFORE_TO
    | _APPEARING
    | {"t", "may", "short"}
)
_NOT_NEGATED = frozenset({"unless"})
_MIN_BASE_LENGTH = 4  # "unable"/"able" yes, "until"/"til" no


def may_change_polarity(word: str) -> bool:
    """A quick test on a word in lower case (cut at apostrophes): false if it is no
    negation, no hedge (nor part of one) and starts with no negating prefix."""
    return word in _POLARITY_WORDS or word.startswith(_NEGATING_PREFIXES)


def changes_polarity(left_words: Sequence[str], right_words: Sequence[str]) -> bool:
    """Whether the negations or hedges of two texts, given as their words, differ."""
    if _counts(left_words) != _counts(right_words):
        return True
    left = {word.casefold() for word in left_words}
    right = {word.casefold() for word in right_words}
    return _gains_prefix(left, right) or _gains_prefix(right, left)


def _counts(words: Sequence[str]) -> tuple[int, int]:
    """(negations, hedges) among the words."""
    negations = hedges = 0
    previous = ""
    for word in words:
        folded = word.casefold()
        if _negates(folded, previous):
            negations += 1
        elif (
            folded in _HEDGES
            or word == "may"
            or (folded == "to" and previous in _HEDGING_BEFORE_TO)
            or (folded in _AFTER_APPEARING and previous in _APPEARING)
        ):
            hedges += 1
        previous = folded
    return negations, hedges


def _negates(word: str, previous: str) -> bool:
    """Whether `word` (case-folded), after `previous`, is a negation."""
    if word in _NEGATIONS:
        return (previous, word) != ("or", "not")  # "whether or not" negates nothing
    return (
        word in _NEGATING_VERBS
        or word.endswith(_NEGATED_ENDINGS)
        or (word == "short" and previous in _FALLING)
        or (word == "to" and previous in _NEGATING_BEFORE_TO)
    )


def _gains_prefix(words: set[str], others: set[str]) -> bool:
    """Whether a word of `words` is a word of `others` with a negating prefix."""
    return any(
        word.startswith(prefix)
        and len(word) - len(prefix) >= _MIN_BASE_LENGTH
        and word not in _NOT_NEGATED
        and word[len(prefix) :] in others
        for word in words - others
        for prefix in _NEGATING_PREFIXES
    )
