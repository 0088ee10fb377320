"""Time `guide-app sheet --pdf OUT` from the command line, start-up included (target: under 0.5 s).

Runs the command once to warm the disk cache, then RUNS times, and prints the median.
Usage: python benchmarks/sheet_time.py [RUNS] [extra sheet options, e.g. --large-print]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.5


def time_once(out: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "guide_app", "sheet", "--pdf", str(out), *extra]
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv and argv[0].isdigit() else 9
    extra = argv[1:] if argv and argv[0].isdigit() else argv
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "sheet.pdf"
        time_once(out, extra)
        times = [time_once(out, extra) for _ in range(runs)]
    median = statistics.median(times)
    print(
        f"guide-app sheet {' '.join(extra)}: median {median:.3f} s over {runs} runs "
        f"(min {min(times):.3f}, max {max(times):.3f}; target < {TARGET_SECONDS} s)"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
