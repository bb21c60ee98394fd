"""`diptych watch`: its settings checked at start, and `--once` checking what is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.store import open_store
from tests.watch.conftest import PARAGRAPHS, Clock, new_story, page, page_text, watch_settings
from tests.watch.page_server import Pages

CHANGED = [*PARAGRAPHS, "The council will meet again on Friday, a spokesman said."]


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("DIPTYCH_WATCH_NOISE_FLOOR", "typos", "one of exact, whitespace, typography"),
        ("DIPTYCH_WATCH_MAX_FAILURES", "0", "at least 1"),
        ("DIPTYCH_WATCH_LEASE", "100", "plus 10 per-site gaps (a batch), 110 seconds"),
        ("DIPTYCH_WATCH_POLL_INTERVAL", "0", "more than 0 seconds"),
        ("DIPTYCH_WATCH_POLL_INTERVAL", "soon", "must be a number"),
    ],
)
def test_a_bad_setting_is_said_at_start(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    variable: str,
    value: str,
    said: str,
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["watch", "--once", "--database-url", f"sqlite:///{tmp_path / 'w.db'}"]) == 2
    assert said in capsys.readouterr().err


def test_once_checks_the_due_links_and_stops(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pages: Pages,
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with open_store(url) as store:
        story = new_story(store, watch_settings(url), Clock(datetime.now(UTC)))
        store.watch_link(story.id, pages.url("/a"), timedelta(minutes=15), datetime.now(UTC))
    pages.set("/a", page(CHANGED))
    monkeypatch.setenv("DIPTYCH_FETCH_ALLOW_PRIVATE", "true")
    assert main(["watch", "--once", "--database-url", url]) == 0
    assert capsys.readouterr().out == "1 watched link checked\n"
    assert main(["watch", "--once", "--database-url", url]) == 0  # not due again yet
    assert capsys.readouterr().out == "0 watched links checked\n"
    with open_store(url) as store:
        assert store.story_texts(story.id)[-1] == page_text(CHANGED)
