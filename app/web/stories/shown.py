"""What a story's page and JSON twin show, gathered once for both; and the twin.

Gathering may compute pairs (the copies against a base asked for the first
time), so it blocks: call it from the thread pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.naming import clean_line, shorten
from app.store import StoredStory, StoryMode, StoryPair
from app.story import StoryService, copies_of, steps_of
from app.story.digest import CUT, KEPT, REWORDED
from app.watch.service import LinkShown, WatchService
from app.web import urls
from app.web.comparison.summaries import iso_utc
from app.web.stories.view import (
    CopyView,
    HeatView,
    MatterView,
    StepView,
    VersionView,
    copy_view,
    heat,
    matters,
    published,
    sorted_copies,
    step_view,
    versions_view,
)
from app.web.stories.watch_view import link_json

SENTENCE_CHARS = 140


@dataclass(frozen=True, slots=True)
class StoryAsked:
    """What the page was asked for: copies against `base` (None: the story's own
    view), sorted by `sort`."""

    base: int | None = None
    sort: urls.StorySort = urls.StorySort.VERSION
    descending: bool = False


@dataclass(frozen=True, slots=True)
class StoryShown:
    story: StoredStory
    base: int | None  # the base of the copies shown; None: the timeline
    versions: list[VersionView]
    steps: list[StepView]
    matters: list[MatterView]
    copies: list[CopyView]
    heat: list[HeatView]
    asked: StoryAsked
    watched: list[LinkShown]


def gather(stories: StoryService, story: StoredStory, asked: StoryAsked) -> StoryShown:
    """The views of the story, its missing pairs computed first."""
    base = story.base if asked.base is None and story.mode is StoryMode.COPIES else asked.base
    timeline = steps_of(story) if story.mode is StoryMode.TIMELINE else []
    pairs = stories.pairs(story, timeline + (copies_of(story, base) if base is not None else []))
    steps = [step_view(story, pairs[key]) for key in timeline]
    versions = versions_view(story, pairs if story.mode is StoryMode.TIMELINE else {})
    copies: list[StoryPair] = []
    if base is not None:
        copies = [pairs[key] for key in copies_of(story, base)]
    return StoryShown(
        story=story,
        base=base,
        versions=versions,
        steps=steps,
        matters=matters(steps),
        copies=sorted_copies([copy_view(story, p) for p in copies], asked.sort, asked.descending),
        heat=heat(_sentences(stories, copies[0]), copies) if copies else [],
        asked=asked,
        watched=WatchService(stories).shown(story.id),
    )


def _sentences(stories: StoryService, pair: StoryPair) -> list[str]:
    """The left (base) text's sentences, from a comparison against it."""
    record = stories.comparisons.store.get(pair.comparison_id)
    if record is None:
        return []
    left = record.comparison["left"]
    return [
        shorten(clean_line(left["text"][segment["start"] : segment["end"]]), SENTENCE_CHARS)
        for segment in left["segments"]
    ]


def story_document(shown: StoryShown) -> dict[str, Any]:
    """The JSON twin: versions, steps (a timeline) and copies (against a base)."""
    story = shown.story
    document: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "mode": story.mode.value,
        "url": urls.story(story.id, shown.asked.base),
        "created": iso_utc(story.created_at),
        "visibility": story.visibility.value,
        "expires_at": iso_utc(story.expires_at) if story.expires_at else None,
        "versions": [
            {
                "version": version.position,
                "label": version.label,
                "published": published(version.published) or None,
                "chars": version.chars,
                "source": version.source.as_json(),
            }
            for version in story.versions
        ],
    }
    if story.mode is StoryMode.TIMELINE:
        document["steps"] = [_step_json(step) for step in shown.steps]
        document["matters"] = [_matter_json(item) for item in shown.matters]
    if shown.base is not None:
        document["base"] = shown.base
        document["copies"] = [_copy_json(copy) for copy in shown.copies]
        document["heat"] = [
            {"sentence": row.index, "kept": row.kept, "reworded": row.reworded, "cut": row.cut}
            for row in shown.heat
        ]
    document["watched"] = [link_json(story.id, link) for link in shown.watched]
    return document


def _step_json(step: StepView) -> dict[str, Any]:
    digest = step.digest
    return {
        "from": step.left,
        "to": step.right,
        "url": step.url,
        "json_url": step.json_url,
        "stats": {
            "similarity": digest.similarity,
            "words_added": digest.words_added,
            "words_removed": digest.words_removed,
            "kept": digest.share(KEPT),
            "reworded": digest.share(REWORDED),
            "cut": digest.share(CUT),
            "new": digest.new_share,
        },
        "classes": {kind.value: count for kind, count in digest.classes.items()},
    }


def _matter_json(item: MatterView) -> dict[str, Any]:
    return {
        "version": item.version,
        "classes": list(item.kinds),
        "before": item.before,
        "after": item.after,
        "url": item.url,
    }


def _copy_json(copy: CopyView) -> dict[str, Any]:
    return {
        "version": copy.version,
        "kept": copy.kept,
        "reworded": copy.reworded,
        "cut": copy.cut,
        "new": copy.new,
        "classes": {kind.value: count for kind, count in copy.classes.items()},
        "url": copy.url,
    }
