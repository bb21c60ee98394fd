"""A real `diptych serve` process for the end-to-end and robustness tests: started,
waited for, stopped politely (SIGTERM) or killed (SIGKILL, the whole process group).

The server is the console script next to the running interpreter, run with
this checkout first on PYTHONPATH, from a scratch working directory, with no
DIPTYCH_* variable inherited: only the flags and `environment` given here.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO / "seeds"
SEED_TITLE = "Five things to know about the Russia-Ukraine peace talks"
HOST = "127.0.0.1"
READY_PATH = "/api/comparisons"
START_TIMEOUT = 30.0  # seconds until the server must answer READY_PATH
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


def server_environment(extra: Mapping[str, str]) -> dict[str, str]:
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DIPTYCH_")
    }
    paths = [str(REPO), *filter(None, [environment.get("PYTHONPATH")])]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    environment["PYTHONUNBUFFERED"] = "1"
    environment.update(extra)
    return environment


class Server:
    """`diptych serve --port PORT *flags` in `directory` (its log goes there too).

    It can be started again after a stop or a kill, with the same flags.
    """

    def __init__(
        self,
        directory: Path,
        flags: Sequence[str] = (),
        environment: Mapping[str, str] | None = None,
        port: int | None = None,
    ) -> None:
        self.directory = directory
        self.flags = list(flags)
        self.environment = dict(environment or {})
        self.port = port or free_port()
        self.starts = 0
        self.returncode: int | None = None  # of the latest stop
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        assert self._process is not None, "not running"
        return self._process.pid

    def log(self) -> str:
        path = self.directory / f"server-{self.port}-{self.starts}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start(self) -> None:
        assert self._process is None, "already running"
        self.starts += 1
        command = [str(diptych_script()), "serve", "--host", HOST, "--port", str(self.port)]
        log_path = self.directory / f"server-{self.port}-{self.starts}.log"
        with log_path.open("wb") as log:
            self._process = subprocess.Popen(
                [*command, *self.flags],
                cwd=self.directory,
                env=server_environment(self.environment),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as one
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.kill()
            raise

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                pytest.fail(f"diptych serve exited ({code}) early:\n{self.log()}", pytrace=False)
            try:
                if httpx.get(self.base_url + READY_PATH, timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(POLL_INTERVAL)
        pytest.fail(f"diptych serve did not answer in {START_TIMEOUT} s:\n{self.log()}")

    def stop(self) -> int:
        """SIGTERM, then SIGKILL to the group after STOP_TIMEOUT; the exit status."""
        process, self._process = self._process, None
        if process is None:
            return self.returncode or 0
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _kill_group(process)
        self.returncode = process.returncode
        return self.returncode

    def kill(self) -> None:
        """SIGKILL to the whole process group at once: no shutdown code runs."""
        process, self._process = self._process, None
        if process is not None:
            _kill_group(process)

    @contextmanager
    def running(self) -> Iterator[Server]:
        self.start()
        try:
            yield self
        finally:
            self.stop()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    # Only while the leader is not yet reaped: its pid (the group's id) is still ours.
    if process.returncode is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait(STOP_TIMEOUT)


def sqlite_flags(database: Path, seeds: bool = True) -> list[str]:
    """The flags of a server over the SQLite file `database`, with the seed pair or none."""
    return [
        "--database-url",
        f"sqlite:///{database}",
        "--seeds-dir",
        str(SEEDS_DIR) if seeds else "",
    ]


def create_comparison(
    client: httpx.Client,
    left: str,
    right: str,
    *,
    title: str,
    labels: tuple[str, str] = ("Wire", "Copy"),
    visibility: str = "listed",
) -> dict[str, str]:
    """Store a comparison through the API (listed unless told otherwise); the 201
    body (id, url, json_url, owner_token...)."""
    body = {
        "title": title,
        "left": {"text": left, "label": labels[0]},
        "right": {"text": right, "label": labels[1]},
        "visibility": visibility,
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
