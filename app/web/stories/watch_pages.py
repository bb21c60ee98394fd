"""The story owner's forms for watched links, on the story's page: watch a link
(or resume a paused one) and stop watching one. Without JavaScript: each posts
and comes back to the story's watched links."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from app.problems import InvalidInputError
from app.service import Outcome
from app.watch.service import WatchService
from app.web import urls
from app.web.deps import Asker
from app.web.serving.formdata import read_form
from app.web.serving.identity import CROSS_SITE, form_allowed
from app.web.stories.deps import Stories, refused, story_missing

router = APIRouter(include_in_schema=False)
NOT_OWNER = "Only the story's owner may watch links for it."


@router.post(urls.STORY_WATCH_PATH)
async def watch_from_form(
    request: Request, story_id: str, stories: Stories, asker: Asker
) -> Response:
    async with read_form(request, max_files=0, max_fields=5, max_part_size=8192) as posted:
        fields = {name: value for name, value in posted.fields.items() if isinstance(value, str)}
    if not form_allowed(request, asker, fields.get("csrf_token", "")):
        raise HTTPException(403, CROSS_SITE)
    interval = fields.get("interval_seconds", "")
    seconds = int(interval) if interval.isdigit() else None
    watching = WatchService(stories)
    try:
        outcome, _ = await run_in_threadpool(
            watching.watch, story_id, fields.get("url", ""), seconds, asker.requester
        )
    except InvalidInputError as error:
        raise refused(error) from None
    return _back(outcome, stories, story_id)


@router.post(urls.STORY_UNWATCH_PATH)
async def unwatch_from_form(
    request: Request, story_id: str, link_id: int, stories: Stories, asker: Asker
) -> Response:
    async with read_form(request, max_files=0, max_fields=5, max_part_size=1024) as posted:
        token = posted.fields.get("csrf_token")
    if not form_allowed(request, asker, token if isinstance(token, str) else ""):
        raise HTTPException(403, CROSS_SITE)
    watching = WatchService(stories)
    outcome = await run_in_threadpool(watching.unwatch, story_id, link_id, asker.requester)
    return _back(outcome, stories, story_id)


def _back(outcome: Outcome, stories: Stories, story_id: str) -> Response:
    if outcome is Outcome.NOT_FOUND:
        raise story_missing(stories, story_id)
    if outcome is Outcome.FORBIDDEN:
        raise HTTPException(403, NOT_OWNER)
    return RedirectResponse(f"{urls.story(story_id)}#watched", status_code=303)
