"""The bundle's start-up to its first window, as a ratio to a bare PySide6 window in the same run.

    .venv/bin/python benchmarks/bundle_startup.py [--runs 9] [--bundle dist/guide-app/guide-app] [--offscreen]

Times three commands, alternating so that a noisy machine hurts each alike: a bare PySide6 window
holding a QTextBrowser, the app from source (`python -m guide_app`) and the bundle. Each quits as soon
as its first window is exposed and painted (the app under GUIDE_APP_EXIT_AFTER_SHOW=1), and is timed
from spawn to exit, so the app's longer tear-down counts against it. Each command has its own config,
cache and data folders, warmed once before timing (the search index is built on the first run only).
Runs under a fresh Xvfb when one is installed, otherwise (or with --offscreen) with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120

# The yardstick: the same event the app waits for (its window exposed), then quit after that frame.
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

class QuitWhenExposed(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
browser = QTextBrowser()
browser.setHtml("<h1>Bare window</h1><p>A QTextBrowser and nothing else.</p>")
window.setCentralWidget(browser)
window.resize(1100, 750)
window.show()
quitter = QuitWhenExposed()
window.windowHandle().installEventFilter(quitter)
sys.exit(app.exec())
"""


@contextmanager
def display(offscreen: bool):
    """Yields (environment for the children, a description): a fresh Xvfb, or the offscreen platform."""
    if offscreen or not shutil.which("Xvfb"):
        yield {"QT_QPA_PLATFORM": "offscreen"}, "QT_QPA_PLATFORM=offscreen"
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
    try:
        if not number:
            raise SystemExit("bundle_startup.py: Xvfb did not start; try --offscreen")
        yield {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}, f"Xvfb :{number} (xcb, no window manager)"
    finally:
        server.terminate()
        server.wait(10)


def command_env(root: Path, name: str, extra: dict[str, str]) -> dict[str, str]:
    """The environment with this command's own folders (two builds must not share an index cache)."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "DISPLAY"}}
    env.update(extra, GUIDE_APP_EXIT_AFTER_SHOW="1", HOME=str(root / name / "home"))
    # No session bus: on a fresh X display D-Bus would spend seconds starting a daemon of its own, and leave it.
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[var] = str(root / name / var.lower())
    return env


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from spawn to exit; fails loudly if the command did not exit cleanly."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bundle_startup.py: {' '.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "guide-app" / "guide-app")
    parser.add_argument("--offscreen", action="store_true", help="QT_QPA_PLATFORM=offscreen even with Xvfb")
    parser.add_argument("--target", type=float, default=1.3, help="the ratio to meet (default 1.3)")
    args = parser.parse_args(argv)
    if not os.access(args.bundle, os.X_OK):
        print(f"bundle_startup.py: no bundle at {args.bundle}; run 'make bundle' first", file=sys.stderr)
        return 1
    commands = {
        "bare PySide6 window + QTextBrowser": [sys.executable, "-c", BARE_WINDOW],
        "app from source (python -m guide_app)": [sys.executable, "-m", "guide_app"],
        "bundle (dist/guide-app/guide-app)": [str(args.bundle.resolve())],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with (
        tempfile.TemporaryDirectory(prefix="guide-bundle-startup-") as folder,
        display(args.offscreen) as (extra, where),
    ):
        root = Path(folder)
        envs = {name: command_env(root, str(number), extra) for number, name in enumerate(commands)}
        for name, command in commands.items():  # warm: index built, bytecode and font caches written
            run_once(command, envs[name], root)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(run_once(command, envs[name], root) * 1000)
    bare = statistics.median(times["bare PySide6 window + QTextBrowser"])
    print(f"Start-up to the first window (spawn to exit), median of {args.runs} runs each, under {where}")
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / bare
        worst = max(worst, ratio)
        print(f"  {name:<40} {median:6.0f} ms  (min {min(values):4.0f}, max {max(values):4.0f})  {ratio:4.2f}x")
    print(f"  target: at most {args.target:.1f}x the bare window -> {'met' if worst <= args.target else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
