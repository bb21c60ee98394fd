"""Sentence profiles: what the aligner knows of a segment.

A profile holds the segment's exact key (its text with whitespace runs
collapsed: two segments with equal keys make an `equal` row) and its bag of
words, each weighted by inverse document frequency over both texts, so that
sharing "Zaporizhzhia" counts for more than sharing "the".

Similarity of two bags is the weighted Dice coefficient,
2 * shared weight / (weight of one + weight of the other), in [0, 1].
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core.model import Segment, SegmentKind, Side
from app.core.tokens import word_tokens


@dataclass(frozen=True, slots=True)
class Profile:
    key: str
    weights: dict[str, float]
    total: float
    is_heading: bool
    word_count: int


def exact_key(text: str) -> str:
    return " ".join(text.split())


# Words are compared case folded and cut to six letters: a crude stemmer that
# needs no language model ("Ukraine" and "Ukrainian", "reported" and
# "reportedly" compare equal). On the essay-revision gold set it scores as
# well as suffix stripping, and better than whole words.
STEM_LENGTH = 6


def words_of(text: str) -> list[str]:
    # Each token is folded on its own, so there is one word per word token of
    # the text as written, and counts agree with the word diff's.
    return [word.casefold()[:STEM_LENGTH] for word in word_tokens(text)]


def build_profiles(left: Side, right: Side) -> tuple[list[Profile], list[Profile]]:
    left_words = [words_of(left.text[s.start : s.end]) for s in left.segments]
    right_words = [words_of(right.text[s.start : s.end]) for s in right.segments]
    idf = _inverse_document_frequency(left_words + right_words)
    return (
        [_profile(left.text, s, w, idf) for s, w in zip(left.segments, left_words, strict=True)],
        [_profile(right.text, s, w, idf) for s, w in zip(right.segments, right_words, strict=True)],
    )


def _inverse_document_frequency(documents: Sequence[Iterable[str]]) -> dict[str, float]:
    frequency: Counter[str] = Counter()
    for words in documents:
        frequency.update(set(words))
    count = len(documents)
    return {word: math.log(1 + count / df) for word, df in frequency.items()}


def _profile(text: str, segment: Segment, words: list[str], idf: dict[str, float]) -> Profile:
    weights = {word: n * idf[word] for word, n in Counter(words).items()}
    return Profile(
        key=exact_key(text[segment.start : segment.end]),
        weights=weights,
        total=sum(weights.values()),
        is_heading=segment.kind is SegmentKind.HEADING,
        word_count=len(words),
    )


def shared_weight(a: dict[str, float], b: dict[str, float]) -> float:
    # fsum, not sum: the shared words come in set order, which changes with
    # Python's string hash seed, and a float sum in another order can differ in
    # its last bit and tip a tie. fsum is exact, so the order cannot matter.
    return math.fsum(min(a[word], b[word]) for word in a.keys() & b.keys())


def dice(a: Profile, b: Profile, shared: float | None = None) -> float:
    """Their similarity; `shared` is their shared weight, when the caller has it."""
    if shared is None:
        shared = shared_weight(a.weights, b.weights)
    total = a.total + b.total
    return 2 * shared / total if total else 0.0


def combine(profiles: Sequence[Profile]) -> Profile:
    """The profile of consecutive segments read as one."""
    weights: Counter[str] = Counter()
    for profile in profiles:
        weights.update(profile.weights)
    return Profile(
        key=" ".join(p.key for p in profiles),
        weights=dict(weights),
        total=sum(p.total for p in profiles),
        is_heading=False,
        word_count=sum(p.word_count for p in profiles),
    )
