"""The frame a story's comparison is shown in: which story, which two versions,
and the neighbouring step (or copy) on either side, so that an editor can walk
a story from its comparison pages without going back to the timeline.

A step is a version against the one before it (a timeline); a copy is a
version against the story's base (one source, many copies). A pair an editor
picked by hand is neither, and has only the link back to its story.

The frame is drawn with the page, which is kept until the comparison
changes: a step drawn before the story's next version arrived lacks the
"Next step" link until the page is drawn again; the story page has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store import StoryMode, StoryPlace
from app.web import urls


@dataclass(frozen=True, slots=True)
class FrameLink:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class StoryFrame:
    place: StoryPlace
    story_url: str
    previous: FrameLink | None
    next: FrameLink | None


def story_frame(place: StoryPlace) -> StoryFrame:
    if place.mode is StoryMode.TIMELINE and place.right == place.left + 1:
        return StoryFrame(place, urls.story(place.story_id), *_steps(place))
    if place.mode is StoryMode.COPIES and place.left == place.base:
        return StoryFrame(place, urls.story(place.story_id, base=place.base), *_copies(place))
    return StoryFrame(place, urls.story(place.story_id), None, None)


def _steps(place: StoryPlace) -> tuple[FrameLink | None, FrameLink | None]:
    previous = next_ = None
    if place.left > 0:
        href = urls.story_pair(place.story_id, place.left - 1, place.left)
        previous = FrameLink("Previous step", href)
    if place.right + 1 < place.versions:
        href = urls.story_pair(place.story_id, place.right, place.right + 1)
        next_ = FrameLink("Next step", href)
    return previous, next_


def _copies(place: StoryPlace) -> tuple[FrameLink | None, FrameLink | None]:
    copies = [position for position in range(place.versions) if position != place.base]
    before = [position for position in copies if position < place.right]
    after = [position for position in copies if position > place.right]
    previous = next_ = None
    if before:
        previous = FrameLink(
            "Previous copy", urls.story_pair(place.story_id, place.base, before[-1])
        )
    if after:
        next_ = FrameLink("Next copy", urls.story_pair(place.story_id, place.base, after[0]))
    return previous, next_
