"""Large content packs: index build, search latency, start-up and memory at N pages.

    .venv/bin/python benchmarks/scale.py N [--runs 7] [--offscreen] [--profile] [--json]

Generates a pack of N pages with make_pack.py (or reuses the one made before, under
$TMPDIR/guide-bench-packs/), builds its search index once (reused too, with the
build time it took), then reports:
  - loading the pack (guide.toml files) and its fingerprint (a stat of every file);
  - the index: build time, size on disk, opening it from the cache;
  - search latency through SearchIndex.answer: every prefix of real queries typed
    letter by letter, and whole queries (p50, p95, max in ms);
  - start-up to the first painted window with the cached index, as a ratio to a
    bare PySide6 window timed in the same run (benchmarks/startup.py), and the
    app's peak resident memory against the bare window's.
--profile adds where the time goes: cProfile of opening the pack and of the slowest
queries, and of one start-up of the app.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_pack import make_pack  # noqa: E402
from search_latency import TYPED, WHOLE, percentile, prefixes  # noqa: E402
from startup import APP, display, private_env, startup_figures  # noqa: E402

PACKS = Path(os.environ.get("GUIDE_BENCH_PACKS", Path(tempfile.gettempdir()) / "guide-bench-packs"))


def timed(function, repeat: int = 1):
    """(median seconds, last result)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def pack_for(pages: int) -> tuple[Path, float | None]:
    """The generated pack of `pages` pages, made now if missing; (folder, seconds spent making it)."""
    folder = PACKS / f"pages-{pages}"
    marker = folder / ".made"
    if marker.is_file():
        return folder, None
    seconds, _ = timed(lambda: make_pack(pages, folder))
    marker.write_text(f"{pages}\n")
    return folder, seconds


def index_for(pack, folder: Path) -> tuple[Path, float]:
    """The cached index file for `pack` (built now if missing) and how long building it took."""
    from guide_app.search.index import SearchIndex

    cache = folder.with_name(folder.name + "-cache")
    path = cache / f"index-{pack.fingerprint()}.sqlite"
    record = path.with_suffix(".json")
    if path.is_file() and record.is_file():
        try:
            SearchIndex.open(path, pack).close()
            return path, json.loads(record.read_text())["build_s"]
        except sqlite3.DatabaseError:
            path.unlink()  # built by an earlier version of the app: build it again
    seconds, index = timed(lambda: SearchIndex.for_pack(pack, cache))
    index.close()
    record.write_text(json.dumps({"build_s": seconds}))
    return path, seconds


def search_figures(index, repeat: int) -> dict:
    typed = [p for query in TYPED for p in prefixes(query)]
    figures = {}
    for name, queries in (("as_you_type", typed), ("whole_queries", WHOLE)):
        first, per_query = [], {q: [] for q in queries}
        for query in queries:
            start = time.perf_counter()
            index.answer(query, 30)
            first.append((time.perf_counter() - start) * 1000)
        for _ in range(repeat):
            for query in queries:
                start = time.perf_counter()
                index.answer(query, 30)
                per_query[query].append((time.perf_counter() - start) * 1000)
        calls = first + [t for times in per_query.values() for t in times]
        figures[name] = {
            "calls": len(calls),
            "p50_ms": statistics.median(calls),
            "p95_ms": percentile(calls, 0.95),
            "max_ms": max(calls),
            "first_pass_p95_ms": percentile(first, 0.95),
            "slowest": sorted(((statistics.median(t), q) for q, t in per_query.items()), reverse=True)[:5],
        }
    every = [t for f in figures.values() for t in (f["p95_ms"],)]
    figures["p95_ms"] = max(every)
    return figures


def profile_text(function, lines: int = 14) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    function()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(lines)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def startup_profile(folder: Path, index_path: Path, offscreen: bool) -> str:
    """cProfile of one start-up of the app on this pack (cumulative, guide_app's own functions first)."""
    with tempfile.TemporaryDirectory(prefix="guide-prof-") as root, display(offscreen) as (extra, _):
        env = private_env(Path(root), extra)
        cache = Path(env["XDG_CACHE_HOME"]) / "guide-app"
        cache.mkdir(parents=True)
        (cache / index_path.name).symlink_to(index_path.resolve())
        warm = [sys.executable, "-m", "guide_app", "--content", str(folder)]  # parses and keeps guide.toml copies
        subprocess.run(warm, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False)
        output = Path(root) / "startup.prof"
        code = (
            "import cProfile, sys; from guide_app.cli import main; "
            f"sys.argv = ['guide-app', '--content', {str(folder)!r}]; cProfile.run('main()', {str(output)!r})"
        )
        command = [sys.executable, "-c", code]
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False)
        out = io.StringIO()
        stats = pstats.Stats(str(output), stream=out).strip_dirs().sort_stats("cumulative")
        stats.print_stats(r"guide_app|pack.py|contents.py|library.py|index.py|main_window.py|app.py", 22)
        return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def scale_figures(pages: int, runs: int, repeat: int, offscreen: bool, profile: bool) -> dict:
    from guide_app.content.pack import load_pack
    from guide_app.library import Library

    folder, made = pack_for(pages)
    figures: dict = {"pages": pages, "pack": str(folder), "generated_s": made}
    figures["markdown_mib"] = sum(p.stat().st_size for p in folder.rglob("*.md")) / 2**20
    figures["load_pack_s"], pack = timed(lambda: load_pack(folder), 3)
    figures["guides"] = len(pack.guides)
    figures["fingerprint_s"], _ = timed(pack.fingerprint, 3)
    # The app's pack: the guides plus its own pages (Get help), which the fingerprint covers too.
    index_path, figures["index_build_s"] = index_for(Library.open(folder, cache_dir=False).pack, folder)
    figures["index_mib"] = index_path.stat().st_size / 2**20
    cache = index_path.parent

    def open_library():
        library = Library.open(folder, cache_dir=cache)
        assert library.open_cached_index(), "the cached index did not open"
        return library

    figures["open_with_index_s"], library = timed(open_library, 3)
    home = library.pack.page(library.pack.home or "")
    figures["home_html_ms"] = timed(lambda: library.pack.page_html(home), 3)[0] * 1000
    figures["search"] = search_figures(library.index, repeat)
    figures["search_process_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if runs:
        figures["startup"], figures["display"] = startup_figures(
            {"python -m guide_app": APP}, runs, offscreen, str(folder), index_path
        )
    if profile:
        slow = [
            q for _, q in figures["search"]["as_you_type"]["slowest"] + figures["search"]["whole_queries"]["slowest"]
        ]
        figures["profile"] = {
            "open": profile_text(open_library),
            "slowest_queries": profile_text(lambda: [library.index.answer(q, 30) for q in slow]),
            "startup": startup_profile(folder, index_path, offscreen) if runs else "",
        }
    return figures


def print_figures(f: dict) -> None:
    print(
        f"Scale: {f['pages']:,} pages in {f['guides']} guide(s), {f['markdown_mib']:.0f} MiB of Markdown ({f['pack']})"
    )
    if f["generated_s"] is not None:
        print(f"  generated in {f['generated_s']:.1f} s")
    print(f"  load the pack (guide.toml)        {f['load_pack_s'] * 1000:8.0f} ms")
    print(f"  fingerprint (stat every file)     {f['fingerprint_s'] * 1000:8.0f} ms")
    print(f"  build the index                   {f['index_build_s']:8.1f} s   ({f['index_mib']:.0f} MiB on disk)")
    print(f"  open pack + cached index          {f['open_with_index_s'] * 1000:8.0f} ms")
    print(f"  first page's HTML from the index  {f['home_html_ms']:8.2f} ms")
    s = f["search"]
    for name, label in (("as_you_type", "as-you-type prefixes"), ("whole_queries", "whole queries")):
        row = s[name]
        print(
            f"  search, {label:<25} p50 {row['p50_ms']:6.2f} ms  p95 {row['p95_ms']:6.2f} ms  max {row['max_ms']:6.2f} ms"
            f"  ({row['calls']} calls; first pass p95 {row['first_pass_p95_ms']:.2f} ms)"
        )
        print("      slowest: " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in row["slowest"][:4]))
    print(f"  search p95 {s['p95_ms']:.2f} ms: target at most 25 ms -> {'met' if s['p95_ms'] <= 25 else 'MISSED'}")
    print(f"  peak RSS of this process (pack + index + searches): {f['search_process_peak_rss_mib']:.0f} MiB")
    if "startup" in f:
        bare, app = f["startup"]["bare"], f["startup"]["python -m guide_app"]
        print(f"  start-up with the cached index, {bare['runs']} runs each under {f['display']}:")
        print(f"      bare window {bare['median_ms']:.0f} ms, {bare['peak_rss_mib']:.0f} MiB")
        print(
            f"      app         {app['median_ms']:.0f} ms, {app['peak_rss_mib']:.0f} MiB"
            f"  -> {app['ratio']:.2f}x the time (target 1.5x: {'met' if app['ratio'] <= 1.5 else 'MISSED'}),"
            f" {app['memory_ratio']:.2f}x the memory"
        )
    for name, text in f.get("profile", {}).items():
        if text:
            print(f"\n--- profile: {name} ---\n{text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=int, help="pages in the generated pack (e.g. 10000)")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each command (0 to skip; default 7)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the queries (default 3)")
    parser.add_argument("--offscreen", action="store_true", help="start-up under QT_QPA_PLATFORM=offscreen")
    parser.add_argument("--profile", action="store_true", help="add where the time goes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = scale_figures(args.pages, args.runs, args.repeat, args.offscreen, args.profile)
    if args.json:
        print(json.dumps(figures, indent=2, default=str))
    else:
        print_figures(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
