"""`diptych serve`: flags and DIPTYCH_* variables to settings to uvicorn (not started)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI

import app.web.app as web_app
from app.cli import EXIT_BAD_INPUT, SERVER_OPTIONS, main, settings_environment
from app.settings import Settings, settings_help


@dataclass
class FakeUvicorn:
    calls: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)

    def run(self, app: Any, **options: Any) -> None:
        self.calls.append((app, options))


@pytest.fixture
def uvicorn_run(monkeypatch: pytest.MonkeyPatch) -> FakeUvicorn:
    import uvicorn

    fake = FakeUvicorn()
    monkeypatch.setattr(uvicorn, "run", fake.run)
    # A copy, so that what `serve` exports for its workers stays in this test.
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items()})
    for name in settings_environment(Settings()):
        os.environ.pop(name, None)
    return fake


def test_every_setting_has_a_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    serve_help = " ".join(capsys.readouterr().out.split())
    for flag, variable, *_ in settings_help():
        assert flag in serve_help and variable in serve_help


def test_one_worker_runs_the_app_in_process(uvicorn_run: FakeUvicorn, tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["serve", "--port", "8765", "--database-url", url, "--seeds-dir", ""]) == 0
    ((app, options),) = uvicorn_run.calls
    assert isinstance(app, FastAPI)
    assert options == {"host": "127.0.0.1", "port": 8765, **SERVER_OPTIONS}
    assert app.state.settings == Settings(port=8765, database_url=url, seeds_dir="")


def test_flags_beat_environment(uvicorn_run: FakeUvicorn) -> None:
    os.environ["DIPTYCH_PORT"] = "9000"
    os.environ["DIPTYCH_HOST"] = "0.0.0.0"
    assert main(["serve", "--port", "8765"]) == 0
    ((_, options),) = uvicorn_run.calls
    assert options == {"host": "0.0.0.0", "port": 8765, **SERVER_OPTIONS}


def test_workers_get_the_settings_through_the_environment(uvicorn_run: FakeUvicorn) -> None:
    args = ["serve", "--workers", "3", "--max-text-bytes", "5000", "--page-cache-entries", "7"]
    assert main(args) == 0
    ((target, options),) = uvicorn_run.calls
    assert target == "app.web.app:app_from_environment"
    assert options == {
        "factory": True,
        "host": "127.0.0.1",
        "port": 8000,
        "workers": 3,
        **SERVER_OPTIONS,
    }
    assert os.environ["DIPTYCH_MAX_TEXT_BYTES"] == "5000"
    worker_app = web_app.app_from_environment()
    assert worker_app.state.settings == Settings(
        max_text_bytes=5000, page_cache_entries=7, workers=3
    )


@pytest.mark.parametrize(
    ("args", "environment", "message"),
    [
        (["serve", "--workers", "0"], {}, "--workers must be at least 1"),
        (["serve"], {"DIPTYCH_PORT": "eighty"}, "DIPTYCH_PORT must be a whole number"),
        (["serve", "--pdf-max-pages", "0"], {}, "page limit (max_pages) must be at least 1"),
        (["serve"], {"DIPTYCH_PDF_TIMEOUT": "0"}, "time limit (timeout) must be more than 0"),
    ],
)
def test_bad_settings_exit_with_a_message(
    uvicorn_run: FakeUvicorn,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    environment: dict[str, str],
    message: str,
) -> None:
    os.environ.update(environment)
    assert main(args) == EXIT_BAD_INPUT
    assert message in capsys.readouterr().err
    assert uvicorn_run.calls == []


def test_a_flag_of_the_wrong_type_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["serve", "--port", "eighty"])
    assert raised.value.code == 2
    assert "--port" in capsys.readouterr().err
