"""The stories' part of the store's interface (see `sql_story` for what each does)."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from app.store.records import StoredComparison
from app.store.story_records import (
    StoredStory,
    StoryPair,
    StoryPlace,
    StorySummary,
    StoryVersion,
)


class StoryStore(Protocol):
    def put_story(
        self,
        story: StoredStory,
        texts: tuple[str, ...],
        pairs: Iterable[tuple[StoredComparison, StoryPair]] = (),
    ) -> bool: ...

    def add_story_version(self, story_id: str, version: StoryVersion, text: str) -> bool: ...

    def add_story_pairs(
        self, story_id: str, pairs: Iterable[tuple[StoredComparison, StoryPair]]
    ) -> bool: ...

    def get_story(self, story_id: str) -> StoredStory | None: ...

    def story_texts(self, story_id: str) -> builtins.list[str]: ...

    def story_pairs(self, story_id: str) -> builtins.list[StoryPair]: ...

    def story_revision(self, story_id: str) -> tuple[int, datetime | None] | None: ...

    def story_of(self, comparison_id: str) -> StoryPlace | None: ...

    def list_stories(
        self, now: datetime, limit: int = 50, offset: int = 0
    ) -> builtins.list[StorySummary]: ...

    def count_stories(self, now: datetime) -> int: ...

    def delete_story(self, story_id: str) -> bool: ...

    def sweep_stories(self, now: datetime) -> int: ...
