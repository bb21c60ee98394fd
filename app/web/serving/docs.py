"""/docs: the API's Swagger UI, served whole by the app.

FastAPI's own /docs loads Swagger UI from a public CDN, so on an intranet (or
offline) the page is blank. Here its script and styles come from the pinned
package `fastapi-offline`, which ships Swagger UI 5's built files (Apache-2.0;
version 5 reads the OpenAPI 3.1 schema FastAPI writes), and the page starts it
from our own static script: no inline script, no other host, so /docs gets
the policy every page gets.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.staticfiles import StaticFiles

from app.web import urls
from app.web.deps import Pages

router = APIRouter(include_in_schema=False)
SWAGGER_UI_PACKAGE = ("fastapi_offline", "static")


@router.get(urls.DOCS_PATH)
async def docs(request: Request, pages: Pages) -> Response:
    """Swagger UI on the app's OpenAPI schema."""
    return pages.page("docs.html", title=request.app.title)


def swagger_ui_assets() -> StaticFiles:
    """The files of Swagger UI, served under `urls.DOCS_ASSETS_PREFIX`."""
    return StaticFiles(packages=[SWAGGER_UI_PACKAGE])
