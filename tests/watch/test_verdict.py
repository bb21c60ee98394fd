"""A fetched text is a new version only past the noise floor and the two guards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.store.watch_records import CheckOutcome
from app.watch.schedule import JITTER, HostPacer, next_check
from app.watch.verdict import NoiseFloor, judge, sentence_share

LAST = (
    "The council voted 7-2 on Tuesday to close the library.\n\n"
    "“We had no choice,” the mayor said. Residents protested outside.\n\n"
    "The branch will shut in March, officials said."
)


@pytest.mark.parametrize(
    ("fetched", "noise", "outcome"),
    [
        (LAST, NoiseFloor.EXACT, CheckOutcome.UNCHANGED),
        (LAST.replace("Tuesday to", "Tuesday  to"), NoiseFloor.WHITESPACE, CheckOutcome.UNCHANGED),
        (LAST.replace("Tuesday to", "Tuesday  to"), NoiseFloor.EXACT, CheckOutcome.NEW_VERSION),
        (LAST.replace("“", '"').replace("”", '"'), NoiseFloor.TYPOGRAPHY, CheckOutcome.UNCHANGED),
        (LAST.replace("“", '"').replace("”", '"'), NoiseFloor.WHITESPACE, CheckOutcome.NEW_VERSION),
        (LAST.replace("7-2", "6-3"), NoiseFloor.TYPOGRAPHY, CheckOutcome.NEW_VERSION),
        (LAST + "\n\nThe vote was delayed once.", NoiseFloor.TYPOGRAPHY, CheckOutcome.NEW_VERSION),
        # Half-loaded page: the first paragraph only.
        (LAST.split("\n\n")[0], NoiseFloor.TYPOGRAPHY, CheckOutcome.FAILED),
        # A cookie wall as long as the article.
        (
            "We value your privacy. Accept all cookies to continue reading. "
            "Manage your preferences at any time. Our partners process data. "
            "Read our policy for details on how this site stores information.",
            NoiseFloor.TYPOGRAPHY,
            CheckOutcome.FAILED,
        ),
    ],
)
def test_verdict(fetched: str, noise: NoiseFloor, outcome: CheckOutcome) -> None:
    verdict = judge(LAST, fetched, noise)
    assert verdict.outcome is outcome
    assert bool(verdict.reason) is (outcome is CheckOutcome.FAILED)


def test_sentence_share_counts_reworded_sentences_as_kept() -> None:
    reworded = LAST.replace("Residents protested outside.", "Many residents protested outside.")
    assert sentence_share(LAST, reworded) == 1.0
    assert sentence_share(LAST, LAST.split("\n\n")[0]) == pytest.approx(1 / 4)


def test_next_check_is_jittered_deterministically_within_bounds() -> None:
    start = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    interval = timedelta(minutes=15)
    times = [next_check(start, interval, f"https://news.test/{n}", 1) for n in range(50)]
    assert all(interval * (1 - JITTER) <= t - start <= interval * (1 + JITTER) for t in times)
    assert len(set(times)) > 40  # spread, not one burst
    assert times == [next_check(start, interval, f"https://news.test/{n}", 1) for n in range(50)]


def test_host_pacer_spaces_fetches_per_host() -> None:
    pacer = HostPacer(timedelta(seconds=10))
    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert pacer.wait_for("https://a.test/1", now) == timedelta(0)
    pacer.fetched("https://a.test/1", now)
    assert pacer.wait_for("https://A.test/2", now + timedelta(seconds=4)) == timedelta(seconds=6)
    assert pacer.wait_for("https://b.test/1", now) == timedelta(0)
    assert pacer.wait_for("https://a.test/3", now + timedelta(seconds=11)) == timedelta(0)
