"""What a fresh fetch of a watched link means for its story: a new version, nothing
new, or a check that failed.

Extraction is where watchers go wrong: a page served half-loaded, a cookie wall
or a redesigned template yields a text that differs from the article, and
storing it makes a false diff (diffengine's known failure). So a fetched text is
a new version only if it passes two guards against the last version — it keeps
at least half its length and shares at least a fifth of its sentences — and
differs from it by more than the noise floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core import CompareOptions, RowOp, compare_with
from app.core.worddiff.normalize import Ignoring, ignored_form
from app.store.watch_records import CheckOutcome

MIN_LENGTH_SHARE = 0.5
MIN_SENTENCE_SHARE = 0.2


class NoiseFloor(StrEnum):
    """The least change that makes a new version."""

    EXACT = "exact"  # any change, even of whitespace
    WHITESPACE = "whitespace"  # whitespace-only changes are not versions
    TYPOGRAPHY = "typography"  # nor are typography-only ones (quote marks, dashes)


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: CheckOutcome
    # Why a check failed, in words an editor reads on the story page.
    reason: str = ""


UNCHANGED = Verdict(CheckOutcome.UNCHANGED)
NEW_VERSION = Verdict(CheckOutcome.NEW_VERSION)


def judge(last: str, fetched: str, noise: NoiseFloor) -> Verdict:
    """The verdict on `fetched`, the text just extracted from a watched link whose
    last stored version is `last`."""
    if fetched == last or _within_noise(last, fetched, noise):
        return UNCHANGED
    if len(fetched) < MIN_LENGTH_SHARE * len(last):
        share = len(fetched) / len(last)
        return Verdict(
            CheckOutcome.FAILED,
            f"The page's text is {share:.0%} of the last version's length; "
            "the article was probably not extracted whole, so it was not stored.",
        )
    kept = sentence_share(last, fetched)
    if kept < MIN_SENTENCE_SHARE:
        return Verdict(
            CheckOutcome.FAILED,
            f"The page shares {kept:.0%} of the last version's sentences; "
            "it is probably another text (a cookie wall, an error page), so it was not stored.",
        )
    return NEW_VERSION


def sentence_share(last: str, fetched: str) -> float:
    """The share of `last`'s sentences that `fetched` keeps, reworded or not."""
    comparison = compare_with(last, fetched, CompareOptions())
    total = len(comparison.left.segments)
    if not total:
        return 1.0
    cut = sum(len(row.left) for row in comparison.rows if row.op is RowOp.DELETED)
    return (total - cut) / total


def _within_noise(last: str, fetched: str, noise: NoiseFloor) -> bool:
    if noise is NoiseFloor.EXACT:
        return False
    # ignored_form always collapses whitespace runs: with nothing else ignored
    # it is exactly the whitespace floor.
    ignoring = Ignoring(typography=noise is NoiseFloor.TYPOGRAPHY)
    return ignored_form(last, ignoring) == ignored_form(fetched, ignoring)
