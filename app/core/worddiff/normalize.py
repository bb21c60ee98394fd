"""What is left of a text once typography, spelling or the ignore options are set aside.

Three forms, each compared for equality:

- `typography_form`: curly quotes made straight (’ ‘ ′ ` -> ', “ ” „ « » -> "),
  every dash and a doubled hyphen made "-", "…" made "...", whitespace next to
  a punctuation mark removed, other whitespace runs made one space. Two texts
  with the same typography form differ in typography only.
- `spelling_key` (`app.core.classification.spelling`): the words, in a canonical spelling.
- `ignored_form`: what the comparison's ignore options leave of a text.

The ignore options also give each diff item (a token, or a character at char
granularity) a key: items with equal keys are matched by the word diff, and
an item whose key is empty (punctuation, when punctuation is ignored) is left
out of the matching altogether.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_SINGLE_QUOTES = "‘’‚‛′‹›`"
_DOUBLE_QUOTES = "“”„‟″«»"
_DASHES = "‐‑‒–—―−"
_STRAIGHT = {
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(_DASHES, "-"),
    "…": "...",
}
# A pattern, not str.translate: with a replacement longer than one character
# ("…" -> "...") translate looks each character up in Python, ten times slower.
_CURLY = re.compile(f"[{re.escape(''.join(_STRAIGHT))}]")
_DASHES_RUN = re.compile(r"-{2,}")
# A space next to a mark, once whitespace runs are single spaces: "27 — and"
# and "27—and", "news , said" and "news, said" differ in spacing. It starts
# with the space itself, a literal the pattern engine can skip to quickly.
_SPACE_BY_MARK = re.compile(r" (?:(?=[^\w ])|(?<=[^\w ] ))")
ELLIPSIS = "..."
# Signs that carry meaning and stay when punctuation is ignored ("10%").
_KEPT_SIGNS = frozenset("%‰")


def straightened(text: str) -> str:
    """Curly quotes made straight, every dash "-", "…" made "..."."""
    return _CURLY.sub(lambda mark: _STRAIGHT[mark.group()], text)


def typography_form(text: str) -> str:
    return _SPACE_BY_MARK.sub("", " ".join(_straight_marks(text).split()))


def _straight_marks(text: str) -> str:
    mapped = straightened(text)
    return _DASHES_RUN.sub("-", mapped) if "--" in mapped else mapped


@lru_cache(maxsize=4096)
def is_punctuation(character: str) -> bool:
    return unicodedata.category(character).startswith("P") and character not in _KEPT_SIGNS


def without_punctuation(text: str) -> str:
    return "".join(c for c in text if not is_punctuation(c))


@dataclass(frozen=True, slots=True)
class Ignoring:
    """The differences a comparison ignores. Under any of them, whitespace runs of
    other lengths or kinds count as one space."""

    typography: bool = False
    case: bool = False
    punctuation: bool = False

    def __bool__(self) -> bool:
        return self.typography or self.case or self.punctuation


NOTHING = Ignoring()


def ignored_form(text: str, ignoring: Ignoring) -> str:
    """The text as the ignore options see it; two texts with equal forms differ in nothing
    that is not ignored."""
    if ignoring.typography:
        text = _straight_marks(text)
    if ignoring.case:
        text = text.casefold()
    if ignoring.punctuation:
        text = without_punctuation(text)
    text = " ".join(text.split())
    # The spacing by the marks left, as the items' keys drop it: a mark taken
    # out with the punctuation takes no space with it ("Thursday. and" is
    # "Thursday and", not "Thursdayand").
    return _SPACE_BY_MARK.sub("", text) if ignoring.typography else text


def diff_items(text: str, tokens: Sequence[str]) -> list[str]:
    """The tokens (or characters) of a text with each "..." as one item, so that it can
    be matched with "…"."""
    if ELLIPSIS not in text:
        return list(tokens)
    items: list[str] = []
    for token in tokens:
        if token == "." and len(items) >= 2 and items[-1] == items[-2] == ".":
            items[-2:] = [ELLIPSIS]
        else:
            items.append(token)
    return items


def item_keys(items: Sequence[str], ignoring: Ignoring) -> list[str | None]:
    """The key each item is matched by, None for the items left out of the matching:
    punctuation when it is ignored, and whitespace that ignoring makes redundant."""
    known: dict[str, str | None] = {}
    keys = []
    for item in items:
        if item not in known:
            known[item] = _item_key(item, ignoring)
        keys.append(known[item])
    if ignoring.typography:
        _drop_space_around_marks(keys)
    _collapse_spaces(keys)
    return keys


def _item_key(item: str, ignoring: Ignoring) -> str | None:
    if item.isspace():
        return " "
    if ignoring.typography:
        item = straightened(item)
    if ignoring.case:
        item = item.casefold()
    if ignoring.punctuation:
        item = without_punctuation(item)
    return item or None


def _drop_space_around_marks(keys: list[str | None]) -> None:
    # "27 — and" and "27—and" differ in spacing: typography (see typography_form).
    for at, key in enumerate(keys):
        if key is not None and not key[0].isalnum() and key[0] != "_" and key != " ":
            if at > 0 and keys[at - 1] == " ":
                keys[at - 1] = None
            if at + 1 < len(keys) and keys[at + 1] == " ":
                keys[at + 1] = None


def _collapse_spaces(keys: list[str | None]) -> None:
    # Left-out punctuation can leave two spaces side by side ("a - b" -> "a  b").
    previous: str | None = None
    for at, key in enumerate(keys):
        if key is None:
            continue
        if key == " " and previous == " ":
            keys[at] = None
        previous = key
