"""Accept-all gives the right text, reject-all the left one: on the seed pair,
on the 172 shared evaluation pairs and on generated texts, read back by the
independent reader (`reader`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import Change, CompareOptions, Comparison, RowOp
from app.core.worddiff.normalize import Ignoring, ignored_form
from tests.core.test_properties import news_pair, random_text
from tests.exports.helpers import docx_of, expected, invariant_problems
from tests.exports.reader import part, resolved
from tests.support.chromium import in_ci

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "peace-talks"
EVAL_DIR = REPO.parent / "shared" / "eval" / "argrewrite"


def eval_texts(path: Path) -> tuple[str, str]:
    """A pair's two texts as the evaluation builds them: a space between the
    sentences of a paragraph, a blank line between paragraphs."""
    pair = json.loads(path.read_text(encoding="utf-8"))
    return _text(pair["left_sentences"], pair["left_paragraph_ids"]), _text(
        pair["right_sentences"], pair["right_paragraph_ids"]
    )


def _text(sentences: list[str], paragraph_ids: list[int]) -> str:
    paragraphs: dict[int, list[str]] = {}
    for sentence, number in zip(sentences, paragraph_ids, strict=True):
        paragraphs.setdefault(number, []).append(sentence)
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs.values())


def test_the_seed_pair_accepts_to_the_copy_and_rejects_to_the_original() -> None:
    left = (SEED / "original.txt").read_text(encoding="utf-8")
    right = (SEED / "copy.txt").read_text(encoding="utf-8")
    comparison, docx = docx_of(left, right)
    assert invariant_problems(comparison, docx) == []
    document = part(docx, "word/document.xml").decode()
    assert "<w:ins " in document and "<w:del " in document


CASES = [
    ("one word changed", "Putin has toned down his demands.", "Putin has softened his demands."),
    ("identical", "Hello world.\n\nSecond paragraph.", "Hello world.\n\nSecond paragraph."),
    ("both empty", "", ""),
    ("left empty", "", "A new text.\n\nIn two paragraphs."),
    ("right empty", "An old text.\n\nIn two paragraphs.", ""),
    ("paragraph split", "One sentence. Two sentence.", "One sentence.\n\nTwo sentence."),
    ("paragraphs joined", "One sentence.\n\nTwo sentence.", "One sentence. Two sentence."),
    ("blank lines differ", "A first one.\n\n\n\nA second.", "A first one.\nA second one."),
    ("paragraph inserted", "A.\n\nC.", "A.\n\nB is new here.\n\nC."),
    ("paragraph deleted at the end", "A first.\n\nB was here.", "A first."),
    ("paragraph inserted first", "B stays.", "A is new.\n\nB stays."),
    (
        "sentence moved",
        "The talks began in Riyadh. Oil prices fell sharply. Markets rallied later on.",
        "Oil prices fell sharply. Markets rallied later on. The talks began in Riyadh.",
    ),
    (
        "moved and reworded across paragraphs",
        "Zelensky said the talks focused on the plant.\n\nThe Senate passed the bill.",
        "The Senate passed the bill.\n\nZelensky said the talks mostly focused on the plant.",
    ),
    (
        "soft-wrapped lines",
        "a line that wraps\nonto the next line.",
        "a line that wraps onto the next line.",
    ),
    ("tabs and line breaks", "Name:\tAlice\nRole:\tChair.", "Name:\tAlice\nRole:\tVice chair."),
    ("control characters", "Bell\x07 and form\x0cfeed.", "Bell and form feed."),
    ("markup characters", 'He said "a < b & c".', "He said 'a > b & c'."),
    ("double spaces", "Two  spaces.  And  more.", "Two spaces. And more."),
    ("spaces doubled", "One space. And one.", "One  space.   And  one."),
    ("tab for a space", "A\tcolumn of words.", "A column\tof words."),
    ("no-break spaces", "10\u00a0km away. Mr\u00a0Smith said.", "10 km away. Mr Smith said."),
    ("trailing spaces", "A line.  \n\nAnother one. ", "A line.\n\nAnother one."),
    ("blank lines with spaces", "A first.\n \n\t\nA second.", "A first.\n\nA second."),
    ("space before a heading", "TITLE\n\n  Body text here.", "TITLE\n\nBody  text here."),
    ("only whitespace differs", "Same words  here.\tAgain.", "Same words here. Again."),
]


@pytest.mark.parametrize(("left", "right"), [case[1:] for case in CASES], ids=[c[0] for c in CASES])
def test_accept_all_and_reject_all_give_the_two_texts(left: str, right: str) -> None:
    comparison, docx = docx_of(left, right)
    assert invariant_problems(comparison, docx) == []


def test_a_moved_sentence_is_tracked_as_a_move() -> None:
    left, right = CASES[11][1], CASES[11][2]
    comparison, docx = docx_of(left, right)
    assert any(row.op is RowOp.MOVED for row in comparison.rows)
    document = part(docx, "word/document.xml").decode()
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        assert f"<w:{tag} " in document
    assert "<w:moveFrom " in document and "<w:moveTo " in document
    assert 'w:name="move' in document


def test_the_shared_evaluation_pairs_keep_the_invariant() -> None:
    if not EVAL_DIR.is_dir():
        reason = f"the shared evaluation pairs are not at {EVAL_DIR}"
        if in_ci():
            pytest.fail(f"{reason} (CI is set, so they must be checked)", pytrace=False)
        pytest.skip(reason)
    paths = sorted(EVAL_DIR.glob("*.json"))
    assert len(paths) == 172
    failures = {}
    for path in paths:
        problems = invariant_problems(*docx_of(*eval_texts(path)))
        if problems:
            failures[path.name] = problems
    assert failures == {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair=news_pair())
def test_generated_articles_keep_the_invariant(pair: tuple[str, str]) -> None:
    assert invariant_problems(*docx_of(*pair)) == []


@settings(max_examples=300, deadline=None)
@given(left=random_text, right=random_text)
def test_random_texts_keep_the_invariant(left: str, right: str) -> None:
    assert invariant_problems(*docx_of(left, right)) == []


@settings(max_examples=100, deadline=None)
@given(left=random_text, extra=st.sampled_from(["\n\n", " ", "\n"]), right=random_text)
def test_texts_sharing_a_part_keep_the_invariant(left: str, extra: str, right: str) -> None:
    assert invariant_problems(*docx_of(left + extra + right, right + extra + left)) == []


SPACING = [" ", " ", "  ", "   ", "\t", "\u00a0", " \t", "\n", " \n\n", "\n\n", "\n\n\n", "\n \n"]


@st.composite
def respaced(draw: st.DrawFn, text: str) -> str:
    """`text` with some of its whitespace runs in another form, and maybe trailing spaces."""
    parts = re.split(r"(\s+)", text)
    for index in range(1, len(parts), 2):
        if draw(st.booleans()):
            parts[index] = draw(st.sampled_from(SPACING))
    return "".join(parts) + draw(st.sampled_from(["", "", " ", "  \n", "\n\n"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), pair=news_pair())
def test_articles_with_other_whitespace_keep_the_invariant(
    data: st.DataObject, pair: tuple[str, str]
) -> None:
    left, right = (data.draw(respaced(text)) for text in pair)
    assert invariant_problems(*docx_of(left, right)) == []


@settings(max_examples=100, deadline=None)
@given(data=st.data(), text=random_text)
def test_a_text_and_its_respaced_copy_keep_the_invariant(data: st.DataObject, text: str) -> None:
    assert invariant_problems(*docx_of(text, data.draw(respaced(text)))) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    pair=news_pair(),
    ignores=st.tuples(st.booleans(), st.booleans(), st.booleans()),
    lower=st.booleans(),
)
def test_with_ignore_options_only_ignored_differences_are_no_revisions(
    data: st.DataObject, pair: tuple[str, str], ignores: tuple[bool, bool, bool], lower: bool
) -> None:
    """Accept-all gives the right text; reject-all the left one but where the
    options ignore a difference (the file shows the right form there): exactly
    when they ignore none, else equal to it as the options see texts."""
    typography, case, punctuation = ignores
    options = CompareOptions(
        ignore_typography=typography, ignore_case=case, ignore_punctuation=punctuation
    )
    left, right = (data.draw(respaced(text)) for text in pair)
    comparison, docx = docx_of(left, right.lower().replace(".", "!") if lower else right, options)
    assert resolved(docx, accept=True) == expected(comparison.right)
    rejected, wanted = resolved(docx, accept=False), expected(comparison.left)
    ignoring = Ignoring(typography, case, punctuation)
    assert [ignored_form(p, ignoring) for p in rejected] == [
        ignored_form(p, ignoring) for p in wanted
    ]
    if all(_respacing(comparison, change) for row in comparison.rows for change in row.changes):
        assert rejected == wanted


def _respacing(comparison: Comparison, change: Change) -> bool:
    """Whether a change is not ignored, or ignored as only another form of a whitespace run."""
    if not change.ignored or change.left is None or change.right is None:
        return not change.ignored
    left = comparison.left.text[slice(*change.left)]
    right = comparison.right.text[slice(*change.right)]
    return not (left.strip() or right.strip())


def test_a_sentence_moved_and_merged_across_lines_keeps_the_invariant() -> None:
    # A move's source of two left segments ("… Arabia" and "next"): the
    # segment after them ("week.", moved too) is told where it stood, not lost.
    said = "“This is hard. It will take time. But it will come,” Herbst said."
    week = "U.S. officials are expected in Saudi Arabia next week."
    met = "met in Paris on Thursday and agreed to send more air defence."
    left = (
        f"{said} U.S. officials are expected in Saudi Arabia\nnext\nweek. European leaders "
        f"{met} {said} {week} {week} What Trump wants "
    )
    right = (
        f"{said} U.S. officials are expected\nin Saudi Arabia next week. European leaders\n"
        f"{met} {said} {week} U.S. officials are expected in Saudi Arabia next\nweek. {week} "
        f"{week} reportedly Trump wants "
    )
    comparison, docx = docx_of(left, right)
    assert any(row.op is RowOp.MOVED and len(row.left) > 1 for row in comparison.rows)
    assert invariant_problems(comparison, docx) == []
