"""The one typeface on screen and paper: Atkinson Hyperlegible, registered with Qt.

QtGui only (no widgets), so printing from the command line can use it too.
"""

from __future__ import annotations

from pathlib import Path

FALLBACK_FAMILY = "sans-serif"
_registered: str | None = None


def font_files() -> list[Path]:
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        return []
    return sorted((Path(package.ROOT) / "files").glob("*.ttf"))


def register_fonts() -> str:
    """Register the bundled font files once; returns the family to use."""
    global _registered
    if _registered is not None:
        return _registered
    from PySide6.QtGui import QFontDatabase

    family = FALLBACK_FAMILY
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    _registered = family
    return family
