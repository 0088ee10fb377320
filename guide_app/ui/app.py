"""Starting the GUI: the application object, fonts, the library and the window."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from guide_app import APP_ID, APP_NAME, ORG_DOMAIN, ORG_NAME, __version__
from guide_app.fonts import register_fonts
from guide_app.library import Library
from guide_app.paths import resource

UI_POINT_SIZE = 11
# Set to any value, the app quits as soon as its first window is on screen: start-up benchmarks and the
# bundle's smoke test use it. Nothing is printed.
EXIT_AFTER_SHOW = "GUIDE_APP_EXIT_AFTER_SHOW"


class _QuitWhenExposed(QObject):
    """Quits the application once the watched window is exposed and its first frame painted."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)  # after this expose has painted the frame
        return False


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = resource("icons", "guide-app.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run(args: argparse.Namespace) -> int:
    app = make_application()
    family = register_fonts()
    app.setFont(QFont(family, UI_POINT_SIZE))
    library = Library.open(args.content, args.config)
    from guide_app.ui.crash import ErrorHandler
    from guide_app.ui.main_window import MainWindow

    window = MainWindow(library, family, start_page=args.page)
    handler = ErrorHandler(window).install()
    window.show()
    if os.environ.get(EXIT_AFTER_SHOW):
        quitter = _QuitWhenExposed(app)
        window.windowHandle().installEventFilter(quitter)
    try:
        return app.exec()
    finally:
        handler.uninstall()
