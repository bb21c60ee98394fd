"""Fixtures for the store tests: a throwaway PostgreSQL server, and `store`
parametrized over both backends so that one contract suite runs on each.

PostgreSQL comes from, in order: the server at DIPTYCH_TEST_POSTGRES_URL (its
database should be one the tests may write to; each test works in a schema of
its own and drops it), or a server started for the session from the Debian
binaries (package `postgresql`). Without either the PostgreSQL tests skip,
unless CI is set: CI must run them, so there they fail.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from app.core import compare
from app.store import (
    ComparisonStore,
    StoredComparison,
    Visibility,
    build_record,
    hash_token,
    open_store,
)

_SERVER_USER = "postgres"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _bindir() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian keeps them off PATH)."""
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    found = Path("/usr/lib/postgresql").glob("*/bin/initdb")
    newest = max(found, key=lambda p: [int(n) for n in p.parts[-3].split(".")], default=None)
    return None if newest is None else newest.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_server_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; as root, run them as the
    # `postgres` user the Debian package creates.
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser"):
        return ["runuser", "-u", _SERVER_USER, "--", *command]
    return ["su", _SERVER_USER, "-s", "/bin/sh", "-c", shlex.join(command)]


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"{what} failed ({result.returncode}):\n{result.stderr}", pytrace=False)


def _server_dir() -> Path:
    # Not pytest's tmp_path: its base directory is private to the current user,
    # which the `postgres` user could not enter when we run as root.
    directory = Path(tempfile.mkdtemp(prefix="diptych-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam(_SERVER_USER)
        except KeyError:
            shutil.rmtree(directory)
            pytest.fail(f"running as root and there is no {_SERVER_USER!r} user", pytrace=False)
        os.chown(directory, user.pw_uid, user.pw_gid)
    return directory


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """The URL of a PostgreSQL database the tests may use, for the whole session."""
    if url := os.environ.get("DIPTYCH_TEST_POSTGRES_URL"):
        yield url
        return
    bindir = _bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
        if _in_ci():
            pytest.fail(f"{reason} (CI is set, so the PostgreSQL tests must run)", pytrace=False)
        pytest.skip(reason)
    directory = _server_dir()
    data, port = directory / "data", _free_port()
    try:
        _start_server(bindir, directory, data, port)
        base = f"postgresql://diptych@127.0.0.1:{port}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute("CREATE DATABASE diptych_test")
        yield f"{base}/diptych_test"
    finally:
        # Also after a failed or timed-out start, which may leave a server
        # running; a stop with nothing to stop just fails, quietly.
        stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
        subprocess.run(_as_server_user(stop), capture_output=True, check=False)
        shutil.rmtree(directory, ignore_errors=True)


def _start_server(bindir: Path, directory: Path, data: Path, port: int) -> None:
    # Trust authentication on 127.0.0.1 and a socket in our own directory: a
    # throwaway server for this session. Durability is off because the data
    # dies with the session anyway, and it makes the tests faster.
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "diptych", "-A", "trust"]
    _run([*initdb, "-E", "UTF8", "--no-locale", "--no-sync"], "initdb")
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={directory}"
        " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    log = str(directory / "server.log")
    command = [str(bindir / "pg_ctl"), "-D", str(data), "-l", log, "-w", "-t", "30"]
    start = _as_server_user([*command, "-o", options, "start"])
    result = subprocess.run(start, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        server_log = Path(log).read_text() if Path(log).exists() else ""
        pytest.fail(f"pg_ctl start failed:\n{result.stderr}\n{server_log}", pytrace=False)


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """The server's URL with a fresh, empty schema first on the search path.

    A schema per test, not a database: creating a schema takes milliseconds.
    """
    schema = f"test_{uuid.uuid4().hex}"
    with psycopg.connect(postgres_server_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in postgres_server_url else "?"
    yield f"{postgres_server_url}{separator}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(postgres_server_url, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend; the PostgreSQL server starts only if needed."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[ComparisonStore]:
    opened = open_store(database_url)
    yield opened
    opened.close()


LEFT = "Talks resume in Geneva. Putin has toned down his demands.\n\nNo date was set."
RIGHT = "Talks resume in Geneva. Putin has softened his demands.\n\nA date was set for May."


@pytest.fixture(scope="session")
def record() -> StoredComparison:
    """A realistic record, listed; tests derive others with `dataclasses.replace`."""
    made = build_record(
        id="c0ffee" * 4,
        title="Peace talks: wire vs. copy",
        left_label="Wire",
        right_label="Copy",
        comparison=compare(LEFT, RIGHT),
        engine_version="0.1.0",
        created_at=datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC),
        owner_token_hash=hash_token("token"),
    )
    return replace(made, visibility=Visibility.LISTED)
