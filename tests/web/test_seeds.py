"""Seed pairs: loaded at start-up, once, and a restart keeps what was stored."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from app.seeds import SeedError, read_pair, read_seeds
from tests.web.conftest import SEED_TITLE, SEEDS_DIR, Serve, create
from tests.web.corpus import OIL, SENATE

pytestmark = pytest.mark.anyio


async def test_restart_keeps_comparisons_and_adds_the_seed_once(serve: Serve) -> None:
    async with serve() as client:
        mine = await create(client, SENATE, OIL, title="Mine")
        first = (await client.get("/api/comparisons")).json()
    async with serve() as client:
        second = (await client.get("/api/comparisons")).json()
        assert second == first
        assert [item["title"] for item in second["comparisons"]] == ["Mine", SEED_TITLE]
        assert (await client.get(f"/c/{mine}")).status_code == 200


def test_the_repository_seed() -> None:
    (pair,) = read_seeds(SEEDS_DIR)
    assert pair.title == SEED_TITLE
    assert (pair.left.label, pair.right.label) == ("Original — The Hill", "Copy — Telegraph")
    assert pair.left.text.startswith("President Trump")


def write_pair(folder: Path, manifest: Any, files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir()
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    (folder / "pair.json").write_text(text, encoding="utf-8")
    for name, data in (files or {"a.txt": b"Left.", "b.txt": b"Right."}).items():
        (folder / name).write_bytes(data)
    return folder


GOOD = {"title": "T", "left": {"file": "a.txt", "label": "A"}, "right": {"file": "b.txt"}}


@pytest.mark.parametrize(
    ("manifest", "files", "words"),
    [
        ("{not json", None, "pair.json: Expecting property name"),
        ([1, 2], None, "must hold a JSON object"),
        ({**GOOD, "left": "a.txt"}, None, '"left" must be an object'),
        ({**GOOD, "title": 3}, None, '"title" must be a string'),
        ({**GOOD, "right": {"label": "B"}}, None, '"file" must be a string'),
        ({**GOOD, "right": {"file": "missing.txt"}}, None, "missing.txt: no such file"),
        (GOOD, {"a.txt": b"Left.", "b.txt": b"\xff"}, "b.txt: is not UTF-8 text"),
    ],
)
def test_a_broken_seed_says_what_is_wrong(
    tmp_path: Path, manifest: Any, files: dict[str, bytes] | None, words: str
) -> None:
    folder = write_pair(tmp_path / "broken", manifest, files)
    with pytest.raises(SeedError, match=r"pair\.json") as raised:
        read_pair(folder)
    assert words in str(raised.value)


def test_label_and_title_are_optional(tmp_path: Path) -> None:
    pair = read_pair(
        write_pair(tmp_path / "plain", {k: v for k, v in GOOD.items() if k != "title"})
    )
    assert (pair.title, pair.left.label, pair.right.label) == ("", "A", "")


async def test_missing_seeds_folder_is_only_a_warning(
    serve: Serve, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.seeds"):
        async with serve(seeds_dir=str(tmp_path / "nowhere")) as client:
            assert (await client.get("/api/comparisons")).json()["total"] == 0
    assert "not found" in caplog.text


async def test_a_seed_over_the_size_limit_is_skipped(
    serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.seeds"):
        async with serve(max_text_bytes=1000) as client:
            assert (await client.get("/api/comparisons")).json()["total"] == 0
    assert "peace-talks skipped" in caplog.text
