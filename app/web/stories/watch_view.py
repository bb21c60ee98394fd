"""What a story's page and JSON twin show of its watched links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.store.watch_records import CheckOutcome, WatchCheck
from app.watch.service import LinkShown
from app.web import urls
from app.web.comparison.summaries import iso_utc

# The intervals the owner's form offers, in seconds; the API takes any from a
# minute to a week.
INTERVAL_CHOICES = (300, 900, 3600, 6 * 3600, 24 * 3600)


def check_json(check: WatchCheck) -> dict[str, Any]:
    return {
        "checked": iso_utc(check.checked_at),
        "outcome": check.outcome.value,
        "reason": check.reason or None,
        "version": check.version,
    }


def link_json(story_id: str, shown: LinkShown) -> dict[str, Any]:
    link = shown.link
    return {
        "id": link.id,
        "url": link.url,
        "interval_seconds": link.interval_seconds,
        "checks": link.checks,
        "next_check": None if link.paused_reason else iso_utc(link.next_check_at),
        "failures_in_row": link.failures_in_row,
        "paused": link.paused_reason is not None,
        "paused_reason": link.paused_reason,
        "latest_checks": [check_json(check) for check in shown.checks],
        "api_url": urls.api_story_watched_link(story_id, link.id),
    }


@dataclass(frozen=True, slots=True)
class CheckView:
    when: str
    iso: str
    outcome: str  # the class: new-version, unchanged, failed
    said: str  # in words
    reason: str


@dataclass(frozen=True, slots=True)
class LinkView:
    id: int
    url: str
    every: str
    paused_reason: str | None
    next_check: str
    failures_in_row: int
    checks: tuple[CheckView, ...]


def interval_choices(default_seconds: int) -> list[tuple[int, str]]:
    """The owner form's intervals, in words: the usual ones, and the server's default."""
    return [(seconds, _every(seconds)) for seconds in sorted({*INTERVAL_CHOICES, default_seconds})]


def link_views(links: list[LinkShown]) -> list[LinkView]:
    return [
        LinkView(
            id=shown.link.id,
            url=shown.link.url,
            every=_every(shown.link.interval_seconds),
            paused_reason=shown.link.paused_reason,
            next_check=_when(shown.link.next_check_at),
            failures_in_row=shown.link.failures_in_row,
            checks=tuple(_check_view(check) for check in shown.checks),
        )
        for shown in links
    ]


def _check_view(check: WatchCheck) -> CheckView:
    if check.outcome is CheckOutcome.NEW_VERSION:
        said = f"New version {(check.version or 0) + 1}"
    elif check.outcome is CheckOutcome.UNCHANGED:
        said = "No change"
    else:
        said = "Failed"
    return CheckView(
        _when(check.checked_at), iso_utc(check.checked_at), check.outcome.value, said, check.reason
    )


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%d %b %Y, %H:%M UTC")


def _every(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"every {hours} hour{'' if hours == 1 else 's'}"
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"every {minutes} minute{'' if minutes == 1 else 's'}"
    return f"every {seconds} seconds"
