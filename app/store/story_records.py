"""What the store keeps of a story: 2 to 50 versions of one article, and the
pairwise comparisons made of them.

A story is created, owned, listed or not and expires as a comparison does.
Its versions are numbered from 0 in their order (`position`); each keeps its
text, so that a later version can be compared with any earlier one. Each pair
of versions compared (a step `i-1 -> i`, a copy `base -> i`, or any two an
editor picked) is an ordinary comparison, named by a `StoryPair` together with
its `digest`: the numbers the story's pages show of it, so that they are drawn
without reading every comparison's JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from app.store.records import NO_SOURCE, Source, Visibility, unstorable

MIN_VERSIONS = 2
MAX_VERSIONS = 50


class StoryMode(StrEnum):
    """How the story reads: versions in time, or one source (`base`) and its copies."""

    TIMELINE = "timeline"
    COPIES = "copies"


@dataclass(frozen=True, slots=True)
class StoryVersion:
    """One version as the pages show it; its text is read apart (`story_texts`)."""

    position: int
    label: str
    added_at: datetime
    chars: int
    published: date | datetime | None = None
    source: Source = NO_SOURCE

    def __post_init__(self) -> None:
        problem = unstorable(self.label)
        if problem:
            raise ValueError(f"label {problem}")
        if self.position < 0 or self.chars < 0:
            raise ValueError("position and chars must not be negative")


@dataclass(frozen=True, slots=True)
class StoredStory:
    id: str
    title: str
    mode: StoryMode
    base: int
    created_at: datetime
    owner_token_hash: str
    versions: tuple[StoryVersion, ...]
    visibility: Visibility = Visibility.UNLISTED
    expires_at: datetime | None = None
    owner: str | None = None
    # Bumped by the store on every change (a version or a pair added), so that
    # a rendered page can be kept until the next one.
    revision: int = 0

    def __post_init__(self) -> None:
        problem = unstorable(self.title)
        if problem:
            raise ValueError(f"title {problem}")
        for moment in (self.created_at, self.expires_at):
            if moment is not None and moment.utcoffset() != timedelta(0):
                raise ValueError("created_at and expires_at must be timezone-aware UTC")
        if [version.position for version in self.versions] != list(range(len(self.versions))):
            raise ValueError("versions must be numbered 0, 1, 2... in order")

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


@dataclass(frozen=True, slots=True)
class StoryPair:
    """Versions `left` and `right` compared by comparison `comparison_id`."""

    left: int
    right: int
    comparison_id: str
    digest: dict[str, Any]

    @property
    def key(self) -> tuple[int, int]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class StoryPlace:
    """Where a comparison sits in its story: the story, the versions it compares
    (`left` and `right`, positions from 0, with their labels) and how many
    versions the story has now."""

    story_id: str
    title: str
    mode: StoryMode
    base: int
    versions: int
    left: int
    right: int
    left_label: str
    right_label: str


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A listed story, for the library."""

    id: str
    title: str
    mode: StoryMode
    versions: int
    created_at: datetime


def published_text(value: date | datetime | None) -> str | None:
    """A version's time as ISO 8601: a date, or an instant with its offset."""
    return None if value is None else value.isoformat()


def published_value(text: str | None) -> date | datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
