"""Random and hostile strings through one `guide-app search --stdin --json` process.

Prints how many answers were valid JSON and the answer latency (median, p99, max) seen by
the caller. Target: every answer valid, each within 100 ms.

    python benchmarks/hostile_queries.py [COUNT] [--seed N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time

PIECES = [
    '"',
    "*",
    "^",
    "NEAR(",
    ")",
    "(",
    "AND",
    "OR",
    "NOT",
    ":",
    "-",
    "+",
    "{",
    "}",
    "'",
    "\\",
    "%",
    "_",
    "withdrawal",
    "sleep",
    "can't",
    "💊",
    "é",
    "ß",
    "\u202e",
    "\u200b",
    "\x00",
    "\x1b",
    "\t",
    "title:",
    "sections",
]


def hostile_strings(count: int, seed: int = 7) -> list[str]:
    """Seeded, so a failure can be replayed: mixes FTS5 syntax, words, control and astral characters."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        kind = i % 4
        if kind == 0:
            text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        elif kind == 1:
            text = "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 60)))
        elif kind == 2:
            text = "".join(
                chr(rng.choice([rng.randint(0x20, 0x7E), rng.randint(0x1F300, 0x1FAFF)]))
                for _ in range(rng.randint(1, 40))
            )
        else:
            text = rng.choice(PIECES) * rng.randint(1, 3000)
        out.append(
            text.replace("\n", " ")
            .replace("\r", " ")
            .replace("\x85", " ")
            .replace("\u2028", " ")
            .replace("\u2029", " ")
        )
    return out


def run(count: int, seed: int, command: list[str]) -> dict:
    queries = hostile_strings(count, seed)
    process = subprocess.Popen(
        [*command, "search", "--stdin", "--json", "--limit", "5"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert process.stdin and process.stdout
    started = time.perf_counter()
    process.stdin.write(b"\n")  # warm-up: start-up and opening the index are not a query's time
    process.stdout.readline()
    ready_ms = (time.perf_counter() - started) * 1000
    latencies, valid = [], 0
    for query in queries:
        started = time.perf_counter()
        process.stdin.write(query.encode("utf-8", "surrogatepass") + b"\n")
        line = process.stdout.readline()
        latencies.append((time.perf_counter() - started) * 1000)
        try:
            valid += isinstance(json.loads(line), list)
        except ValueError:
            pass
    process.stdin.close()
    stderr = process.stderr.read().decode() if process.stderr else ""
    code = process.wait(timeout=30)
    latencies.sort()
    return {
        "queries": count,
        "valid_json": valid,
        "exit": code,
        "stderr": stderr.strip()[:200],
        "ready_ms": ready_ms,
        "median_ms": statistics.median(latencies),
        "p99_ms": latencies[int(0.99 * (count - 1))],
        "max_ms": latencies[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--command", default=f"{sys.executable} -m guide_app", help="how to run guide-app")
    args = parser.parse_args()
    figures = run(args.count, args.seed, args.command.split())
    for key, value in figures.items():
        print(f"{key:>11}: {value:.2f}" if isinstance(value, float) else f"{key:>11}: {value}")


if __name__ == "__main__":
    main()
