"""Engine benchmark: speed against the usual peers, scaling, memory, determinism.

    python -m bench.engine [--quick]

1. The seed pair in process: `compare()` against the diffs an editor would
   otherwise use (`bench.peers`), medians and ratios to Diptych's median.
2. Scaling: pairs 1x, 4x, 16x and 64x the seed (`bench.corpus`), the fitted
   exponent of time against words, and line-based HtmlDiff at 64x.
3. The real command, `diptych compare L R --format json`, on the 64x pair:
   peak resident memory and wall time.
4. Determinism: that command run twice, under two hash seeds, gives
   byte-identical JSON.

Timings are medians of several runs with the garbage collector off (this is
a shared 2-core machine: single runs are noisy). `--quick` runs fewer
repetitions and skips the slow 64x peers. The report goes to stdout and, as
JSON, to bench/results/engine.json; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.core import compare
from bench.corpus import Pair, scaled_pair, seed_pair
from bench.peers import (
    TIME_COMMAND,
    CommandRun,
    Run,
    Timed,
    command_runs,
    htmldiff_lines,
    htmldiff_sentences,
    say,
    seed_peers,
    time_run,
    with_ratios,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "engine.json"
SIZES = (1, 4, 16, 64)
# Targets the engine is held to.
SEED_MAX_MS = 10.0
SEED_MIN_SPEEDUP = 5.0  # over HtmlDiff.make_table on lines
LARGEST_MAX_S = 2.0
MAX_EXPONENT = 1.2
PEAK_MAX_MB = 300.0


@dataclass(frozen=True, slots=True)
class Settings:
    quick: bool
    seed_runs: int  # per cheap peer, and for the engine on the seed pair
    slow_runs: int  # per slow peer on the seed pair
    scale_runs: dict[int, int]  # copies -> runs


FULL = Settings(False, 31, 3, {1: 21, 4: 11, 16: 5, 64: 3})
QUICK = Settings(True, 21, 1, {1: 11, 4: 5, 16: 3, 64: 1})


@dataclass(frozen=True, slots=True)
class Size:
    copies: int
    words: int
    median_s: float
    runs: int


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    value: str
    goal: str
    met: bool


@dataclass(slots=True)
class Report:
    quick: bool
    machine: str
    engine: str
    seed_words: int
    seed: list[Timed]
    sizes: list[Size]
    exponent_fit: float
    exponent_16_64: float
    peers_64: list[Timed]
    command: list[CommandRun]
    memory_source: str
    identical_json: bool
    targets: list[Target] = field(default_factory=list)


def compare_run(pair: Pair) -> Run:
    return lambda: compare(pair.left, pair.right)


def seed_timings(pair: Pair, settings: Settings) -> list[Timed]:
    say("seed pair")
    engine = time_run("Diptych compare()", compare_run(pair), settings.seed_runs)
    timings = [engine]
    for peer in seed_peers():
        runs = settings.slow_runs if peer.slow else settings.seed_runs
        timings.append(time_run(peer.name, peer.prepare(pair.left, pair.right), runs))
    return with_ratios(timings, engine.median_s)


def scaling(seed: Pair, settings: Settings) -> tuple[list[Size], Pair]:
    """Times at each size, and the largest pair (for the peers and the command)."""
    say("scaling")
    sizes: list[Size] = []
    pair = seed
    for copies in SIZES:
        pair = scaled_pair(seed, copies)
        runs = settings.scale_runs[copies]
        # No warm-up: the seed runs warmed the engine, and at 64x it would cost seconds.
        timed = time_run(f"compare() {copies}x", compare_run(pair), runs, warmup=False)
        sizes.append(Size(copies, pair.words, timed.median_s, runs))
    return sizes, pair


def exponents(sizes: list[Size]) -> tuple[float, float]:
    """Slope of log time against log words: least squares over all sizes, and the last step."""
    xs = [math.log(size.words) for size in sizes]
    ys = [math.log(size.median_s) for size in sizes]
    fit = statistics.linear_regression(xs, ys).slope
    tail = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    return fit, tail


def largest_peers(pair: Pair, engine_s: float) -> list[Timed]:
    say("HtmlDiff at 64x (one run each)")
    timings = [
        time_run("difflib.HtmlDiff.make_table lines", htmldiff_lines(pair.left, pair.right), 1),
        time_run(
            "difflib.HtmlDiff.make_table sentences", htmldiff_sentences(pair.left, pair.right), 1
        ),
    ]
    return with_ratios(timings, engine_s)


def engine_version() -> str:
    """The commit measured, and whether app/ differed from it (read-only git calls)."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    try:
        head = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        clean = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", "app"]).returncode == 0
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return head if clean else f"{head} + uncommitted changes in app/"


def same_version(before: str, after: str) -> str:
    # The work tree may be edited while the bench runs; then say so, since
    # the in-process runs and the command may have measured different code.
    return before if before == after else f"CHANGED DURING THE RUN: {before} -> {after}"


def judge(report: Report) -> list[Target]:
    engine = report.seed[0]
    htmldiff = next(t for t in report.seed if t.name == "difflib.HtmlDiff.make_table lines")
    largest = report.sizes[-1].median_s
    peak = max(run.peak_mb for run in report.command)
    return [
        Target("seed compare() median", f"{engine.median_s * 1000:.1f} ms",
               f"<= {SEED_MAX_MS:g} ms", engine.median_s * 1000 <= SEED_MAX_MS),
        Target("seed speed-up over HtmlDiff lines", f"{htmldiff.ratio:.1f}x",
               f">= {SEED_MIN_SPEEDUP:g}x", htmldiff.ratio >= SEED_MIN_SPEEDUP),
        Target("64x compare() median", f"{largest:.2f} s",
               f"<= {LARGEST_MAX_S:g} s", largest <= LARGEST_MAX_S),
        Target("exponent, fit 1x-64x", f"{report.exponent_fit:.2f}",
               f"<= {MAX_EXPONENT:g}", report.exponent_fit <= MAX_EXPONENT),
        Target("exponent, 16x-64x", f"{report.exponent_16_64:.2f}",
               f"<= {MAX_EXPONENT:g}", report.exponent_16_64 <= MAX_EXPONENT),
        Target("peak RSS, diptych compare 64x", f"{peak:.0f} MB",
               f"<= {PEAK_MAX_MB:g} MB", peak <= PEAK_MAX_MB),
        Target("64x JSON identical, two runs", "yes" if report.identical_json else "no",
               "yes", report.identical_json),
    ]  # fmt: skip


def measure(settings: Settings) -> Report:
    version = engine_version()
    seed = seed_pair()
    seed_results = seed_timings(seed, settings)
    sizes, largest = scaling(seed, settings)
    fit, tail = exponents(sizes)
    peers_64 = [] if settings.quick else largest_peers(largest, sizes[-1].median_s)
    runs = command_runs(largest)
    report = Report(
        quick=settings.quick,
        engine=same_version(version, engine_version()),
        machine=f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}",
        seed_words=seed.words,
        seed=seed_results,
        sizes=sizes,
        exponent_fit=fit,
        exponent_16_64=tail,
        peers_64=peers_64,
        command=runs,
        memory_source="/usr/bin/time %M" if TIME_COMMAND.exists() else "getrusage(RUSAGE_CHILDREN)",
        identical_json=all(run.exit_code == 0 for run in runs)
        and len({run.sha256 for run in runs}) == 1,
    )
    report.targets = judge(report)
    return report


def timing_lines(title: str, timings: list[Timed], unit: str = "ms") -> list[str]:
    scale = 1000 if unit == "ms" else 1
    lines = [f"{title:<42} {'median':>13} {'runs':>5} {'vs Diptych':>11}"]
    for t in timings:
        median = f"{t.median_s * scale:.1f} {unit}"
        lines.append(f"  {t.name:<40} {median:>13} {t.runs:>5} {t.ratio:>10.2f}x")
    return lines


def scaling_lines(report: Report) -> list[str]:
    lines = [f"{'Scaling (each copy edited)':<42} {'words':>13} {'median':>9} {'runs':>5}"]
    for size in report.sizes:
        copies = f"{size.copies}x"
        lines.append(f"  {copies:<40} {size.words:>13} {size.median_s:>7.3f} s {size.runs:>5}")
    lines.append(
        f"  time ~ words^k: k = {report.exponent_fit:.2f} (log-log fit 1x-64x),"
        f" {report.exponent_16_64:.2f} (16x-64x)"
    )
    return lines


def command_lines(report: Report) -> list[str]:
    lines = [f"diptych compare L R --format json, 64x pair (peak RSS: {report.memory_source})"]
    for number, run in enumerate(report.command, 1):
        lines.append(
            f"  run {number}: exit {run.exit_code}, peak RSS {run.peak_mb:.0f} MB,"
            f" wall {run.wall_s:.2f} s, {run.output_bytes} bytes, sha256 {run.sha256[:16]}"
        )
    lines.append(f"  identical JSON: {'yes' if report.identical_json else 'no'}")
    return lines


def report_lines(report: Report) -> list[str]:
    mode = "quick" if report.quick else "full"
    lines = [f"Diptych engine benchmark ({mode} run; {report.machine})"]
    lines += [f"engine: {report.engine}", ""]
    lines += timing_lines(f"Seed pair ({report.seed_words} words)", report.seed)
    lines += ["", *scaling_lines(report)]
    if report.peers_64:
        lines += ["", *timing_lines("Peers at 64x (one run each)", report.peers_64, "s")]
    lines += ["", *command_lines(report)]
    lines += ["", f"{'Targets':<36} {'value':>10} {'goal':>11}"]
    for target in report.targets:
        verdict = "met" if target.met else "MISSED"
        lines.append(f"  {target.name:<34} {target.value:>10} {target.goal:>11}  {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions; skip HtmlDiff at 64x"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report = measure(QUICK if args.quick else FULL)
    print("\n".join(report_lines(report)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(asdict(report), indent=2) + "\n", encoding="utf-8")
    print(f"\nresults: {RESULTS} (bench took {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
