"""Load benchmark: mixed traffic on a real `diptych serve`, from wrk with a Lua script.

    python -m bench.load [--seconds 60] [--connections 20] [--workers 1]

Starts the server (a fresh SQLite file, the seed pair loaded) on a free port,
warms it up for 2 s, then for `--seconds` sends, at `--connections` concurrent
connections on loopback:
- 10% POST /api/comparisons of a seed-sized pair (the seed pair with one word
  of the copy replaced by a word unique to the request, so each is a new
  comparison the engine computes and the store writes);
- 60% GET the seed comparison page;
- 30% GET its JSON twin.
Reports throughput, latency p50/p99 over all requests, the count of each
status and of socket errors (there must be none), and writes
bench/results/load.json. The Lua script is written to a temporary file.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.web import parse_wrk, running_server, seed_page_url

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "load.json"
PAIR = ROOT / "seeds" / "peace-talks"
MIX = {"post": 10, "page": 60, "json": 30}  # percent of requests
PLACEHOLDER = "@@WORD@@"
WRK_TIMEOUT = "5s"  # a request slower than this counts as a socket error (timeout)

LUA = """-- Mixed traffic for bench/load.py (generated; see its docstring).
local post_share, page_share = {post}, {page}
local page_path, json_path = "{page_path}", "{json_path}"
local body_head = [==[{body_head}]==]
local body_tail = [==[{body_tail}]==]
local run = "{run}"
local json_headers = {{["Content-Type"] = "application/json"}}
local threads = {{}}
counter = 0
statuses = {{}}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
end

function request()
  local roll = math.random(100)
  if roll <= post_share then
    counter = counter + 1
    local word = "w" .. run .. "t" .. id .. "n" .. counter .. "r" .. math.random(1000000)
    return wrk.format("POST", "/api/comparisons", json_headers, body_head .. word .. body_tail)
  elseif roll <= post_share + page_share then
    return wrk.format("GET", page_path)
  end
  return wrk.format("GET", json_path)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {{}}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {{}}
  for status, count in pairs(total) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  io.write("STATUSES {{" .. table.concat(parts, ", ") .. "}}\\n")
end
"""


def post_body_parts() -> tuple[str, str]:
    """The JSON body of a creation, cut where the request's own word goes."""
    original = (PAIR / "original.txt").read_text(encoding="utf-8")
    copy = (PAIR / "copy.txt").read_text(encoding="utf-8")
    assert "Putin" in copy
    body = {
        "title": "Load test",
        "left": {"text": original, "label": "Original"},
        "right": {"text": copy.replace("Putin", PLACEHOLDER, 1), "label": "Copy"},
    }
    encoded = json.dumps(body)  # ASCII only: safe inside a Lua long string
    head, tail = encoded.split(PLACEHOLDER)
    assert "]==]" not in encoded
    return head, tail


def lua_script(page_path: str, json_path: str, run: str) -> str:
    head, tail = post_body_parts()
    return LUA.format(
        post=MIX["post"],
        page=MIX["page"],
        page_path=page_path,
        json_path=json_path,
        body_head=head,
        body_tail=tail,
        run=run,
    )


def run_wrk(base: str, script: Path, seconds: int, connections: int) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", f"--timeout={WRK_TIMEOUT}"]
    command += ["--latency", "-s", str(script), base + "/"]
    finished = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    output = finished.stdout
    results: dict[str, Any] = dict(parse_wrk(output))
    statuses = re.search(r"^STATUSES (\{.*\})$", output, re.M)
    results["statuses"] = json.loads(statuses.group(1)) if statuses else {}
    results["requests"] = sum(results["statuses"].values())
    return results


def stored_count(base: str) -> int:
    with urllib.request.urlopen(base + "/api/comparisons?limit=1", timeout=10) as response:
        listing: dict[str, Any] = json.load(response)
    total: int = listing["total"]
    return total


def measure(args: argparse.Namespace) -> dict[str, Any]:
    # One client (wrk) creating many comparisons a second: the rate limit is off.
    unlimited = ("--rate-creations", "0")
    with running_server(args.workers, unlimited) as base, tempfile.TemporaryDirectory() as folder:
        page_url = seed_page_url(base)
        page_path = page_url.removeprefix(base)
        json_path = page_path + ".json"
        script = Path(folder) / "load_mix.lua"
        nonce = str(int(time.time()))
        script.write_text(lua_script(page_path, json_path, nonce + "warm"), encoding="utf-8")
        run_wrk(base, script, 2, args.connections)  # warm-up: caches, connections
        before = stored_count(base)
        script.write_text(lua_script(page_path, json_path, nonce), encoding="utf-8")
        results = run_wrk(base, script, args.seconds, args.connections)
        results["stored_during_run"] = stored_count(base) - before
    results.update(
        url_path=page_path,
        seconds=args.seconds,
        connections=args.connections,
        workers=args.workers,
        mix_percent=MIX,
    )
    created = results["statuses"].get("201", 0)
    results["creations_per_second"] = round(created / args.seconds, 1)
    return results


def report(results: dict[str, Any]) -> None:
    print(
        f"mixed load on {results['url_path']}: wrk, {results['connections']} connections, "
        f"{results['seconds']} s, {results['workers']} worker(s), mix {results['mix_percent']}"
    )
    rows = [
        ("requests/s", f"{results['requests_per_second']:.0f}"),
        ("p50 latency", f"{results['p50_ms']:.1f} ms"),
        ("p99 latency", f"{results['p99_ms']:.1f} ms"),
        ("creations/s (201)", f"{results['creations_per_second']:.1f}"),
        ("statuses", json.dumps(results["statuses"], sort_keys=True)),
        ("stored during the run", str(results["stored_during_run"])),
        ("non-2xx/3xx", f"{results['non_2xx']:.0f}"),
        ("socket errors", f"{results['socket_errors']:.0f}"),
    ]
    for name, value in rows:
        print(f"  {name:24s} {value}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    results = measure(args)
    report(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    if results["socket_errors"] or results["non_2xx"]:
        raise SystemExit("errors under load: see above")


if __name__ == "__main__":
    main()
