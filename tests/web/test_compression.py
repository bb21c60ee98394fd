"""Compressed responses (app/web/serving/compression.py): brotli or gzip as the client
accepts, for pages, JSON, CSS and script; never for the .pdf and .docx, nor
for small bodies; ETags that tell the representations apart and still
revalidate."""

from __future__ import annotations

import gzip
from dataclasses import replace

import brotli
import httpx
import pytest

from app.settings import Settings
from app.web import urls
from app.web.app import create_app
from app.web.serving.compression import MINIMUM_BYTES, chosen_coding
from tests.web.conftest import SEED_TITLE, seed_id, serving

pytestmark = pytest.mark.anyio

DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}


async def raw_get(
    client: httpx.AsyncClient, path: str, accept: str, **headers: str
) -> tuple[httpx.Response, bytes]:
    """The response to GET `path` sent with `Accept-Encoding: accept`, and its body as sent."""
    request = client.build_request("GET", path, headers={"Accept-Encoding": accept, **headers})
    response = await client.send(request, stream=True)
    body = b"".join([chunk async for chunk in response.aiter_raw()])
    await response.aclose()
    return response, body


async def seed_paths(client: httpx.AsyncClient) -> dict[str, str]:
    comparison_id = await seed_id(client)
    return {
        "page": urls.comparison(comparison_id),
        "json": urls.comparison_json(comparison_id),
        "css": urls.static("diptych.css"),
        "js": urls.static("diptych.js"),
        "library": urls.library(),
        "docs script": urls.docs_asset("swagger-ui-bundle.js"),
    }


@pytest.mark.parametrize("coding", ["gzip", "br"])
async def test_text_responses_come_compressed_when_accepted(
    client: httpx.AsyncClient, coding: str
) -> None:
    for name, path in (await seed_paths(client)).items():
        plain, plain_body = await raw_get(client, path, "identity")
        packed, packed_body = await raw_get(client, path, f"{coding}, deflate")
        assert plain.status_code == packed.status_code == 200, name
        assert "content-encoding" not in plain.headers, name
        assert packed.headers["content-encoding"] == coding, name
        assert "accept-encoding" in packed.headers["vary"].lower(), name
        sent = packed.headers.get("content-length")  # none for a file streamed in chunks
        assert sent is None or int(sent) == len(packed_body), name
        assert len(packed_body) < len(plain_body) / 2, name
        unpacked = DECODE[coding](packed_body)
        if name == "page":  # the forms' token is the viewer's: compare the text around it
            assert SEED_TITLE.encode() in unpacked
            assert abs(len(unpacked) - len(plain_body)) < 64
        else:
            assert unpacked == plain_body, name


async def test_without_accept_encoding_nothing_is_compressed(client: httpx.AsyncClient) -> None:
    for name, path in (await seed_paths(client)).items():
        response, _ = await raw_get(client, path, "")
        assert response.status_code == 200, name
        assert "content-encoding" not in response.headers, name


async def test_files_compressed_already_and_small_bodies_are_sent_as_they_are(
    client: httpx.AsyncClient,
) -> None:
    comparison_id = await seed_id(client)
    for path in (urls.comparison_docx(comparison_id), urls.comparison_pdf(comparison_id)):
        response, body = await raw_get(client, path, "br, gzip")
        assert response.status_code == 200, path
        assert "content-encoding" not in response.headers, path
        assert body[:4] in (b"PK\x03\x04", b"%PDF"), path
    small, body = await raw_get(client, urls.static("docs.js"), "br, gzip")
    assert len(body) < MINIMUM_BYTES and "content-encoding" not in small.headers


@pytest.mark.parametrize("coding", ["gzip", "br", "identity"])
@pytest.mark.parametrize("kind", ["json", "css"])
async def test_each_representation_has_its_etag_and_revalidates(
    client: httpx.AsyncClient, coding: str, kind: str
) -> None:
    path = (await seed_paths(client))[kind]
    plain, _ = await raw_get(client, path, "identity")
    first, _ = await raw_get(client, path, coding)
    etag = first.headers["etag"]
    if coding == "identity":
        assert etag == plain.headers["etag"]
    else:
        assert etag == plain.headers["etag"][:-1] + f'-{coding}"'
    again, body = await raw_get(client, path, coding, **{"If-None-Match": etag})
    assert again.status_code == 304 and body == b""
    assert again.headers["etag"] == etag
    # A tag the client does not hold is no match, suffix or not.
    other = '"0123456789abcdef0123456789abcdef-gzip"'
    fresh, _ = await raw_get(client, path, coding, **{"If-None-Match": other})
    assert fresh.status_code == 200


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip, deflate", "gzip"),
        ("GZip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("br; q=0.0, gzip; q=0", None),
        ("*", "br"),
        ("*;q=0, gzip", "gzip"),
        ("identity", None),
        ("", None),
        ("gzip;q=nonsense", None),
        ("deflate", None),
    ],
)
def test_the_coding_chosen_from_accept_encoding(accept: str, coding: str | None) -> None:
    assert chosen_coding(accept) == coding


async def test_compression_can_be_left_to_the_proxy(settings: Settings) -> None:
    async with serving(create_app(replace(settings, compress=False))) as client:
        response, _ = await raw_get(client, urls.static("diptych.css"), "br, gzip")
        assert response.status_code == 200
        assert "content-encoding" not in response.headers
