"""app.story: pairs computed once and shared by content address, a version added
later (as a watcher would), expiry, and the digest's invariants, without the web."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import compare
from app.problems import InvalidInputError
from app.service import ComparisonService, Outcome, Requester
from app.settings import Settings
from app.store import MAX_VERSIONS, StoryMode, open_store
from app.story import StoryService, VersionInput, steps_of
from app.story.digest import CUT, KEPT, REWORDED, PairDigest, digest
from app.web.stories.view import strip_size

NOW = datetime(2026, 3, 21, 9, 0, tzinfo=UTC)
TEXTS = ["One. Two. Three.", "One. Two, changed. Three.", "One. Three. Four."]


@pytest.fixture
def stories(tmp_path: Path) -> Iterator[StoryService]:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    clock = [NOW]
    service = ComparisonService(store, Settings(), clock=lambda: clock[0])
    yield StoryService(service)
    store.close()


def made(stories: StoryService, texts: list[str], base: int | None = None) -> str:
    created = stories.create("Story", [VersionInput(text) for text in texts], base)
    return created.story.id


def test_a_pair_compared_before_is_not_computed_again(stories: StoryService) -> None:
    first = stories.get(made(stories, TEXTS))
    second = stories.get(made(stories, TEXTS))
    assert first and second
    store = stories.comparisons.store
    one, two = (store.story_pairs(story.id) for story in (first, second))
    assert [p.comparison_id for p in one] != [p.comparison_id for p in two]  # each its own
    results = {store.get(p.comparison_id).result_id for p in one + two}  # type: ignore[union-attr]
    assert len(results) == 2  # but the two steps' results are shared


def test_a_later_version_is_added_with_its_step(stories: StoryService) -> None:
    story_id = made(stories, TEXTS)
    grown = stories.add_version(story_id, VersionInput("One. Three. Four. Five.", "Late"))
    assert grown is not None and [v.label for v in grown.versions][-1] == "Late"
    pairs = {p.key for p in stories.comparisons.store.story_pairs(story_id)}
    assert pairs == set(steps_of(grown))
    assert stories.add_version(story_id, VersionInput("One. Three. Four. Five.")) is None
    assert stories.add_version("missing-story-id-00000", VersionInput("x")) is None
    with pytest.raises(InvalidInputError, match="is empty"):
        stories.add_version(story_id, VersionInput("  "))


def test_a_copy_added_later_is_compared_with_the_base(stories: StoryService) -> None:
    story_id = made(stories, TEXTS, base=1)
    grown = stories.add_version(story_id, VersionInput("Another copy. Two, changed."))
    assert grown is not None and grown.mode is StoryMode.COPIES
    pairs = {p.key for p in stories.comparisons.store.story_pairs(story_id)}
    assert pairs == {(1, 0), (1, 2), (1, 3)}


def test_a_story_holds_at_most_fifty_versions(stories: StoryService) -> None:
    story_id = made(stories, [f"Version {n}." for n in range(MAX_VERSIONS)])
    with pytest.raises(InvalidInputError, match="one too many"):
        stories.add_version(story_id, VersionInput("Version 51."))


def test_an_expired_story_is_swept_with_its_comparisons(stories: StoryService) -> None:
    soon = NOW + timedelta(hours=1)
    created = stories.create("Story", [VersionInput(t) for t in TEXTS], expires_at=soon)
    store = stories.comparisons.store
    steps = store.story_pairs(created.story.id)
    assert stories.sweep() == 0
    clock_moved = replace(stories.comparisons, clock=lambda: soon)
    later = StoryService(clock_moved)
    assert later.live_revision(created.story.id) is None
    assert later.sweep() == 1
    assert all(store.get(pair.comparison_id) is None for pair in steps)
    assert later.comparisons.expired_at(created.story.id) == soon


def test_only_the_owner_deletes(stories: StoryService) -> None:
    created = stories.create("Story", [VersionInput(t) for t in TEXTS])
    assert stories.delete(created.story.id, Requester(token="wrong")) is Outcome.FORBIDDEN
    assert stories.delete(created.story.id, Requester(token=created.owner_token)) is Outcome.DONE
    assert stories.get(created.story.id) is None


sentences = st.lists(
    st.sampled_from(["Alpha said no.", "Beta rose 5%.", "“Go,” he said.", "Gamma."]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(left=sentences, right=sentences)
def test_every_left_sentence_has_one_fate(left: list[str], right: list[str]) -> None:
    comparison = compare(" ".join(left), " ".join(right))
    found = digest(comparison)
    assert len(found.fates) == len(comparison.left.segments)
    assert set(found.fates) <= {KEPT, REWORDED, CUT}
    assert found.share(KEPT) + found.share(REWORDED) + found.share(CUT) == pytest.approx(1)
    assert 0 <= found.new <= found.right_sentences == len(comparison.right.segments)
    if left == right:
        assert found.fates == KEPT * len(found.fates) and found.new == 0 and not found.notable


@pytest.mark.parametrize(
    ("similarity", "added", "removed", "size"),
    [
        (1.0, 0, 0, 0),
        (0.999, 0, 0, 1),  # punctuation only
        (0.99, 1, 0, 1),
        (0.99, 1, 1, 2),
        (0.9, 20, 12, 6),
        (0.1, 4_000, 3_000, 10),
    ],
)
def test_a_version_s_bar_grows_a_step_each_time_its_changed_words_double(
    similarity: float, added: int, removed: int, size: int
) -> None:
    found = PairDigest(similarity, added, removed, {}, "k", 0, 1, ())
    assert strip_size(found) == size
