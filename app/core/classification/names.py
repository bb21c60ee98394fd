"""Proper names: which capitalized words are names, and when a change changes one.

A name is a capitalized word (or an all-capital one, "NATO") that is not a
common function word, title, month or weekday, and whose lower-case form
the texts do not use ("Still" opens a sentence; "still" is a word).

Two names name the same thing when they are one spelling of each other
(`spelling_key`: Kyiv/Kiev) or a place and its people (Ukraine/Ukrainian,
Russia/Russians, China/Chinese). A name is near another when it is one or two
letters away (Schmitt/Schmidt): a misspelling, or a different person.

A change changes a name when
- it replaces a name with another, in a change of at most four words a side
  (in a longer one names come and go with the rest of the wording), and the
  new or old word is not just capitalized for opening a sentence
  ("Making" -> "Consequently"); or
- one side holds a name the other text never has, but has a near spelling
  of (Schmitt -> Schmidt), wherever the change is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.core.classification.datenames import ALL_DATE_WORDS
from app.core.classification.spelling import spelling_key

_WORD = re.compile(r"\w+")
_WORD_CHARACTER = re.compile(r"\w")
_NAME_SWAP_MAX_WORDS = 4
# The whole-text questions about a name read this many characters either side
# of the change: all of any article, a bounded part of a book.
_READ = 20_000
_OPENING_MARKS = frozenset("“‘\"'([")
_CLOSING_MARKS = "”’\"')]"
_SENTENCE_ENDS = frozenset(".!?:;")
_NOT_NAMES = frozenset(
    {
        "a", "an", "the", "and", "but", "or", "so", "yet", "for", "nor", "if", "in", "on", "at",
        "to", "of", "by", "with", "from", "as", "into", "about", "over", "it", "its", "he", "she",
        "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "him", "them", "us",
        "me", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom",
        "whose", "when", "where", "why", "how", "while", "meanwhile", "however", "still",
        "otherwise", "also", "even", "then", "now", "after", "before", "since", "although",
        "though", "because", "despite", "instead", "moreover", "furthermore", "indeed", "yes",
        "no", "not", "all", "some", "many", "most", "more", "few", "several", "each", "every",
        "both", "either", "neither", "any", "other", "such", "only", "just", "already", "again",
        "once", "later", "earlier", "today", "tomorrow", "yesterday", "according", "do",
        "does", "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
        "would", "can", "could", "may", "might", "should", "must", "shall", "let", "mr", "mrs",
        "ms", "dr", "sir", "lord", "lady", "president", "vice", "prime", "minister", "secretary",
        "senator", "sen", "rep", "gov", "governor", "general", "gen", "chief", "director",
        "ambassador", "chairman", "chairwoman", "professor", "prof", "judge", "justice", "mayor",
        "king", "queen", "prince", "princess", "pope", "st", "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
) | ALL_DATE_WORDS  # fmt: skip
_PEOPLE_ENDINGS = frozenset(
    ["n", "an", "ian", "ean", "ese", "i", "ish", "y", "s", "ns", "ans", "ians", "eans"]
)
_PEOPLE = {
    "british": "britain", "briton": "britain", "brits": "britain", "french": "france",
    "spanish": "spain", "dutch": "netherlands", "polish": "poland", "swedish": "sweden",
    "danish": "denmark", "turkish": "turkey", "finnish": "finland", "swiss": "switzerland",
    "greek": "greece", "welsh": "wales", "irish": "ireland", "scottish": "scotland",
    "filipino": "philippines",
}  # fmt: skip
_MIN_NAME_LENGTH = 4  # for the looser comparisons: "Ukrain-e/-ian", near misses


class NameReader:
    """Tells the changes of one comparison that change a name; what it learns of the
    two texts' words (which are names, which are misspelt) it remembers.

    The questions about the texts read them within `_READ` characters of the
    change: all of any article, a bounded part of a book-length text.
    """

    def __init__(self, left_text: str, right_text: str) -> None:
        self._texts = (left_text, right_text)
        self._common_words: dict[tuple[str, int], bool] = {}
        self._named_inside: dict[tuple[str, int], bool] = {}
        self._misspellings: dict[tuple[str, int, int], bool] = {}

    def changed(self, left: str, right: str, left_at: int, right_at: int) -> bool:
        """Whether the change from `left` (at `left_at` of the left text) to `right`
        (at `right_at` of the right one) changes a name."""
        left_words, right_words = _WORD.findall(left), _WORD.findall(right)
        left_names, right_names = _capitalized(left_words), _capitalized(right_words)
        left_only = _naming_nothing_of(left_names, right_names)
        right_only = _naming_nothing_of(right_names, left_names)
        if not (left_only or right_only):
            return False
        where = (left_at, right_at)
        if (
            max(len(left_words), len(right_words)) <= _NAME_SWAP_MAX_WORDS
            and self._any_named(left_only, 0, left, where)
            and self._any_named(right_only, 1, right, where)
        ):
            return True
        return self._any_misspelt(left_only, 1, where) or self._any_misspelt(right_only, 0, where)

    # The questions below read the texts, so they are asked last, of the few
    # words left; and whether the texts use a word in lower case last of all:
    # it reads all of both texts when they do not (the other questions seldom do).

    def _any_named(self, words: list[str], side: int, change: str, where: tuple[int, int]) -> bool:
        """Whether one of the capitalized words of the change `change` (at
        `where[side]` of the text on `side`) is a name there."""
        return any(
            self._is_named(word, side, where[side] + change.find(word))
            and not self._is_common_word(word, where)
            for word in words
        )

    def _any_misspelt(self, words: list[str], side: int, where: tuple[int, int]) -> bool:
        """Whether one of the capitalized words is a name the text on `side` lacks but
        has a near spelling of."""
        return any(
            self._is_misspelt(word, side, where[side]) and not self._is_common_word(word, where)
            for word in words
        )

    def _is_named(self, word: str, side: int, at: int) -> bool:
        """Whether the capitalized word at `at` of a text is capitalized for being a name,
        not for opening a sentence ("Making", "Consequently"): it is inside a sentence,
        or the text capitalizes it inside one elsewhere."""
        text = self._texts[side]
        if not _opens_sentence(text, at):
            return True
        key = (word, side)
        if key not in self._named_inside:
            self._named_inside[key] = _follows_a_word(text, word, *_around(at))
        return self._named_inside[key]

    def _is_common_word(self, word: str, where: tuple[int, int]) -> bool:
        """Whether the texts use the word in lower case ("still", not only "Still")."""
        key = (word, where[0] // _READ)
        if key not in self._common_words:
            spaced = f" {word.lower()} "
            self._common_words[key] = any(
                text.find(spaced, *_around(at)) >= 0
                for text, at in zip(self._texts, where, strict=True)
            )
        return self._common_words[key]

    def _is_misspelt(self, name: str, side: int, at: int) -> bool:
        """Whether the left (side 0) or right text lacks `name` but has a near spelling."""
        key = (name, side, at // _READ)
        if key not in self._misspellings:
            text = self._texts[side]
            start, end = _around(at)
            self._misspellings[key] = (
                text.find(name, start, end) < 0 and near_name(name, text, start, end) is not None
            )
        return self._misspellings[key]


def _around(at: int) -> tuple[int, int]:
    return max(0, at - _READ), at + _READ


def _capitalized(words: list[str]) -> list[str]:
    """The capitalized words that could be names, before asking the texts about them."""
    return [word for word in words if word[0].isupper() and word.casefold() not in _NOT_NAMES]


def _naming_nothing_of(names: list[str], others: list[str]) -> list[str]:
    return [
        name
        for name in names
        if name not in others and not any(same_name(name, other) for other in others)
    ]


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` is the first of its sentence or quotation."""
    if at > 0 and text[at - 1] in _OPENING_MARKS:
        return True  # “Making ...
    before = text[max(0, at - 6) : at].rstrip().rstrip(_CLOSING_MARKS)
    return not before or before[-1] in _SENTENCE_ENDS


def _follows_a_word(text: str, word: str, start: int, end: int) -> bool:
    """Whether `word` stands in text[start:end] right after another word ("said
    Schmitt", "and Zelensky", "Trump, Putin"): so capitalized, it is a name."""
    at = text.find(f" {word}", start, end)
    while at >= 0:
        if at > 0 and (text[at - 1].isalnum() or text[at - 1] == ","):
            return True
        at = text.find(f" {word}", at + 1, end)
    return False


@lru_cache(maxsize=4096)
def same_name(first: str, second: str) -> bool:
    if first == second or spelling_key(first) == spelling_key(second):
        return True
    short, long = sorted((first.casefold(), second.casefold()), key=len)
    if _PEOPLE.get(short, short) == _PEOPLE.get(long, long):
        return True
    shared = _shared_prefix(short, long)
    return (
        len(short) >= _MIN_NAME_LENGTH
        and shared >= len(short) - 1
        and long[shared:] in _PEOPLE_ENDINGS
    )


def _shared_prefix(first: str, second: str) -> int:
    shared = 0
    for first_letter, second_letter in zip(first, second, strict=False):
        if first_letter != second_letter:
            break
        shared += 1
    return shared


def near_name(name: str, text: str, start: int = 0, end: int | None = None) -> str | None:
    """A word of text[start:end] one letter away from `name` (two for names over five
    letters), starting with the same two letters (a misspelling seldom touches them),
    that is not another spelling of it."""
    if len(name) < _MIN_NAME_LENGTH:
        return None
    limit = 1 if len(name) <= 5 else 2
    # Starting with literal letters lets the pattern skip through the text in C.
    similar = re.compile(
        rf"{re.escape(name[:2])}\w{{{len(name) - 2 - limit},{len(name) - 2 + limit}}}(?!\w)"
    )
    for match in similar.finditer(text, start, len(text) if end is None else end):
        other = match.group()
        starts_word = match.start() == 0 or not _WORD_CHARACTER.match(text, match.start() - 1)
        if starts_word and not same_name(name, other) and _distance(name, other, limit) <= limit:
            return other
    return None


def _distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is known to exceed `limit`."""
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        current = [i]
        for j, other in enumerate(second, 1):
            substitution = previous[j - 1] + (char != other)
            current.append(min(previous[j] + 1, current[j - 1] + 1, substitution))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
