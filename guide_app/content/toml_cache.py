"""Parsed guide.toml files, kept between runs for big guides.

A guide of 20,000 pages has a guide.toml of 20,000 [[pages]] tables, which takes
Python's TOML reader a third of a second; the same data read back with marshal takes
a few milliseconds. The copy is used only while the file's size and time are the same.
Small files are kept too: reading their copy spares importing tomllib (some 3 ms) at start-up.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

WORTH_IT = 0  # every size: even a small file's kept copy spares loading the TOML reader at start-up


def read_cached(path: Path, parse: Callable[[Path], tuple[dict, str]], cache_dir: Path | None) -> tuple[dict, str]:
    """parse(path), or the copy kept from the last time this very file was parsed."""
    try:
        stat = path.stat()
    except OSError:
        return parse(path)  # which reports the problem
    if cache_dir is None or stat.st_size < WORTH_IT:
        return parse(path)
    where = str(path.resolve())
    copy = cache_dir / "guides" / f"{_key(where)}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
    stamp = (stat.st_size, stat.st_mtime_ns)
    try:
        kept_stamp, kept_where, data, text = marshal.loads(copy.read_bytes())
        if tuple(kept_stamp) == stamp and kept_where == where:
            return data, text
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no copy yet, or a stale or damaged one
    data, text = parse(path)
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        temporary = copy.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps((stamp, where, data, text)))
        os.replace(temporary, copy)
    except (OSError, ValueError):
        pass  # a read-only cache: parse again next time
    return data, text


def _key(where: str) -> str:
    """A short file name for the copy of the file at `where` (which the copy also holds, and is checked)."""
    return f"{zlib.crc32(where.encode()):08x}{len(where):04x}"
