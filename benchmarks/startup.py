"""Start-up to the first window shown, against a bare PySide6 window, in the same run.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--command CMD ...] [--content DIR] [--offscreen] [--floor]

Starts the bare window (benchmarks/bare_window.py) and each app command in turn, N
times each, alternating so that a noisy machine hurts every command alike. The time
is from spawning the process to its first painted page (the app prints
"first-shown <monotonic time>" under GUIDE_APP_EXIT_AFTER_SHOW=1, then quits);
memory is the child's peak resident set size when it first paints (VmHWM in
/proc/PID/status; getrusage through wait4 where /proc is missing). Prints medians
and the ratio of each command to the bare window.

Every run gets its own empty config and settings folders and one shared cache folder,
warmed before timing (the search index is built once, as on a clinic's second day).
Runs under Xvfb when DISPLAY is unset (started here on a free display and stopped at
the end), or under QT_QPA_PLATFORM=offscreen with --offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from map_watch import MapUnavailable, MapWatcher  # noqa: E402

BARE = [sys.executable, str(HERE / "bare_window.py")]
APP = [sys.executable, "-m", "guide_app"]
FLOOR = "widgets alone (widget_floor.py)"  # the app's first window without the app: no target of its own
FLOOR_COMMAND = [sys.executable, str(HERE / "widget_floor.py")]
TIMEOUT = 120.0
SETTLE_MS = 1000  # the settled memory: this long after the first paint (the index open, the window idle)


@contextmanager
def display(offscreen: bool):
    """Yields (environment changes, description): the user's display, a fresh Xvfb, or offscreen."""
    if offscreen:
        yield {"QT_QPA_PLATFORM": "offscreen"}, "QT_QPA_PLATFORM=offscreen"
        return
    if os.environ.get("DISPLAY"):
        yield {"QT_QPA_PLATFORM": "xcb"}, f"the X display {os.environ['DISPLAY']} (xcb)"
        return
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("startup.py: Xvfb did not start; set DISPLAY or use --offscreen")
    try:
        yield (
            {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"},
            f"Xvfb :{number} (xcb, 1280x1024x24, no window manager)",
        )
    finally:
        server.terminate()
        server.wait(10)


def private_env(root: Path, extra: dict[str, str]) -> dict[str, str]:
    """The user's environment with its own config, cache and data folders under `root`."""
    env = dict(os.environ)
    env.update(extra)
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        folder = root / var.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[var] = str(folder)
    env["GUIDE_APP_EXIT_AFTER_SHOW"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def memory_mib(pid: int) -> tuple[float | None, float | None]:
    """The process's (peak resident memory so far (VmHWM), resident memory now (VmRSS)), if /proc tells it."""
    found: dict[str, float] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    found[line[:5]] = int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return found.get("VmHWM"), found.get("VmRSS")


def peak_rss_mib(pid: int) -> float | None:
    """The process's peak resident memory so far (VmHWM), if /proc tells it."""
    return memory_mib(pid)[0]


def run_once(argv: list[str], env: dict[str, str], watcher: MapWatcher | None = None) -> dict:
    """One start-up: seconds to the first paint (the app's report) and to the window mapped (the X
    server's MapNotify, seen by `watcher`), the peak RSS at the first paint, the RSS and peak RSS
    SETTLE_MS later (under GUIDE_APP_SETTLE_MS), and whether the child reported and exited 0."""
    if watcher is not None:
        watcher.drain()
    start = time.monotonic()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    shown = peak = settled = settled_peak = None
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("first-shown "):
            shown = float(line.split()[1])
            peak = peak_rss_mib(child.pid)
            if "GUIDE_APP_SETTLE_MS" not in env:
                break
        elif line.startswith("settled"):
            settled_peak, settled = memory_mib(child.pid)
            break
    child.stdout.close()
    deadline = time.monotonic() + TIMEOUT
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            child.kill()
            _, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.002)
    child.returncode = os.waitstatus_to_exitcode(status)
    end = shown if shown is not None else time.monotonic()
    mapped = watcher.first_map_after(start, timeout=2.0) if watcher is not None else None
    # getrusage's maxrss of a child counts what it inherited from this process at fork: a
    # big parent (scale.py) would inflate it, so the child's own peak is read from /proc.
    mib = peak if peak is not None else usage.ru_maxrss / 1024
    return {
        "paint_s": end - start,
        "map_s": None if mapped is None else mapped - start,
        "peak_mib": mib,
        "settled_mib": settled,
        "settled_peak_mib": settled_peak,
        "ok": shown is not None and child.returncode == 0,
    }


def _median(values: list) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def measure(
    commands: dict[str, list[str]], runs: int, env: dict[str, str], watcher: MapWatcher | None = None
) -> dict[str, dict]:
    """Alternate the commands `runs` times; medians in ms and MiB for each."""
    rows: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            rows[name].append(run_once(argv, env, watcher))
    figures = {}
    for name, runs_of in rows.items():
        times = [r["paint_s"] * 1000 for r in runs_of]
        maps = [r["map_s"] * 1000 for r in runs_of if r["map_s"] is not None]
        figures[name] = {
            "median_ms": statistics.median(times),
            "min_ms": min(times),
            "max_ms": max(times),
            "map_median_ms": statistics.median(maps) if maps else None,
            "map_min_ms": min(maps) if maps else None,
            "map_max_ms": max(maps) if maps else None,
            "maps_seen": len(maps),
            "peak_rss_mib": statistics.median(r["peak_mib"] for r in runs_of),
            "settled_rss_mib": _median([r["settled_mib"] for r in runs_of]),
            "settled_peak_rss_mib": _median([r["settled_peak_mib"] for r in runs_of]),
            "reported_first_paint": all(r["ok"] for r in runs_of),
            "runs": runs,
        }
    return figures


def warm(argv: list[str], env: dict[str, str], content: str | None) -> None:
    """Build and cache the search index, and let Python write its bytecode, before timing."""
    search = [*argv, "search", "warm"] + (["--content", content] if content else [])
    subprocess.run(search, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=3600, check=False)
    run_once(argv + (["--content", content] if content else []), env)


def startup_figures(
    app_commands: dict[str, list[str]],
    runs: int,
    offscreen: bool = False,
    content: str | None = None,
    cache: Path | None = None,
    floor: bool = False,
    settle_ms: int = SETTLE_MS,
) -> tuple[dict[str, dict], str]:
    """Time the bare window and each app command; returns figures (with ratios) and the display used.

    `cache` is a search index file already built for `content`: it is put where the app
    looks for it instead of building one (which takes minutes for a big pack). `settle_ms`
    0 leaves out the settled memory (each run then quits at its first paint)."""
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as root, display(offscreen) as (extra, where):
        env = private_env(Path(root), extra)
        if cache is not None:
            folder = Path(env["XDG_CACHE_HOME"]) / "guide-app"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / cache.name).symlink_to(cache.resolve())
        run_once(BARE, env)
        for argv in app_commands.values():
            warm(argv, env, content)
        if settle_ms:
            env["GUIDE_APP_SETTLE_MS"] = str(settle_ms)
        commands = {"bare": BARE} | ({FLOOR: FLOOR_COMMAND} if floor else {})
        for name, argv in app_commands.items():
            commands[name] = argv + (["--content", content] if content else [])
        watcher = None
        if not offscreen:
            try:
                watcher = MapWatcher(env["DISPLAY"])
            except MapUnavailable as error:
                print(f"startup.py: no map times ({error})", file=sys.stderr)
        try:
            figures = measure(commands, runs, env, watcher)
        finally:
            if watcher is not None:
                watcher.close()
    bare = figures["bare"]
    for name in [*app_commands, *([FLOOR] if floor else [])]:
        row = figures[name]
        row["ratio"] = row["median_ms"] / bare["median_ms"]
        row["memory_ratio"] = row["peak_rss_mib"] / bare["peak_rss_mib"]
        if row["map_median_ms"] is not None and bare["map_median_ms"]:
            row["map_ratio"] = row["map_median_ms"] / bare["map_median_ms"]
        if row["settled_rss_mib"] is not None and bare["settled_rss_mib"]:
            row["settled_ratio"] = row["settled_rss_mib"] / bare["settled_rss_mib"]
    return figures, where


def print_figures(
    figures: dict[str, dict],
    where: str,
    target: float,
    memory_target: float | None = 1.3,
    first_paint_memory_target: float | None = None,
) -> None:
    """The table, and whether each target is met: start-up (painted and mapped), the settled memory
    (`memory_target`) and the memory at the first paint (`first_paint_memory_target`), as ratios."""
    runs = figures["bare"]["runs"]
    print(f"Start-up, {runs} runs each, alternating, under {where}")
    print("  first paint: the app's own report; mapped: the X server's MapNotify, seen by another X client")
    print(
        f"  {'command':<34} {'paint':>7} {'min':>6} {'max':>6} {'ratio':>6} {'mapped':>7} {'ratio':>6}"
        f" {'peak':>9} {'ratio':>6} {'settled':>9} {'ratio':>6}"
    )

    def ms(value) -> str:
        return "" if value is None else f"{value:.0f}ms"

    def mib(value) -> str:
        return "" if value is None else f"{value:.1f}MiB"

    def x(row, key) -> str:
        return f"{row[key]:.2f}x" if key in row else ""

    for name, row in figures.items():
        label = "bare PySide6 window + QTextBrowser" if name == "bare" else name
        flag = "" if row["reported_first_paint"] else "  (a run failed or never reported its first paint)"
        if row["map_median_ms"] is not None and row["maps_seen"] < row["runs"]:
            flag += f"  (mapped seen in {row['maps_seen']} of {row['runs']} runs)"
        print(
            f"  {label[:34]:<34} {ms(row['median_ms']):>7} {ms(row['min_ms']):>6} {ms(row['max_ms']):>6}"
            f" {x(row, 'ratio'):>6} {ms(row['map_median_ms']):>7} {x(row, 'map_ratio'):>6}"
            f" {mib(row['peak_rss_mib']):>9} {x(row, 'memory_ratio'):>6}"
            f" {mib(row['settled_rss_mib']):>9} {x(row, 'settled_ratio'):>6}{flag}"
        )
    apps = [row for name, row in figures.items() if "ratio" in row and name != FLOOR]
    worst = max((max(row["ratio"], row.get("map_ratio", 0.0)) for row in apps), default=0.0)
    print(
        f"  target: start-up (paint and mapped) at most {target:.1f}x the bare window -> {'met' if worst <= target else 'MISSED'}"
    )
    settled = [row["settled_ratio"] for row in apps if "settled_ratio" in row]
    if settled and memory_target is not None:
        verdict = "met" if max(settled) <= memory_target else "MISSED"
        print(f"  target: settled memory at most {memory_target:.1f}x the bare window's -> {verdict}")
    if apps and first_paint_memory_target is not None:
        worst = max(row["memory_ratio"] for row in apps)
        verdict = "met" if worst <= first_paint_memory_target else "MISSED"
        print(
            f"  target: memory at the first paint at most {first_paint_memory_target:.1f}x the bare window's -> {verdict}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument(
        "--command",
        action="append",
        default=[],
        metavar="CMD",
        help="another app command to time, e.g. dist/guide-app/guide-app (may repeat)",
    )
    parser.add_argument("--no-module", action="store_true", help="do not time 'python -m guide_app'")
    parser.add_argument("--content", metavar="DIR", help="content pack given to every app command")
    parser.add_argument("--offscreen", action="store_true", help="QT_QPA_PLATFORM=offscreen instead of Xvfb")
    parser.add_argument(
        "--floor", action="store_true", help="also time the app's first window without the app (widget_floor.py)"
    )
    parser.add_argument("--target", type=float, default=1.3, help="the ratio to meet (default 1.3)")
    parser.add_argument(
        "--settle-ms",
        type=int,
        default=SETTLE_MS,
        help=f"read the settled memory this long after the first paint (default {SETTLE_MS}; 0: leave it out)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    commands: dict[str, list[str]] = {} if args.no_module else {"python -m guide_app": APP}
    for command in args.command:
        commands[command] = shlex.split(command)
    if not commands:
        parser.error("nothing to time")
    figures, where = startup_figures(
        commands, args.runs, args.offscreen, args.content, floor=args.floor, settle_ms=args.settle_ms
    )
    if args.json:
        print(json.dumps({"display": where, "figures": figures}, indent=2))
    else:
        print_figures(figures, where, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
