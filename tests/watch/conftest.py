"""Fixtures for the watcher's tests: a page server, a real SQLite store with a
story, and a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from app.service import ComparisonService
from app.settings import Settings
from app.store import ComparisonStore, StoredStory, open_store
from app.story import StoryService, VersionInput
from tests.store.conftest import database_url, postgres_server_url, postgres_url
from tests.watch.page_server import Pages, article_html, serving

TITLE = "Library to close"
PARAGRAPHS = [
    "The council voted 7-2 on Tuesday to close the Elm Street library, ending a century.",
    "“We had no choice,” the mayor said after the meeting. Residents protested outside.",
    "The branch will shut in March, officials said, and its books will go to the centre.",
]


def page(paragraphs: list[str]) -> str:
    return article_html(TITLE, paragraphs)


def page_text(paragraphs: list[str]) -> str:
    """The text the ingest extracts from `page(paragraphs)`: title, then paragraphs."""
    return "\n\n".join([TITLE, *paragraphs])


@dataclass
class Clock:
    now: datetime = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def watch_settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        seeds_dir="",
        fetch_allow_private=True,
        fetch_timeout=3.0,
        watch_host_gap=0.0,
        watch_max_failures=3,
    )


def new_story(store: ComparisonStore, settings: Settings, clock: Clock) -> StoredStory:
    """A story whose last version is the text of `page(PARAGRAPHS)`."""
    stories = StoryService(ComparisonService(store, settings, clock))
    first = page_text([*PARAGRAPHS[:2], "The branch may shut next year."])
    created = stories.create(
        TITLE, [VersionInput(first, "First"), VersionInput(page_text(PARAGRAPHS), "Second")]
    )
    return created.story


@pytest.fixture
def pages() -> Iterator[Pages]:
    with serving() as served:
        yield served


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def watch_store(database_url: str) -> Iterator[ComparisonStore]:
    """A real store of each backend (SQLite file, throwaway PostgreSQL)."""
    with open_store(database_url) as store:
        yield store


__all__ = ["database_url", "postgres_server_url", "postgres_url"]  # fixtures
