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
BARE = [sys.executable, str(HERE / "bare_window.py")]
APP = [sys.executable, "-m", "guide_app"]
FLOOR = "widgets alone (widget_floor.py)"  # the app's first window without the app: no target of its own
FLOOR_COMMAND = [sys.executable, str(HERE / "widget_floor.py")]
TIMEOUT = 120.0


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


def peak_rss_mib(pid: int) -> float | None:
    """The process's peak resident memory so far (VmHWM), if /proc tells it."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, bool]:
    """(seconds to first paint, peak RSS in MiB, whether the child reported its first paint and exited 0)."""
    start = time.monotonic()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    shown = None
    peak = None
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("first-shown "):
            shown = float(line.split()[1])
            peak = peak_rss_mib(child.pid)
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
    # getrusage's maxrss of a child counts what it inherited from this process at fork: a
    # big parent (scale.py) would inflate it, so the child's own peak is read from /proc.
    mib = peak if peak is not None else usage.ru_maxrss / 1024
    return end - start, mib, shown is not None and child.returncode == 0


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, dict]:
    """Alternate the commands `runs` times; medians in ms and MiB for each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, list[float]] = {name: [] for name in commands}
    reported = dict.fromkeys(commands, True)
    for _ in range(runs):
        for name, argv in commands.items():
            seconds, mib, ok = run_once(argv, env)
            times[name].append(seconds * 1000)
            memory[name].append(mib)
            reported[name] = reported[name] and ok
    return {
        name: {
            "median_ms": statistics.median(times[name]),
            "min_ms": min(times[name]),
            "max_ms": max(times[name]),
            "peak_rss_mib": statistics.median(memory[name]),
            "reported_first_paint": reported[name],
            "runs": runs,
        }
        for name in commands
    }


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
) -> tuple[dict[str, dict], str]:
    """Time the bare window and each app command; returns figures (with ratios) and the display used.

    `cache` is a search index file already built for `content`: it is put where the app
    looks for it instead of building one (which takes minutes for a big pack)."""
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as root, display(offscreen) as (extra, where):
        env = private_env(Path(root), extra)
        if cache is not None:
            folder = Path(env["XDG_CACHE_HOME"]) / "guide-app"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / cache.name).symlink_to(cache.resolve())
        run_once(BARE, env)
        for argv in app_commands.values():
            warm(argv, env, content)
        commands = {"bare": BARE} | ({FLOOR: FLOOR_COMMAND} if floor else {})
        for name, argv in app_commands.items():
            commands[name] = argv + (["--content", content] if content else [])
        figures = measure(commands, runs, env)
    bare = figures["bare"]
    for name in [*app_commands, *([FLOOR] if floor else [])]:
        figures[name]["ratio"] = figures[name]["median_ms"] / bare["median_ms"]
        figures[name]["memory_ratio"] = figures[name]["peak_rss_mib"] / bare["peak_rss_mib"]
    return figures, where


def print_figures(figures: dict[str, dict], where: str, target: float) -> None:
    runs = figures["bare"]["runs"]
    print(f"Start-up to the first painted window, {runs} runs each, alternating, under {where}")
    print(f"  {'command':<34} {'median':>8} {'min':>7} {'max':>7} {'ratio':>7} {'peak RSS':>10} {'ratio':>6}")
    for name, row in figures.items():
        label = "bare PySide6 window + QTextBrowser" if name == "bare" else name
        ratio = f"{row['ratio']:.2f}x" if "ratio" in row else ""
        mem_ratio = f"{row['memory_ratio']:.2f}x" if "memory_ratio" in row else ""
        flag = "" if row["reported_first_paint"] else "  (a run failed or never reported its first paint)"
        print(
            f"  {label[:34]:<34} {row['median_ms']:>6.0f}ms {row['min_ms']:>5.0f}ms {row['max_ms']:>5.0f}ms"
            f" {ratio:>7} {row['peak_rss_mib']:>6.1f} MiB {mem_ratio:>6}{flag}"
        )
    worst = max((row["ratio"] for name, row in figures.items() if "ratio" in row and name != FLOOR), default=0.0)
    print(f"  target: at most {target:.1f}x the bare window -> {'met' if worst <= target else 'MISSED'}")


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
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    commands: dict[str, list[str]] = {} if args.no_module else {"python -m guide_app": APP}
    for command in args.command:
        commands[command] = shlex.split(command)
    if not commands:
        parser.error("nothing to time")
    figures, where = startup_figures(commands, args.runs, args.offscreen, args.content, floor=args.floor)
    if args.json:
        print(json.dumps({"display": where, "figures": figures}, indent=2))
    else:
        print_figures(figures, where, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
