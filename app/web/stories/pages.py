"""The story pages: /s/{id} (the timeline, or with ?base= the copies table), the
two-version picker (/s/{id}/compare), the owner's delete, and the form
/stories/new (see `story_forms`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from app.problems import InvalidInputError
from app.service import Outcome
from app.store import MAX_VERSIONS, StoredStory, Visibility
from app.story import CreatedStory, StoryService
from app.web import urls
from app.web.deps import AppSettings, Asker, PageCache, Pages
from app.web.forms import EXPIRY_CHOICES, FormErrors, expiry
from app.web.pages import READ, with_session
from app.web.serving.formdata import read_form
from app.web.serving.identity import (
    CROSS_SITE,
    Visitor,
    forget_ownership,
    form_allowed,
    give_ownership,
    keep_session,
    same_origin,
)
from app.web.serving.limits import story_body_limit
from app.web.serving.links import charge_links
from app.web.serving.rendering import HTML, RenderedPage, Renderer, conditional_response
from app.web.serving.throttle import Action, limited
from app.web.stories.deps import Stories, kept_story_page, live_story, story_missing
from app.web.stories.forms import StoryForm, read_story_form, story_versions
from app.web.stories.shown import StoryAsked, gather
from app.web.stories.watch_view import interval_choices, link_views

router = APIRouter(include_in_schema=False)
SORTS = "|".join(column.value for column in urls.StorySort)


@router.api_route(urls.STORY_PATH, methods=READ)
async def story_page(
    request: Request,
    story_id: str,
    stories: Stories,
    pages: Pages,
    cache: PageCache,
    asker: Asker,
    base: Annotated[int | None, Query(ge=0, le=10_000)] = None,
    sort: Annotated[str, Query(pattern=f"^-?({SORTS})$")] = urls.StorySort.VERSION.value,
) -> Response:
    person = with_session(asker)
    asked = StoryAsked(base, urls.StorySort(sort.removeprefix("-")), sort.startswith("-"))
    stand_in: str = request.app.state.token_stand_in
    default_interval = int(stories.comparisons.settings.watch_interval)

    def render(story: StoredStory) -> RenderedPage:
        if base is not None and base >= len(story.versions):
            raise HTTPException(422, f"base: the story has versions 0 to {len(story.versions) - 1}")
        shown = gather(stories, story, asked)
        body = pages.render(
            "story.html",
            shown=shown,
            watched=link_views(shown.watched),
            interval_choices=interval_choices(default_interval),
            default_interval=default_interval,
            is_owner=stories.is_owner(story, person.requester),
            csrf_token=stand_in,
        )
        return RenderedPage.of(body.encode("utf-8"))

    key = ("story", story_id, asked, person.user, person.owner_token)
    kept = await kept_story_page(stories, cache, key, story_id, render)
    response = conditional_response(request, kept.with_token(stand_in, person.csrf_token), HTML)
    keep_session(request, response, person)
    return response


@router.get(urls.STORY_PAIR_PATH)
def story_pair(
    story_id: str,
    stories: Stories,
    left: Annotated[int, Query(alias="from", ge=0, le=10_000)],
    right: Annotated[int, Query(alias="to", ge=0, le=10_000)],
) -> Response:
    """The comparison of the two versions picked (computed if it is the first time)."""
    story = live_story(stories, story_id)
    if left == right or max(left, right) >= len(story.versions):
        raise HTTPException(
            422, f"Pick two different versions of the story, 0 to {len(story.versions) - 1}."
        )
    pair = stories.pairs(story, [(left, right)])[(left, right)]
    return RedirectResponse(urls.comparison(pair.comparison_id), status_code=303)


@router.post(urls.STORY_DELETE_PATH)
async def delete_story(request: Request, story_id: str, stories: Stories, asker: Asker) -> Response:
    async with read_form(request, max_files=0, max_fields=5, max_part_size=1024) as posted:
        token = posted.fields.get("csrf_token")
    if not form_allowed(request, asker, token if isinstance(token, str) else ""):
        raise HTTPException(403, CROSS_SITE)
    outcome = await run_in_threadpool(stories.delete, story_id, asker.requester)
    if outcome is Outcome.NOT_FOUND:
        raise story_missing(stories, story_id)
    if outcome is Outcome.FORBIDDEN:
        raise HTTPException(403, "Only the story's owner may delete it.")
    response = RedirectResponse(urls.library(), status_code=303)
    forget_ownership(request, response, urls.story(story_id))
    return response


@router.api_route(urls.STORIES_PATH, methods=READ)
def story_library(
    stories: Stories,
    pages: Pages,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> Response:
    found = stories.list(urls.DEFAULT_PAGE_SIZE, offset)
    shown = offset + len(found.items)
    return pages.page(
        "stories.html",
        found=found,
        offset=offset,
        older=urls.stories(shown) if shown < found.total else None,
        newer=urls.stories(max(0, offset - urls.DEFAULT_PAGE_SIZE)) if offset else None,
    )


@router.api_route(urls.NEW_STORY_PATH, methods=READ)
def new_story_form(request: Request, pages: Pages, asker: Asker) -> Response:
    person = with_session(asker)
    response = _form_page(pages, StoryForm(), FormErrors(), person.csrf_token)
    keep_session(request, response, person)
    return response


@router.post(urls.NEW_STORY_PATH, dependencies=[Depends(limited(Action.CREATE))])
async def create_from_story_form(
    request: Request, stories: Stories, pages: Pages, settings: AppSettings, asker: Asker
) -> Response:
    # Another site's post is refused before its files are read or links fetched.
    if not same_origin(request) or not asker.session:
        raise HTTPException(403, CROSS_SITE)
    limit = story_body_limit(settings.story_max_bytes)
    form, problems = await read_story_form(request, limit, stories.comparisons)
    if not form_allowed(request, asker, form.csrf_token):
        raise HTTPException(403, CROSS_SITE)
    if form.action != "create" or problems:
        errors = FormErrors(problems)
        status = errors.status_code if problems else 200
        return _form_page(pages, form.changed(), errors, asker.csrf_token, status)
    filled = replace(form, versions=tuple(v for v in form.versions if not v.blank))
    charge_links(request, *(version.url for version in filled.versions))
    try:
        created = await run_in_threadpool(_create, stories, filled, asker)
    except InvalidInputError as error:
        errors = FormErrors(error.problems)
        status = 413 if error.too_large else 422
        return _form_page(pages, filled, errors, asker.csrf_token, status)
    story_id = created.story.id
    if created.duplicates:
        response = pages.page("story_created.html", story=created.story, created=created)
    else:
        response = RedirectResponse(urls.story(story_id), status_code=303)
    give_ownership(request, response, urls.story(story_id), created.owner_token)
    return response


def _create(stories: StoryService, form: StoryForm, asker: Visitor) -> CreatedStory:
    versions = story_versions(form, stories.comparisons)
    return stories.create(
        form.title,
        versions,
        base=form.base_index,
        visibility=Visibility(form.visibility),
        expires_at=expiry(form.expires, stories.clock()),
        owner=asker.user,
    )


def _form_page(
    pages: Renderer, form: StoryForm, errors: FormErrors, csrf_token: str, status: int = 200
) -> Response:
    return pages.page(
        "story_new.html",
        status,
        form=form,
        errors=errors,
        csrf_token=csrf_token,
        expiry_choices=EXPIRY_CHOICES,
        max_versions=MAX_VERSIONS,
    )
