"""Starting the GUI: the application object, fonts, the library and the window."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from guide_app import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from guide_app.exit_codes import EXIT_CRASH, EXIT_SHUTDOWN
from guide_app.fonts import register_fonts
from guide_app.library import Library
from guide_app.paths import resource

if TYPE_CHECKING:  # (PySide's import hook reads the source of every module imported after it)
    import argparse

    from guide_app.kiosk.settings import KioskSettings

UI_POINT_SIZE = 11


def make_application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The application object, named for the desktop; `icon=False` leaves the icon to `set_icon`."""
    app = QApplication.instance()
    if app is None:
        # Fusion from the start (see theme.apply_theme): then Python never asks for the style,
        # whose wrapper alone costs some 5 ms of start-up.
        app = QApplication([*(argv or [sys.argv[0]]), "-style", "fusion"])
        app.setProperty("guideFusion", True)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if icon:
        set_icon(app)
    return app


def set_icon(app: QApplication) -> None:
    path = resource("icons", "guide-app.svg")
    if path.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(path)))


def run(args: argparse.Namespace, library: Library, kiosk: KioskSettings | None) -> int:
    """The window over a library cli.cmd_gui has opened (before importing Qt), until it closes."""
    app = make_application(icon=False)  # set once the window has painted: loading the SVG costs start-up time
    family = register_fonts()
    app.setFont(QFont(family, UI_POINT_SIZE))
    from guide_app.ui.main_window import MainWindow

    window = MainWindow(library, family, start_page=args.page, remember=kiosk is None)
    handler = _lock_down(app, window, kiosk)
    from guide_app.ui.first_paint import after_first_paint

    after_first_paint(window.reader.viewport(), lambda: set_icon(app))
    window.show()
    if os.environ.get("GUIDE_APP_EXIT_AFTER_SHOW") == "1":  # benchmarks and the smoke test: time to the first page
        from time import monotonic

        after_first_paint(
            window.reader.viewport(), lambda: (print(f"first-shown {monotonic():.6f}", flush=True), app.quit())
        )
    try:
        return app.exec()
    finally:
        handler.uninstall()


def _lock_down(app: QApplication, window, kiosk: KioskSettings | None):
    """Shutdown signals end the app with EXIT_SHUTDOWN; unexpected errors are caught and logged; in
    kiosk mode, lock the window before it shows."""
    from guide_app.ui.crash import ErrorHandler
    from guide_app.ui.shutdown import install_signal_handlers

    if kiosk is None:
        install_signal_handlers(
            app, lambda: (window.close(), app.exit(EXIT_SHUTDOWN)), wake_after=window.reader.viewport()
        )
        return ErrorHandler(window).install()
    from guide_app.ui.kiosk import start_kiosk

    controller = start_kiosk(window, kiosk, app.exit)
    install_signal_handlers(app, lambda: controller.leave(EXIT_SHUTDOWN), wake_after=window.reader.viewport())
    return ErrorHandler(
        window, kiosk=True, recover=window.reset_for_next_visitor, give_up=lambda: app.exit(EXIT_CRASH)
    ).install()
