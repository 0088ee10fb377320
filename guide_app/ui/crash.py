"""Unexpected errors in the window: a short, friendly message, details to the log, never stuck."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from guide_app.logbook import log_exception

MESSAGE = "Something went wrong, and the guide has recovered. If it happens again, please tell the clinic staff."


class ErrorHandler:
    """Installed as sys.excepthook while the window runs (exceptions in Qt slots land here)."""

    def __init__(self, window: QWidget, *, kiosk: bool = False, recover: Callable[[], None] | None = None) -> None:
        self.window = window
        self.kiosk = kiosk
        self.recover = recover
        self.count = 0
        self._box: QMessageBox | None = None
        self._previous = sys.excepthook

    def install(self) -> ErrorHandler:
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        self.count += 1
        path = log_exception(kind, error, trace, private=self.kiosk)
        if self.kiosk:
            if self.recover is not None:
                QTimer.singleShot(0, self.recover)  # back to the home page, as after an idle reset
            return
        if self._box is None or not self._box.isVisible():
            self._box = QMessageBox(
                QMessageBox.Icon.Warning, "Something went wrong", MESSAGE, QMessageBox.StandardButton.Ok, self.window
            )
            self._box.setObjectName("errorMessage")
            self._box.setInformativeText(f"Details were saved to {path}.")
            self._box.open()  # never blocks: the window keeps working
