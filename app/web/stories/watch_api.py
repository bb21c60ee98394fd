"""A story's watched links in the API: list them with their latest checks, and
for the story's owner add or remove one (`diptych watch` checks them)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from pydantic import Field

from app.problems import InvalidInputError
from app.service import Outcome
from app.watch.service import MAX_INTERVAL, MIN_INTERVAL, LinkShown, WatchService
from app.web import urls
from app.web.api import FORBIDDEN_MESSAGE, not_cross_site, with_owner_token
from app.web.deps import Asker
from app.web.schemas import _Strict, documented
from app.web.stories.deps import Stories, live_story, refused, story_missing
from app.web.stories.watch_view import link_json

router = APIRouter(tags=["stories"], dependencies=[Depends(not_cross_site)])
Token = Annotated[str | None, Query(description="The story's owner token.")]
FORBIDDEN = FORBIDDEN_MESSAGE.replace(
    "Changing or deleting a comparison", "Watching links for a story"
)


class WatchRequest(_Strict):
    url: str = Field(
        max_length=4096, description="The http(s) link to check, e.g. the article's page."
    )
    interval_seconds: int | None = Field(
        default=None,
        ge=MIN_INTERVAL,
        le=MAX_INTERVAL,
        description="Seconds between two checks (give or take 10%); default the server's setting.",
    )


def _refused(outcome: Outcome, stories: Stories, story_id: str) -> HTTPException:
    if outcome is Outcome.FORBIDDEN:
        return HTTPException(403, FORBIDDEN)
    return story_missing(stories, story_id)


@router.get(urls.API_STORY_WATCHED_PATH, responses=documented())
def watched_links(story_id: str, stories: Stories) -> dict[str, Any]:
    """The links the story watches, each with its latest checks (newest first):
    new versions, no change, and failed checks with their reason; a paused link says why."""
    live_story(stories, story_id)
    shown = WatchService(stories).shown(story_id)
    return {"watched": [link_json(story_id, link) for link in shown]}


@router.post(urls.API_STORY_WATCHED_PATH, status_code=201, responses=documented())
def watch_link(
    story_id: str,
    body: WatchRequest,
    stories: Stories,
    asker: Asker,
    response: Response,
    token: Token = None,
) -> dict[str, Any]:
    """Watch a link for the story, as its owner: `diptych watch` fetches it on its
    schedule and adds a version when its text changed. A link watched already
    (paused or not) is resumed with the interval given."""
    requester = with_owner_token(asker, token).requester
    try:
        outcome, link = WatchService(stories).watch(
            story_id, body.url, body.interval_seconds, requester
        )
    except InvalidInputError as error:
        raise refused(error) from None
    if link is None:
        raise _refused(outcome, stories, story_id)
    response.headers["Location"] = urls.api_story_watched_link(story_id, link.id)
    return link_json(story_id, LinkShown(link, ()))


@router.delete(urls.API_STORY_WATCHED_LINK_PATH, status_code=204, responses=documented())
def unwatch_link(
    story_id: str, link_id: int, stories: Stories, asker: Asker, token: Token = None
) -> Response:
    """Stop watching the link, as the story's owner; its checks go with it (the
    versions it added stay)."""
    outcome = WatchService(stories).unwatch(
        story_id, link_id, with_owner_token(asker, token).requester
    )
    if outcome is Outcome.DONE:
        return Response(status_code=204)
    if outcome is Outcome.NOT_FOUND and stories.get(story_id) is not None:
        raise HTTPException(404, "The story watches no such link.")
    raise _refused(outcome, stories, story_id)
