"""The seed pair: a wire story (left) and a reworded, cut and padded copy (right)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import Comparison, RowOp, SegmentKind, Side, compare
from app.core.segmentation.quotes import find_quotations
from app.ingest import read_text_file
from tests.core.helpers import (
    each_index_once_problems,
    find_segment,
    lossless_problems,
    pairs,
    row_with,
    side_texts,
)

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "peace-talks"
TITLE = "Five things to know about the Russia-Ukraine peace talks"


@functools.cache
def seed_comparison() -> Comparison:
    left = read_text_file(str(SEED / "original.txt"))
    right = read_text_file(str(SEED / "copy.txt"))
    return compare(left, right)


def test_seed_rows_are_lossless_and_complete() -> None:
    comparison = seed_comparison()
    assert lossless_problems(comparison) == []
    assert each_index_once_problems(comparison) == []


@pytest.mark.parametrize(
    ("prefix", "occurrence"),
    [("LATEST NEWS:", 0), (TITLE, 0), (TITLE, 1), ("There were even rumors", 0)],
    ids=["banner", "title", "title-again", "rumors"],
)
def test_inserted(prefix: str, occurrence: int) -> None:
    comparison = seed_comparison()
    texts = side_texts(comparison.right)
    index = [j for j, text in enumerate(texts) if text.startswith(prefix)][occurrence]
    assert row_with(comparison, right=index).op is RowOp.INSERTED


@pytest.mark.parametrize(
    "prefix",
    [
        "Trump has drawn rare Republican resistance",
        "The position has been exclusively held",
        "And the president on Friday claimed credit",
        "And he said NATO’s deterrence factor",
        "“President Putin will tell you",
        "Trump largely dodged questions",
        "Herbst said the debate showed",
        "“So that’s why even such things",
    ],
)
def test_deleted(prefix: str) -> None:
    comparison = seed_comparison()
    row = row_with(comparison, left=find_segment(comparison.left, prefix))
    assert row.op is RowOp.DELETED


@pytest.mark.parametrize(
    ("left_prefix", "right_prefix"),
    [
        ("President Trump has focused", "President Trump has focused"),
        ("U.S. officials are expected", "US officials are expected"),
        ("What Trump wants", "What does Trump want?"),
        ("While Trump has fallen short", "While Trump has not fulfilled"),
        ("Trump has been pressuring Ukraine", "Trump has been pressuring Ukraine"),
        ("Zelensky said the discussion", "Zelensky said the discussion"),
        ("Putin declared annexation", "Meanwhile, Putin announced"),
        ("Benjamin Schmitt, senior fellow", "Benjamin Schmitt, senior fellow"),
        ("What Putin wants", "What does Putin want?"),
        ("“His objectives have changed", '"His objectives have changed'),
        ("Putin is still strenuously opposed", "But Putin is still opposed"),
        ("Schmitt, of the University", "Schmitt, of the University"),
        ("Ukrainian and Russian officials", "Ukrainian and Russian officials"),
        ("Where Europe stands", "Where Europe stands"),
        ("Europe, wary of", "Europe, wary of"),
        ("And French President Emmanuel Macron", "And French President Emmanuel Macron"),
        ("Trump is deeply critical", "Otherwise, Trump is deeply critical"),
        ("While MAGA voices", "While MAGA voices"),
        ("The NATO plans would also", "The NATO plans will also"),
    ],
)
def test_paired(left_prefix: str, right_prefix: str) -> None:
    comparison = seed_comparison()
    left = find_segment(comparison.left, left_prefix)
    right = find_segment(comparison.right, right_prefix)
    row = row_with(comparison, left=left)
    assert right in row.right, f"left {left} is in row {row.op} {row.left} -> {row.right}"
    assert row.op not in (RowOp.INSERTED, RowOp.DELETED)


# Every sentence of every quotation of several sentences, in the original and
# in the copy, with its counterpart on the other side (None: cut or added).
QUOTATION_SENTENCES = [
    ("“This is hard, this is complicated", '"This is difficult, this is complicated'),
    ("But there’s no doubt in my mind", "But there is no doubt in my mind"),
    ("“President Putin will tell you", None),
    ("But he is worried when", None),
    ("“So that’s why even such things", None),
    ("But I would not assume", None),
]


def _sentences_of_long_quotations(side: Side) -> list[str]:
    """The segments of `side` inside quotations that span two segments or more."""
    quotations = find_quotations(side.text)
    found: list[str] = []
    for start, end in zip(quotations.starts, quotations.ends, strict=True):
        inside = [s for s in side.segments if s.start < end and start < s.end]
        if len(inside) > 1:
            found.extend(side.text[s.start : s.end] for s in inside)
    return found


def _prefix_of(text: str, prefixes: list[str]) -> str:
    """The one of `prefixes` `text` starts with, or `text` itself."""
    return next((prefix for prefix in prefixes if text.startswith(prefix)), text)


def test_each_sentence_of_a_quotation_is_a_segment_of_its_own() -> None:
    comparison = seed_comparison()
    left_prefixes = [left for left, _ in QUOTATION_SENTENCES]
    right_prefixes = [right for _, right in QUOTATION_SENTENCES if right]
    left = _sentences_of_long_quotations(comparison.left)
    right = _sentences_of_long_quotations(comparison.right)
    assert [_prefix_of(text, left_prefixes) for text in left] == left_prefixes
    assert [_prefix_of(text, right_prefixes) for text in right] == right_prefixes


@pytest.mark.parametrize(("left_prefix", "right_prefix"), QUOTATION_SENTENCES)
def test_each_sentence_of_a_quotation_is_linked_to_its_counterpart(
    left_prefix: str, right_prefix: str | None
) -> None:
    comparison = seed_comparison()
    row = row_with(comparison, left=find_segment(comparison.left, left_prefix))
    if right_prefix is None:
        assert row.op is RowOp.DELETED
    else:
        assert row.right == (find_segment(comparison.right, right_prefix),)
        assert row.op is RowOp.MODIFIED


def test_toned_down_pairs_with_softened_word_for_word() -> None:
    comparison = seed_comparison()
    row = row_with(comparison, left=find_segment(comparison.left, "Putin has toned down"))
    assert row.right == (find_segment(comparison.right, "“Putin has softened"),)
    assert row.op is RowOp.MODIFIED
    diff = pairs(row.diff)
    assert ("delete", "toned down") in diff
    assert ("insert", "softened") in diff


def _headings(side: Side) -> list[str]:
    return [side.text[s.start : s.end] for s in side.segments if s.kind is SegmentKind.HEADING]


def test_seed_headings() -> None:
    comparison = seed_comparison()
    assert _headings(comparison.left) == [
        "What Trump wants",
        "What Putin wants",
        "What Zelensky wants",
        "Where Europe stands",
        "Trump’s NATO wild card",
    ]
    # The copy turned most headings into questions, which end in "?".
    assert _headings(comparison.right) == [
        "LATEST NEWS:",
        TITLE,
        TITLE,
        "Where Europe stands",
        "Trump's NATO wild card",
    ]


_JSON_SCRIPT = """
import json, sys
from app.core import compare
from app.core.serialize import comparison_to_json
from app.ingest import read_text_file
left, right = (read_text_file(path) for path in sys.argv[1:3])
print(json.dumps(comparison_to_json(compare(left, right)), sort_keys=True))
"""


def test_seed_json_does_not_depend_on_hash_seed() -> None:
    outputs = set()
    for hash_seed in ("1", "2"):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                _JSON_SCRIPT,
                str(SEED / "original.txt"),
                str(SEED / "copy.txt"),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
