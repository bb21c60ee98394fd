"""Records and delete tokens, without a database."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import compare
from app.core.serialize import comparison_from_json, comparison_to_json
from app.store import (
    NO_SOURCE,
    JsonText,
    Source,
    StoredComparison,
    build_record,
    hash_token,
    new_token,
    token_matches,
)
from app.store.json_text import decode_json


def test_build_record_takes_texts_json_and_summary_from_the_comparison(
    record: StoredComparison,
) -> None:
    comparison = comparison_from_json(record.comparison)
    assert comparison_to_json(comparison) == record.comparison
    assert (record.left_text, record.right_text) == (comparison.left.text, comparison.right.text)
    assert record.options == {"granularity": "word", "language": "en"}
    assert record.similarity == comparison.stats.similarity
    assert record.row_counts == {op.value: n for op, n in comparison.stats.rows.items()}
    assert record.words_added == comparison.stats.words.inserted > 0
    assert record.words_removed == comparison.stats.words.deleted > 0


def test_build_record_keeps_extra_options() -> None:
    options = {"granularity": "char", "language": "de", "ui": {"wrap": True}}
    record = build_record(
        id="x",
        title="t",
        left_label="a",
        right_label="b",
        comparison=compare("Ein Satz.", "Ein Satz!", granularity="char", language="de"),
        engine_version="0.1.0",
        created_at=datetime.now(UTC),
        owner_token_hash=hash_token("t"),
        options=options,
    )
    assert record.options == options


def test_summary_repeats_the_record_fields(record: StoredComparison) -> None:
    summary = record.summary()
    for name in summary.__dataclass_fields__:
        assert getattr(summary, name) == getattr(record, name)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": ""}, "id must not be empty"),
        ({"created_at": datetime(2025, 1, 1)}, "timezone-aware UTC"),
        ({"created_at": datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=2)))}, "UTC"),
        ({"title": "a\x00b"}, "title contains a NUL"),
        ({"left_text": "a\x00b"}, "left_text contains a NUL"),
        ({"right_label": "\ud800"}, "lone surrogate"),
        ({"owner_token_hash": "the-token-itself"}, "sha256 hex digest"),
        ({"owner_token_hash": "A" * 64}, "sha256 hex digest"),
        ({"similarity": float("nan")}, "finite"),
        ({"words_added": -1}, "must not be negative"),
    ],
)
def test_invalid_records_are_refused(
    record: StoredComparison, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        replace(record, **changes)


@pytest.mark.parametrize(
    ("source", "as_json"),
    [
        (NO_SOURCE, {}),
        (Source(file_name="wire.docx"), {"file_name": "wire.docx"}),
        (
            Source("https://x.test/a", None, "Talks end", "Jane Doe", date(2025, 3, 21)),
            {
                "url": "https://x.test/a",
                "title": "Talks end",
                "author": "Jane Doe",
                "published": "2025-03-21",
            },
        ),
    ],
)
def test_a_source_is_stored_as_its_known_fields(source: Source, as_json: dict[str, str]) -> None:
    assert source.as_json() == as_json
    assert Source.from_json(as_json) == source


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"author": "a\x00b"}, "author contains a NUL"), ({"url": "\udc80"}, "url is not")],
)
def test_invalid_sources_are_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Source(**fields)


def test_owner_token_hash_and_check() -> None:
    token = new_token()
    assert len(token) >= 40 and token != new_token()
    token_hash = hash_token(token)
    assert len(token_hash) == 64 and token not in token_hash
    assert token_matches(token, token_hash)
    assert not token_matches(token + "x", token_hash)
    assert not token_matches("", token_hash)
    # A corrupt hash is a mismatch, not an exception.
    assert not token_matches(token, "é" * 64)


JSON_VALUES: list[dict[str, Any]] = [
    {},
    {"rows": [{"op": "equal", "left": [0, 5]}], "text": "Ünïcode “quoted” 🧾\n"},
    {"nested": {"list": [1, 2.5, None, True, False]}, "f": 0.1 + 0.2},
]


@pytest.mark.parametrize("value", JSON_VALUES)
def test_json_text_is_its_value_encoded_and_decoded_again(value: dict[str, Any]) -> None:
    document = JsonText.of(value)
    assert json.loads(document.text) == value
    assert JsonText(document.text).value == value
    assert JsonText(document.text) == document


@pytest.mark.parametrize("value", JSON_VALUES)
def test_json_text_crosses_processes_as_its_text_only(value: dict[str, Any]) -> None:
    # What the engine process sends the server: the text, not the decoded
    # objects, which would be rebuilt one by one while holding the GIL.
    decoded = JsonText.of(value)
    assert decoded.value == value
    assert pickle.dumps(decoded) == pickle.dumps(JsonText(decoded.text))
    assert pickle.loads(pickle.dumps(decoded)) == decoded


def test_json_texts_of_equal_values_are_equal_however_spaced() -> None:
    assert JsonText('{"a": [1, 2]}') == JsonText('{"a":[1,2]}')
    assert JsonText('{"a": [1, 2]}') != JsonText('{"a":[2,1]}')


@pytest.mark.parametrize("text", ["[1, 2]", '"rows"', "null"])
def test_json_text_of_anything_but_an_object_is_refused_when_read(text: str) -> None:
    with pytest.raises(ValueError, match="JSON object"):
        _ = JsonText(text).value


def test_the_record_reads_its_comparison_from_its_json_text(record: StoredComparison) -> None:
    assert record.comparison == json.loads(record.comparison_json.text)
    assert replace(record, comparison_json=JsonText('{"rows":[]}')).comparison == {"rows": []}


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(
    value=st.dictionaries(st.text(), JSON_VALUE, max_size=5),
    indent=st.sampled_from([None, 0, 2]),
    spaced=st.booleans(),
)
def test_json_decoded_in_parts_is_json_decoded_at_once(
    value: dict[str, Any], indent: int | None, spaced: bool
) -> None:
    separators = (", ", ": ") if spaced else (",", ":")
    text = json.dumps(value, indent=indent, separators=separators, ensure_ascii=spaced)
    assert decode_json(text, in_parts_from=0) == json.loads(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "{", '{"a":[1,]}', '{"a":[1,2}', '{"a" 1}', "{1:2}", '{"a":1,}', '{"a":1} x', "[1] [2]"],
)
def test_json_decoded_in_parts_refuses_what_json_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        json.loads(text)
    with pytest.raises(ValueError):
        decode_json(text, in_parts_from=0)
