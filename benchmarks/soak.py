"""A long kiosk day in one process: search, open, back, print preview and reset, many times over.

Prints resident memory after the warm-up and at the end (target: at most 5% growth), the time a
cycle takes, and every Qt warning seen (target: none).

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py [--cycles 10000] [--warmup 500]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

QUERIES = ["withdrawl", "can't sleep", "shaking", "rehab", "cold turkey", "alcohol", "insomia", "benzo", "cbt", "na"]
EXPECTED_OFFSCREEN = ("This plugin does not support propagateSizeHints()",)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--report-every", type=int, default=1000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

    from PySide6.QtCore import QCoreApplication, QEvent, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from guide_app.fonts import register_fonts
    from guide_app.library import Library
    from guide_app.ui.app import make_application
    from guide_app.ui.main_window import MainWindow

    warnings: list[str] = []

    def on_message(kind, _context, message):
        if kind != QtMsgType.QtDebugMsg and message not in EXPECTED_OFFSCREEN:
            warnings.append(message)

    qInstallMessageHandler(on_message)
    app = make_application()
    window = MainWindow(Library.open(cache_dir=False), register_fonts(), remember=False)
    window.show()
    app.processEvents()
    reset = getattr(window, "reset_for_next_visitor", None)

    def cycle(n: int) -> None:
        window.search.box.setText(QUERIES[n % len(QUERIES)])
        window.search.activate_current()
        window.reader.back()
        preview = window.printing.open_sheet_preview()
        app.processEvents()
        if preview is not None:
            preview.close()
        if reset is not None:
            reset()
        else:
            window.search.clear()
            window.go_home()
        app.processEvents()
        # No event loop runs here, so flush deleteLater() as a running loop would.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    durations = []
    baseline = None
    for n in range(args.cycles):
        started = time.perf_counter()
        cycle(n)
        durations.append(time.perf_counter() - started)
        if n + 1 == args.warmup:
            gc.collect()
            app.processEvents()
            baseline = rss_mib()
            print(f"after warm-up ({args.warmup} cycles): {baseline:.1f} MiB", flush=True)
        elif (n + 1) % args.report_every == 0:
            print(f"cycle {n + 1}: {rss_mib():.1f} MiB", flush=True)
    gc.collect()
    app.processEvents()
    final = rss_mib()
    baseline = baseline or final
    growth = (final - baseline) / baseline * 100
    print(f"cycles: {args.cycles}; reset: {'reset_for_next_visitor' if reset else 'search cleared and home'}")
    print(
        f"resident memory: {baseline:.1f} MiB after warm-up, {final:.1f} MiB at the end: {growth:+.2f}% (target <= 5%)"
    )
    print(f"cycle time: median {statistics.median(durations) * 1000:.1f} ms, max {max(durations) * 1000:.1f} ms")
    print(f"Qt warnings: {len(warnings)}" + (f" (first: {warnings[0]!r})" if warnings else ""))
    window.close()
    QApplication.processEvents()
    return 0 if growth <= 5 and not warnings else 1


if __name__ == "__main__":
    sys.exit(main())
