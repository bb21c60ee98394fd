"""`diptych compare`: each change's class in the text output, and the ignore flags."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core import compare
from app.core.serialize import comparison_to_json

LEFT = "Putin has toned down his demands.\n\nOfficials said it’s a good deal.\n"
RIGHT = "Putin has softened his demands.\n\nofficials said it's a good deal!\n"


@pytest.fixture
def pair(tmp_path: Path) -> list[str]:
    (tmp_path / "left.txt").write_text(LEFT, encoding="utf-8")
    (tmp_path / "right.txt").write_text(RIGHT, encoding="utf-8")
    return [str(tmp_path / "left.txt"), str(tmp_path / "right.txt")]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["compare", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize(
    ("flags", "lines", "summary"),
    [
        pytest.param(
            [],
            [
                "  Putin has [-toned down-]{+softened+}<wording> his demands.",
                "  [-Officials-]{+officials+}<spelling> said it[-’-]{+'+}<typography>s a good "
                "deal[-.-]{+!+}<wording>",
            ],
            "changes 1 typography, 1 spelling, 2 wording",
            id="classes",
        ),
        pytest.param(
            ["--ignore-typography"],
            ["  [-Officials-]{+officials+}<spelling> said it's a good deal[-.-]{+!+}<wording>"],
            "changes 1 spelling, 2 wording",
            id="ignore-typography",
        ),
        pytest.param(
            ["--ignore-typography", "--ignore-case", "--ignore-punctuation"],
            [
                "  Putin has [-toned down-]{+softened+}<wording> his demands.",
                "  officials said it's a good deal!",
            ],
            "changes 1 wording",
            id="ignore-all",
        ),
    ],
)
def test_text_output_names_each_change_and_counts_them(
    pair: list[str],
    capsys: pytest.CaptureFixture[str],
    flags: list[str],
    lines: list[str],
    summary: str,
) -> None:
    out = run(capsys, *pair, *flags)
    for line in lines:
        assert line in out.splitlines(), out
    assert out.splitlines()[0].endswith(f"; {summary}")


@pytest.mark.parametrize(
    "flags",
    [
        ["--ignore-typography"],
        ["--ignore-case"],
        ["--ignore-punctuation"],
        ["--ignore-case", "--ignore-punctuation", "--granularity", "char"],
    ],
)
def test_json_output_is_the_engines_with_the_options(
    pair: list[str], capsys: pytest.CaptureFixture[str], flags: list[str]
) -> None:
    data = json.loads(run(capsys, *pair, "--format", "json", *flags))
    expected = compare(
        LEFT,
        RIGHT,
        granularity="char" if "char" in flags else "word",
        language="detect",  # the command's default
        ignore_typography="--ignore-typography" in flags,
        ignore_case="--ignore-case" in flags,
        ignore_punctuation="--ignore-punctuation" in flags,
    )
    assert data == comparison_to_json(expected)
    ignores = {name for name in data["options"] if name.startswith("ignore_")}
    assert ignores == {
        flag.removeprefix("--").replace("-", "_") for flag in flags if flag.startswith("--ignore")
    }


def test_colour_dims_typography_and_the_class(
    pair: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    out = run(capsys, *pair)
    assert "\x1b[31;9mtoned down\x1b[0m\x1b[32;4msoftened\x1b[0m\x1b[2m<wording>\x1b[0m" in out
    assert "\x1b[2;31;9m’\x1b[0m\x1b[2;32;4m'\x1b[0m\x1b[2m<typography>\x1b[0m" in out
