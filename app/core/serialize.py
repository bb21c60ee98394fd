"""The comparison as JSON (schema 1), and back.

{"schema": 1,
 "options": {"granularity": "word", "language": "en"},
 "left":  {"text": "...", "segments": [{"start": 0, "end": 151, "paragraph": 0,
                                        "kind": "sentence"}, ...]},
 "right": {...},
 "rows": [{"op": "modified", "left": [5], "right": [8], "similarity": 0.87,
           "diff": [["equal", "While Trump has "], ["delete", "fallen short of"],
                    ["insert", "not fulfilled"], ...]}, ...],
 "stats": {"similarity": 0.78, "rows": {"equal": 0, "modified": 41, ...},
           "words": {"equal": 1100, "deleted": 240, "inserted": 210}}}
"""

from __future__ import annotations

from typing import Any

from app.core.model import (
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
    }


def comparison_from_json(data: JsonObject) -> Comparison:
    """Rebuild a comparison from its JSON, as stored; raises ValueError if not schema 1."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"unsupported comparison schema {data.get('schema')!r}")
    options = data.get("options", {})
    return Comparison(
        left=_side_from_json(data["left"]),
        right=_side_from_json(data["right"]),
        rows=tuple(
            Row(
                op=RowOp(row["op"]),
                left=tuple(row["left"]),
                right=tuple(row["right"]),
                similarity=row["similarity"],
                diff=tuple(Piece(PieceOp(op), text) for op, text in row["diff"]),
            )
            for row in data["rows"]
        ),
        stats=Stats(
            similarity=data["stats"]["similarity"],
            rows={RowOp(op): count for op, count in data["stats"]["rows"].items()},
            words=WordCounts(**data["stats"]["words"]),
        ),
        options=CompareOptions(
            granularity=Granularity(options.get("granularity", "word")),
            language=options.get("language", "en"),
        ),
    )


def _side_from_json(data: JsonObject) -> Side:
    return Side(
        text=data["text"],
        segments=tuple(
            Segment(s["start"], s["end"], s["paragraph"], SegmentKind(s["kind"]))
            for s in data["segments"]
        ),
    )
