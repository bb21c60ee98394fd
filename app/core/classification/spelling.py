"""The spelling key: two texts with equal keys say the same words, spelt differently.

The key is the text's words, case folded and joined with nothing between
them, so case, hyphenation, spacing and abbreviation dots drop out
("U.S." = "US", "more-or-less" = "more or less", "$5.4-billion-worth" =
"$5.4 billion worth"). Each word is then spelt one way:

- "percent", "per cent" and "pct" are "%";
- contractions are written out ("it's" = "it is", "don't" = "do not");
- British spellings are American: -our -> -or, -ise/-isation -> -ize/-ization,
  -yse -> -yze, -tre/-bre -> -ter/-ber, -elled/-elling -> -eled/-eling (only in
  words of six letters or more, so "four" is never "for"), and a short table
  (defence, programme, towards...);
- a small table of transliterations: Kyiv/Kiev, Kharkiv/Kharkov, Odesa/Odessa,
  Gaddafi/Qaddafi, Zelensky/Zelenskyy...;
- a few abbreviations are the names they abbreviate (United States = US);
- numbers are their values (`app.core.classification.numbers`: "two" = "2", "2 million" =
  "2,000,000", "$5.4-billion" = "$5.4 billion").

Apostrophes stay in the key: "we'll" is not "well".
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.classification.numbers import NUMBER_WORDS, Value, read
from app.core.segmentation.languages import DEFAULT_LANGUAGE
from app.core.worddiff.normalize import straightened

_PERCENT = re.compile(r"\s*\b(?:per\s?cent|pct)\b\.?")
_ABBREVIATED = {
    "united states": "us",
    "united kingdom": "uk",
    "european union": "eu",
    "united nations": "un",
    "united arab emirates": "uae",
}
_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(_ABBREVIATED)})\b")
_KEY_WORDS = re.compile(r"[\w']+|[%$€£¥]")

# One spelling per row, the first is the key.
_VARIANTS = [
    # Transliterations.
    "kyiv kiev",
    "kharkiv kharkov",
    "odesa odessa",
    "lviv lvov lwow",
    "luhansk lugansk",
    "mykolaiv nikolaev nikolayev",
    "zaporizhzhia zaporozhye zaporizhia",
    "chornobyl chernobyl",
    "donbas donbass",
    "rivne rovno",
    "gaddafi qaddafi kadhafi gadhafi qadhafi",
    "zelensky zelenskyy zelenskiy zelenski",
    "navalny navalnyy",
    "qaida qaeda",
    "quran koran",
    "muhammad mohammed mohammad muhammed",
    "hezbollah hizbollah hizbullah",
    "tehran teheran",
    "beijing peking",
    "tbilisi tiflis",
    # British and American spellings the suffix rules miss.
    "defense defence",
    "offense offence",
    "license licence",
    "pretense pretence",
    "program programme",
    "programs programmes",
    "catalog catalogue",
    "dialog dialogue",
    "analog analogue",
    "aging ageing",
    "gray grey",
    "skeptical sceptical",
    "skeptic sceptic",
    "toward towards",
    "afterward afterwards",
    "among amongst",
    "while whilst",
    "aluminum aluminium",
    "jewelry jewellery",
    "judgment judgement",
    "maneuver manoeuvre",
    "fulfill fulfil",
    "enroll enrol",
    "plow plough",
    "mold mould",
    "tire tyre",
    "fetus foetus",
]
_CANONICAL = {variant: row.split()[0] for row in _VARIANTS for variant in row.split()}

_CONTRACTIONS = {
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "who's": "who is",
    "he's": "he is",
    "she's": "she is",
    "let's": "let us",
    "can't": "cannot",
    "won't": "will not",
    "shan't": "shall not",
    "i'm": "i am",
}
_SUFFIX_CONTRACTIONS = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"))

# What follows "our" in a British spelling: "colour", "neighbourhood", "favourably".
_OUR_ENDINGS = (
    *("", "s", "ed", "ing", "ite", "ites", "ful", "able", "ably", "less"),
    *("hood", "hoods", "ly", "al", "ally", "ism", "ist", "ists", "y"),
)
# The endings the suffix rules below rewrite, to skip the rules for other words.
_BRITISH_ENDINGS = tuple(
    f"{stem}{ending}"
    for stem, endings in (
        ("our", _OUR_ENDINGS),
        ("is", ("e", "ed", "es", "ing", "ation", "ations", "er", "ers")),
        ("ys", ("e", "ed", "es", "ing")),
        ("tre", ("", "s", "d")),
        ("bre", ("", "s", "d")),
        ("ell", ("ed", "ing", "er", "ers")),
    )
    for ending in endings
)
_BRITISH_SUFFIXES = [
    (re.compile(rf"our({'|'.join(_OUR_ENDINGS[1:])})?$"), r"or\1"),
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z])([tb])re(s|d)?$"), r"\1er\2"),
    (re.compile(r"ell(ed|ing|er|ers)$"), r"el\1"),
]
# "our", "rise", "acre": short words the suffix rules would confuse with others.
_SUFFIX_MIN_LENGTH = 6


# How a word, in lower case and cut at apostrophes, can take part in a
# respelling, as bits: the quick test of `may_respell`.
RESPELT_ALONE = 1  # "colour", "percent", "united": respelt whatever the other side says
RESPELT_IN_PAIRS = 2  # "kiev", "two", "2": respelt to match another such word
CONTRACTED = 4  # "s" of "it's", "t" of "don't"
EXPANDED = 8  # "is", "not": what contractions are written out as
_RESPELT_ALONE = {"percent", "per", "cent", "pct", "united", "union", "european"}
_RESPELT_IN_PAIRS = frozenset(_CANONICAL) | NUMBER_WORDS
_CONTRACTED = {"s", "t", "re", "ve", "ll", "d", "m", "won", "can", "shan"}
_EXPANDED = {"is", "not", "cannot", "are", "have", "will", "would", "had", "am", "us"}


def respelling_signals(word: str) -> int:
    """How the word can take part in a respelling (the bits above)."""
    signals = 0
    if word in _RESPELT_ALONE or (
        len(word) >= _SUFFIX_MIN_LENGTH and word.endswith(_BRITISH_ENDINGS)
    ):
        signals |= RESPELT_ALONE
    if word in _RESPELT_IN_PAIRS or word[0].isdecimal():
        signals |= RESPELT_IN_PAIRS
    if word in _CONTRACTED:
        signals |= CONTRACTED
    if word in _EXPANDED:
        signals |= EXPANDED
    return signals


def may_respell(left: int, right: int) -> bool:
    """A quick test on the respelling signals of two texts' words: false if spelling_key
    cannot make them agree when their plain letters and digits do not."""
    return bool(
        (left | right) & RESPELT_ALONE
        or left & right & RESPELT_IN_PAIRS
        or (left & CONTRACTED and right & EXPANDED)
        or (right & CONTRACTED and left & EXPANDED)
    )


def spelling_key(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    folded = straightened(text).casefold()
    if "per" in folded or "pct" in folded:
        folded = _PERCENT.sub("%", folded)
    if "unite" in folded or "union" in folded:
        folded = _ABBREVIATION.sub(lambda match: _ABBREVIATED[match.group()], folded)
    words = _KEY_WORDS.findall(folded)
    if not NUMBER_WORDS.isdisjoint(words) or any(word[0].isdecimal() for word in words):
        words = [str(item) if isinstance(item, Value) else item for item in read(folded, language)]
    return "".join(map(_canonical, words))


@lru_cache(maxsize=8192)
def _canonical(word: str) -> str:
    known = _CANONICAL.get(word)
    if known is not None:
        return known
    if "'" in word:
        base, _, ending = word.partition("'")
        if ending == "s" and word not in _CONTRACTIONS:
            return _canonical(base) + "'s"  # a possessive: Kyiv's = Kiev's
        return _expanded(word).replace(" ", "")
    if len(word) >= _SUFFIX_MIN_LENGTH and word.endswith(_BRITISH_ENDINGS):
        for pattern, replacement in _BRITISH_SUFFIXES:
            word, replaced = pattern.subn(replacement, word)
            if replaced:
                return _CANONICAL.get(word, word)
    return word


def _expanded(word: str) -> str:
    known = _CONTRACTIONS.get(word)
    if known is not None:
        return known
    for ending, expansion in _SUFFIX_CONTRACTIONS:
        if word.endswith(ending):
            return word[: -len(ending)] + expansion
    return word
