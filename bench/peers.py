"""What the bench runs: the diffs an editor would otherwise reach for, the
timer every in-process run goes through, and the real `diptych` command.

Each peer does the whole job it is used for, output included (HtmlDiff
renders its table, redlines its markdown), as Diptych's `compare` builds its
whole comparison; only input preparation that a caller would do once (cutting
into lines) is left out of the timed call, by `prepare`.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import importlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import diff_match_patch
import fast_diff_match_patch

from app.core.worddiff.tokens import encode_pair, tokenize
from bench.corpus import Pair, sentence_lines

TIME_COMMAND = Path("/usr/bin/time")

# A prepared peer: a call with no arguments that does the timed work.
Run = Callable[[], object]


@dataclass(frozen=True, slots=True)
class Peer:
    name: str
    prepare: Callable[[str, str], Run]
    slow: bool = False  # timed fewer times: one run takes about a second


@dataclass(frozen=True, slots=True)
class Timed:
    name: str
    median_s: float
    runs: int
    ratio: float = 1.0  # this median over Diptych's on the same pair


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def time_run(name: str, run: Run, runs: int, warmup: bool = True) -> Timed:
    """Median wall time of `runs` calls, garbage collector off while timed."""
    if warmup:
        run()  # first-call costs (imports, regex compiles, caches) are not measured
    seconds: list[float] = []
    for _ in range(runs):
        gc.collect()  # so no run pays for the garbage of the previous one
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            seconds.append(time.perf_counter() - start)
        finally:
            gc.enable()
    timed = Timed(name, statistics.median(seconds), runs)
    say(f"  {name}: {timed.median_s * 1000:.1f} ms (median of {runs})")
    return timed


def with_ratios(timings: list[Timed], base_s: float) -> list[Timed]:
    return [replace(t, ratio=t.median_s / base_s) for t in timings]


def htmldiff_lines(left: str, right: str) -> Run:
    left_lines, right_lines = left.splitlines(), right.splitlines()
    return lambda: difflib.HtmlDiff().make_table(left_lines, right_lines)


def htmldiff_sentences(left: str, right: str) -> Run:
    # The fairer line-based peer for articles: one sentence a line, so a
    # changed word marks one sentence rather than a whole paragraph.
    left_lines, right_lines = sentence_lines(left), sentence_lines(right)
    return lambda: difflib.HtmlDiff().make_table(left_lines, right_lines)


def dmp_chars(left: str, right: str) -> Run:
    def run() -> object:
        differ = diff_match_patch.diff_match_patch()
        # No time limit: with one, the result depends on the machine's load.
        differ.Diff_Timeout = 0
        diffs = differ.diff_main(left, right)
        differ.diff_cleanupSemantic(diffs)
        return diffs

    return run


def fdmp_words(left: str, right: str) -> Run:
    """One word diff over the whole texts, each token one character (as the engine's rows do)."""

    def run() -> object:
        left_tokens, right_tokens = tokenize(left), tokenize(right)
        encoded_left, encoded_right = encode_pair(left_tokens, right_tokens)
        ops = fast_diff_match_patch.diff(
            encoded_left,
            encoded_right,
            timelimit=0,
            checklines=False,
            cleanup="Semantic",
            counts_only=True,
        )
        return _decode(ops, left_tokens, right_tokens)

    return run


def _decode(
    ops: list[tuple[str, int]], left_tokens: list[str], right_tokens: list[str]
) -> list[tuple[str, str]]:
    # Turning counts back into text is part of the job: the engine does it too.
    pieces: list[tuple[str, str]] = []
    at_left = at_right = 0
    for op, count in ops:
        if op == "+":
            pieces.append((op, "".join(right_tokens[at_right : at_right + count])))
            at_right += count
            continue
        pieces.append((op, "".join(left_tokens[at_left : at_left + count])))
        at_left += count
        if op == "=":
            at_right += count
    return pieces


def redlines_markdown() -> Peer | None:
    """The redlines word diff (markdown output), if that optional package is installed."""
    # Imported by name so that neither the bench nor mypy needs the package.
    try:
        module = importlib.import_module("redlines")
    except ImportError:
        return None
    redlines_class = module.Redlines

    def prepare(left: str, right: str) -> Run:
        return lambda: redlines_class(left, right).output_markdown

    return Peer("redlines output_markdown (words)", prepare)


def seed_peers() -> list[Peer]:
    """The peers timed on the seed pair, cheapest first."""
    peers = [
        Peer("fast_diff_match_patch words", fdmp_words),
        Peer("difflib.HtmlDiff.make_table lines", htmldiff_lines),
        Peer("difflib.HtmlDiff.make_table sentences", htmldiff_sentences),
        Peer("diff_match_patch chars (pure Python)", dmp_chars, slow=True),
    ]
    optional = redlines_markdown()
    if optional:
        peers.insert(1, optional)
    return peers


@dataclass(frozen=True, slots=True)
class CommandRun:
    exit_code: int
    peak_mb: float
    wall_s: float
    output_bytes: int
    sha256: str


def diptych_command() -> Path:
    # The console script installed beside the interpreter running the bench.
    command = Path(sys.executable).with_name("diptych")
    if not command.exists():
        raise SystemExit(f"{command} not found: install the project (make test) first")
    return command


def run_command(left: Path, right: Path, output: Path, hash_seed: str) -> CommandRun:
    command = [str(diptych_command()), "compare", str(left), str(right), "--format", "json"]
    rss_file = output.with_suffix(".rss")
    if TIME_COMMAND.exists():
        command = [str(TIME_COMMAND), "-f", "%M", "-o", str(rss_file), *command]
    # A different hash seed per run, so that output depending on set or
    # dict-of-str order would show up as a difference.
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    start = time.perf_counter()
    with output.open("wb") as sink:
        # Not checked: a failing command is reported, with what it cost.
        exit_code = subprocess.run(command, stdout=sink, env=environment, check=False).returncode
    wall_s = time.perf_counter() - start
    if TIME_COMMAND.exists():
        peak_kb = int(rss_file.read_text().split()[-1])  # after any "exited with" line
    else:
        # The largest child waited for so far; the bench starts no other.
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    data = output.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    return CommandRun(exit_code, peak_kb / 1024, wall_s, len(data), digest)


def command_runs(pair: Pair) -> list[CommandRun]:
    say("diptych compare --format json at 64x (two runs)")
    with tempfile.TemporaryDirectory(prefix="diptych-bench-") as folder:
        root = Path(folder)
        left, right = root / "left.txt", root / "right.txt"
        left.write_text(pair.left, encoding="utf-8")
        right.write_text(pair.right, encoding="utf-8")
        return [run_command(left, right, root / f"out{seed}.json", seed) for seed in ("1", "2")]
