"""Side by side with Kiwix: the same pages as a ZIM file, searched through kiwix-serve.

    .venv/bin/python benchmarks/kiwix_compare.py [--content DIR [--cache DIR]] [--repeat 5]

Needs Debian's kiwix-tools and zim-tools (apt-get install kiwix-tools zim-tools); says
so and stops if they are missing. Writes every page's rendered HTML to a temporary
folder, packs it with zimwriterfs (with its full-text index), serves it with
kiwix-serve on 127.0.0.1 only, and times a bounded number of requests to its suggest
(as-you-type) and search (full text) endpoints, against SearchIndex.answer on the
same content, in this process, through the index file the app opens (--cache: a folder
already holding the pack's index, such as scale.py's; else it is built now). Each query
goes to Kiwix and to the app in turn, which goes first alternating, so that a busy
machine slows both alike; p95 ratios are printed. Kiwix's times include the HTTP round
trip on the loopback interface (a fraction of a millisecond); the app's do not, as the
app asks its index directly. Nothing is kept: the ZIM and the HTML live in a temporary
folder.
"""

from __future__ import annotations

import argparse
import html
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_latency import TYPED, WHOLE, percentile, prefixes  # noqa: E402


def tiny_png(size: int = 48) -> bytes:
    """A plain 48x48 PNG: zimwriterfs wants an illustration."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x2a\x6f\x97" * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def write_html(pack, folder: Path) -> str:
    """Every page as an HTML file named after its id; returns the welcome page's file name."""
    for page in pack.pages():
        try:
            body = page.render().html
        except Exception:  # noqa: BLE001 — a broken page is left out, as the app's index does
            continue
        body = body.replace('.md"', '.html"').replace(".md#", ".html#")
        document = (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(page.title)}</title>"
            f"</head><body>{body}</body></html>"
        )
        (folder / f"{page.id}.html").write_text(document, encoding="utf-8")
    (folder / "illustration.png").write_bytes(tiny_png())
    return f"{pack.home}.html"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_ms(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def summary(times: list[float]) -> str:
    return (
        f"p50 {statistics.median(times):6.2f} ms  p95 {percentile(times, 0.95):6.2f} ms  max {max(times):6.2f} ms"
        f"  ({len(times)} requests)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", metavar="DIR", help="content pack (default: the bundled guide)")
    parser.add_argument("--repeat", type=int, default=5, help="requests per query (default 5)")
    parser.add_argument(
        "--cache", metavar="DIR", help="a cache folder holding the pack's index (scale.py's), else one built now"
    )
    args = parser.parse_args()
    missing = [tool for tool in ("zimwriterfs", "kiwix-serve") if shutil.which(tool) is None]
    if missing:
        print(f"kiwix_compare: {', '.join(missing)} not installed (apt-get install kiwix-tools zim-tools); skipped")
        return 0
    from guide_app.library import Library

    cache = tempfile.TemporaryDirectory(prefix="guide-kiwix-index-") if args.cache is None else None
    # The index as the app opens it: a file in the cache folder (built there once).
    library = Library.open(args.content, cache_dir=Path(args.cache or cache.name))
    typed = [p for query in TYPED for p in prefixes(query)]
    with tempfile.TemporaryDirectory(prefix="guide-kiwix-") as temporary:
        root = Path(temporary)
        pages = root / "html"
        pages.mkdir()
        welcome = write_html(library.pack, pages)
        zim = root / "guide.zim"
        start = time.perf_counter()
        subprocess.run(
            [
                "zimwriterfs", "--welcome", welcome, "--illustration", "illustration.png", "--language", "eng",
                "--title", "Clinic Guide", "--description", "Benchmark copy", "--creator", "benchmark",
                "--publisher", "benchmark", "--name", "guide", str(pages), str(zim),
            ],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        zim_seconds = time.perf_counter() - start
        port = free_port()
        server = subprocess.Popen(
            ["kiwix-serve", "--address", "127.0.0.1", "--port", str(port), str(zim)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    fetch_ms(base + "/")
                    break
                except OSError:
                    time.sleep(0.1)
            book = zim.stem

            def suggest(term: str) -> str:
                return f"{base}/suggest?{urllib.parse.urlencode({'content': book, 'term': term, 'count': 10})}"

            def search(pattern: str) -> str:
                return f"{base}/search?{urllib.parse.urlencode({'content': book, 'pattern': pattern})}"

            index = library.index
            index.answer(typed[0], 30)  # warm, as Kiwix's first request below
            kiwix: dict[str, list[float]] = {"suggest": [], "search": []}
            ours: dict[str, list[float]] = {"typed": [], "whole": []}
            # Each query in turn to Kiwix and to the app, which goes first alternating, so that a
            # busy machine slows both alike.
            for (name, url), (mine, queries) in (
                ((("suggest", suggest)), ("typed", typed)),
                (("search", search), ("whole", WHOLE)),
            ):
                fetch_ms(url(queries[0]))  # warm
                for round_ in range(args.repeat):
                    for number, query in enumerate(queries):
                        theirs_first = (round_ + number) % 2 == 0
                        if theirs_first:
                            kiwix[name].append(fetch_ms(url(query)))
                        start = time.perf_counter()
                        index.answer(query, 30)
                        ours[mine].append((time.perf_counter() - start) * 1000)
                        if not theirs_first:
                            kiwix[name].append(fetch_ms(url(query)))
        finally:
            server.terminate()
            server.wait(10)
    pages_count = sum(1 for _ in library.pack.pages())
    print(f"Kiwix side by side on {pages_count} pages (ZIM built by zimwriterfs in {zim_seconds:.1f} s)")
    print(f"  as you type   kiwix-serve /suggest      {summary(kiwix['suggest'])}")
    print(f"                guide_app answer()        {summary(ours['typed'])}")
    print(f"  whole queries kiwix-serve /search       {summary(kiwix['search'])}")
    print(f"                guide_app answer()        {summary(ours['whole'])}")
    for mine, theirs, label in (("typed", "suggest", "as you type"), ("whole", "search", "whole queries")):
        ratio = percentile(ours[mine], 0.95) / percentile(kiwix[theirs], 0.95)
        print(f"  {label}: p95 {ratio:.2f}x Kiwix's ({'ahead' if ratio <= 1 else 'behind'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
