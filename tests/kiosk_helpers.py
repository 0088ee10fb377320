"""Shared set-up for the kiosk tests: a locked-down window whose exits are recorded, not taken."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt

from guide_app.kiosk.pin import hash_pin, parse_pin_hash
from guide_app.kiosk.settings import KioskSettings

PIN = "2468"
PIN_HASH = parse_pin_hash(hash_pin(PIN, iterations=1000))


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Kiosk:
    window: object
    controller: object
    exits: list[int] = field(default_factory=list)
    clock: FakeClock = field(default_factory=FakeClock)


def settings(**overrides) -> KioskSettings:
    return KioskSettings(pin=PIN_HASH, **overrides)


def quick_library(index=None):
    """The bundled guide, with an index built once per session when given one."""
    from guide_app.library import Library

    library = Library.open(cache_dir=False)
    if index is not None:
        library.set_index(index)
    return library


def open_kiosk(qtbot, library=None, **overrides) -> Kiosk:
    from guide_app.fonts import register_fonts
    from guide_app.library import Library
    from guide_app.ui.app import make_application
    from guide_app.ui.kiosk import KioskController
    from guide_app.ui.main_window import MainWindow

    make_application()
    window = MainWindow(library or Library.open(cache_dir=False), register_fonts(), remember=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # app-wide style changes stay quick
    qtbot.addWidget(window)
    kiosk = Kiosk(window, None)
    kiosk.controller = KioskController(window, settings(**overrides), exit_app=kiosk.exits.append, clock=kiosk.clock)
    kiosk.controller.apply()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.search.index is not None)
    return kiosk


def close_kiosk(kiosk: Kiosk) -> None:
    """Give the application back (the window may already be gone)."""
    from shiboken6 import isValid

    if isValid(kiosk.controller):
        kiosk.controller.release()
