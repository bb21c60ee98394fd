"""`diptych story V1 V2 V3 ...`: a story of files read on the command line,
without a server: each version against the one before (or, with `--base K`,
against version K), as the story page's JSON or as text.

Versions are checked as the server checks them (sizes, 2 to 50), and a file
that is the same text as the one before it is kept once, and said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core import compare
from app.story.digest import CUT, KEPT, MATTERS, REWORDED, PairDigest, digest
from app.story.inputs import (
    ALL_SAME,
    Duplicate,
    VersionInput,
    story_problems,
    without_repeats,
)


@dataclass(frozen=True, slots=True)
class OfflineStory:
    labels: tuple[str, ...]
    base: int | None
    pairs: tuple[tuple[int, int, PairDigest], ...]
    duplicates: tuple[Duplicate, ...]


def offline_story(
    versions: Sequence[VersionInput], base: int | None, max_text_bytes: int, max_bytes: int
) -> OfflineStory:
    """The story's pairs, computed here; ValueError with every problem."""
    problems = story_problems("", versions, base, max_text_bytes, max_bytes)
    if problems:
        raise ValueError("; ".join(problem.message for problem in problems))
    kept, positions, duplicates = without_repeats(versions)
    if len(kept) < 2:
        raise ValueError(ALL_SAME)
    kept_base = None if base is None else positions[base]
    keys = (
        [(index - 1, index) for index in range(1, len(kept))]
        if kept_base is None
        else [(kept_base, index) for index in range(len(kept)) if index != kept_base]
    )
    pairs = tuple((a, b, digest(compare(kept[a].text, kept[b].text))) for a, b in keys)
    return OfflineStory(tuple(v.label for v in kept), kept_base, pairs, duplicates)


def story_json(story: OfflineStory) -> dict[str, Any]:
    """The JSON twin's shape, without URLs: versions, then steps or copies."""
    rows = [
        {
            "from": left,
            "to": right,
            "similarity": found.similarity,
            "kept": found.share(KEPT),
            "reworded": found.share(REWORDED),
            "cut": found.share(CUT),
            "new": found.new_share,
            "classes": {kind.value: count for kind, count in found.classes.items()},
            "matters": [
                {
                    "row": item.row,
                    "classes": [k.value for k in item.classes],
                    "before": item.before,
                    "after": item.after,
                }
                for item in found.notable
            ],
        }
        for left, right, found in story.pairs
    ]
    document: dict[str, Any] = {
        "versions": [
            {"version": index, "label": label} for index, label in enumerate(story.labels)
        ],
        "duplicates": [{"version": d.version, "same_as": d.same_as} for d in story.duplicates],
    }
    if story.base is None:
        document["steps"] = rows
    else:
        document["base"] = story.base
        # A copy is named by its version, as in the story page's JSON twin.
        document["copies"] = [{"version": row.pop("to"), **row} for row in rows]
        for row in document["copies"]:
            del row["from"]
    return document


def story_text(story: OfflineStory) -> str:
    lines = [f"{len(story.labels)} versions"]
    lines += [
        f"  {d.version + 1} is the same text as {d.same_as + 1} before it: kept once"
        for d in story.duplicates
    ]
    heading = (
        "Each step"
        if story.base is None
        else f"Against {story.base + 1}. {story.labels[story.base]}"
    )
    lines += ["", f"{heading}: kept / reworded / cut of its sentences, new, changes that matter"]
    for left, right, found in story.pairs:
        counts = ", ".join(f"{found.classes[k]} {k.value}" for k in MATTERS if found.classes.get(k))
        lines.append(
            f"  {left + 1} → {right + 1}. {story.labels[right]}: "
            f"{found.share(KEPT):.0%} / {found.share(REWORDED):.0%} / {found.share(CUT):.0%}, "
            f"{found.new_share:.0%} new" + (f"; {counts}" if counts else "")
        )
    matters = [
        f"  {right + 1}. {story.labels[right]} ({'/'.join(k.value for k in item.classes)}, "
        f"row {item.row}): “{item.before}” → “{item.after}”"
        for _, right, found in story.pairs
        for item in found.notable
    ]
    if story.base is None:
        lines += ["", "What changed that matters:", *(matters or ["  nothing"])]
    return "\n".join(lines) + "\n"
