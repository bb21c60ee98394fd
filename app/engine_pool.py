"""The engine off the server's own process: a bounded pool of worker processes,
one computation per content address at a time.

A comparison of two long texts is seconds of CPU in pure Python; run in a
request thread, it would hold the interpreter lock and slow every other
request. In a worker process it costs the server nothing but a waiting
thread, and the waiting threads are bounded: at most `workers + queue`
requests wait for the engine at once (those waiting for a computation
already running included), and one more is refused with `EngineBusyError`
(a 503 with Retry-After) at once, instead of queueing without end.

Identical requests (the same content address: texts, options, engine
version) arriving while the first is computed wait for its result, so a
burst of them costs one computation (single flight).

The processes are started on the first comparison, not with the server,
from a fork server that has imported the engine once (so starting one is
a fork, not an interpreter start, and never forks the server's threads),
and run at a lower CPU priority than the server, so that on a machine with
few cores the pages still get the CPU first.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from typing import Any, TypeVar

from app.collector import collector_held_off
from app.core import ENGINE_VERSION, CompareOptions, compare_encoded
from app.store import StoredComparison, build_record, hash_token

# What a client is asked to wait before trying again when every worker is
# taken: about one long comparison.
RETRY_AFTER_SECONDS = 10
# How much lower the engine processes' CPU priority is than the server's.
ENGINE_NICENESS = 10
# A result's own fields that every comparison over it replaces.
_UNSET_TIME = datetime(1970, 1, 1, tzinfo=UTC)

Done = TypeVar("Done")
Engine = Callable[[str, str, str, CompareOptions], StoredComparison]


class EngineBusyError(Exception):
    """Every engine process is taken and the queue is full: try again later."""

    def __init__(self, message: str, retry_after: int = RETRY_AFTER_SECONDS) -> None:
        super().__init__(message)
        self.retry_after = retry_after


BUSY_MESSAGE = (
    "The server is comparing as many texts as it can at once; "
    f"try again in {RETRY_AFTER_SECONDS} seconds."
)
STOPPED_MESSAGE = (
    "The comparison could not be finished: the process computing it stopped "
    "(it may have run out of memory). Try again, or with shorter texts."
)


def engine_result(
    result_id: str, left_text: str, right_text: str, options: CompareOptions
) -> StoredComparison:
    """The engine's result as the store keeps it (its texts, JSON and summary),
    under `result_id`; its title, labels, owner and time are the caller's to set.
    Runs in a worker process: the JSON is built there too, and the collector
    held off (`app.collector`: the engine makes no reference cycles)."""
    with collector_held_off():
        return build_record(
            id=result_id,
            title="",
            left_label="",
            right_label="",
            comparison=compare_encoded(left_text, right_text, options),
            engine_version=ENGINE_VERSION,
            created_at=_UNSET_TIME,
            owner_token_hash=hash_token(""),
            result_id=result_id,
        )


def _process_pool(workers: int) -> Executor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["app.core", "app.store"])
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_yield_to_the_server
    )


def _yield_to_the_server() -> None:
    # A comparison is batch work, a page is someone waiting: on a machine with
    # few cores, the engine processes get the CPU the server leaves over.
    os.nice(ENGINE_NICENESS)


class EnginePool:
    """`pool(result_id, left, right, options)`: `engine_result` in a worker
    process, blocking the calling thread until it is done; `pool.run` any
    other costly job (the page of a long comparison). Thread-safe."""

    def __init__(
        self,
        workers: int,
        queue: int,
        executor_factory: Callable[[int], Executor] = _process_pool,
        engine: Engine = engine_result,
    ) -> None:
        self.workers = max(1, workers)
        self.capacity = self.workers + max(0, queue)
        self.runs = 0  # computations started, for the logs and the tests
        self._executor_factory = executor_factory
        self._engine = engine
        self._executor: Executor | None = None
        self._flights: dict[Hashable, Future[Any]] = {}
        self._waiting = 0
        # Reentrant: a computation done at once calls `_land` inside `_board`.
        self._lock = threading.RLock()

    def __call__(
        self, result_id: str, left_text: str, right_text: str, options: CompareOptions
    ) -> StoredComparison:
        return self.run(result_id, self._engine, result_id, left_text, right_text, options)

    def run(self, key: Hashable, job: Callable[..., Done], *args: Any) -> Done:
        """`job(*args)` in a worker process (picklable, both), joined if a job
        under `key` is running, blocking the calling thread until it is done."""
        flight, executor = self._board(key, job, args)
        try:
            done: Done = flight.result()
            return done
        except BrokenProcessPool:
            self._drop(executor)
            raise EngineBusyError(STOPPED_MESSAGE) from None
        finally:
            with self._lock:
                self._waiting -= 1

    @property
    def waiting(self) -> int:
        """Requests waiting for the engine now (computing or queued)."""
        with self._lock:
            return self._waiting

    def _board(
        self, key: Hashable, job: Callable[..., Any], args: tuple[Any, ...]
    ) -> tuple[Future[Any], Executor]:
        """The job under `key`, joined if running, else started, and the
        executor it runs in."""
        with self._lock:
            if self._waiting >= self.capacity:
                raise EngineBusyError(BUSY_MESSAGE)
            if self._executor is None:
                self._executor = self._executor_factory(self.workers)
            flight = self._flights.get(key)
            if flight is None:
                flight = self._executor.submit(job, *args)
                self._flights[key] = flight
                self.runs += 1
                flight.add_done_callback(lambda done: self._land(key, done))
            self._waiting += 1
            return flight, self._executor

    def _land(self, key: Hashable, flight: Future[Any]) -> None:
        with self._lock:
            if self._flights.get(key) is flight:
                del self._flights[key]

    def _drop(self, broken: Executor) -> None:
        # A worker killed (out of memory) breaks its whole executor: the next
        # comparison starts a new one (unless another waiter did already).
        with self._lock:
            if self._executor is broken:
                self._executor = None
        _stop(broken)

    def close(self) -> None:
        """Stop the workers; running computations are abandoned, not waited for."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            _stop(executor)


def _stop(executor: Executor) -> None:
    executor.shutdown(wait=False, cancel_futures=True)
    # A computation may run for minutes: its process is ended rather than
    # waited for (ProcessPoolExecutor has no public way before Python 3.14).
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()
