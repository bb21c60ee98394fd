"""PostgreSQL stopped under a running `diptych serve`: writes answer 503 with
Retry-After on a keep-alive connection that stays usable, kept pages are still
served, and the server recovers when PostgreSQL is back. Also: tokens in a
query never reach the real server's access log.

This test stops its own throwaway PostgreSQL server (not the session's one of
tests/store/conftest.py, which other tests use); it skips without PostgreSQL.
"""

from __future__ import annotations

import http.client
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.store.conftest import (
    _as_server_user,
    _bindir,
    _free_port,
    _server_dir,
    _start_server,
)
from tests.support.live_server import HOST, Server

BODY = {
    "title": "Budget",
    "left": {"text": "The council approved the budget on Monday."},
    "right": {"text": "The council rejected the budget on Monday."},
}


class Postgres:
    """A PostgreSQL server of this test's own, which it may stop and start again."""

    def __init__(self, bindir: Path, directory: Path) -> None:
        self.directory, self.data, self.port = directory, directory / "data", _free_port()
        self._pg_ctl = [str(bindir / "pg_ctl"), "-D", str(self.data), "-w", "-t", "30"]
        _start_server(bindir, directory, self.data, self.port)
        self.url = f"postgresql://diptych@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run(_as_server_user([*self._pg_ctl, "-m", "fast", "stop"]), check=True)

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port}"
            f" -c unix_socket_directories={self.directory}"
        )
        log = ["-l", str(self.directory / "server.log")]
        subprocess.run(_as_server_user([*self._pg_ctl, *log, "-o", options, "start"]), check=True)


@pytest.fixture
def postgres() -> Iterator[Postgres]:
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found")
    directory = _server_dir()
    server = Postgres(bindir, directory)
    try:
        yield server
    finally:
        subprocess.run(_as_server_user([*server._pg_ctl, "-m", "immediate", "stop"]), check=False)
        subprocess.run(["rm", "-rf", str(directory)], check=False)


class KeptAlive:
    """One HTTP/1.1 connection; `ask` fails if the server closed it in between."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.connection.connect()
        self.socket = self.connection.sock

    def ask(self, method: str, path: str, body: object = None) -> tuple[int, dict[str, str], bytes]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        content = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, body=content, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        assert self.connection.sock is self.socket, "the server closed the connection"
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def test_postgres_stopped_under_a_running_server(postgres: Postgres, tmp_path: Path) -> None:
    flags = ["--database-url", postgres.url, "--seeds-dir", ""]
    with Server(tmp_path, flags).running() as server:
        client = KeptAlive(server.port)
        status, _, data = client.ask("POST", "/api/comparisons", BODY)
        assert status == 201
        created = json.loads(data)
        for path in (created["url"], created["json_url"]):  # kept from now on
            assert client.ask("GET", path)[0] == 200
        postgres.stop()
        status, headers, data = client.ask("POST", "/api/comparisons", BODY)
        assert status == 503, data
        assert int(headers["retry-after"]) > 0
        assert "cannot be reached" in json.loads(data)["error"]["message"]
        for path in (created["url"], created["json_url"]):
            assert client.ask("GET", path)[0] == 200
        assert client.ask("GET", "/")[0] == 503  # the library is read anew: no page kept
        postgres.start()
        assert client.ask("POST", "/api/comparisons", BODY)[0] == 201
        status, _, _ = client.ask(
            "DELETE", f"{created['api_url']}?token={created['owner_token']}", None
        )
        assert status == 204
        log = server.log()
    assert "database unavailable on POST /api/comparisons" in log
    assert created["owner_token"] not in log
    assert "?token=[redacted]" in log
    with psycopg.connect(postgres.url) as connection:
        assert connection.execute("SELECT count(*) FROM comparisons").fetchone() == (1,)
