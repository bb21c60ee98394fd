"""Benchmark inputs: the seed article pair, and longer pairs grown from it.

A scaled pair repeats each seed article N times. Repeating it verbatim would
let the aligner anchor every sentence exactly and skip its fuzzy pass, and
would give the word diff nothing to do, so each copy gets its own random word
edits (replacements, deletions, insertions), on both sides. The edits are
deterministic: one `random.Random` per copy, seeded by its side and number,
so every run and every machine benchmarks the same texts.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parents[1] / "seeds" / "peace-talks"
EDIT_RATE = 0.03  # share of the words of each copy that are edited

_WORD = re.compile(r"\w+")
# One sentence per line for the line-based peer: split after final
# punctuation (and its closing quotes) followed by whitespace, and at line ends.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’»)\]]))\s+|\n+")


@dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: str

    @property
    def words(self) -> int:
        return word_count(self.left) + word_count(self.right)


def seed_pair() -> Pair:
    return Pair(
        (SEED_DIR / "original.txt").read_text(encoding="utf-8"),
        (SEED_DIR / "copy.txt").read_text(encoding="utf-8"),
    )


def word_count(text: str) -> int:
    return len(text.split())


def vocabulary(text: str) -> list[str]:
    # Sorted, because a set's order of strings changes with the hash seed and
    # the edits must not.
    return sorted(set(_WORD.findall(text)))


def mutate(text: str, rng: random.Random, words: list[str], rate: float = EDIT_RATE) -> str:
    """`text` with about `rate` of its words replaced, deleted or preceded by a new word."""

    def edit(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() >= rate:
            return word
        kind = rng.choice(("replace", "delete", "insert"))
        if kind == "delete":
            return ""
        new = _new_word(rng, words)
        return new if kind == "replace" else f"{new} {word}"

    return _WORD.sub(edit, text)


def _new_word(rng: random.Random, words: list[str]) -> str:
    # Half the new words come from the article, so they can mislead the word
    # index the aligner uses; half are random letters no sentence shares.
    if rng.random() < 0.5:
        return rng.choice(words)
    return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 10)))


def scaled_text(text: str, copies: int, side: str) -> str:
    words = vocabulary(text)
    return "\n\n".join(
        mutate(text.strip(), random.Random(f"{side}-{copy}"), words) for copy in range(copies)
    )


def scaled_pair(seed: Pair, copies: int) -> Pair:
    return Pair(scaled_text(seed.left, copies, "left"), scaled_text(seed.right, copies, "right"))


def sentence_lines(text: str) -> list[str]:
    """The text cut into sentences, one a line, empty lines left out."""
    return [line for line in _SENTENCE_END.split(text) if line.strip()]
