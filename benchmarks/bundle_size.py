"""Print the bundle's folder size and archive size, and fail when the folder is over budget.

    python benchmarks/bundle_size.py [--folder dist/guide-app] [--archive FILE] [--max-mb 120]

`make bundle` runs it after building. Sizes are in MB of 10^6 bytes (the budget's unit) and MiB.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB, MIB = 1_000_000, 1 << 20


def folder_size(folder: Path) -> tuple[int, int]:
    """Total bytes and file count, not following symbolic links (as the archive stores them)."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def human(size: int) -> str:
    return f"{size / MB:.1f} MB ({size / MIB:.1f} MiB, {size:,} bytes)"


def default_archive() -> Path:
    return ROOT / "dist" / f"guide-app-{platform.system().lower()}-{platform.machine()}.tar.xz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / "guide-app")
    parser.add_argument("--archive", type=Path, default=default_archive())
    parser.add_argument("--max-mb", type=float, default=None, help="fail when the folder is larger")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"bundle_size: no bundle at {args.folder}; run 'make bundle' first", file=sys.stderr)
        return 1
    size, count = folder_size(args.folder)
    print(f"bundle folder: {human(size)} in {count} files ({args.folder})")
    if args.archive.is_file():
        archived = args.archive.stat().st_size
        print(f"archive:       {human(archived)} ({args.archive.name}, {archived / size:.0%} of the folder)")
    else:
        print(f"archive:       not built ({args.archive})")
    if args.max_mb is not None and size > args.max_mb * MB:
        print(f"bundle_size: the folder is over its budget of {args.max_mb:g} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
