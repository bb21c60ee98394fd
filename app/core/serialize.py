"""The comparison as JSON (schema 1), and back.

{"schema": 1,
 "options": {"granularity": "word", "language": "en", "ignore_typography": false,
             "ignore_case": false, "ignore_punctuation": false},
 "left":  {"text": "...", "segments": [{"start": 0, "end": 151, "paragraph": 0,
                                        "kind": "sentence"}, ...]},
 "right": {...},
 "rows": [{"op": "modified", "left": [5], "right": [8], "similarity": 0.87,
           "diff": [["equal", "While Trump has "], ["delete", "fallen short of"],
                    ["insert", "not fulfilled"], ...],
           "changes": [{"class": "wording", "classes": ["wording"],
                        "left": [512, 527], "right": [498, 511], "ignored": false},
                       ...]}, ...],
 "stats": {"similarity": 0.78, "rows": {"equal": 0, "modified": 41, ...},
           "words": {"equal": 1100, "deleted": 240, "inserted": 210},
           "classes": {"typography": 20, "spelling": 13, "number": 0, ...}}}

A change's "left" and "right" are [start, end] code point offsets into the
whole left and right texts, or null on a side it has nothing of; "class" is
its primary class, "classes" all of them, primary first. The k-th change of
a row is its diff's k-th run of non-equal pieces (an inserted or deleted row
has one). Comparisons stored before engine 1.1 have no "changes", no
"classes" and fewer options: they read back with no changes, empty class
counts and the ignore options off. "language_detected": true (present only
then) says the language was read from the texts ("detect").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from app.core.model import (
    Change,
    ChangeClass,
    CompareOptions,
    Comparison,
    Granularity,
    Piece,
    PieceOp,
    Row,
    RowOp,
    Segment,
    SegmentKind,
    Side,
    Stats,
    WordCounts,
)

SCHEMA = 1
Item = TypeVar("Item")
JsonObject = dict[str, Any]
# Compact and not ASCII-escaped: the comparison JSON holds both texts, which
# \u-escaping would make up to six times larger. Control characters are
# still escaped, so the text never holds a raw NUL. NaN is refused because it
# is not JSON and other readers would choke on it. The values encoded are
# trees built here, never cyclic: not checking them for cycles is a fifth
# less time for a text of many rows.
_ENCODER = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False
)
# Rows (and segments) encoded at once when the JSON is built a part at a
# time. Small enough for a batch's text to stay under the C allocator's mmap
# threshold (128 KB): with 1,000 rows, about 270 KB each, building the JSON
# of half a million one-word rows took 6.5 s of CPU instead of 4.1 to 4.7.
_BATCH = 100


def dump_json(value: object) -> str:
    """`value` as compact JSON text, as the comparisons are stored."""
    return _ENCODER.encode(value)


@dataclass(frozen=True, slots=True)
class EncodedComparison:
    """A comparison as an engine process hands it on: its texts, options and
    totals, and its JSON text (`comparison_json_text`) instead of its rows."""

    left_text: str
    right_text: str
    options: CompareOptions
    stats: Stats
    json_text: str


def encoded(comparison: Comparison) -> EncodedComparison:
    """The comparison as an engine process hands it on."""
    return EncodedComparison(
        comparison.left.text,
        comparison.right.text,
        comparison.options,
        comparison.stats,
        comparison_json_text(comparison),
    )


def comparison_json_text(comparison: Comparison) -> str:
    """The comparison's JSON (schema 1) as compact text, as it is stored. Built
    a hundred rows (or segments) at a time: the whole JSON as objects never
    exists beside the comparison (for 2 MB of one-word paragraphs a side,
    half a million rows, that was 0.7 GB more at the peak)."""
    c = comparison
    return json_text_draining(c.left, c.right, list(c.rows), c.stats, c.options)


def json_text_draining(
    left: Side, right: Side, rows: list[Row], stats: Stats, options: CompareOptions
) -> str:
    """The JSON text of the comparison of these parts, `rows` emptied as they
    are encoded: a caller that holds them nowhere else has each batch freed
    once written, so that the rows and their text (260 and 100 MB for half
    a million one-word rows) never both exist whole."""
    parts = [dump_json({"schema": SCHEMA, "options": options.as_dict()})[:-1]]
    for name, side in (("left", left), ("right", right)):
        parts.append(f',"{name}":{{"text":{dump_json(side.text)},"segments":')
        _add_array(parts, list(side.segments), _segment_encodable)
        parts.append("}")
    parts.append(',"rows":')
    _add_array(parts, rows, _row_encodable)
    parts.append(f',"stats":{dump_json(_stats_to_json(stats))}}}')
    return "".join(parts)


def _add_array(parts: list[str], items: list[Item], to_json: Callable[[Item], object]) -> None:
    """Add the JSON array of `to_json(item)` for each item to `parts`, a batch
    at a time, taking the items out of `items` (from its end: no item moves)."""
    items.reverse()
    parts.append("[")
    separator = ""
    while items:
        batch = items[-_BATCH:]
        del items[-_BATCH:]
        batch.reverse()
        parts.append(separator + dump_json([to_json(item) for item in batch])[1:-1])
        separator = ","
    parts.append("]")


# The tuples and the enumerations' members are encoded as they are (a
# member is its value, as a string): converting them to lists and plain
# strings was a fifth of the JSON's cost for half a million rows.
def _segment_encodable(segment: Segment) -> JsonObject:
    return {
        "start": segment.start,
        "end": segment.end,
        "paragraph": segment.paragraph,
        "kind": segment.kind,
    }


def _row_encodable(row: Row) -> JsonObject:
    # Most rows of a long text have one piece and one change: those are
    # listed without a comprehension's call.
    diff, changes = row.diff, row.changes
    return {
        "op": row.op,
        "left": row.left,
        "right": row.right,
        "similarity": row.similarity,
        "diff": [(diff[0].op, diff[0].text)]
        if len(diff) == 1
        else [(piece.op, piece.text) for piece in diff],
        "changes": [_change_encodable(changes[0])]
        if len(changes) == 1
        else list(map(_change_encodable, changes)),
    }


def _change_encodable(change: Change) -> JsonObject:
    return {
        "class": change.classes[0],
        "classes": change.classes,
        "left": change.left,
        "right": change.right,
        "ignored": change.ignored,
    }


def comparison_to_json(comparison: Comparison) -> JsonObject:
    """The comparison's JSON as plain values (lists, strings): its text decoded,
    so that there is one description of the schema, the encoder's."""
    value: JsonObject = json.loads(comparison_json_text(comparison))
    return value


def _stats_to_json(stats: Stats) -> JsonObject:
    return {
        "similarity": stats.similarity,
        "rows": {op.value: count for op, count in stats.rows.items()},
        "words": {
            "equal": stats.words.equal,
            "deleted": stats.words.deleted,
            "inserted": stats.words.inserted,
        },
        "classes": {kind.value: count for kind, count in stats.classes.items()},
    }


def comparison_from_json(data: JsonObject) -> Comparison:
    """Rebuild a comparison from its JSON, as stored; raises ValueError if not schema 1."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"unsupported comparison schema {data.get('schema')!r}")
    options = data.get("options", {})
    return Comparison(
        left=_side_from_json(data["left"]),
        right=_side_from_json(data["right"]),
        rows=tuple(_row_from_json(row) for row in data["rows"]),
        stats=Stats(
            similarity=data["stats"]["similarity"],
            rows={RowOp(op): count for op, count in data["stats"]["rows"].items()},
            words=WordCounts(**data["stats"]["words"]),
            classes={
                ChangeClass(kind): count for kind, count in data["stats"].get("classes", {}).items()
            },
        ),
        options=CompareOptions(
            granularity=Granularity(options.get("granularity", "word")),
            language=options.get("language", "en"),
            language_detected=options.get("language_detected", False),
            ignore_typography=options.get("ignore_typography", False),
            ignore_case=options.get("ignore_case", False),
            ignore_punctuation=options.get("ignore_punctuation", False),
        ),
    )


def _row_from_json(row: JsonObject) -> Row:
    return Row(
        op=RowOp(row["op"]),
        left=tuple(row["left"]),
        right=tuple(row["right"]),
        similarity=row["similarity"],
        diff=tuple(Piece(PieceOp(op), text) for op, text in row["diff"]),
        changes=tuple(_change_from_json(change) for change in row.get("changes", ())),
    )


def _change_from_json(data: JsonObject) -> Change:
    return Change(
        classes=tuple(ChangeClass(kind) for kind in data["classes"]),
        left=_span_from_json(data["left"]),
        right=_span_from_json(data["right"]),
        ignored=data["ignored"],
    )


def _span_from_json(span: list[int] | None) -> tuple[int, int] | None:
    return None if span is None else (span[0], span[1])


def _side_from_json(data: JsonObject) -> Side:
    return Side(
        text=data["text"],
        segments=tuple(
            Segment(s["start"], s["end"], s["paragraph"], SegmentKind(s["kind"]))
            for s in data["segments"]
        ),
    )
