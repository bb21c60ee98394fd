"""The word diff inside one row (app.core.worddiff.diff.diff_texts)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import compare
from app.core.model import Granularity, Piece, PieceOp
from app.core.worddiff.diff import diff_texts
from app.core.worddiff.tokens import tokenize
from tests.core.helpers import left_of, pairs, right_of

WORD, CHAR = Granularity.WORD, Granularity.CHAR


@pytest.mark.parametrize(
    ("left", "right", "changes"),
    [
        pytest.param(
            "Putin has toned down some of his demands.",
            "Putin has softened some of his demands.",
            [("delete", "toned down"), ("insert", "softened")],
            id="toned-down-softened",
        ),
        pytest.param(
            "Schmitt said on Friday.",
            "Schmidt said on Friday.",
            [("delete", "Schmitt"), ("insert", "Schmidt")],
            id="misspelt-name-whole-word",
        ),
        pytest.param(
            "The toll rose to 1,000 on Monday.",
            "The toll rose to 1,200 on Monday.",
            [("delete", "1,000"), ("insert", "1,200")],
            id="number-whole",
        ),
        pytest.param(
            "The café reopened.",
            "The cafe\u0301 reopened.",
            [("delete", "café"), ("insert", "cafe\u0301")],
            id="combining-accent-stays-in-word",
        ),
        pytest.param(
            "Kyiv pulled out of the talks in March.",
            "Kiev pulled out of the talks in May.",
            [("delete", "Kyiv"), ("insert", "Kiev"), ("delete", "March"), ("insert", "May")],
            id="two-words",
        ),
        pytest.param(
            "He was unhappy.",
            "He was happy.",
            [("delete", "unhappy"), ("insert", "happy")],
            id="prefix-never-cut-off",
        ),
    ],
)
def test_word_changes_are_whole_words(
    left: str, right: str, changes: list[tuple[str, str]]
) -> None:
    pieces = diff_texts(left, right)
    assert [p for p in pairs(pieces) if p[0] != "equal"] == changes
    assert (left_of(pieces), right_of(pieces)) == (left, right)


@pytest.mark.parametrize(
    ("left", "right", "inside_word"),
    [
        pytest.param("Schmitt said.", "Schmidt said.", "Schmi", id="typo"),
        pytest.param("Zelensky spoke.", "Zelenskyy spoke.", "Zelensky", id="doubled-letter"),
    ],
)
def test_char_granularity_cuts_inside_words(left: str, right: str, inside_word: str) -> None:
    pieces = diff_texts(left, right, CHAR)
    assert pieces[0] == Piece(PieceOp.EQUAL, inside_word)
    assert (left_of(pieces), right_of(pieces)) == (left, right)
    assert not _on_token_boundaries(pieces)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        pytest.param("Same text.", "Same text.", [("equal", "Same text.")], id="identical"),
        pytest.param("", "", [], id="both-empty"),
        pytest.param("", "Added.", [("insert", "Added.")], id="left-empty"),
        pytest.param("Cut.", "", [("delete", "Cut.")], id="right-empty"),
    ],
)
@pytest.mark.parametrize("granularity", [WORD, CHAR], ids=["word", "char"])
def test_trivial_diffs(
    left: str, right: str, expected: list[tuple[str, str]], granularity: Granularity
) -> None:
    assert pairs(diff_texts(left, right, granularity)) == expected


def test_pieces_are_merged_and_never_empty() -> None:
    pieces = diff_texts("a b c d e f", "a x y z e f")
    assert all(piece.text for piece in pieces)
    assert all(a.op is not b.op for a, b in itertools.pairwise(pieces))


@pytest.mark.parametrize(
    ("left", "right", "granularity", "kept_deleted_inserted"),
    [
        pytest.param(
            "Putin has toned down his demands.",
            "Putin has softened his demands.",
            "word",
            (4, 2, 1),
            id="word",
        ),
        pytest.param("Schmitt said so.", "Schmidt said so.", "word", (2, 1, 1), id="word-typo"),
        pytest.param(
            "Putin has toned down his demands.",
            "Putin has softened his demands.",
            "char",
            (4, 2, 1),
            id="char-whole-words",
        ),
        pytest.param(
            "Schmitt said so.",
            "Schmidt said so.",
            "char",
            (2, 1, 1),
            id="char-typo",
        ),
    ],
)
def test_word_statistics(
    left: str, right: str, granularity: str, kept_deleted_inserted: tuple[int, int, int]
) -> None:
    words = compare(left, right, granularity=granularity).stats.words
    assert (words.equal, words.deleted, words.inserted) == kept_deleted_inserted


def _boundaries(text: str) -> set[int]:
    return {0, *itertools.accumulate(len(token) for token in tokenize(text))}


def _piece_boundaries(pieces: tuple[Piece, ...], skip: PieceOp) -> set[int]:
    return {0, *itertools.accumulate(len(p.text) for p in pieces if p.op is not skip)}


def _on_token_boundaries(pieces: tuple[Piece, ...]) -> bool:
    left, right = left_of(pieces), right_of(pieces)
    return _piece_boundaries(pieces, PieceOp.INSERT) <= _boundaries(left) and _piece_boundaries(
        pieces, PieceOp.DELETE
    ) <= _boundaries(right)


VOCABULARY = st.sampled_from(
    [
        *("Putin", "toned", "down", "softened", "U.S.", "5.4", "1,000", "café", "e\u0301t\u00e9"),
        *("Kyiv", "Kiev", "“", "”", "—", "…", ",", ".", "日本", "😀", " ", "  ", "\n", "\t"),
    ]
)
TEXT = st.lists(st.one_of(VOCABULARY, st.text(max_size=3)), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_word_diff_changes_start_and_end_on_token_boundaries(left: str, right: str) -> None:
    pieces = diff_texts(left, right, WORD)
    assert (left_of(pieces), right_of(pieces)) == (left, right)
    assert _on_token_boundaries(pieces)


@settings(max_examples=100, deadline=None)
@given(TEXT, TEXT)
def test_char_diff_is_lossless(left: str, right: str) -> None:
    pieces = diff_texts(left, right, CHAR)
    assert (left_of(pieces), right_of(pieces)) == (left, right)
    assert all(piece.text for piece in pieces)


def test_compare_passes_char_granularity_to_every_row() -> None:
    comparison = compare(
        "Schmitt said so. It rained.", "Schmidt said so. It rained.", granularity="char"
    )
    assert comparison.rows[0].diff[0] == Piece(PieceOp.EQUAL, "Schmi")
    assert compare("Schmitt said so.", "Schmidt said so.").rows[0].diff[0].text == "Schmitt"


def test_unknown_granularity_is_refused() -> None:
    with pytest.raises(ValueError, match="line"):
        compare("a.", "b.", granularity="line")


def test_row_with_more_distinct_words_than_one_private_use_block() -> None:
    words = [f"w{number}" for number in range(8000)]
    left = " ".join(words) + "."
    right = " ".join([*words[:4000], "new", *words[4001:]]) + "."
    pieces = diff_texts(left, right)
    assert [p for p in pairs(pieces) if p[0] != "equal"] == [("delete", "w4000"), ("insert", "new")]
    assert (left_of(pieces), right_of(pieces)) == (left, right)
