"""The README says what the code does: its settings table and its two commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import settings_help

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def settings_table_rows() -> list[str]:
    return [
        f"| `{flag}` | `{variable}` | {unit} | `{default}` | {help_text} |"
        for flag, variable, unit, default, help_text in settings_help()
    ]


@pytest.mark.parametrize("row", settings_table_rows())
def test_every_setting_is_in_the_readme_table(row: str) -> None:
    assert row in README


def test_ci_runs_the_readme_test_command() -> None:
    assert "    make test " in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
