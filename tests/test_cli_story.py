"""`diptych story V1 V2 ...`: a story of files, as JSON or text, without a server."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import EXIT_BAD_INPUT, main
from app.service import ComparisonService
from app.settings import Settings
from app.store import open_store
from app.story import StoryService, VersionInput
from tests.web.story_corpus import VERSIONS


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    paths = []
    for index, (_, text) in enumerate(VERSIONS):
        path = tmp_path / f"v{index}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_json_steps_name_the_version_where_each_change_happened(
    files: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["story", *files, "--format", "json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert [v["label"] for v in story["versions"]] == ["v0.txt", "v1.txt", "v2.txt", "v4.txt"]
    assert story["duplicates"] == [{"version": 3, "same_as": 2}]
    steps = story["steps"]
    assert [(s["from"], s["to"]) for s in steps] == [(0, 1), (1, 2), (2, 3)]
    assert [s["matters"][0]["classes"] if s["matters"] else [] for s in steps] == [
        ["number"],
        ["quote"],
        [],
    ]
    assert steps[2]["cut"] > 0 and steps[2]["kept"] + steps[2]["reworded"] + steps[2][
        "cut"
    ] == pytest.approx(1)


def test_copies_against_a_base(files: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["story", *files, "--base", "0", "--format", "json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["base"] == 0 and [c["version"] for c in story["copies"]] == [1, 2, 3]
    assert story["copies"][2]["classes"] == {"number": 1, "quote": 1, "wording": 1}


def test_text_says_what_changed_that_matters(
    files: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["story", *files]) == 0
    out = capsys.readouterr().out
    assert "4 is the same text as 3 before it: kept once" in out
    assert "2. v1.txt (number, row 2): “30” → “60”" in out
    assert "3. v2.txt (quote, row 13): “dividing up” → “sharing out”" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (lambda files: files[:1], "at least 2 versions"),
        (lambda files: [files[2], files[3]], "Every version is the same text"),
        (lambda files: [*files, "--base", "7"], "The base must be one of the versions"),
    ],
)
def test_bad_stories_exit_2_with_a_message(
    files: list[str], capsys: pytest.CaptureFixture[str], args: object, message: str
) -> None:
    assert callable(args)
    assert main(["story", *args(files)]) == EXIT_BAD_INPUT
    assert message in capsys.readouterr().err


def test_purge_deletes_the_expired_stories_with_their_comparisons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'purge.db'}"
    past = datetime.now(UTC) - timedelta(days=2)
    with open_store(url) as store:
        then = StoryService(ComparisonService(store, Settings(), clock=lambda: past))
        versions = [VersionInput(text) for _, text in VERSIONS[:3]]
        expired = then.create("Old", versions, expires_at=past + timedelta(days=1))
        kept = then.create("Kept", versions)
    assert main(["purge", "--database-url", url]) == 0
    assert capsys.readouterr().out == "1 expired story deleted\n0 expired comparisons deleted\n"
    with open_store(url) as store:
        assert store.get_story(expired.story.id) is None
        assert store.get_story(kept.story.id) is not None
        assert len(store.story_pairs(kept.story.id)) == 2
