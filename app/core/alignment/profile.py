"""Sentence profiles: what the aligner knows of a segment.

A profile holds the segment's exact key (its text with whitespace runs
collapsed: two segments with equal keys make an `equal` row) and its bag of
words, each weighted by inverse document frequency over both texts, so that
sharing "Zaporizhzhia" counts for more than sharing "the".

Similarity of two bags is the weighted Dice coefficient,
2 * shared weight / (weight of one + weight of the other), in [0, 1].
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.core.model import Segment, SegmentKind, Side
from app.core.worddiff.tokens import is_word


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


def words_of(tokens: Sequence[str]) -> list[str]:
    """The words of a text, given as its tokens (`tokens.tokenize`)."""
    return list(filter(None, map(_word, tokens)))


# Asked once per distinct token, like the classifier's questions about words:
# most tokens of a text ("the", ",", " ") are ones it has already had.
@lru_cache(maxsize=16384)
def _word(token: str) -> str:
    """The word a token stands for; "" for a space or a punctuation mark.

    Each token is folded on its own, so there is one word per word token of the
    text as written, and counts agree with the word diff's.
    """
    return token.casefold()[:STEM_LENGTH] if is_word(token) else ""


def build_profiles(
    left: Side, right: Side, tokens: tuple[list[list[str]], list[list[str]]]
) -> tuple[list[Profile], list[Profile]]:
    """The profiles of both sides' segments, given the tokens of each segment."""
    # Segments of one token (one-word paragraphs, a list's items) share their
    # counts, and (`_profiles`) their profile, per token: a dict per segment
    # is hundreds of megabytes in a text of a few hundred thousand of them.
    one_token: dict[str, dict[str, int]] = {}
    left_counts = [_word_counts(segment, one_token) for segment in tokens[0]]
    right_counts = [_word_counts(segment, one_token) for segment in tokens[1]]
    idf = idf_of(left_counts + right_counts)
    return _profiles(left, left_counts, idf), _profiles(right, right_counts, idf)


def _word_counts(tokens: list[str], one_token: dict[str, dict[str, int]]) -> dict[str, int]:
    """How many times each word of a segment's tokens occurs; the count of a
    segment of a single token is shared through `one_token`. A Counter costs
    microseconds to make, as much as the rest of a one-word segment's
    profile: a text of many one-word paragraphs is read faster without one."""
    if len(tokens) == 1:
        counts = one_token.get(tokens[0])
        if counts is None:
            counts = one_token[tokens[0]] = dict.fromkeys(words_of(tokens), 1)
        return counts
    words = words_of(tokens)
    return Counter(words) if words else {}


def idf_of(documents: Sequence[dict[str, int]]) -> dict[str, float]:
    # A document's counts give each of its words once.
    frequency = Counter(itertools.chain.from_iterable(documents))
    count = len(documents)
    # One logarithm per distinct frequency, far fewer than the words.
    weight = {df: math.log(1 + count / df) for df in set(frequency.values())}
    return {word: weight[df] for word, df in frequency.items()}


def _profiles(side: Side, counts: list[dict[str, int]], idf: dict[str, float]) -> list[Profile]:
    profiles = []
    # The segments of one word share their profile, one per text and kind:
    # mostly the same few thousand, in a text of hundreds of thousands of
    # one-word paragraphs.
    one_word: dict[tuple[str, SegmentKind], Profile] = {}
    for segment, segment_counts in zip(side.segments, counts, strict=True):
        text = side.text[segment.start : segment.end]
        if len(segment_counts) == 1:
            profile = one_word.get((text, segment.kind))
            if profile is None:
                profile = one_word[text, segment.kind] = _profile(
                    text, segment, segment_counts, idf
                )
        else:
            profile = _profile(text, segment, segment_counts, idf)
        profiles.append(profile)
    return profiles


def _profile(text: str, segment: Segment, counts: dict[str, int], idf: dict[str, float]) -> Profile:
    weights = {word: n * idf[word] for word, n in counts.items()}
    return Profile(
        key=exact_key(text),
        weights=weights,
        total=sum(weights.values()),
        is_heading=segment.kind is SegmentKind.HEADING,
        word_count=sum(counts.values()),
    )


def shared_weight(a: dict[str, float], b: dict[str, float]) -> float:
    # fsum, not sum: the shared words come in the order of `a` (another order
    # with a and b swapped), and a float sum in another order can differ in its
    # last bit and tip a tie. fsum is exact, so the order cannot matter.
    # The aligner asks this of hundreds of pairs: each word of `a` is looked up
    # in `b`, with no set of the shared words built, and the smaller weight is
    # taken by a comparison, not min(), a call per shared word.
    return math.fsum(
        [weight if weight <= b[word] else b[word] for word, weight in a.items() if word in b]
    )


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


def word_index(profiles: Sequence[Profile], among: Iterable[int]) -> dict[str, list[int]]:
    """For each word, the segments `among` (in their order) whose profile has it."""
    index: dict[str, list[int]] = defaultdict(list)
    for j in among:
        for word in profiles[j].weights:
            index[word].append(j)
    return index
