"""/docs in a real browser with every other host blocked: Swagger UI comes
from the app itself, runs under the pages' policy and lists the operations."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
from playwright.sync_api import ConsoleMessage, Route

from app.web import urls
from tests.support.chromium import NewContext

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def test_docs_renders_its_operations_offline(
    new_context: NewContext, server_url: str, api: httpx.Client
) -> None:
    schema = api.get(urls.openapi()).json()
    operations_in_schema = sum(len(METHODS & set(item)) for item in schema["paths"].values())
    context = new_context()
    ours = urlsplit(server_url).netloc
    elsewhere: list[str] = []

    def only_ours(route: Route) -> None:
        if urlsplit(route.request.url).netloc == ours:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_ours)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: _keep_errors(message, problems))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(urls.docs())
    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() == operations_in_schema
    assert page.locator(".info .title").inner_text().startswith("Diptych")
    assert page.evaluate("document.documentElement.lang") == "en"
    # An operation opens (Swagger UI's own script works under the policy).
    page.locator(".opblock-summary").first.click()
    page.locator(".opblock-body").first.wait_for()
    assert elsewhere == [] and problems == []


def _keep_errors(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error":
        problems.append(message.text)
