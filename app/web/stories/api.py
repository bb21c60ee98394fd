"""The stories API (/api/stories) and the story page's JSON twin (/s/{id}.json)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from app.naming import article_label, article_source
from app.problems import InvalidInputError, Problem
from app.service import Outcome
from app.store import StoredStory, Visibility
from app.story import StoryService, VersionInput
from app.web import urls
from app.web.api import FORBIDDEN_MESSAGE, JSON, not_cross_site, with_owner_token
from app.web.comparison.summaries import iso_utc
from app.web.deps import Asker, PageCache
from app.web.schemas import documented
from app.web.serving.links import charge_links
from app.web.serving.rendering import RenderedPage, conditional_response
from app.web.serving.throttle import Action, limited
from app.web.stories.deps import Stories, kept_story_page, refused, story_missing
from app.web.stories.schemas import (
    DuplicateOut,
    StoryCreateRequest,
    StoryCreateResponse,
    VersionIn,
)
from app.web.stories.shown import StoryAsked, gather, story_document

router = APIRouter(tags=["stories"], dependencies=[Depends(not_cross_site)])
BASE_DESCRIPTION = "Also every version against version `base` (from 0): the copies table."
Base = Annotated[int | None, Query(ge=0, le=10_000, description=BASE_DESCRIPTION)]


@router.post(
    urls.API_STORIES_PATH,
    status_code=201,
    responses=documented(),
    dependencies=[Depends(limited(Action.CREATE))],
)
def create_story(
    request: Request,
    body: StoryCreateRequest,
    response: Response,
    stories: Stories,
    asker: Asker,
) -> StoryCreateResponse:
    """Store a story of 2 to 50 versions (a version equal to the one before is kept
    once, and said) and compute its pairs: each version against the one before,
    or with `base` each against the base. A version given as `url` is fetched.
    413 or 422 with a message naming the version for bad input."""
    charge_links(request, *(version.url for version in body.versions))
    try:
        versions = _read_versions(stories, body.versions)
        created = stories.create(
            body.title,
            versions,
            base=body.base,
            visibility=Visibility(body.visibility),
            expires_at=body.expires_at,
            owner=asker.user,
        )
    except InvalidInputError as error:
        raise refused(error) from None
    story = created.story
    response.headers["Location"] = urls.story(story.id)
    return StoryCreateResponse(
        id=story.id,
        url=urls.story(story.id),
        json_url=urls.story_json(story.id),
        api_url=urls.api_story(story.id),
        owner_token=created.owner_token,
        versions=len(story.versions),
        duplicates=[DuplicateOut(version=d.version, same_as=d.same_as) for d in created.duplicates],
    )


def _read_versions(stories: StoryService, given: list[VersionIn]) -> list[VersionInput]:
    """The versions, links fetched; InvalidInputError with every fetch problem."""
    read: list[VersionInput] = []
    problems: list[Problem] = []
    for index, version in enumerate(given):
        if version.url is None:
            read.append(VersionInput(version.text or "", version.label, version.published))
            continue
        try:
            article = stories.comparisons.read_link(f"versions.{index}", version.url)
        except InvalidInputError as error:
            message = error.problems[0].message
            problems.append(Problem(f"versions.{index}", f"Version {index + 1}: {message}"))
            continue
        label = version.label or article_label(article)
        source = article_source(article)
        read.append(VersionInput(article.text, label, version.published, source))
    if problems:
        raise InvalidInputError(tuple(problems))
    return read


@router.get(urls.API_STORIES_PATH, responses=documented())
def list_stories(
    stories: Stories,
    limit: Annotated[int, Query(ge=1, le=100)] = urls.DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> dict[str, Any]:
    """The listed stories, newest first."""
    found = stories.list(limit, offset)
    return {
        "stories": [
            {
                "id": item.id,
                "title": item.title,
                "mode": item.mode.value,
                "versions": item.versions,
                "created": iso_utc(item.created_at),
                "url": urls.story(item.id),
                "json_url": urls.story_json(item.id),
            }
            for item in found.items
        ],
        "total": found.total,
        "limit": limit,
        "offset": offset,
        "url": urls.stories(offset),
    }


@router.api_route(urls.STORY_JSON_PATH, methods=["GET", "HEAD"], include_in_schema=False)
@router.get(urls.API_STORY_PATH, responses=documented(), response_class=Response)
async def get_story(
    request: Request, story_id: str, stories: Stories, cache: PageCache, base: Base = None
) -> Response:
    """A story: its versions, its steps (each version against the one before) with
    their stats and classes, what changed that matters, and with `base` (or for
    a story of copies) each version against the base: shares of the base's
    sentences kept, reworded and cut, of the copy's that are new, and classes."""

    def render(story: StoredStory) -> RenderedPage:
        if base is not None and base >= len(story.versions):
            raise HTTPException(422, f"base: the story has versions 0 to {len(story.versions) - 1}")
        document = story_document(gather(stories, story, StoryAsked(base)))
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        return RenderedPage.of(body.encode("utf-8"))

    page = await kept_story_page(stories, cache, ("story-json", story_id, base), story_id, render)
    return conditional_response(request, page, JSON)


@router.delete(urls.API_STORY_PATH, status_code=204, responses=documented())
def delete_story(
    story_id: str,
    stories: Stories,
    asker: Asker,
    token: Annotated[str | None, Query(description="The owner token.")] = None,
) -> Response:
    """Delete a story with its versions and the comparisons made of them."""
    outcome = stories.delete(story_id, with_owner_token(asker, token).requester)
    if outcome is Outcome.NOT_FOUND:
        raise story_missing(stories, story_id)
    if outcome is Outcome.FORBIDDEN:
        raise HTTPException(403, FORBIDDEN_MESSAGE.replace("a comparison", "a story"))
    return Response(status_code=204)
