"""An ignore option only hides: over the seed pair and generated pairs, no count
grows under it and no change it leaves shown is marked more coarsely than without it."""

from __future__ import annotations

import re
from itertools import cycle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import ChangeClass, Comparison, RowOp, compare
from tests.core.test_ignore import IGNORE_OPTIONS, compare_ignoring, typographic_copies
from tests.core.test_properties import EXAMPLES, any_pair, granularities, news_pair

SEED = Path(__file__).resolve().parents[2] / "seeds" / "peace-talks"
OPTION_SETS = [{name: True} for name in IGNORE_OPTIONS] + [dict.fromkeys(IGNORE_OPTIONS, True)]
_WORD_OR_MARK = re.compile(r"\w+|[^\w\s]")
# What the ignore options set aside, written differently in the copy.
RESTYLED = {"'": "’", '"': "“", "-": "—", ",": ";", "...": "…"}


def restyled(text: str, choices: list[int]) -> str:
    """`text` with some words recased and some marks respelt or dropped (`choices` picks)."""
    tokens = _WORD_OR_MARK.finditer(text)
    out, at = [], 0
    for token, choice in zip(tokens, cycle(choices)):
        out.append(text[at : token.start()])
        word = token.group()
        if choice == 1:
            word = word.upper() if word.islower() else word.lower()
        elif choice == 2:
            word = RESTYLED.get(word, word)
        elif choice == 3 and not word[0].isalnum():
            word = ""
        out.append(word)
        at = token.end()
    return "".join(out) + text[at:]


@st.composite
def restyled_copies(draw: st.DrawFn) -> tuple[str, str]:
    """An edited copy (`news_pair`) whose case and punctuation are also changed here and there."""
    left, right = draw(news_pair())
    choices = draw(st.lists(st.sampled_from([0, 0, 0, 1, 2, 3]), min_size=1, max_size=30))
    return left, restyled(right, choices)


corpus = st.one_of(any_pair, typographic_copies(), restyled_copies())


def shown_problems(plain: Comparison, ignoring: Comparison) -> list[str]:
    """How `ignoring` shows more than `plain`: a count larger, a mark coarser."""
    problems = [
        f"{kind.value}: {ignoring.stats.classes[kind]} > {plain.stats.classes[kind]}"
        for kind in ChangeClass
        if ignoring.stats.classes[kind] > plain.stats.classes[kind]
    ]
    plain_shown = [c for row in plain.rows for c in row.changes if not c.ignored]
    ignoring_shown = [c for row in ignoring.rows for c in row.changes if not c.ignored]
    if len(ignoring_shown) > len(plain_shown):
        problems.append(f"changes: {len(ignoring_shown)} > {len(plain_shown)}")
    changed_rows = [sum(row.op is not RowOp.EQUAL for row in c.rows) for c in (plain, ignoring)]
    if changed_rows[1] > changed_rows[0]:
        problems.append(f"changed rows: {changed_rows[1]} > {changed_rows[0]}")
    for side in ("left", "right"):
        outer = [getattr(c, side) for c in plain_shown if getattr(c, side) is not None]
        problems += [
            f"{side} mark {span} lies in no mark without the option"
            for change in ignoring_shown
            if (span := getattr(change, side)) is not None
            and not any(start <= span[0] and span[1] <= end for start, end in outer)
        ]
    return problems


def check(left: str, right: str, granularity: str) -> None:
    plain = compare(left, right, granularity=granularity)
    for options in OPTION_SETS:
        ignoring = compare_ignoring(left, right, granularity, options)
        assert [(row.left, row.right) for row in ignoring.rows] == [
            (row.left, row.right) for row in plain.rows
        ]
        assert shown_problems(plain, ignoring) == [], options
        assert ignoring.stats.words.deleted <= plain.stats.words.deleted, options
        assert ignoring.stats.words.inserted <= plain.stats.words.inserted, options
        assert ignoring.stats.similarity >= plain.stats.similarity, options


@pytest.mark.parametrize("granularity", ["word", "char"])
def test_on_the_seed_pair_no_ignore_option_shows_more(granularity: str) -> None:
    left, right = (
        (SEED / name).read_text(encoding="utf-8") for name in ("original.txt", "copy.txt")
    )
    check(left, right, granularity)


def test_ignoring_typography_keeps_the_seed_counts_of_the_other_classes() -> None:
    left, right = (
        (SEED / name).read_text(encoding="utf-8") for name in ("original.txt", "copy.txt")
    )
    plain, ignoring = compare(left, right), compare(left, right, ignore_typography=True)
    assert ignoring.stats.classes[ChangeClass.TYPOGRAPHY] == 0
    assert {k: v for k, v in ignoring.stats.classes.items() if k is not ChangeClass.TYPOGRAPHY} == {
        k: v for k, v in plain.stats.classes.items() if k is not ChangeClass.TYPOGRAPHY
    }
    marked = {left[slice(*c.left)] for row in ignoring.rows for c in row.changes if c.left}
    assert {"-or-", "[", "]"} <= marked
    assert not any("less agreed" in text for text in marked)


def test_a_finer_keyed_diff_is_kept() -> None:
    ignoring = compare("The Chief Said no.", "the chief said yes.", ignore_case=True)
    shown = [c for row in ignoring.rows for c in row.changes if not c.ignored]
    assert [(c.left, c.right) for c in shown] == [((15, 17), (15, 18))]


@settings(max_examples=EXAMPLES, deadline=None)
@given(corpus, granularities)
def test_no_ignore_option_shows_more(pair: tuple[str, str], granularity: str) -> None:
    check(*pair, granularity)
