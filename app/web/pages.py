"""The HTML pages: the library (/), the form (/new) and a comparison (/c/{id})."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from app.core import ChangeClass
from app.service import MAX_LIST_LIMIT, MAX_LIST_OFFSET, ComparisonService, InvalidInputError
from app.store import StoredComparison
from app.web import urls
from app.web.comparison_page import render_comparison
from app.web.deps import (
    AppSettings,
    PageCache,
    Pages,
    RequestedIgnore,
    Service,
    VariantCache,
    kept_or_rendered,
)
from app.web.forms import FormErrors, NewComparisonForm, read_new_form
from app.web.limits import request_body_limit
from app.web.rendering import HTML, RenderedPage, conditional_response
from app.web.summaries import pager, summary_view
from app.web.variants import shown

router = APIRouter(include_in_schema=False)
# HEAD too, for link checkers and `curl -I`; the server sends no body.
READ = ["GET", "HEAD"]


@router.api_route(urls.LIBRARY_PATH, methods=READ)
def library(
    service: Service,
    pages: Pages,
    q: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT)] = urls.DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_LIST_OFFSET)] = 0,
) -> Response:
    page = service.list(q, limit, offset)
    return pages.page(
        "library.html",
        entries=[summary_view(summary) for summary in page.items],
        search=page.search,
        pager=pager(page),
        json_url=urls.api_comparisons(page.search, page.offset, page.limit),
    )


@router.api_route(urls.NEW_PATH, methods=READ)
def new_form(pages: Pages) -> Response:
    return pages.page("new.html", form=NewComparisonForm(), errors=FormErrors())


@router.post(urls.NEW_PATH)
async def create_from_form(
    request: Request, service: Service, pages: Pages, settings: AppSettings
) -> Response:
    form, errors = await read_new_form(request, request_body_limit(settings.max_text_bytes))
    if errors:
        errors = _with_other_problems(service, form, errors)
    else:
        try:
            created = await run_in_threadpool(
                partial(
                    service.create,
                    form.title,
                    form.left_text,
                    form.left_label,
                    form.right_text,
                    form.right_label,
                    form.options,
                    sources=form.sources,
                )
            )
        except InvalidInputError as error:
            errors = FormErrors(error.problems)
        else:
            return RedirectResponse(urls.comparison(created.record.id), status_code=303)
    return pages.page("new.html", errors.status_code, form=form, errors=errors)


def _with_other_problems(
    service: ComparisonService, form: NewComparisonForm, errors: FormErrors
) -> FormErrors:
    """The upload problems plus what the service finds wrong with the other fields."""
    others = service.problems(
        form.title, form.left_text, form.left_label, form.right_text, form.right_label
    )
    flagged = {problem.field for problem in errors.problems}
    return FormErrors(
        errors.problems + tuple(problem for problem in others if problem.field not in flagged)
    )


@router.api_route(urls.COMPARISON_PATH, methods=READ)
async def comparison_page(
    request: Request,
    comparison_id: str,
    service: Service,
    pages: Pages,
    cache: PageCache,
    variants: VariantCache,
    ignore: RequestedIgnore,
    view: urls.View = urls.View.SIDE,
    change_class: Annotated[ChangeClass | None, Query(alias="class")] = None,
) -> Response:
    base_url = str(request.base_url)

    def render(record: StoredComparison) -> RenderedPage:
        showing = shown(service, variants, record, ignore)
        return render_comparison(pages, showing, view, change_class, base_url)

    key = (comparison_id, view, ignore, change_class, base_url)
    page = await run_in_threadpool(kept_or_rendered, service, cache, key, comparison_id, render)
    return conditional_response(request, page, HTML)
