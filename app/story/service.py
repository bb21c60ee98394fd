"""The stories' use cases: create, get, list, delete and sweep stories, compute
the pairs a view needs, and add a version to a story.

A story's pairs are ordinary comparisons (`ComparisonService.new_record`: the
engine runs once per pair of texts, and a pair compared before is found by
its content address), unlisted, owned and expiring with the story; a timeline
story computes its steps `i-1 -> i` when created, a copies story each version
against its base. Any other pair (another base, two versions an editor
picked) is computed when first asked for and kept. Blocking throughout:
the web layer calls these from its thread pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from app.core import CompareOptions
from app.core.serialize import comparison_from_json
from app.identifiers import looks_like_id, new_comparison_id, normalise_newlines
from app.naming import MAX_TITLE_CHARS, clean_line, default_title, shorten
from app.problems import InvalidInputError, Problem
from app.service import ComparisonService, Outcome, Requester
from app.store import (
    StoredComparison,
    StoredStory,
    StoryMode,
    StoryPair,
    StorySummary,
    StoryVersion,
    Visibility,
    hash_token,
    new_token,
)
from app.story.digest import digest
from app.story.inputs import (
    ALL_SAME,
    Duplicate,
    VersionInput,
    story_problems,
    version_problems,
    without_repeats,
)

Key = tuple[int, int]


@dataclass(frozen=True, slots=True)
class CreatedStory:
    story: StoredStory
    owner_token: str
    duplicates: tuple[Duplicate, ...]


@dataclass(frozen=True, slots=True)
class StoryLibrary:
    items: tuple[StorySummary, ...]
    total: int


def steps_of(story: StoredStory) -> list[Key]:
    return [(index - 1, index) for index in range(1, len(story.versions))]


def copies_of(story: StoredStory, base: int) -> list[Key]:
    return [(base, index) for index in range(len(story.versions)) if index != base]


@dataclass(frozen=True, slots=True)
class StoryService:
    comparisons: ComparisonService

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.comparisons.clock

    def create(
        self,
        title: str,
        versions: Sequence[VersionInput],
        base: int | None = None,
        visibility: Visibility = Visibility.UNLISTED,
        expires_at: datetime | None = None,
        owner: str | None = None,
    ) -> CreatedStory:
        """A new story of `versions` (a copies story if `base` is given) with its
        first pairs computed; a version equal to the one before is kept once.
        InvalidInputError with every problem, each naming its version."""
        settings = self.comparisons.settings
        title = clean_line(title)
        problems = story_problems(
            title, versions, base, settings.max_text_bytes, settings.story_max_bytes
        )
        if expires_at is not None and expires_at <= self.clock():
            problems.append(Problem("expires_at", "The expiry time must be in the future."))
        kept, positions, duplicates = without_repeats(versions) if not problems else ([], [], ())
        if not problems and len(kept) < 2:
            problems.append(Problem("versions", ALL_SAME))
        if problems:
            raise InvalidInputError(tuple(problems))
        token = new_token()
        now = self.clock()
        story = StoredStory(
            id=new_comparison_id(),
            title=title or default_title(kept[-1].text),
            mode=StoryMode.TIMELINE if base is None else StoryMode.COPIES,
            base=0 if base is None else positions[base],
            created_at=now,
            owner_token_hash=hash_token(token),
            versions=tuple(_version(index, given, now) for index, given in enumerate(kept)),
            visibility=visibility,
            expires_at=expires_at,
            owner=owner,
        )
        texts = tuple(version.text for version in kept)
        pairs = [self._pair(story, texts, key) for key in self.first_pairs(story)]
        self.comparisons.store.put_story(story, texts, pairs)
        return CreatedStory(story, token, duplicates)

    @staticmethod
    def first_pairs(story: StoredStory) -> list[Key]:
        if story.mode is StoryMode.COPIES:
            return copies_of(story, story.base)
        return steps_of(story)

    def get(self, story_id: str) -> StoredStory | None:
        """The story, expired or not, or None."""
        return self.comparisons.store.get_story(story_id) if looks_like_id(story_id) else None

    def live_revision(self, story_id: str) -> int | None:
        """The story's revision, unless it is missing or expired (None)."""
        if not looks_like_id(story_id):
            return None
        found = self.comparisons.store.story_revision(story_id)
        if found is None or (found[1] is not None and found[1] <= self.clock()):
            return None
        return found[0]

    def expired_at(self, story_id: str) -> datetime | None:
        """When the story expired, if it did (swept or not yet); else None."""
        if not looks_like_id(story_id):
            return None
        found = self.comparisons.store.story_revision(story_id)
        if found is None:
            return self.comparisons.store.expired_at(story_id)
        expires_at = found[1]
        return expires_at if expires_at is not None and expires_at <= self.clock() else None

    def pairs(self, story: StoredStory, wanted: Iterable[Key]) -> dict[Key, StoryPair]:
        """The story's pairs, those in `wanted` computed first if missing."""
        store = self.comparisons.store
        have = {pair.key: pair for pair in store.story_pairs(story.id)}
        missing = [key for key in dict.fromkeys(wanted) if key not in have]
        if not missing:
            return have
        texts = tuple(store.story_texts(story.id))
        store.add_story_pairs(story.id, [self._pair(story, texts, key) for key in missing])
        return {pair.key: pair for pair in store.story_pairs(story.id)}

    def add_version(self, story_id: str, version: VersionInput) -> StoredStory | None:
        """Append `version` to the story and compute its step (or its copy against
        the base); None if the story is gone, or the text is the last version's."""
        story = self.get(story_id)
        store = self.comparisons.store
        if story is None:
            return None
        texts = store.story_texts(story_id)
        if normalise_newlines(texts[-1]) == normalise_newlines(version.text):
            return None
        settings = self.comparisons.settings
        problems = version_problems(len(texts), version, settings.max_text_bytes)
        problems += story_problems(
            "", [*map(VersionInput, texts), version], None, 2**62, settings.story_max_bytes
        )
        if problems:
            raise InvalidInputError(tuple(problems))
        added = _version(len(story.versions), version, self.clock())
        if not store.add_story_version(story_id, added, version.text):
            return None
        grown = replace(story, versions=(*story.versions, added))
        self.pairs(grown, self.first_pairs(grown)[-1:])
        return self.get(story_id)

    def _pair(
        self, story: StoredStory, texts: Sequence[str], key: Key
    ) -> tuple[StoredComparison, StoryPair]:
        left, right = (story.versions[index] for index in key)
        title = shorten(f"{story.title}: {left.label} → {right.label}", MAX_TITLE_CHARS)
        record = self.comparisons.new_record(
            new_comparison_id(),
            title,
            (texts[key[0]], texts[key[1]]),
            (left.label, right.label),
            CompareOptions(),
            (left.source, right.source),
            story.expires_at,
        )
        record = replace(record, owner_token_hash=story.owner_token_hash, owner=story.owner)
        summary = digest(comparison_from_json(record.comparison)).to_json()
        return record, StoryPair(key[0], key[1], record.id, summary)

    def list(self, limit: int = 20, offset: int = 0) -> StoryLibrary:
        """The listed stories that have not expired, newest first."""
        store, now = self.comparisons.store, self.clock()
        items = store.list_stories(now, max(1, min(limit, 100)), max(0, offset))
        return StoryLibrary(tuple(items), store.count_stories(now))

    def is_owner(self, story: StoredStory, requester: Requester) -> bool:
        return requester.owns(story.owner, story.owner_token_hash)

    def delete(self, story_id: str, requester: Requester) -> Outcome:
        """Delete the story with its versions and comparisons, for its owner."""
        story = self.get(story_id)
        if story is None or story.is_expired(self.clock()):
            return Outcome.NOT_FOUND
        if not self.is_owner(story, requester):
            return Outcome.FORBIDDEN
        self.comparisons.store.delete_story(story_id)
        return Outcome.DONE

    def sweep(self) -> int:
        """Delete every expired story with its versions and comparisons; how many."""
        return self.comparisons.store.sweep_stories(self.clock())


def _version(position: int, given: VersionInput, now: datetime) -> StoryVersion:
    return StoryVersion(
        position=position,
        label=clean_line(given.label) or f"Version {position + 1}",
        added_at=now,
        chars=len(given.text),
        published=given.published,
        source=given.source,
    )
