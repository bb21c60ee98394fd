"""A live story for the web tests: the seed article rewritten step by step, each
step changing one thing an editor looks for."""

from __future__ import annotations

from typing import Any

import httpx

from tests.web.conftest import SEEDS_DIR

ORIGINAL = (SEEDS_DIR / "peace-talks" / "original.txt").read_text(encoding="utf-8")
CUT_PARAGRAPH = (
    "While Trump has fallen short of his promise to end the war in 24 hours, "
    "he can say there is forward movement in the talks."
)


def _versions() -> list[tuple[str, str]]:
    number = ORIGINAL.replace("30-day ceasefire", "60-day ceasefire")
    quote = number.replace("“dividing up the lands”", "“sharing out the lands”")
    cut = quote.replace(CUT_PARAGRAPH + "\n", "")
    assert number != ORIGINAL and quote != number and cut != quote
    return [
        ("Wire 09:00", ORIGINAL),
        ("Update 10:15", number),
        ("Update 11:02", quote),
        ("Update 11:03 (resent)", quote),
        ("Update 12:40", cut),
    ]


VERSIONS = _versions()
# What the story keeps: the resent version is the one before it again.
KEPT = [version for index, version in enumerate(VERSIONS) if index != 3]
KEPT_LABELS = [label for label, _ in KEPT]
KEPT_TEXTS = [text for _, text in KEPT]
STEP_CLASSES = {1: "number", 2: "quote"}


def story_body(**extra: Any) -> dict[str, Any]:
    versions = [{"text": text, "label": label} for label, text in VERSIONS]
    versions[0]["published"] = "2026-03-21"
    versions[1]["published"] = "2026-03-21T10:15:00+00:00"
    return {"title": "Peace talks, live", "versions": versions, **extra}


async def create_story(client: httpx.AsyncClient, **extra: Any) -> dict[str, Any]:
    response = await client.post("/api/stories", json=story_body(**extra))
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made
