"""The first page's HTML, kept in the cache folder for the next start-up.

With it, the window shows its first page needing neither the Markdown renderer nor the
search index (SQLite), which both open just after. The copy is used only while the page's
file has the size and time it had when the copy was made.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path

from guide_app.content.pack import Page


def kept_file(cache_dir: Path, page: Page) -> Path:
    """One copy for each page file (a source checkout and a bundle may share a cache folder)."""
    return cache_dir / f"first-page-{zlib.crc32(os.fspath(page.path or '').encode()):08x}.marshal"


def recall(cache_dir: Path | None, page: Page) -> str | None:
    """The HTML kept for `page`, if it is still this page's; else None."""
    stamp = page.stamp()
    if cache_dir is None or stamp is None:
        return None
    try:
        kept = marshal.loads(kept_file(cache_dir, page).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none kept yet, or a damaged copy
    if not isinstance(kept, tuple) or len(kept) != 4:
        return None
    page_id, where, kept_stamp, html = kept
    if (page_id, where, tuple(kept_stamp)) != (page.id, os.fspath(page.path), stamp) or not isinstance(html, str):
        return None
    return html


def remember(cache_dir: Path | None, page: Page, html: str) -> None:
    """Keep `html` as `page`'s for the next start-up (quietly not, in a read-only cache folder)."""
    stamp = page.stamp()
    if cache_dir is None or stamp is None:
        return
    path = kept_file(cache_dir, page)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")  # a crash's leftover goes with the next index build
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps((page.id, os.fspath(page.path), stamp, html)))
        os.replace(temporary, path)
    except (OSError, ValueError):
        try:
            temporary.unlink()
        except OSError:
            pass
