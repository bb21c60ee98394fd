"""Tokens read once: the word tokens among a text's tokens are the words of the text."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings

from app.core.tokens import count_words, is_word, tokenize, word_spans
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
