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

from typing import Any

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
JsonObject = dict[str, Any]


def comparison_to_json(comparison: Comparison) -> JsonObject:
    return {
        "schema": SCHEMA,
        "options": comparison.options.as_dict(),
        "left": _side_to_json(comparison.left),
        "right": _side_to_json(comparison.right),
        "rows": [_row_to_json(row) for row in comparison.rows],
        "stats": _stats_to_json(comparison.stats),
    }


def _side_to_json(side: Side) -> JsonObject:
    return {
        "text": side.text,
        "segments": [
            {"start": s.start, "end": s.end, "paragraph": s.paragraph, "kind": s.kind.value}
            for s in side.segments
        ],
    }


def _row_to_json(row: Row) -> JsonObject:
    return {
        "op": row.op.value,
        "left": list(row.left),
        "right": list(row.right),
        "similarity": row.similarity,
        "diff": [[piece.op.value, piece.text] for piece in row.diff],
        "changes": [_change_to_json(change) for change in row.changes],
    }


def _change_to_json(change: Change) -> JsonObject:
    return {
        "class": change.primary.value,
        "classes": [kind.value for kind in change.classes],
        "left": list(change.left) if change.left else None,
        "right": list(change.right) if change.right else None,
        "ignored": change.ignored,
    }


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
