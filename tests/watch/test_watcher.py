"""The watcher over a real store (SQLite, PostgreSQL) and a local web server whose page changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.service import ComparisonService
from app.store import ComparisonStore, StoredStory
from app.store.watch_records import CheckOutcome
from app.story import StoryService, VersionInput
from app.watch.run import build_watcher
from app.watch.schedule import JITTER
from app.watch.watcher import Watcher
from tests.watch.conftest import (
    PARAGRAPHS,
    TITLE,
    Clock,
    new_story,
    page,
    page_text,
    watch_settings,
)
from tests.watch.page_server import Pages, article_html

INTERVAL = 600


@pytest.fixture
def story(watch_store: ComparisonStore, clock: Clock) -> StoredStory:
    return new_story(watch_store, watch_settings("unused"), clock)


@pytest.fixture
def watcher(watch_store: ComparisonStore, clock: Clock) -> Watcher:
    return build_watcher(watch_store, watch_settings("unused"), clock)


def _watch(store: ComparisonStore, story: StoredStory, pages: Pages, clock: Clock) -> int:
    assert store.watch_link(story.id, pages.url("/story"), timedelta(seconds=INTERVAL), clock())
    (link,) = store.watched_links(story.id)
    return link.id


def _check(watcher: Watcher, clock: Clock) -> None:
    """One pass, then time enough that the link is due again."""
    assert watcher.run_once() == 1
    clock.advance(INTERVAL * (1 + JITTER))


CHANGED = [PARAGRAPHS[0].replace("7-2", "6-3"), *PARAGRAPHS[1:]]
RETYPED = [p.replace("“", '"').replace("”", '"') for p in PARAGRAPHS]
NEW_PARAGRAPH = [*CHANGED, "A petition has 4,000 signatures, organisers said on Wednesday."]


def test_each_change_is_one_version_and_the_noise_is_none(
    watch_store: ComparisonStore, story: StoredStory, watcher: Watcher, pages: Pages, clock: Clock
) -> None:
    link_id = _watch(watch_store, story, pages, clock)
    served = [PARAGRAPHS, RETYPED, CHANGED, CHANGED, NEW_PARAGRAPH]
    for paragraphs in served:
        pages.set("/story", page(paragraphs))
        _check(watcher, clock)
    texts = watch_store.story_texts(story.id)
    assert texts[2:] == [page_text(CHANGED), page_text(NEW_PARAGRAPH)]
    outcomes = [check.outcome for check in reversed(watch_store.watch_checks(link_id))]
    new, same = CheckOutcome.NEW_VERSION, CheckOutcome.UNCHANGED
    assert outcomes == [same, same, new, same, new]
    assert [c.version for c in watch_store.watch_checks(link_id)][:3] == [3, None, 2]
    grown = watch_store.get_story(story.id)
    assert grown is not None and grown.versions[-1].source.url == pages.url("/story")
    assert grown.versions[-1].label.startswith("Checked ")
    # The new versions' steps were computed as they were added.
    assert {pair.key for pair in watch_store.story_pairs(story.id)} >= {(1, 2), (2, 3)}


@pytest.mark.parametrize(
    ("status", "html", "reason"),
    [
        (404, page(PARAGRAPHS), "404"),
        (200, page(PARAGRAPHS[:1]), "of the last version's length"),
        (
            200,
            article_html(
                "Your privacy",
                [
                    "We use cookies to improve your experience on our website and on others.",
                    "Please accept all cookies to continue reading, or manage your choices.",
                    "Subscribe today for unlimited access to every article, newsletter, podcast.",
                ],
            ),
            "of the last version's sentences",
        ),
    ],
)
def test_a_failed_check_is_recorded_never_a_version_and_pauses_the_link(
    watch_store: ComparisonStore,
    story: StoredStory,
    watcher: Watcher,
    pages: Pages,
    clock: Clock,
    status: int,
    html: str,
    reason: str,
) -> None:
    link_id = _watch(watch_store, story, pages, clock)
    pages.set("/story", html, status)
    for _ in range(3):  # watch_max_failures
        _check(watcher, clock)
    assert len(watch_store.story_texts(story.id)) == 2
    checks = watch_store.watch_checks(link_id)
    assert [check.outcome for check in checks] == [CheckOutcome.FAILED] * 3
    assert all(reason in check.reason for check in checks)
    (link,) = watch_store.watched_links(story.id)
    assert link.failures_in_row == 3
    assert link.paused_reason is not None and reason in link.paused_reason
    assert link.paused_reason.startswith("Paused after 3 failed checks in a row")
    # Paused: no longer checked, however long it waits.
    clock.advance(INTERVAL * 10)
    assert watcher.run_once() == 0
    # Watched again, it is checked again, and a good page resets the count.
    pages.set("/story", page(CHANGED))
    watch_store.watch_link(story.id, link.url, timedelta(seconds=INTERVAL), clock())
    _check(watcher, clock)
    (resumed,) = watch_store.watched_links(story.id)
    assert (resumed.paused_reason, resumed.failures_in_row) == (None, 0)
    assert watch_store.story_texts(story.id)[-1] == page_text(CHANGED)


def test_a_failure_between_successes_does_not_pause(
    watch_store: ComparisonStore, story: StoredStory, watcher: Watcher, pages: Pages, clock: Clock
) -> None:
    _watch(watch_store, story, pages, clock)
    for status in (500, 500, 200, 500, 500, 200, 500, 500):
        pages.set("/story", page(PARAGRAPHS), status)
        _check(watcher, clock)
    (link,) = watch_store.watched_links(story.id)
    assert (link.paused_reason, link.failures_in_row, link.checks) == (None, 2, 8)


def test_the_next_check_is_the_interval_away_give_or_take_the_jitter(
    watch_store: ComparisonStore, story: StoredStory, watcher: Watcher, pages: Pages, clock: Clock
) -> None:
    _watch(watch_store, story, pages, clock)
    pages.set("/story", page(PARAGRAPHS))
    checked_at = clock()
    assert watcher.run_once() == 1
    (link,) = watch_store.watched_links(story.id)
    waited = (link.next_check_at - checked_at).total_seconds()
    assert INTERVAL * (1 - JITTER) <= waited <= INTERVAL * (1 + JITTER)
    clock.advance(waited - 1)
    assert watcher.run_once() == 0
    clock.advance(1)
    assert watcher.run_once() == 1


def test_a_claimed_link_is_held_until_its_lease_ends(
    watch_store: ComparisonStore, story: StoredStory, pages: Pages, clock: Clock
) -> None:
    link_id = _watch(watch_store, story, pages, clock)
    lease = timedelta(seconds=60)
    assert [link.id for link in watch_store.claim_due_links(clock(), lease, 10)] == [link_id]
    assert watch_store.claim_due_links(clock(), lease, 10) == []
    clock.advance(59)
    assert watch_store.claim_due_links(clock(), lease, 10) == []
    clock.advance(1)
    assert [link.id for link in watch_store.claim_due_links(clock(), lease, 10)] == [link_id]


def test_unwatching_or_deleting_the_story_takes_the_link_and_its_checks(
    watch_store: ComparisonStore, story: StoredStory, watcher: Watcher, pages: Pages, clock: Clock
) -> None:
    link_id = _watch(watch_store, story, pages, clock)
    pages.set("/story", page(PARAGRAPHS))
    _check(watcher, clock)
    assert not watch_store.unwatch_link("another-story", link_id)
    assert watch_store.unwatch_link(story.id, link_id)
    assert watch_store.watched_links(story.id) == []
    assert watch_store.watch_checks(link_id) == []
    link_id = _watch(watch_store, story, pages, clock)
    assert watch_store.delete_story(story.id)
    assert watch_store.watch_checks(link_id) == []
    assert not watch_store.watch_link(story.id, pages.url("/story"), timedelta(1), clock())
    assert watcher.run_once() == 0


def test_a_check_bumps_the_story_revision_so_its_page_is_drawn_again(
    watch_store: ComparisonStore, story: StoredStory, watcher: Watcher, pages: Pages, clock: Clock
) -> None:
    _watch(watch_store, story, pages, clock)
    before = watch_store.story_revision(story.id)
    pages.set("/story", page(PARAGRAPHS), 503)
    _check(watcher, clock)
    after = watch_store.story_revision(story.id)
    assert before is not None and after is not None and after[0] > before[0]


def test_an_expired_story_s_links_are_not_claimed(
    watch_store: ComparisonStore, pages: Pages, clock: Clock
) -> None:
    stories = StoryService(ComparisonService(watch_store, watch_settings("unused"), clock))
    texts = [VersionInput(page_text(PARAGRAPHS[:2]), "First"), VersionInput(page_text(PARAGRAPHS))]
    story = stories.create(TITLE, texts, expires_at=clock() + timedelta(hours=1)).story
    link_id = _watch(watch_store, story, pages, clock)
    lease = timedelta(seconds=60)
    assert [link.id for link in watch_store.claim_due_links(clock(), lease, 10)] == [link_id]
    clock.advance(3600 + 60)  # the lease over, and the story expired (not swept yet)
    assert watch_store.claim_due_links(clock(), lease, 10) == []
