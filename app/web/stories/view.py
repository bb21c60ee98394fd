"""A story as its page and its JSON twin show it: the versions strip, the
steps, what changed that matters, and the copies table with its heat strip.

Built from the story and its pairs' digests alone (no comparison is read),
except the heat strip, which needs the base's sentences.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from app.core import ChangeClass
from app.store import StoredStory, StoryPair, StoryVersion
from app.story import MATTERS, PairDigest
from app.story.digest import CUT, KEPT, REWORDED
from app.web import urls
from app.web.comparison.classes import WORDS, counted

# The strip's widths: how much a version changed, in tenths (CSS classes).
SIZE_STEPS = 10
COPY_COLUMNS = {
    urls.StorySort.QUOTE: ChangeClass.QUOTE,
    urls.StorySort.NAME: ChangeClass.NAME,
    urls.StorySort.NUMBER: ChangeClass.NUMBER,
    urls.StorySort.ATTRIBUTION: ChangeClass.ATTRIBUTION,
}


@dataclass(frozen=True, slots=True)
class ClassCount:
    kind: str  # a ChangeClass value, for the CSS class
    count: int
    text: str  # "2 quotations altered"


@dataclass(frozen=True, slots=True)
class VersionView:
    index: int
    label: str
    published: str  # ISO 8601, "" if unknown
    size: int  # 0..SIZE_STEPS: how much it changed from the version before
    cues: tuple[ClassCount, ...]  # the classes that matter among its changes
    similarity: str  # "93%" from the version before, "" for the first


@dataclass(frozen=True, slots=True)
class StepView:
    left: int
    right: int
    left_label: str
    right_label: str
    url: str
    json_url: str
    digest: PairDigest
    counts: tuple[ClassCount, ...]

    @property
    def anchor(self) -> str:
        return f"step-{self.right}"


@dataclass(frozen=True, slots=True)
class MatterView:
    """A change that matters, in story order: where it happened and its words."""

    version: int
    version_label: str
    kinds: tuple[str, ...]
    title: str
    before: str
    after: str
    url: str


@dataclass(frozen=True, slots=True)
class CopyView:
    version: int
    label: str
    comparison_id: str
    kept: float
    reworded: float
    cut: float
    new: float
    classes: Mapping[ChangeClass, int]

    @property
    def url(self) -> str:
        return urls.comparison(self.comparison_id)

    def class_url(self, kind: str) -> str:
        """The comparison showing only the rows with changes of `kind`, if any."""
        if not self.classes.get(ChangeClass(kind)):
            return self.url
        return urls.comparison(self.comparison_id, change_class=ChangeClass(kind))

    def value(self, column: urls.StorySort) -> float:
        if column in COPY_COLUMNS:
            return self.classes.get(COPY_COLUMNS[column], 0)
        if column is urls.StorySort.VERSION:
            return self.version
        shares: float = getattr(self, column.value)
        return shares


@dataclass(frozen=True, slots=True)
class HeatView:
    """One base sentence: how many copies kept, reworded or cut it."""

    index: int
    text: str
    kept: int
    reworded: int
    cut: int

    @property
    def level(self) -> str:
        """The CSS cue: what most copies did to the sentence."""
        most = max((self.kept, KEPT), (self.reworded, REWORDED), (self.cut, CUT))
        return {KEPT: "kept", REWORDED: "reworded", CUT: "cut"}[most[1]]


def published(value: date | datetime | None) -> str:
    return "" if value is None else value.isoformat()


def class_counts(classes: Mapping[ChangeClass, int]) -> tuple[ClassCount, ...]:
    return tuple(
        ClassCount(kind.value, classes[kind], counted(kind, classes[kind]))
        for kind in MATTERS
        if classes.get(kind)
    )


def versions_view(
    story: StoredStory, steps: Mapping[tuple[int, int], StoryPair]
) -> list[VersionView]:
    views = []
    for version in story.versions:
        pair = steps.get((version.position - 1, version.position))
        found = PairDigest.from_json(pair.digest) if pair else None
        views.append(_version_view(version, found))
    return views


def strip_size(found: PairDigest | None) -> int:
    """How long a version's bar is, 0 to SIZE_STEPS: one step more each time the
    words it changed double (1, 2, 4... 512 or more), so that a one-word fix
    and a rewrite both show; 1 for a change of punctuation or order only."""
    if found is None:
        return 0
    words = found.words_added + found.words_removed
    if words == 0:
        return 1 if found.similarity < 1 or found.changed else 0
    return min(SIZE_STEPS, 1 + int(math.log2(words)))


def _version_view(version: StoryVersion, found: PairDigest | None) -> VersionView:
    return VersionView(
        index=version.position,
        label=version.label,
        published=published(version.published),
        size=strip_size(found),
        cues=class_counts(found.classes) if found else (),
        similarity=f"{found.similarity:.1%}" if found else "",
    )


def step_view(story: StoredStory, pair: StoryPair) -> StepView:
    found = PairDigest.from_json(pair.digest)
    return StepView(
        left=pair.left,
        right=pair.right,
        left_label=story.versions[pair.left].label,
        right_label=story.versions[pair.right].label,
        url=urls.comparison(pair.comparison_id),
        json_url=urls.comparison_json(pair.comparison_id),
        digest=found,
        counts=class_counts(found.classes),
    )


def matters(steps: Sequence[StepView]) -> list[MatterView]:
    """Every change that matters, step by step, in the order of the story."""
    return [
        MatterView(
            version=step.right,
            version_label=step.right_label,
            kinds=tuple(kind.value for kind in item.classes),
            title="; ".join(WORDS[kind].one for kind in item.classes).capitalize(),
            before=item.before,
            after=item.after,
            url=step.url + urls.fragment(urls.row_anchor(item.row)),
        )
        for step in steps
        for item in step.digest.notable
    ]


def copy_view(story: StoredStory, pair: StoryPair) -> CopyView:
    found = PairDigest.from_json(pair.digest)
    return CopyView(
        version=pair.right,
        label=story.versions[pair.right].label,
        comparison_id=pair.comparison_id,
        kept=found.share(KEPT),
        reworded=found.share(REWORDED),
        cut=found.share(CUT),
        new=found.new_share,
        classes=found.classes,
    )


def sorted_copies(
    copies: Sequence[CopyView], column: urls.StorySort, descending: bool
) -> list[CopyView]:
    # Ties in version order whichever way the column runs.
    ordered = sorted(copies, key=lambda copy: copy.version)
    return sorted(ordered, key=lambda copy: copy.value(column), reverse=descending)


def heat(sentences: Sequence[str], copies: Sequence[StoryPair]) -> list[HeatView]:
    fates = [PairDigest.from_json(pair.digest).fates for pair in copies]
    return [
        HeatView(
            index=index,
            text=text,
            kept=sum(1 for each in fates if each[index : index + 1] == KEPT),
            reworded=sum(1 for each in fates if each[index : index + 1] == REWORDED),
            cut=sum(1 for each in fates if each[index : index + 1] == CUT),
        )
        for index, text in enumerate(sentences)
    ]
