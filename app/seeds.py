"""Seed pairs: comparisons loaded at start-up from a folder of folders.

Each subfolder holds a `pair.json`:

    {"title": "...", "left": {"file": "original.txt", "label": "Original — The Hill"},
     "right": {"file": "copy.txt", "label": "Copy — Telegraph"}}

Loading is idempotent because a seed's id is its content address: a pair
already stored is found by its id and neither recomputed nor added twice.
Seeds are listed in the library and owned by nobody.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.ingest import InputError, read_text_file
from app.problems import InvalidInputError
from app.service import ComparisonService

logger = logging.getLogger(__name__)


class SeedError(ValueError):
    """A seed folder that cannot be loaded; the message names the file."""


@dataclass(frozen=True, slots=True)
class SeedSide:
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class SeedPair:
    folder: Path
    title: str
    left: SeedSide
    right: SeedSide


def read_seeds(seeds_dir: Path) -> list[SeedPair]:
    """The pairs of every subfolder holding a pair.json, in folder name order."""
    return [read_pair(folder) for folder in sorted(seeds_dir.iterdir()) if _is_seed(folder)]


def _is_seed(folder: Path) -> bool:
    return folder.is_dir() and (folder / "pair.json").is_file()


def read_pair(folder: Path) -> SeedPair:
    manifest = folder / "pair.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SeedError(f"{manifest}: {error}") from error
    if not isinstance(data, dict):
        raise SeedError(f"{manifest}: must hold a JSON object")
    return SeedPair(
        folder=folder,
        title=_string(data, "title", manifest, default=""),
        left=_side(folder, data.get("left"), "left", manifest),
        right=_side(folder, data.get("right"), "right", manifest),
    )


def _side(folder: Path, data: Any, name: str, manifest: Path) -> SeedSide:
    if not isinstance(data, dict):
        raise SeedError(f'{manifest}: "{name}" must be an object with "file" and "label"')
    file_name = _string(data, "file", manifest)
    try:
        text = read_text_file(str(folder / file_name))
    except InputError as error:
        raise SeedError(f"{manifest}: {error}") from None
    return SeedSide(text=text, label=_string(data, "label", manifest, default=""))


def _string(data: dict[str, Any], key: str, manifest: Path, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise SeedError(f'{manifest}: "{key}" must be a string')
    return value


def load_seeds(service: ComparisonService, seeds_dir: str) -> int:
    """Store the seed pairs not stored yet; how many were new.

    An empty `seeds_dir` means no seeds; a missing folder is only logged, so
    that the server still starts from another working directory. A malformed
    pair.json raises SeedError.
    """
    if not seeds_dir:
        return 0
    folder = Path(seeds_dir)
    if not folder.is_dir():
        logger.warning("seeds folder %s not found; no seed pairs loaded", folder)
        return 0
    added = 0
    for pair in read_seeds(folder):
        try:
            is_new = service.seed(
                pair.title, pair.left.text, pair.left.label, pair.right.text, pair.right.label
            )
        except InvalidInputError as error:
            # Such as a seed over a lowered max_text_bytes: worth a warning,
            # not worth refusing to start.
            logger.warning("seed pair %s skipped: %s", pair.folder, error)
            continue
        added += is_new
    return added
