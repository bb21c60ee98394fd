"""Tokens read once: the word tokens among a text's tokens are the words of the text."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings

from app.core.worddiff.tokens import (
    CAPACITY,
    TooManyItemsError,
    count_words,
    encode_pair,
    is_word,
    tokenize,
    word_spans,
)
from tests.core.test_worddiff import TEXT


def test_a_token_starts_a_word_as_the_word_pattern_says_for_every_character() -> None:
    # `is_word` tells a word by its first character with str methods and a set,
    # not the word pattern: the two must agree on every character there is.
    characters = [chr(code) for code in range(sys.maxunicode + 1)]
    assert [c for c in characters if is_word(c)] == [c for c in characters if count_words(c)]


def test_no_character_is_both_whitespace_and_the_start_of_a_word() -> None:
    # The token pattern tries whitespace before words: the order is free only
    # because no character can start both.
    characters = [chr(code) for code in range(sys.maxunicode + 1)]
    whitespace = re.compile(r"\s")
    assert [c for c in characters if whitespace.match(c) and is_word(c)] == []


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_the_word_tokens_are_the_words_of_the_text(text: str) -> None:
    words = [token for token in tokenize(text) if is_word(token)]
    assert words == [text[start:end] for start, end in word_spans(text)]


def test_items_are_encoded_as_distinct_private_use_characters_beyond_the_first_block() -> None:
    items = [f"item {number}" for number in range(10_000)]
    left, right = encode_pair(items[:7_000], items[3_000:])
    assert len(set(left) | set(right)) == len(items)
    assert all(unicodedata.category(character) == "Co" for character in left + right)
    # In order of first appearance: the first block, then the next plane.
    assert (left[0], left[6_399], left[6_400]) == ("\ue000", "\uf8ff", "\U000f0000")
    assert right[:4_000] == left[3_000:]


def test_more_items_than_private_use_characters_are_refused() -> None:
    with pytest.raises(TooManyItemsError):
        encode_pair(range(CAPACITY + 1), [])


def test_importing_the_engine_builds_no_character_table() -> None:
    # Building every private-use character took a third of a short comparison's
    # process; a diff of fewer distinct items needs only the first block.
    script = (
        "import app.core.worddiff.tokens as t; from app.core import compare;"
        "compare('The talks resumed. Both sides met.', 'The talks ended. Both met.');"
        "print(t._codes.cache_info().currsize, len(t._codes(1)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["1", "6400"]
