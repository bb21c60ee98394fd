"""A warning for two texts that share almost no sentences: most likely not the
pair the editor meant to compare (a wrong file, a wrong link).

A sentence is shared when the engine linked it to one of the other text's
(equal, modified, split, merged or moved), and the pair is unrelated when
neither text shares as much as `SHARED_SHARE_MIN` of its sentences. Each
text is measured on its own, so an excerpt compared with its whole article
(a few sentences, all shared) is no unrelated pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core import RowOp
from app.core.serialize import JsonObject

SHARED_SHARE_MIN = 0.1
UNRELATED_CODE = "unrelated_texts"
UNRELATED_MESSAGE = "These texts share almost no sentences — is this the right pair?"
_UNLINKED = frozenset({RowOp.INSERTED.value, RowOp.DELETED.value})


@dataclass(frozen=True, slots=True)
class PairWarning:
    """Something about the pair the editor should check before reading on."""

    code: str
    message: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def pair_warnings(comparison: JsonObject) -> tuple[PairWarning, ...]:
    """The warnings for a comparison (the engine's JSON, schema 1)."""
    shares = [_shared_share(comparison, side) for side in ("left", "right")]
    if None in shares or max(share or 0.0 for share in shares) >= SHARED_SHARE_MIN:
        return ()
    return (PairWarning(UNRELATED_CODE, UNRELATED_MESSAGE),)


def _shared_share(comparison: JsonObject, side: str) -> float | None:
    """The share of a side's sentences linked to the other side's; None if it has none."""
    total = len(comparison[side]["segments"])
    if not total:
        return None
    rows: list[dict[str, Any]] = comparison["rows"]
    shared = sum(len(row[side]) for row in rows if row["op"] not in _UNLINKED)
    return shared / total
