"""The comparison JSON, schema 1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.core import CompareOptions, Piece, PieceOp, RowOp, compare, compare_encoded, compare_with
from app.core.serialize import (
    comparison_from_json,
    comparison_json_text,
    comparison_to_json,
    dump_json,
    encoded,
    json_text_draining,
)

LEFT = "Hello world. Putin has toned down his demands."
RIGHT = "Hello world. Putin has softened his demands."


def _json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(comparison_to_json(compare(LEFT, RIGHT))))
    return data


def test_worked_example_of_the_model() -> None:
    comparison = compare(LEFT, RIGHT)
    assert [(row.op, row.left, row.right) for row in comparison.rows] == [
        (RowOp.EQUAL, (0,), (0,)),
        (RowOp.MODIFIED, (1,), (1,)),
    ]
    assert comparison.rows[0].diff == (Piece(PieceOp.EQUAL, "Hello world."),)
    assert comparison.rows[1].diff == (
        Piece(PieceOp.EQUAL, "Putin has "),
        Piece(PieceOp.DELETE, "toned down"),
        Piece(PieceOp.INSERT, "softened"),
        Piece(PieceOp.EQUAL, " his demands."),
    )


def test_schema_1_layout() -> None:
    data = _json()
    assert set(data) == {"schema", "options", "left", "right", "rows", "stats"}
    assert data["schema"] == 1
    assert data["left"]["text"] == LEFT
    assert data["left"]["segments"] == [
        {"start": 0, "end": 12, "paragraph": 0, "kind": "sentence"},
        {"start": 13, "end": len(LEFT), "paragraph": 0, "kind": "sentence"},
    ]
    assert data["rows"][1]["op"] == "modified"
    assert data["rows"][1]["diff"][1] == ["delete", "toned down"]
    assert set(data["rows"][1]) == {"op", "left", "right", "similarity", "diff", "changes"}
    assert set(data["stats"]["rows"]) == {op.value for op in RowOp}
    assert data["stats"]["words"] == {"equal": 6, "deleted": 2, "inserted": 1}


@pytest.mark.parametrize("schema", [None, 0, 2, "1"], ids=repr)
def test_other_schemas_are_refused(schema: object) -> None:
    data = _json()
    data["schema"] = schema
    with pytest.raises(ValueError, match="schema"):
        comparison_from_json(data)


def test_char_granularity_round_trips() -> None:
    comparison = compare(LEFT, RIGHT, granularity="char", language="en")
    data = json.loads(json.dumps(comparison_to_json(comparison)))
    assert data["options"] == {"granularity": "char", "language": "en"}
    assert comparison_from_json(data) == comparison


# Texts whose JSON spans several of the text builder's batches of rows and
# segments, and texts that JSON escapes.
BATCHED_PAIRS = [
    pytest.param("", "", id="empty"),
    pytest.param(LEFT, RIGHT, id="two-sentences"),
    pytest.param("Ein „Satz“.\n\nZwei\t\\ \x01.", "Ein “Satz”!\n\n😀 Zwei.", id="escapes"),
    pytest.param(
        "\n\n".join(f"Word{n % 97}." for n in range(2_500)),
        "\n\n".join(f"Word{n % 89}." for n in range(2_300)),
        id="2500-paragraphs",
    ),
]


@pytest.mark.parametrize(("left", "right"), BATCHED_PAIRS)
def test_the_json_text_built_in_parts_is_the_json_dumped_at_once(left: str, right: str) -> None:
    comparison = compare(left, right)
    text = comparison_json_text(comparison)
    assert text == dump_json(comparison_to_json(comparison))
    assert json.loads(text) == comparison_to_json(comparison)


@pytest.mark.parametrize(("left", "right"), BATCHED_PAIRS)
def test_the_engine_process_encoding_is_the_comparison_encoded(left: str, right: str) -> None:
    options = CompareOptions(language="detect")
    assert compare_encoded(left, right, options) == encoded(compare_with(left, right, options))


def test_the_rows_are_taken_out_as_they_are_encoded() -> None:
    comparison = compare("\n\n".join(f"Word{n % 97}." for n in range(500)), "Word1.")
    rows = list(comparison.rows)
    c = comparison
    text = json_text_draining(c.left, c.right, rows, c.stats, c.options)
    assert rows == []
    assert text == comparison_json_text(comparison)
