"""A real `diptych serve` process for the end-to-end tests: started, waited for, stopped.

The server is the console script installed next to the running interpreter
(`.venv/bin/diptych`), run with this checkout first on PYTHONPATH so that it
serves the code under test, from a scratch working directory (nothing may
depend on the current directory), with no DIPTYCH_* variable inherited.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO / "seeds"
SEED_TITLE = "Five things to know about the Russia-Ukraine peace talks"
HOST = "127.0.0.1"
READY_PATH = "/api/comparisons"
START_TIMEOUT = 20.0  # seconds until the server must answer READY_PATH
STOP_TIMEOUT = 10.0  # seconds after SIGTERM before it is killed
POLL_INTERVAL = 0.05


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def diptych_script() -> Path:
    script = Path(sys.executable).parent / "diptych"
    if not script.exists():
        pytest.fail(f"{script} not found: install the project (make test does)", pytrace=False)
    return script


def server_environment() -> dict[str, str]:
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DIPTYCH_")
    }
    paths = [str(REPO), *filter(None, [environment.get("PYTHONPATH")])]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    environment["PYTHONUNBUFFERED"] = "1"
    return environment


class Server:
    """`diptych serve` on `port` over the SQLite file `database`; logs go to `directory`.

    It can be started again after a stop, on the same port and database.
    """

    def __init__(self, port: int, database: Path, directory: Path) -> None:
        self.port = port
        self.database = database
        self.directory = directory
        self.starts = 0
        self.returncode: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def log_path(self) -> Path:
        """The output (stdout and stderr) of the latest start."""
        return self.directory / f"server-{self.starts}.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def command(self) -> list[str]:
        return [
            str(diptych_script()),
            "serve",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--database-url",
            f"sqlite:///{self.database}",
            "--seeds-dir",
            str(SEEDS_DIR),
        ]

    def start(self) -> None:
        assert self._process is None, "already running"
        self.starts += 1
        self.returncode = None
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                self.command(),
                cwd=self.directory,
                env=server_environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as one if need be
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            code = self._process.poll()
            if code is not None:
                pytest.fail(
                    f"diptych serve exited ({code}) before answering:\n{self.log()}", pytrace=False
                )
            try:
                response = httpx.get(self.base_url + READY_PATH, timeout=1.0)
            except httpx.TransportError:
                pass
            else:
                if response.status_code == 200:
                    return
            if time.monotonic() > deadline:
                pytest.fail(
                    f"diptych serve did not answer {READY_PATH} within {START_TIMEOUT} s:\n"
                    f"{self.log()}",
                    pytrace=False,
                )
            time.sleep(POLL_INTERVAL)

    def stop(self) -> int:
        """SIGTERM, then SIGKILL (to the whole group) after STOP_TIMEOUT; the exit status."""
        process, self._process = self._process, None
        if process is None:
            assert self.returncode is not None, "never started"
            return self.returncode
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.returncode = process.returncode
        return self.returncode

    @contextmanager
    def running(self) -> Iterator[Server]:
        self.start()
        try:
            yield self
        finally:
            self.stop()


def create_comparison(
    client: httpx.Client,
    left: str,
    right: str,
    *,
    title: str,
    labels: tuple[str, str] = ("Wire", "Copy"),
) -> dict[str, str]:
    """Store a comparison through the API; the 201 body (id, url, json_url, delete_token)."""
    body = {
        "title": title,
        "left": {"text": left, "label": labels[0]},
        "right": {"text": right, "label": labels[1]},
    }
    response = client.post("/api/comparisons", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, str] = response.json()
    return created


def find_by_title(client: httpx.Client, title: str) -> list[dict[str, object]]:
    """The listed comparisons titled exactly `title` (searching the library by it)."""
    response = client.get("/api/comparisons", params={"q": title})
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["comparisons"]
    return [item for item in items if item["title"] == title]
