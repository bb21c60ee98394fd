"""The ignore options, and the precision rules of the typography class.

A typography change is never reported as anything else, and a change with
any other difference is never hidden by "ignore typography": checked on
edited copies (hypothesis) and on arbitrary pairs.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import ChangeClass, CompareOptions, Comparison, Piece, PieceOp, RowOp, compare
from app.core.model import Granularity
from app.core.serialize import comparison_from_json, comparison_to_json
from app.core.worddiff.diff import diff_texts
from app.core.worddiff.normalize import Ignoring, ignored_form
from tests.core.helpers import change_texts, lossless_problems
from tests.core.test_properties import EXAMPLES, any_pair, granularities

TYPOGRAPHY = ChangeClass.TYPOGRAPHY
IGNORE_OPTIONS = ["ignore_typography", "ignore_case", "ignore_punctuation"]

WORDS = [
    "talks",
    "ceasefire",
    "officials",
    "energy",
    "plans",
    "the",
    "and",
    "of",
    "will",
    "pressure",
    "nuclear",
    "plant",
    "kyiv",
    "30-day",
    "5.4",
    "1,000",
    "deal",
]
APOSTROPHE_WORDS = ["it{}s", "they{}ve", "putin{}s", "don{}t"]
OPENERS = ["Putin", "Officials", "Europe", "The", "Trump"]
APOSTROPHES = ["’", "'"]
QUOTATION_MARKS = [("“", "”"), ('"', '"')]
DASHES = ["—", "–", "-", "--"]
ELLIPSES = ["…", "..."]
SPACES = [" ", "  ", "\u00a0"]
OTHER_WORDS = ["zebra", "quartz", "harbour", "violin"]  # in no spelling of WORDS


@st.composite
def typographic_copies(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a copy of it that differs in quote marks (quotations kept whole),
    apostrophes, dashes and ellipses (with or without spaces around them) and spacing."""
    pairs = [(opener := draw(st.sampled_from(OPENERS)), opener)]
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["word", "apostrophe", "quotation", "dash", "ellipsis"]))
        if kind == "word":
            word = draw(st.sampled_from(WORDS))
            pairs.append((f" {word}", draw(st.sampled_from(SPACES)) + word))
        elif kind == "apostrophe":
            word = draw(st.sampled_from(APOSTROPHE_WORDS))
            left_mark, right_mark = (draw(st.sampled_from(APOSTROPHES)) for _ in "lr")
            pairs.append((" " + word.format(left_mark), " " + word.format(right_mark)))
        elif kind == "quotation":
            quoted = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
            (left_open, left_close), (right_open, right_close) = (
                draw(st.sampled_from(QUOTATION_MARKS)) for _ in "lr"
            )
            pairs.append(
                (f" {left_open}{quoted}{left_close}", f" {right_open}{quoted}{right_close}")
            )
        else:
            marks = DASHES if kind == "dash" else ELLIPSES
            left_mark, right_mark = (draw(st.sampled_from(marks)) for _ in "lr")
            word = draw(st.sampled_from(WORDS))
            left_space, right_space = (draw(st.sampled_from(["", " "])) for _ in "lr")
            left_text = f"{left_space}{left_mark}{left_space}{word}"
            pairs.append((left_text, f"{right_space}{right_mark}{right_space}{word}"))
        if draw(st.integers(0, 5)) == 0:
            pairs.append((". " + (opener := draw(st.sampled_from(OPENERS))), ". " + opener))
    pairs.append((".", "."))
    return "".join(left for left, _ in pairs), "".join(right for _, right in pairs)


@settings(max_examples=EXAMPLES, deadline=None)
@given(typographic_copies())
def test_typography_only_copies_have_typography_changes_only(pair: tuple[str, str]) -> None:
    comparison = compare(*pair)
    assert lossless_problems(comparison) == []
    for row in comparison.rows:
        assert all(change.classes == (TYPOGRAPHY,) for change in row.changes), row


@settings(max_examples=EXAMPLES, deadline=None)
@given(typographic_copies())
def test_ignoring_typography_hides_every_change_of_typography_copies(
    pair: tuple[str, str],
) -> None:
    comparison = compare(*pair, ignore_typography=True)
    assert lossless_problems(comparison) == []
    assert all(row.op is RowOp.EQUAL for row in comparison.rows)
    assert all(change.ignored for row in comparison.rows for change in row.changes)
    assert all(row.similarity == 1.0 for row in comparison.rows)
    assert comparison.stats.words.deleted == comparison.stats.words.inserted == 0
    assert sum(comparison.stats.classes.values()) == 0


@settings(max_examples=EXAMPLES, deadline=None)
@given(typographic_copies(), st.integers(0, 1000), st.sampled_from(OTHER_WORDS))
def test_a_changed_word_is_never_hidden_by_ignoring_typography(
    pair: tuple[str, str], position: int, other_word: str
) -> None:
    left, right = pair
    words = right.split(" ")
    candidates = [i for i, word in enumerate(words) if word in WORDS]
    if not candidates:
        words.append(other_word)
    else:
        words[candidates[position % len(candidates)]] = other_word
    comparison = compare(left, " ".join(words), ignore_typography=True)
    shown = [change for row in comparison.rows for change in row.changes if not change.ignored]
    assert shown
    assert all(TYPOGRAPHY not in change.classes for change in shown)


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities)
def test_typography_is_never_more_and_ignored_exactly_when_typography(
    pair: tuple[str, str], granularity: str
) -> None:
    comparison = compare(*pair, granularity=granularity, ignore_typography=True)
    for row in comparison.rows:
        for change in row.changes:
            if TYPOGRAPHY in change.classes:
                assert change.classes == (TYPOGRAPHY,)
            assert change.ignored == (change.classes == (TYPOGRAPHY,)), change_texts(
                comparison, change
            )


ignore_choices = st.fixed_dictionaries({name: st.booleans() for name in IGNORE_OPTIONS})


def compare_ignoring(
    left: str, right: str, granularity: str, ignores: dict[str, bool]
) -> Comparison:
    return compare(
        left,
        right,
        granularity=granularity,
        ignore_typography=ignores.get("ignore_typography", False),
        ignore_case=ignores.get("ignore_case", False),
        ignore_punctuation=ignores.get("ignore_punctuation", False),
    )


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities, ignore_choices)
def test_rows_stay_lossless_under_every_ignore_option(
    pair: tuple[str, str], granularity: str, ignores: dict[str, bool]
) -> None:
    comparison = compare_ignoring(*pair, granularity, ignores)
    assert lossless_problems(comparison) == []
    stats = comparison.stats
    assert stats.rows == {op: sum(row.op is op for row in comparison.rows) for op in RowOp}
    assert 0.0 <= stats.similarity <= 1.0
    assert min(stats.words.equal, stats.words.deleted, stats.words.inserted) >= 0
    for row in comparison.rows:
        if row.op is RowOp.EQUAL:
            assert all(change.ignored for change in row.changes)


@settings(max_examples=EXAMPLES, deadline=None)
@given(any_pair, granularities, ignore_choices)
def test_json_round_trip_keeps_changes_and_options(
    pair: tuple[str, str], granularity: str, ignores: dict[str, bool]
) -> None:
    comparison = compare_ignoring(*pair, granularity, ignores)
    data = json.loads(json.dumps(comparison_to_json(comparison)))
    assert comparison_from_json(data) == comparison


@pytest.mark.parametrize(
    ("left", "right", "option"),
    [
        (
            "Foreign Policy Chief Kaja Kallas spoke.",
            "foreign policy chief Kaja Kallas spoke.",
            "ignore_case",
        ),
        (
            "Putin, frankly, is not satisfied.",
            "Putin frankly is not satisfied.",
            "ignore_punctuation",
        ),
        (
            "It was a “special operation” — he said.",
            'It was a "special operation" - he said.',
            "ignore_typography",
        ),
        (
            "The plan (unveiled on Friday) failed!",
            "The plan unveiled on Friday failed.",
            "ignore_punctuation",
        ),
    ],
)
def test_an_option_makes_a_row_equal(left: str, right: str, option: str) -> None:
    plain = compare(left, right)
    ignoring = compare_ignoring(left, right, "word", {option: True})
    assert plain.rows[0].op is RowOp.MODIFIED
    assert ignoring.rows[0].op is RowOp.EQUAL
    assert ignoring.rows[0].similarity == 1.0
    assert ignoring.stats.words.deleted == ignoring.stats.words.inserted == 0
    assert ignoring.rows[0].changes
    assert all(change.ignored for change in ignoring.rows[0].changes)


@pytest.mark.parametrize(
    ("left", "right", "option"),
    [
        ("Output fell by 10%.", "Output fell by 10.", "ignore_punctuation"),
        ("The Senate voted.", "The senators voted.", "ignore_case"),
        ("“We will win,” he said.", "“We will lose,” he said.", "ignore_typography"),
        ("He said no.", "He said “no.”", "ignore_typography"),
    ],
)
def test_an_option_does_not_hide_other_differences(left: str, right: str, option: str) -> None:
    ignoring = compare_ignoring(left, right, "word", {option: True})
    assert ignoring.rows[0].op is RowOp.MODIFIED
    assert any(not change.ignored for change in ignoring.rows[0].changes)


def test_ignoring_matches_items_by_their_keys_and_keeps_the_text() -> None:
    typography = Ignoring(typography=True)
    assert diff_texts("Here’s what", "Here's what", ignoring=typography) == (
        Piece(PieceOp.EQUAL, "Here"),
        Piece(PieceOp.DELETE, "’"),
        Piece(PieceOp.INSERT, "'"),
        Piece(PieceOp.EQUAL, "s what"),
    )
    # Left-out punctuation becomes its own change between matched words.
    assert diff_texts(
        "Putin, frankly, is", "Putin frankly is", ignoring=Ignoring(punctuation=True)
    ) == (
        Piece(PieceOp.EQUAL, "Putin"),
        Piece(PieceOp.DELETE, ","),
        Piece(PieceOp.EQUAL, " frankly"),
        Piece(PieceOp.DELETE, ","),
        Piece(PieceOp.EQUAL, " is"),
    )
    # "..." is one item, matched with "…"; characters are matched one by one.
    assert diff_texts("Wait… no", "Wait... no", Granularity.CHAR, typography) == (
        Piece(PieceOp.EQUAL, "Wait"),
        Piece(PieceOp.DELETE, "…"),
        Piece(PieceOp.INSERT, "..."),
        Piece(PieceOp.EQUAL, " no"),
    )


def test_ignore_options_are_in_the_options_only_when_on() -> None:
    assert CompareOptions().as_dict() == {"granularity": "word", "language": "en"}
    options = compare("a", "b", ignore_case=True, ignore_punctuation=True).options
    assert options.as_dict() == {
        "granularity": "word",
        "language": "en",
        "ignore_case": True,
        "ignore_punctuation": True,
    }


def test_json_stored_before_changes_existed_still_reads() -> None:
    comparison = compare("Talks in Kyiv resumed.", "Talks in Kiev resumed.", ignore_case=True)
    data: dict[str, Any] = json.loads(json.dumps(comparison_to_json(comparison)))
    assert data["rows"][0]["changes"] == [
        {
            "class": "spelling",
            "classes": ["spelling"],
            "left": [9, 13],
            "right": [9, 13],
            "ignored": False,
        }
    ]
    assert data["stats"]["classes"] == {
        kind.value: int(kind is ChangeClass.SPELLING) for kind in ChangeClass
    }
    for row in data["rows"]:
        del row["changes"]
    del data["stats"]["classes"]
    data["options"] = {"granularity": "word", "language": "en"}
    old = comparison_from_json(data)
    assert all(row.changes == () for row in old.rows)
    assert old.stats.classes == {}
    assert old.options == CompareOptions()


@pytest.mark.parametrize(
    ("left", "right", "ignoring", "same"),
    [
        # A mark taken out with the punctuation takes no space with it.
        ("on Thursday and agreed", "on Thursday. and agreed", Ignoring(True, False, True), True),
        ("on Thursday and agreed", "on Thursday. and agreed", Ignoring(punctuation=True), True),
        ("on Thursday and agreed", "on Thursdayand agreed", Ignoring(True, False, True), False),
        # Spacing by a mark that stays is typography.
        ("27 — and", "27—and", Ignoring(typography=True), True),
        ("news , said", "news, said", Ignoring(typography=True), True),
        ("news , said", "news, said", Ignoring(case=True), False),
        ("U.S. officials", "US officials", Ignoring(True, False, True), True),
    ],
)
def test_the_ignored_form_of_a_text(left: str, right: str, ignoring: Ignoring, same: bool) -> None:
    assert (ignored_form(left, ignoring) == ignored_form(right, ignoring)) is same
