"""Watching a story's links, for its owner: add, remove, and what a story's
page shows of them (each link with its latest checks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from app.ingest import InputError
from app.ingest.fetch import check_link
from app.naming import MAX_URL_CHARS
from app.problems import InvalidInputError, Problem
from app.service import Outcome, Requester
from app.store import unstorable
from app.store.watch_records import CheckOutcome, WatchCheck, WatchedLink
from app.story import StoryService

MAX_LINKS = 10
# A check a minute at most: a newsroom's copy changes in minutes, not seconds,
# and a site asked more often may block the watcher.
MIN_INTERVAL = 60
MAX_INTERVAL = 7 * 24 * 3600
CHECKS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class LinkShown:
    link: WatchedLink
    checks: tuple[WatchCheck, ...]  # the latest, newest first

    @property
    def failed(self) -> tuple[WatchCheck, ...]:
        return tuple(c for c in self.checks if c.outcome is CheckOutcome.FAILED)


@dataclass(frozen=True, slots=True)
class WatchService:
    stories: StoryService

    def watch(
        self, story_id: str, url: str, interval: int | None, requester: Requester
    ) -> tuple[Outcome, WatchedLink | None]:
        """Watch `url` for the story, for its owner; a link watched already is
        resumed with the new interval. InvalidInputError for a bad link."""
        outcome = self._owned(story_id, requester)
        if outcome is not Outcome.DONE:
            return outcome, None
        url = url.strip()
        seconds = self.stories.comparisons.settings.watch_interval if interval is None else interval
        self._check(story_id, url, seconds)
        store = self.stories.comparisons.store
        # Checked at once: the story shows whether the link can be read.
        store.watch_link(story_id, url, timedelta(seconds=seconds), self.stories.clock())
        found = [link for link in store.watched_links(story_id) if link.url == url]
        return (Outcome.DONE, found[0]) if found else (Outcome.NOT_FOUND, None)

    def unwatch(self, story_id: str, link_id: int, requester: Requester) -> Outcome:
        outcome = self._owned(story_id, requester)
        if outcome is Outcome.DONE and not self.stories.comparisons.store.unwatch_link(
            story_id, link_id
        ):
            return Outcome.NOT_FOUND
        return outcome

    def shown(self, story_id: str) -> list[LinkShown]:
        store = self.stories.comparisons.store
        return [
            LinkShown(link, tuple(store.watch_checks(link.id, CHECKS_SHOWN)))
            for link in store.watched_links(story_id)
        ]

    def _owned(self, story_id: str, requester: Requester) -> Outcome:
        story = self.stories.get(story_id)
        if story is None or story.is_expired(self.stories.clock()):
            return Outcome.NOT_FOUND
        return Outcome.DONE if self.stories.is_owner(story, requester) else Outcome.FORBIDDEN

    def _check(self, story_id: str, url: str, seconds: float) -> None:
        problems: list[Problem] = []
        if len(url) > MAX_URL_CHARS:
            problems.append(Problem("url", f"The link is longer than {MAX_URL_CHARS} characters."))
        elif unstorable(url):
            problems.append(Problem("url", "The link holds characters that cannot be stored."))
        else:
            try:
                check_link(url)
            except InputError as error:
                problems.append(Problem("url", f"{error}."))
        if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
            message = f"The interval must be {MIN_INTERVAL} to {MAX_INTERVAL} seconds."
            problems.append(Problem("interval_seconds", message))
        links = self.stories.comparisons.store.watched_links(story_id)
        if len(links) >= MAX_LINKS and all(link.url != url for link in links):
            message = f"A story watches at most {MAX_LINKS} links; remove one first."
            problems.append(Problem("url", message))
        if problems:
            raise InvalidInputError(tuple(problems))
