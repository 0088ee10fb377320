"""Giving back memory that start-up used and nothing needs again.

PySide's import hook reads the source of every module imported after PySide (it looks for
`from __feature__ import`), and `linecache` keeps every line it read: some 3 MiB for the app's
modules and the standard library's, kept for the life of the window. Clearing the cache as
start-up goes lets what comes next (the window's widgets, Qt's enums, the search index) reuse
that memory instead of taking more from the system. A traceback reads the lines it needs again.
(The bundle has no sources: nothing is read there.)
"""

from __future__ import annotations

import linecache


def forget_source_lines() -> None:
    linecache.clearcache()
