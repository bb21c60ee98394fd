"""The classes of the seed pair's changes: what seeds/README.md says the copy did."""

from __future__ import annotations

import functools

from app.core import Change, ChangeClass, Comparison, RowOp, compare
from app.ingest import read_text_file
from tests.core.helpers import change_texts, changes_with_texts
from tests.core.test_seed import SEED, seed_comparison

QUOTE_MARKS = str.maketrans("", "", "“”‘’\"'")


@functools.cache
def seed_ignoring_typography() -> Comparison:
    left = read_text_file(str(SEED / "original.txt"))
    right = read_text_file(str(SEED / "copy.txt"))
    return compare(left, right, ignore_typography=True)


def changes(left: str, right: str) -> list[Change]:
    """The seed's changes with exactly these texts."""
    found = [
        change
        for change_left, change_right, change in changes_with_texts(seed_comparison())
        if (change_left, change_right) == (left, right)
    ]
    assert found, f"no change {left!r} -> {right!r}"
    return found


def changes_starting(left: str, right: str) -> list[Change]:
    return [
        change
        for change_left, change_right, change in changes_with_texts(seed_comparison())
        if change_left.startswith(left) and change_right.startswith(right)
    ]


def test_schmitt_misspelt_as_schmidt_is_a_name_change() -> None:
    (change,) = changes_starting(" for any commercial firm", '," Schmidt added.')
    assert ChangeClass.NAME in change.classes
    # The copy also cut the quotation and attributed it anew.
    assert change.classes == (ChangeClass.QUOTE, ChangeClass.NAME, ChangeClass.ATTRIBUTION)


def test_shortened_gottemoeller_quotation_is_a_quote_change() -> None:
    (change,) = changes_starting(" and they’ve been forced to change", '"')
    assert change.primary is ChangeClass.QUOTE


def test_altered_herbst_quotations_are_quote_changes() -> None:
    altered = [
        ("a lot of chatter … ", ""),
        ("activity reflects the Europeans take", "activities reflect that Europeans are taking"),
        ("hard", "difficult"),
        ("’s going to", " will"),
    ]
    for left, right in altered:
        assert [change.primary for change in changes(left, right)] == [ChangeClass.QUOTE]


def test_percent_sign_is_spelling_not_number() -> None:
    # "10 percent" -> "10%" and "2 percent" -> "2%": the diff keeps the figure.
    for change in changes(" percent", "%"):
        assert change.classes == (ChangeClass.SPELLING,)
    assert len(changes(" percent", "%")) == 2


def test_kyiv_to_kiev_is_spelling() -> None:
    assert [change.classes for change in changes("Kyiv", "Kiev")] == [(ChangeClass.SPELLING,)]


def test_curly_to_straight_apostrophe_is_typography() -> None:
    found = changes("’", "'")
    assert len(found) >= 5
    assert all(change.classes == (ChangeClass.TYPOGRAPHY,) for change in found)


def test_added_source_is_an_attribution_change() -> None:
    (change,) = changes("", ", writes yahoonews, the Telegraph reports")
    assert change.classes == (ChangeClass.ATTRIBUTION,)


def test_class_counts_of_the_seed() -> None:
    comparison = seed_comparison()
    counted = {kind: 0 for kind in ChangeClass}
    for row in comparison.rows:
        for change in row.changes:
            for kind in () if change.ignored else change.classes:
                counted[kind] += 1
    assert comparison.stats.classes == counted
    assert comparison.stats.classes[ChangeClass.NAME] >= 1


def test_ignoring_typography_no_row_differs_by_quote_marks_alone() -> None:
    comparison = seed_ignoring_typography()
    for row in comparison.rows:
        if row.op in (RowOp.MODIFIED, RowOp.MOVED, RowOp.SPLIT, RowOp.MERGED):
            shown = [
                change_texts(comparison, change) for change in row.changes if not change.ignored
            ]
            assert any(
                left.translate(QUOTE_MARKS) != right.translate(QUOTE_MARKS) for left, right in shown
            ), shown


def test_ignoring_typography_hides_exactly_the_typography_changes() -> None:
    plain = seed_comparison()
    ignoring = seed_ignoring_typography()
    assert ignoring.stats.classes[ChangeClass.TYPOGRAPHY] == 0
    assert plain.stats.classes[ChangeClass.TYPOGRAPHY] > 0
    # The row with only "Trump’s" -> "Trump's" becomes equal.
    assert ignoring.stats.rows[RowOp.EQUAL] == plain.stats.rows[RowOp.EQUAL] + 1
    assert ignoring.stats.similarity > plain.stats.similarity
