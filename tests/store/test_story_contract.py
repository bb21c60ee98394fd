"""The store's stories contract, on SQLite and PostgreSQL alike: a story and its
versions kept exactly, pairs added once, listing, and deletion and expiry that
take the story's comparisons (and their results, unless shared) with it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from app.store import (
    ComparisonStore,
    Source,
    StoredComparison,
    StoredStory,
    StoryMode,
    StoryPair,
    StoryPlace,
    StoryVersion,
    Visibility,
    hash_token,
)

CREATED = datetime(2026, 3, 21, 11, 2, 3, 456789, tzinfo=UTC)
TEXTS = ("First “text”.", "Second text, ünïcode 🙂.", "Third text.\n\nTwo paragraphs.")


def story_of(story_id: str, **changes: object) -> StoredStory:
    published = (None, date(2026, 3, 21), datetime(2026, 3, 21, 12, 30, tzinfo=UTC))
    versions = tuple(
        StoryVersion(
            position=index,
            label=f"Update {index}",
            added_at=CREATED,
            chars=len(text),
            published=published[index],
            source=Source(url=f"https://example.com/{index}") if index else Source(),
        )
        for index, text in enumerate(TEXTS)
    )
    story = StoredStory(
        id=story_id,
        title="Live: the talks",
        mode=StoryMode.TIMELINE,
        base=0,
        created_at=CREATED,
        owner_token_hash=hash_token("owner"),
        versions=versions,
        visibility=Visibility.LISTED,
    )
    return replace(story, **changes)  # type: ignore[arg-type]


def pair(
    record: StoredComparison, comparison_id: str, key: tuple[int, int]
) -> tuple[StoredComparison, StoryPair]:
    made = replace(record, id=comparison_id, visibility=Visibility.UNLISTED)
    return made, StoryPair(key[0], key[1], comparison_id, {"fates": "kr", "key": list(key)})


def test_a_story_comes_back_exactly(store: ComparisonStore, record: StoredComparison) -> None:
    story = story_of("story-one-000000000000")
    steps = [
        pair(record, "step-a-0000000000000000", (0, 1)),
        pair(record, "step-b-0000000000000000", (1, 2)),
    ]
    assert store.put_story(story, TEXTS, steps)
    assert not store.put_story(story, TEXTS)  # the id is taken
    assert store.get_story(story.id) == story
    assert store.story_texts(story.id) == list(TEXTS)
    assert [(p.key, p.comparison_id, p.digest) for p in store.story_pairs(story.id)] == [
        ((0, 1), "step-a-0000000000000000", {"fates": "kr", "key": [0, 1]}),
        ((1, 2), "step-b-0000000000000000", {"fates": "kr", "key": [1, 2]}),
    ]
    assert store.get("step-a-0000000000000000") is not None  # an ordinary comparison
    assert store.story_of("step-b-0000000000000000") == StoryPlace(
        story.id, story.title, StoryMode.TIMELINE, 0, 3, 1, 2, "Update 1", "Update 2"
    )
    assert store.story_of(record.id) is None
    assert store.get_story("no-such-story-00000000") is None


def test_pairs_are_added_once_and_bump_the_revision(
    store: ComparisonStore, record: StoredComparison
) -> None:
    story = story_of("story-two-000000000000")
    store.put_story(story, TEXTS, [pair(record, "step-a-0000000000000000", (0, 1))])
    again = [
        pair(record, "step-a-dup-000000000000", (0, 1)),
        pair(record, "copy-c-0000000000000000", (0, 2)),
    ]
    assert store.add_story_pairs(story.id, again)
    assert [p.comparison_id for p in store.story_pairs(story.id)] == [
        "step-a-0000000000000000",
        "copy-c-0000000000000000",
    ]
    assert store.get("step-a-dup-000000000000") is None  # the pair was there: not stored
    assert store.story_revision(story.id) == (1, None)
    assert not store.add_story_pairs("no-such-story-00000000", again)


def test_concurrent_adds_of_one_pair_keep_one(
    store: ComparisonStore, record: StoredComparison
) -> None:
    story = story_of("story-race-00000000000")
    store.put_story(story, TEXTS)
    attempts = [[pair(record, f"racer-{n:02d}-00000000000000", (0, 2))] for n in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(lambda pairs: store.add_story_pairs(story.id, pairs), attempts))
    (kept,) = store.story_pairs(story.id)
    stored = [n for n in range(6) if store.get(f"racer-{n:02d}-00000000000000") is not None]
    assert [f"racer-{n:02d}-00000000000000" for n in stored] == [kept.comparison_id]


def test_a_version_is_appended_in_place(store: ComparisonStore) -> None:
    story = story_of("story-grow-00000000000")
    store.put_story(story, TEXTS)
    fourth = replace(story.versions[0], position=3, label="Update 3", chars=6)
    assert not store.add_story_version(story.id, replace(fourth, position=5), "Fourth")
    assert store.add_story_version(story.id, fourth, "Fourth")
    assert store.story_texts(story.id) == [*TEXTS, "Fourth"]
    grown = store.get_story(story.id)
    assert grown is not None and grown.versions[-1] == fourth and grown.revision == 2
    assert not store.add_story_version("no-such-story-00000000", fourth, "x")


def test_deleting_a_story_takes_its_comparisons_and_unshared_results(
    store: ComparisonStore, record: StoredComparison
) -> None:
    other = replace(record, id="someone-elses-00000000")
    store.put(other)  # another desk's comparison over the same result
    unique = replace(record, id="step-u-0000000000000000", result_id="unique-result-000000")
    story = story_of("story-gone-00000000000")
    steps = [
        pair(record, "step-a-0000000000000000", (0, 1)),
        (unique, StoryPair(1, 2, unique.id, {})),
    ]
    store.put_story(story, TEXTS, steps)
    assert store.delete_story(story.id)
    assert store.get_story(story.id) is None and store.story_texts(story.id) == []
    assert store.get("step-a-0000000000000000") is None and store.get(unique.id) is None
    assert store.has_result(record.result_id)  # shared with the other desk
    assert not store.has_result("unique-result-000000")
    assert store.get(other.id) == other
    assert not store.delete_story(story.id)


def test_the_library_lists_listed_live_stories_and_the_sweep_notes_expired_ones(
    store: ComparisonStore, record: StoredComparison
) -> None:
    now = CREATED + timedelta(days=1)
    listed = story_of("story-listed-000000000")
    hidden = story_of("story-hidden-000000000", visibility=Visibility.UNLISTED)
    expired = story_of("story-expired-00000000", expires_at=now - timedelta(hours=1))
    newer = story_of("story-newer-0000000000", created_at=CREATED + timedelta(hours=1))
    for story in (listed, hidden, expired, newer):
        store.put_story(story, TEXTS)
    store.add_story_pairs(expired.id, [pair(record, "expired-step-0000000000", (0, 1))])
    found = store.list_stories(now)
    assert [(s.id, s.versions, s.mode) for s in found] == [
        (newer.id, 3, StoryMode.TIMELINE),
        (listed.id, 3, StoryMode.TIMELINE),
    ]
    assert store.count_stories(now) == 2
    assert [s.id for s in store.list_stories(now, limit=1, offset=1)] == [listed.id]
    assert store.sweep_stories(now) == 1
    assert store.get_story(expired.id) is None and store.get("expired-step-0000000000") is None
    assert store.expired_at(expired.id) == expired.expires_at
    assert store.sweep_stories(now) == 0


def test_unstorable_stories_are_refused_before_the_store() -> None:
    story = story_of("fine-000000000000000000")
    for change in (
        {"title": "NUL\x00"},
        {"created_at": datetime(2026, 1, 1)},
        {"versions": story.versions[1:]},
    ):
        with pytest.raises(ValueError):
            replace(story, **change)


def test_a_pair_s_comparison_deleted_alone_leaves_the_story_to_draw_again(
    store: ComparisonStore, record: StoredComparison
) -> None:
    story = story_of("story-pair-gone-000000")
    store.put_story(story, TEXTS, [pair(record, "step-a-0000000000000000", (0, 1))])
    assert store.delete("step-a-0000000000000000")
    assert store.story_pairs(story.id) == []
    assert store.story_revision(story.id) == (1, None)
