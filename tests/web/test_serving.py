"""Serving many clients: single flight and a bounded engine queue (503), rate
limits (429), trusted hosts (400), share links from public_url, HSTS, and
another site's post to /new refused.

The engine pool runs here in threads (the same code, but a monkeypatched
engine is seen and can be held until the test lets it go); the real worker
processes are exercised by every other test that creates a comparison.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import AsyncIterator, Callable, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import anyio
import httpx
import pytest

import app.core
import app.engine_pool
from app.core import CompareOptions
from app.engine_pool import EnginePool
from app.service import ComparisonService
from app.settings import Settings
from app.store import json_text
from app.web.app import create_app
from app.web.comparison import large_pages
from app.web.serving.throttle import Action, RateLimiter
from tests.web.conftest import Serve, create, seed_id, serving, with_token
from tests.web.corpus import OIL, SENATE
from tests.web.html import parse
from tests.web.review_helpers import make_reviewable, post_form

pytestmark = pytest.mark.anyio

WAIT = 10.0  # seconds a held engine waits to be let go before failing the test


class HeldEngine:
    """The engine, counting its runs; each run waits until `release()`."""

    def __init__(self) -> None:
        self.runs: list[str] = []
        self._released = threading.Event()

    def __call__(self, left: str, right: str, options: CompareOptions) -> Any:
        self.runs.append(left)
        assert self._released.wait(WAIT), "the test never let the engine go"
        return app.core.compare_encoded(left, right, options)

    def release(self) -> None:
        self._released.set()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldEngine]:
    engine = HeldEngine()
    monkeypatch.setattr(app.engine_pool, "compare_encoded", engine)
    yield engine
    engine.release()


@asynccontextmanager
async def threaded_pool(
    settings: Settings, workers: int, queue: int
) -> AsyncIterator[tuple[httpx.AsyncClient, EnginePool, ComparisonService]]:
    """A client of an app whose engine pool runs in threads, the pool and the
    service; no seeds (they would run the held engine at start-up)."""
    web_app = create_app(replace(settings, seeds_dir=""))
    pool = EnginePool(workers, queue, executor_factory=ThreadPoolExecutor)
    web_app.state.engine_pool = pool
    async with serving(web_app) as client:
        yield client, pool, web_app.state.service


async def until(condition: Any) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await anyio.sleep(0.01)


def body(left: str, right: str) -> dict[str, Any]:
    return {"left": {"text": left}, "right": {"text": right}}


async def test_identical_requests_at_once_share_one_engine_run(
    settings: Settings, held: HeldEngine
) -> None:
    async with threaded_pool(settings, workers=1, queue=4) as (client, pool, service):
        answers: list[httpx.Response] = []

        async def post() -> None:
            answers.append(await client.post("/api/comparisons", json=body(SENATE, OIL)))

        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(post)
            await until(lambda: pool.waiting == 3)  # all three wait on the engine
            held.release()
        records = [service.get(answer.json()["id"]) for answer in answers]
        results = {record.result_id for record in records if record is not None}
    assert [answer.status_code for answer in answers] == [201, 201, 201]
    assert len(held.runs) == 1 and pool.runs == 1
    assert len(results) == 1 and None not in records


async def test_a_full_queue_is_a_503_with_retry_after(settings: Settings, held: HeldEngine) -> None:
    first: list[httpx.Response] = []
    async with (
        threaded_pool(settings, workers=1, queue=0) as (client, pool, _),
        anyio.create_task_group() as group,
    ):

        async def post_first() -> None:
            first.append(await client.post("/api/comparisons", json=body(SENATE, OIL)))

        group.start_soon(post_first)
        await until(lambda: pool.waiting == 1)
        api = await client.post("/api/comparisons", json=body(OIL, SENATE))
        form = await client.post("/new", data=with_token({"left_text": OIL, "right_text": SENATE}))
        held.release()
    assert first[0].status_code == 201
    assert (api.status_code, api.headers["retry-after"]) == (503, "10")
    assert "try again" in api.json()["error"]["message"]
    assert (form.status_code, form.headers["retry-after"]) == (503, "10")
    assert "try again" in parse(form.text).find("p", "notice-message").text
    assert len(held.runs) == 1  # the refused ones never reached the engine


async def test_another_ignore_variant_is_computed_once(settings: Settings) -> None:
    web_app = create_app(settings)
    pool: EnginePool = web_app.state.engine_pool  # the worker processes
    async with serving(web_app) as client:
        made = await create(client, SENATE, SENATE.upper())
        created_runs = pool.runs
        for _ in range(3):
            for path in (f"/c/{made}.json?ignore=case", f"/c/{made}?ignore=case&view=inline"):
                assert (await client.get(path)).status_code == 200
    assert (created_runs, pool.runs) == (1, 2)


@pytest.mark.parametrize(
    ("changes", "requests", "limited_status"),
    [
        ({"rate_creations": 2}, "create", 429),
        ({"rate_comments": 1}, "comment", 429),
        ({"rate_fetches": 3}, "fetch", 429),
    ],
)
async def test_each_rate_limit_answers_429_with_retry_after(
    serve: Serve, changes: dict[str, int], requests: str, limited_status: int
) -> None:
    async with serve(**changes) as client:
        made = await make_reviewable(client)
        answers = [await _act(client, requests, made) for _ in range(2)]
    allowed, refused = answers
    assert allowed.status_code != 429
    assert refused.status_code == limited_status
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "try again in" in refused.text


async def _act(client: httpx.AsyncClient, action: str, made: dict[str, Any]) -> httpx.Response:
    if action == "create":
        return await client.post("/api/comparisons", json=body(SENATE, OIL))
    if action == "comment":
        return await post_form(client, f"{made['url']}/comments", {"row": "1", "body": "Why?"})
    # Two links a request: the second request is over a limit of 3. The links
    # are refused by the fetch policy (loopback), never fetched.
    sides = {"left": {"url": "http://127.0.0.1:9/a"}, "right": {"url": "http://127.0.0.1:9/b"}}
    return await client.post("/api/comparisons", json=sides)


@pytest.mark.parametrize(
    ("trusted_proxies", "second_status"),
    [("", 429), ("127.0.0.1", 201)],
)
async def test_the_forwarded_client_counts_only_from_a_trusted_proxy(
    serve: Serve, trusted_proxies: str, second_status: int
) -> None:
    async with serve(rate_creations=1, trusted_proxies=trusted_proxies) as client:
        statuses = [
            (
                await client.post(
                    "/api/comparisons",
                    json=body(SENATE, OIL),
                    headers={"X-Forwarded-For": f"203.0.113.{n}"},
                )
            ).status_code
            for n in (1, 2)
        ]
    assert statuses == [201, second_status]


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("testserver", 200),
        ("testserver:8000", 200),
        ("TestServer", 200),
        ("evil.example", 400),
        ("testserver.evil.example", 400),
        ("", 400),
    ],
)
async def test_only_the_allowed_hosts_are_answered(
    client: httpx.AsyncClient, host: str, status: int
) -> None:
    page = await client.get("/", headers={"Host": host})
    api = await client.get("/api/comparisons", headers={"Host": host})
    assert (page.status_code, api.status_code) == (status, status)
    if status == 400:
        assert "does not answer to the host name" in api.json()["error"]["message"]
        assert page.headers["content-security-policy"]  # the security headers still


def test_the_default_allowed_hosts_are_localhost() -> None:
    assert Settings().allowed_hosts == "localhost,127.0.0.1"


async def test_share_links_use_public_url_and_the_host_is_no_cache_key(
    settings: Settings,
) -> None:
    hosts = ("testserver", "other.example")
    public = "https://diff.example/"
    web_app = create_app(replace(settings, allowed_hosts=",".join(hosts), public_url=public))
    async with serving(web_app) as client:
        seed = await seed_id(client)
        pages = [await client.get(f"/c/{seed}", headers={"Host": host}) for host in hosts]
    kept = len(web_app.state.page_cache)
    shares = {parse(page.text).by_id("share-url").get("value") for page in pages}
    assert shares == {f"https://diff.example/c/{seed}"}
    assert pages[0].headers["etag"] == pages[1].headers["etag"]
    assert kept == 1


@pytest.mark.parametrize(("scheme", "hsts"), [("https", True), ("http", False)])
async def test_hsts_over_https_only(settings: Settings, scheme: str, hsts: bool) -> None:
    web_app = create_app(settings)
    transport = httpx.ASGITransport(app=web_app)
    async with (
        web_app.router.lifespan_context(web_app),
        httpx.AsyncClient(transport=transport, base_url=f"{scheme}://testserver") as client,
    ):
        response = await client.get("/")
    assert ("strict-transport-security" in response.headers) is hsts


@pytest.mark.parametrize(
    ("headers", "token"),
    [
        ({"Origin": "https://evil.example"}, True),
        ({"Referer": "https://evil.example/page"}, True),
        ({}, False),
    ],
)
async def test_another_sites_post_to_new_is_refused(
    client: httpx.AsyncClient, headers: dict[str, str], token: bool
) -> None:
    fields = {"left_text": SENATE, "right_text": OIL, "visibility": "listed"}
    data = with_token(fields) if token else {**fields, "csrf_token": "forged"}
    listed_before = (await client.get("/api/comparisons")).json()["total"]
    response = await client.post("/new", data=data, headers=headers)
    assert response.status_code == 403
    assert "another site" in response.text
    assert (await client.get("/api/comparisons")).json()["total"] == listed_before


def test_a_bucket_refills_over_the_minute() -> None:
    now = [0.0]
    limiter = RateLimiter({Action.CREATE: 60}, clock=lambda: now[0])
    assert [limiter.take(Action.CREATE, "a") for _ in range(60)] == [0.0] * 60
    assert limiter.take(Action.CREATE, "a") == pytest.approx(1.0)  # one a second
    assert limiter.take(Action.CREATE, "b") == 0.0  # another client has its own
    assert limiter.take(Action.COMMENT, "a") == 0.0  # no limit set for comments
    now[0] = 2.5
    assert [limiter.take(Action.CREATE, "a") for _ in range(3)] == [0.0, 0.0, pytest.approx(0.5)]
    assert limiter.take(Action.CREATE, "a", count=61) == 60.0  # never: a minute


def test_a_finished_computation_is_not_joined_again() -> None:
    pool = EnginePool(1, 0, executor_factory=ThreadPoolExecutor)
    results = [pool("id", SENATE, OIL, CompareOptions()) for _ in range(2)]
    pool.close()
    assert pool.runs == 2 and pool.waiting == 0  # a stored result is the store's to find
    assert results[0].comparison == results[1].comparison


def watch_collector(monkeypatch: pytest.MonkeyPatch, pool: EnginePool) -> list[bool]:
    """Whether the server's collector is on, as each of the pool's jobs is
    waited for and as it returns."""
    collector_on: list[bool] = []
    run = pool.run

    def watched(key: Hashable, job: Callable[..., Any], *args: Any) -> Any:
        waiting = gc.isenabled()
        done = run(key, job, *args)
        collector_on.append(waiting and gc.isenabled())
        return done

    monkeypatch.setattr(pool, "run", watched)
    return collector_on


async def test_a_large_comparisons_page_json_and_exports_are_made_in_an_engine_process(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    web_app = create_app(settings)
    pool: EnginePool = web_app.state.engine_pool  # the worker processes
    own = ("/c/{}", "/c/{}?view=inline", "/c/{}.json", "/c/{}.html", "/c/{}.docx")
    paths = (*own, *(f"{path}{'&' if '?' in path else '?'}ignore=case" for path in own))
    async with serving(web_app) as client:
        made = await create(client, SENATE, OIL)
        created_runs = pool.runs
        # Every comparison large: its views are the engine's jobs, and the
        # server never decodes their JSON.
        monkeypatch.setattr(large_pages, "LARGE_JSON_CHARS", 0)
        decoded: list[str] = []
        monkeypatch.setattr(json_text, "decode_json", lambda text: decoded.append(text))
        collector_on = watch_collector(monkeypatch, pool)
        in_process = [await client.get(path.format(made)) for path in paths]
        again = [await client.get(path.format(made)) for path in paths[:3]]
    # Each view once (the pages and the JSON then kept), and the ignore=case
    # variant's comparison once.
    assert pool.runs == created_runs + len(paths) + 1
    assert decoded == []
    # The server's collector stays on while it waits for the engine.
    assert collector_on == [True] * (len(paths) + 1)
    assert [answer.status_code for answer in in_process] == [200] * len(paths)
    assert [answer.content for answer in again] == [answer.content for answer in in_process[:3]]
    assert in_process[5].content != in_process[0].content  # ignoring case shows another
    monkeypatch.undo()
    async with serving(create_app(settings)) as fresh:
        in_thread = [await fresh.get(path.format(made)) for path in paths]
    assert [answer.content for answer in in_thread] == [answer.content for answer in in_process]


async def test_a_pdf_is_laid_out_in_an_engine_process(settings: Settings) -> None:
    web_app = create_app(settings)
    pool: EnginePool = web_app.state.engine_pool
    async with serving(web_app) as client:
        made = await create(client, SENATE, OIL)
        created_runs = pool.runs
        answers = [await client.get(f"/c/{made}.pdf") for _ in range(2)]
    assert pool.runs == created_runs + 1  # then kept
    assert [answer.content[:5] for answer in answers] == [b"%PDF-"] * 2
