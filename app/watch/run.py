"""A `Watcher` over a real store, from the settings: links fetched and read as
a story's links are (`ComparisonService.read_link`'s policy), versions added
as `StoryService.add_version` adds them (their pairs computed at once)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from app.ingest import Article, fetch_article
from app.naming import article_source
from app.service import ComparisonService, fetch_policy
from app.settings import Settings
from app.store import ComparisonStore
from app.story import StoryService, VersionInput
from app.watch.verdict import NoiseFloor
from app.watch.watcher import Watcher, WatchPolicy


def watch_policy(settings: Settings) -> WatchPolicy:
    """The watcher's policy from the watch_* settings; ValueError for a bad one."""
    try:
        noise = NoiseFloor(settings.watch_noise_floor)
    except ValueError:
        choices = ", ".join(floor.value for floor in NoiseFloor)
        raise ValueError(f"the watch noise floor must be one of {choices}") from None
    if settings.watch_max_failures < 1:
        raise ValueError("the watch max failures must be at least 1")
    if not settings.watch_poll_interval > 0:
        raise ValueError("the watch poll interval must be more than 0 seconds")
    policy = WatchPolicy(
        noise=noise,
        host_gap=timedelta(seconds=max(0.0, settings.watch_host_gap)),
        max_failures=settings.watch_max_failures,
        lease=timedelta(seconds=settings.watch_lease),
    )
    # A lease that can end while its watcher is still on the batch (waiting
    # for a site, or for a slow fetch) lets another watcher check a link too.
    longest = settings.fetch_timeout + policy.batch * policy.host_gap.total_seconds()
    if not settings.watch_lease > longest:
        raise ValueError(
            f"the watch lease must be more than the fetch timeout plus {policy.batch} "
            f"per-site gaps (a batch), {longest:g} seconds"
        )
    return policy


def build_watcher(
    store: ComparisonStore,
    settings: Settings,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Watcher:
    stories = StoryService(ComparisonService(store, settings, clock))
    policy = fetch_policy(settings)

    def fetch(url: str) -> Article:
        return fetch_article(url, policy)

    def last_text(story_id: str) -> str:
        texts = store.story_texts(story_id)
        # A story deleted since its link was claimed: whatever is fetched is
        # new to it, and adding it finds the story gone.
        return texts[-1] if texts else ""

    def add_version(story_id: str, article: Article, at: datetime) -> int | None:
        label = f"Checked {at:%d %b %Y, %H:%M} UTC"
        given = VersionInput(article.text, label, article.date, article_source(article))
        grown = stories.add_version(story_id, given)
        return None if grown is None else grown.versions[-1].position

    return Watcher(store, fetch, last_text, add_version, watch_policy(settings), stories.clock)


def watch(store: ComparisonStore, settings: Settings, once: bool) -> int:
    """Check the due links once (`once`), or until SIGTERM or SIGINT; how many
    were checked in the one pass (0 when run until stopped)."""
    watcher = build_watcher(store, settings)
    if once:
        return watcher.run_once()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    watcher.run_until(stop, settings.watch_poll_interval)
    return 0
