"""What the story routes share: the service on app.state, the look-up that turns
a miss into 404 or 410, and the rendered page kept per story revision."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from app.problems import InvalidInputError
from app.store import StoredStory
from app.story import StoryService
from app.web.serving.cache import LruCache
from app.web.serving.rendering import RenderedPage

STORY_NOT_FOUND = (
    "That story does not exist. It may have been deleted, or the link may be incomplete."
)


async def get_stories(request: Request) -> StoryService:
    stories: StoryService = request.app.state.stories
    return stories


Stories = Annotated[StoryService, Depends(get_stories)]


def story_missing(stories: StoryService, story_id: str) -> HTTPException:
    """404, or 410 if the story expired (its id is noted as comparisons' are)."""
    expired = stories.expired_at(story_id)
    if expired is None:
        return HTTPException(404, STORY_NOT_FOUND)
    when = expired.astimezone(UTC).strftime("%d %B %Y, %H:%M UTC")
    return HTTPException(
        410, f"This story expired on {when}, as its owner chose; its versions are deleted."
    )


def live_story(stories: StoryService, story_id: str) -> StoredStory:
    """The story, unless it is missing (404) or expired (410). Blocking."""
    story = stories.get(story_id)
    if story is None or story.is_expired(stories.clock()):
        raise story_missing(stories, story_id)
    return story


def refused(error: InvalidInputError) -> HTTPException:
    """A story's bad input: 413 if something is too large, else 422."""
    return HTTPException(413 if error.too_large else 422, str(error))


async def kept_story_page(
    stories: StoryService,
    cache: LruCache[RenderedPage],
    key: tuple[Hashable, ...],
    story_id: str,
    render: Callable[[StoredStory], RenderedPage],
) -> RenderedPage:
    """What `render` makes of the story, kept in `cache` under `key` and the
    story's revision. The revision is read on the event loop where store reads
    are local (SQLite), as `deps.kept_page` does for comparisons."""
    if stories.comparisons.store.local_reads:
        revision = stories.live_revision(story_id)
    else:
        revision = await run_in_threadpool(stories.live_revision, story_id)
    if revision is None:
        raise await run_in_threadpool(story_missing, stories, story_id)
    page = cache.get((*key, revision))
    if page is not None:
        return page
    return await run_in_threadpool(_rendered, stories, cache, key, story_id, render)


def _rendered(
    stories: StoryService,
    cache: LruCache[RenderedPage],
    key: tuple[Hashable, ...],
    story_id: str,
    render: Callable[[StoredStory], RenderedPage],
) -> RenderedPage:
    story = live_story(stories, story_id)
    page = render(story)
    # Rendering may have computed pairs (a new revision): drawn again from the
    # story as it is now, the page is kept under the revision it shows.
    if stories.live_revision(story_id) != story.revision:
        story = live_story(stories, story_id)
        page = render(story)
    cache.put((*key, story.revision), page, len(page.body))
    return page
