"""Change classes as an editor reads them (engine 2.0): near-synonyms of a hedge,
British and American spellings, a renumbered heading, and numbers diffed by
character."""

from __future__ import annotations

import pytest

from app.core import ChangeClass, RowOp, compare
from tests.core.helpers import changes_with_texts

NUMBER, SPELLING, NEGATION = ChangeClass.NUMBER, ChangeClass.SPELLING, ChangeClass.NEGATION

# (left, right, class it must have or None, class it must not have or None)
HEDGE_CASES = [
    ("Growth is expected to slow this year.", "Growth is projected to slow this year.", None),
    ("Prices are expected to rise.", "Prices are forecast to rise.", None),
    ("Sales are predicted to fall.", "Sales are estimated to fall.", None),
    ("Growth is expected to slow.", "Growth will slow.", NEGATION),
    ("Growth will slow.", "Growth is projected to slow.", NEGATION),
]


@pytest.mark.parametrize(("left", "right", "expected"), HEDGE_CASES)
def test_hedge_near_synonyms(left: str, right: str, expected: ChangeClass | None) -> None:
    changes = [change for _, _, change in changes_with_texts(compare(left, right))]
    assert changes
    has_negation = any(NEGATION in change.classes for change in changes)
    assert has_negation is (expected is NEGATION)


SPELLING_CASES = [
    ("The neighbourhood was quiet.", "The neighborhood was quiet."),
    ("The plan was criticised by many.", "The plan was criticized by many."),
    ("Its neighbourhoods were quiet.", "Its neighborhoods were quiet."),
    ("He was a neighbourly man.", "He was a neighborly man."),
    ("The behavioural study ended.", "The behavioral study ended."),
    ("They organised a favourable vote.", "They organized a favorable vote."),
]
NOT_SPELLING_CASES = [
    ("The neighbourhood was quiet.", "The parish was quiet."),
    ("The plan was criticised by many.", "The plan was praised by many."),
]


@pytest.mark.parametrize("granularity", ["word", "char"])
@pytest.mark.parametrize(("left", "right"), SPELLING_CASES)
def test_british_american_is_spelling(left: str, right: str, granularity: str) -> None:
    changes = compare(left, right, granularity=granularity).rows[-1].changes
    assert changes
    assert all(change.classes == (SPELLING,) for change in changes)


@pytest.mark.parametrize(("left", "right"), NOT_SPELLING_CASES)
def test_other_words_are_not_spelling(left: str, right: str) -> None:
    changes = compare(left, right).rows[-1].changes
    assert all(SPELLING not in change.classes for change in changes)


RENUMBERED_CASES = [
    ("Vote: 7-2\n\nThe court ruled on Monday.", "Vote: 6-3\n\nThe court ruled on Monday."),
    ("Score 3-1\n\nThe match ended.", "Score 3-2\n\nThe match ended."),
    ("The court ruled.\n\nVote: 7-2", "The court ruled.\n\nVote: 5-4"),
]
# Different words, not only different digits: a row cut and another added.
NOT_RENUMBERED_CASES = [
    ("Vote: 7-2\n\nThe court ruled on Monday.", "Dissent: Kagan\n\nThe court ruled on Monday."),
]


@pytest.mark.parametrize(("left", "right"), RENUMBERED_CASES)
def test_renumbered_heading_is_one_modified_row(left: str, right: str) -> None:
    rows = compare(left, right).rows
    changed = [row for row in rows if row.op is not RowOp.EQUAL]
    assert [row.op for row in changed] == [RowOp.MODIFIED]
    assert [change.classes for change in changed[0].changes] == [(NUMBER,)]


@pytest.mark.parametrize(("left", "right"), NOT_RENUMBERED_CASES)
def test_other_heading_is_cut_and_added(left: str, right: str) -> None:
    ops = [row.op for row in compare(left, right).rows]
    assert RowOp.DELETED in ops and RowOp.INSERTED in ops


# (left, right, the changed texts of each number change, left then right)
CHAR_NUMBER_CASES = [
    ("It cost $42 in total.", "It cost $4.2 in total.", [("42", "4.2")]),
    ("Growth is 42 percent.", "Growth is 24 percent.", [("42", "24")]),
    ("It cost $42 million.", "It cost $4.25 million.", [("42", "4.25")]),
    ("In 2016, 1,234 came.", "In 2017, 1,324 came.", [("2016", "2017"), ("1,234", "1,324")]),
    ("It rose 5.5 points.", "It rose 5.25 points.", [("5.5", "5.25")]),
]


@pytest.mark.parametrize(("left", "right", "expected"), CHAR_NUMBER_CASES)
def test_char_granularity_number_is_one_change(
    left: str, right: str, expected: list[tuple[str, str]]
) -> None:
    comparison = compare(left, right, granularity="char")
    found = [(old, new) for old, new, change in changes_with_texts(comparison)]
    assert found == expected
    assert comparison.stats.classes[NUMBER] == len(expected)
    assert all(change.classes == (NUMBER,) for _, _, change in changes_with_texts(comparison))


def test_char_granularity_leaves_words_by_character() -> None:
    comparison = compare("Schmitt arrived.", "Schmidt arrived.", granularity="char")
    assert [(old, new) for old, new, _ in changes_with_texts(comparison)] == [("t", "d")]
