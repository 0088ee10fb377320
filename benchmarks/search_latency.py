"""Search latency on the bundled guide (or --content DIR), through SearchIndex.answer.

    .venv/bin/python benchmarks/search_latency.py [--content DIR] [--repeat 10] [--json]

Times what the search box does on every keystroke: each prefix of a set of real
queries ("w", "wi", ... "withdrawal symptoms"), and whole queries of one and two
words, typos and everyday words included. The index is the cached one the app opens
(built once into a temporary folder first). Figures are per call to
SearchIndex.answer(text, 30), in milliseconds: p50, p95 and max over every call;
the first pass (cold caches) is reported apart.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

TYPED = ["withdrawal symptoms", "can't sleep", "cold turkey", "insomia", "rehab", "klonopin dose", "seizures"]
WHOLE = [
    "withdrawal symptoms",
    "medical supervision",
    "support groups",
    "relapse prevention",
    "treatment programs",
    "side effects",
    "panic disorder",
    "tapering schedule",
    "inpatient rehab",
    "group therapy",
    "withdrawl",
    "klonopn",
    "throwing up",
    "shaking",
    "benzo",
    "how long does detox take",
]


def prefixes(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def summary(times_ms: list[float]) -> dict:
    return {
        "calls": len(times_ms),
        "p50_ms": statistics.median(times_ms),
        "p95_ms": percentile(times_ms, 0.95),
        "max_ms": max(times_ms),
    }


def time_queries(index, queries: list[str], repeat: int) -> tuple[dict, dict, list[tuple[float, str]], list[float]]:
    """(cold first pass, warm passes, slowest warm queries by median, every warm time)."""
    cold = []
    for query in queries:
        start = time.perf_counter()
        index.answer(query, 30)
        cold.append((time.perf_counter() - start) * 1000)
    per_query: dict[str, list[float]] = {query: [] for query in queries}
    for _ in range(repeat):
        for query in queries:
            start = time.perf_counter()
            index.answer(query, 30)
            per_query[query].append((time.perf_counter() - start) * 1000)
    warm = [t for times in per_query.values() for t in times]
    slowest = sorted(((statistics.median(t), q) for q, t in per_query.items()), reverse=True)[:5]
    return summary(cold), summary(warm), slowest, warm


def open_index(content: str | None, cache: Path):
    """The index as the app opens it: built into `cache` once, then opened from disk."""
    from guide_app.library import Library

    library = Library.open(content, cache_dir=cache)
    start = time.perf_counter()
    library.index  # noqa: B018 (builds and caches it)
    built = time.perf_counter() - start
    library = Library.open(content, cache_dir=cache)
    start = time.perf_counter()
    assert library.open_cached_index()
    opened = time.perf_counter() - start
    return library.index, built, opened


def latency_figures(content: str | None = None, repeat: int = 10, cache: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="guide-search-") as temporary:
        index, built, opened = open_index(content, cache or Path(temporary))
        typed = [p for query in TYPED for p in prefixes(query)]
        figures = {"index_build_s": built, "index_open_ms": opened * 1000}
        every: list[float] = []
        for name, queries in (("as_you_type", typed), ("whole_queries", WHOLE)):
            cold, warm, slowest, times = time_queries(index, queries, repeat)
            figures[name] = {"cold": cold, "warm": warm, "slowest": slowest}
            every += times
        figures["all"] = summary(every)
        index.close()
    return figures


def print_figures(figures: dict, target_ms: float) -> None:
    print(f"Search latency through SearchIndex.answer (limit 30); index built in {figures['index_build_s']:.2f} s,")
    print(f"opened from the cache in {figures['index_open_ms']:.1f} ms")
    print(f"  {'queries':<34} {'calls':>6} {'p50':>8} {'p95':>8} {'max':>8}")
    for name, label in (("as_you_type", "as-you-type prefixes"), ("whole_queries", "whole queries")):
        for phase in ("warm", "cold"):
            row = figures[name][phase]
            tag = f"{label}, {'first pass' if phase == 'cold' else 'repeated'}"
            print(
                f"  {tag[:34]:<34} {row['calls']:>6} {row['p50_ms']:>6.2f}ms {row['p95_ms']:>6.2f}ms {row['max_ms']:>6.2f}ms"
            )
    slow = ", ".join(
        f"{q!r} {t:.2f}ms" for t, q in figures["as_you_type"]["slowest"][:3] + figures["whole_queries"]["slowest"][:3]
    )
    print(f"  slowest (median): {slow}")
    p95 = figures["all"]["p95_ms"]
    print(
        f"  all queries p95 {p95:.2f} ms; target at most {target_ms:g} ms -> {'met' if p95 <= target_ms else 'MISSED'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", metavar="DIR", help="content pack (default: the bundled guide)")
    parser.add_argument("--repeat", type=int, default=10, help="timed passes over the queries (default 10)")
    parser.add_argument("--target", type=float, default=5.0, help="p95 to meet, in ms (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = latency_figures(args.content, args.repeat)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_figures(figures, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
