"""Adversarial benchmark: what the costliest inputs within the limits cost.

    python -m bench.adversarial [--case NAME ...] [--quick]

Each case of `bench.hostile_inputs` is compared at a quarter of its full
size and at full size (2 MB a side; the character-granularity case up to
its own limit), each run in a process of its own so that its peak memory
(ru_maxrss) is its own. Measured is what an engine process does for one creation
(`app.engine_pool.engine_result`): the comparison and its JSON text, with
the collector held off as there. Reported per case: its CPU seconds
(resource.getrusage, not wall time: the machine may be shared), the peak
resident memory of the process at full size, and the growth exponent,
log(CPU full / CPU quarter) / log 4. Goals: at full size at most 10 s of
CPU and 500 MB, and an exponent of at most 1.2 (judged only when the full
size takes a second or more: below that, start-up noise decides the ratio).
`--quick` measures at a quarter and a sixteenth of the size instead.

The table goes to stdout and, as JSON, to bench/results/adversarial.json.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from app.engine_pool import engine_result
from bench.hostile_inputs import CASES, Case

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "adversarial.json"
MAX_CPU_S = 10.0
MAX_PEAK_MB = 500.0
MAX_EXPONENT = 1.2
EXPONENT_FROM_S = 1.0  # full-size CPU below which the exponent is not judged


@dataclass(frozen=True, slots=True)
class Run:
    size: int  # bytes a side asked for
    cpu_s: float
    peak_mb: float
    rows: int


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    what: str
    small: Run
    full: Run
    exponent: float

    @property
    def met(self) -> bool:
        exponent_ok = self.exponent <= MAX_EXPONENT or self.full.cpu_s < EXPONENT_FROM_S
        return self.full.cpu_s <= MAX_CPU_S and self.full.peak_mb <= MAX_PEAK_MB and exponent_ok


def case_named(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


def measure_here(name: str, size: int) -> Run:
    """Compare the case at `size` in this process."""
    case = case_named(name)
    left, right = case.pair(size)
    before = resource.getrusage(resource.RUSAGE_SELF)
    record = engine_result("0" * 64, left, right, case.options)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Run(size, cpu, after.ru_maxrss / 1024, sum(record.row_counts.values()))


def measure_apart(name: str, size: int) -> Run:
    """Compare the case at `size` in a process of its own."""
    command = [sys.executable, "-m", "bench.adversarial", "--child", name, str(size)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return Run(**json.loads(output.stdout))


def measure(case: Case, quick: bool) -> Result:
    full = case.full_size // 4 if quick else case.full_size
    print(f"{case.name}: {full // 4:,} and {full:,} bytes a side", file=sys.stderr)
    small_run, full_run = measure_apart(case.name, full // 4), measure_apart(case.name, full)
    ratio = full_run.cpu_s / max(small_run.cpu_s, 1e-3)
    return Result(case.name, case.what, small_run, full_run, math.log(ratio) / math.log(4))


def table(results: list[Result]) -> str:
    lines = [
        "| case | input | size a side | CPU s (¼ → full) | peak MB | exponent | rows | goals |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.what} | {r.full.size / 1e6:g} MB | "
            f"{r.small.cpu_s:.2f} → {r.full.cpu_s:.2f} | {r.full.peak_mb:.0f} | "
            f"{r.exponent:.2f} | {r.full.rows:,} | {'met' if r.met else 'MISSED'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--case", action="append", help="only this case (repeatable)")
    parser.add_argument("--quick", action="store_true", help="a quarter of the sizes")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(asdict(measure_here(args.child[0], int(args.child[1])))))
        return 0
    started = time.perf_counter()
    cases = [case_named(name) for name in args.case] if args.case else list(CASES)
    results = [measure(case, args.quick) for case in cases]
    print(table(results))
    print(
        f"\ngoals at full size: CPU <= {MAX_CPU_S:g} s, peak <= {MAX_PEAK_MB:g} MB, exponent "
        f"<= {MAX_EXPONENT:g} (judged from {EXPONENT_FROM_S:g} s of CPU at full size)"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n", "utf-8")
    print(f"results: {RESULTS} (bench took {time.perf_counter() - started:.0f} s)")
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
