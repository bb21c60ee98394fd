"""/docs: Swagger UI served whole by the app (no CDN): every asset the page
names is on this site and is served, with the right type."""

from __future__ import annotations

import httpx
import pytest

from app.web import urls
from tests.web.html import parse

pytestmark = pytest.mark.anyio

TYPES = {"script": "text/javascript", "link": "text/css"}


async def test_docs_names_only_assets_of_this_site(client: httpx.AsyncClient) -> None:
    response = await client.get(urls.docs())
    assert response.status_code == 200
    page = parse(response.text)
    assert page.find("html").get("lang") == "en"
    assert page.find("title").text.startswith("Diptych")
    assets = [(s.tag, s.get("src")) for s in page.find_all("script")] + [
        (link.tag, link.get("href"))
        for link in page.find_all("link")
        if link.get("rel") == "stylesheet"
    ]
    assert {tag for tag, _ in assets} == {"script", "link"}
    assert all(script.text == "" for script in page.find_all("script"))  # no inline script
    for tag, address in assets:
        assert address.startswith("/") and not address.startswith("//"), address
        served = await client.get(address)
        assert served.status_code == 200, address
        assert served.headers["content-type"].startswith(TYPES[tag]), address
        assert len(served.content) > 300, address
    assert "SwaggerUIBundle" in (await client.get(urls.docs_asset("swagger-ui-bundle.js"))).text
    container = page.by_id("swagger-ui")
    assert container.get("data-openapi-url") == urls.openapi()


async def test_a_missing_asset_is_a_404(client: httpx.AsyncClient) -> None:
    assert (await client.get(urls.docs_asset("no-such-file.js"))).status_code == 404
    assert (await client.get(urls.docs_asset("../core.py"))).status_code == 404
