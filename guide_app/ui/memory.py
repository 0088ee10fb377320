"""What PySide's import hook costs start-up, and what it leaves in memory.

Importing PySide replaces Python's import with a hook that, after every import of a module
it has not seen, reads the module's source to find whether it mentions PySide (for the
`from __feature__ import snake_case` option, which this app never uses). From source, that is
every module the window imports after PySide, the standard library's included: some 60 files
read and split into lines before the window can show (the bundle has no sources: nothing is
read there), and every line kept in `linecache`, about 3 MiB for the life of the window.

`spare_source_reads` answers the hook's question from the module's own names instead (a module
that uses PySide holds something of PySide's), without reading a file; `forget_source_lines`
clears what was read anyway (a traceback reads the lines it needs again).
"""

from __future__ import annotations

import linecache

_PYSIDE = ("PySide6", "shiboken6")


def spare_source_reads() -> None:
    """Have PySide's import hook tell a module that uses PySide without reading its source."""
    try:
        from PySide6.support import feature
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):  # else a PySide that works otherwise
        feature._mod_uses_pyside = _uses_pyside


def _uses_pyside(module) -> bool:
    for value in list(getattr(module, "__dict__", {}).values()):
        try:
            name = value.__name__ if type(value).__name__ == "module" else getattr(value, "__module__", "")
        except Exception:  # noqa: BLE001 — an odd object in some module: not PySide's
            continue
        if isinstance(name, str) and name.startswith(_PYSIDE):
            return True
    return False


def forget_source_lines() -> None:
    linecache.clearcache()
