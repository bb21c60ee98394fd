"""`diptych watch`: the process that checks watched links and adds their versions.

It is a process of its own so that web workers stay stateless: it claims due
links from the store (a lease, see `app.store.watch_records`), fetches each as
an upload would be read, judges the text (`verdict`) and records the check.
Fetching, the story's last text and adding a version come in as functions, so
the loop is the same over any store and tested without a network.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.ingest.article import Article
from app.ingest.errors import InputError
from app.problems import InvalidInputError
from app.store.watch_base import WatchStore
from app.store.watch_records import CheckOutcome, WatchCheck, WatchedLink
from app.watch.schedule import HostPacer, next_check
from app.watch.verdict import NoiseFloor, judge

log = logging.getLogger("diptych.watch")


@dataclass(frozen=True, slots=True)
class WatchPolicy:
    noise: NoiseFloor = NoiseFloor.TYPOGRAPHY
    host_gap: timedelta = timedelta(seconds=10)
    max_failures: int = 5
    # Longer than the slowest check (a fetch's timeout, the comparison of a
    # new version): a lease that ends mid-check lets another watcher start it.
    lease: timedelta = timedelta(minutes=5)
    batch: int = 10


@dataclass
class Watcher:
    store: WatchStore
    fetch: Callable[[str], Article]
    last_text: Callable[[str], str]
    # Adds the article to the story as its newest version; returns its position,
    # or None if nothing was added (the story is gone, or the text is its last).
    # InvalidInputError if the story refuses it (full, or the text too large).
    add_version: Callable[[str, Article, datetime], int | None]
    policy: WatchPolicy
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def __post_init__(self) -> None:
        self._pacer = HostPacer(self.policy.host_gap)

    def run_once(self) -> int:
        """Check every link due now (in batches); how many links were checked.

        A pass ends with a batch that is not full, or that holds a link this
        pass checked already (due again: its interval is shorter than the pass).
        """
        seen: set[int] = set()
        while True:
            links = self.store.claim_due_links(self.clock(), self.policy.lease, self.policy.batch)
            for link in links:
                self._pace(link.url)
                self.check(link)
            again = any(link.id in seen for link in links)
            seen.update(link.id for link in links)
            if again or len(links) < self.policy.batch:
                return len(seen)

    def run_until(self, stop: threading.Event, poll: float) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:
                # The store may be away for a moment (a restart, a network
                # blip); the claimed links come back when their leases end.
                log.exception("watch: a pass failed; trying again in %s s", poll)
            stop.wait(poll)

    def check(self, link: WatchedLink) -> WatchCheck:
        started = self.clock()
        check = self._checked(link, started)
        if check.outcome is CheckOutcome.FAILED:
            log.warning("watch: %s failed: %s", link.url, check.reason)
        interval = timedelta(seconds=link.interval_seconds)
        following = next_check(started, interval, link.url, link.checks + 1)
        self.store.record_check(check, following, self.policy.max_failures)
        return check

    def _checked(self, link: WatchedLink, at: datetime) -> WatchCheck:
        try:
            article = self.fetch(link.url)
        except InputError as error:
            return WatchCheck(link.id, at, CheckOutcome.FAILED, str(error))
        finally:
            self._pacer.fetched(link.url, self.clock())
        verdict = judge(self.last_text(link.story_id), article.text, self.policy.noise)
        if verdict.outcome is not CheckOutcome.NEW_VERSION:
            return WatchCheck(link.id, at, verdict.outcome, verdict.reason)
        try:
            position = self.add_version(link.story_id, article, at)
        except InvalidInputError as error:
            return WatchCheck(link.id, at, CheckOutcome.FAILED, str(error))
        if position is None:
            return WatchCheck(link.id, at, CheckOutcome.UNCHANGED)
        return WatchCheck(link.id, at, CheckOutcome.NEW_VERSION, version=position)

    def _pace(self, url: str) -> None:
        wait = self._pacer.wait_for(url, self.clock())
        if wait > timedelta(0):
            time.sleep(wait.total_seconds())
