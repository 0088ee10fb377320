"""The guide-sized benchmarks, quickly: start-up against a bare window, and search latency.

    .venv/bin/python benchmarks/run_all.py [--runs 15] [--offscreen]     (or: make bench)

The scale benchmark (benchmarks/scale.py N) takes minutes and is run on its own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_latency import latency_figures  # noqa: E402
from search_latency import print_figures as print_latency  # noqa: E402
from startup import APP, startup_figures  # noqa: E402
from startup import print_figures as print_startup  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="start-up runs of each command (default 15)")
    parser.add_argument("--offscreen", action="store_true", help="QT_QPA_PLATFORM=offscreen instead of Xvfb")
    args = parser.parse_args()
    figures, where = startup_figures({"python -m guide_app": APP}, args.runs, args.offscreen)
    print_startup(figures, where, 1.3)
    print()
    print_latency(latency_figures(), 5.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
