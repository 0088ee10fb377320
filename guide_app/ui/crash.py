"""Unexpected errors in the window: a short, friendly message, details to the log, never stuck."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

MESSAGE = "Something went wrong, and the guide has recovered. If it happens again, please tell the clinic staff."


GIVE_UP_AFTER = 3  # errors within GIVE_UP_WINDOW seconds: the kiosk is stuck in a loop of failures
GIVE_UP_WINDOW = 60.0


class ErrorHandler:
    """Installed as sys.excepthook while the window runs (exceptions in Qt slots land here).

    In kiosk mode an error is logged without its message (it might quote a visitor) and the kiosk
    resets for the next visitor; errors that keep coming end the app with `give_up` (a crash exit
    code), so that the launcher starts it afresh.
    """

    def __init__(
        self,
        window: QWidget,
        *,
        kiosk: bool = False,
        recover: Callable[[], None] | None = None,
        give_up: Callable[[], None] | None = None,
    ) -> None:
        self.window = window
        self.kiosk = kiosk
        self.recover = recover
        self.give_up = give_up
        self.count = 0
        self._recent: list[float] = []
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
        from guide_app.logbook import log_exception  # loaded when first needed, not at start-up

        path = log_exception(kind, error, trace, private=self.kiosk)
        if self.kiosk:
            now = time.monotonic()
            self._recent = [t for t in self._recent if now - t < GIVE_UP_WINDOW] + [now]
            if self.give_up is not None and len(self._recent) >= GIVE_UP_AFTER:
                lines = traceback.format_tb(trace) + [
                    f"{kind.__module__}.{kind.__qualname__} (message withheld in kiosk mode)\n"
                ]
                sys.stderr.write(
                    "Repeated unexpected errors; the kiosk ends so that it can be restarted:\n" + "".join(lines)
                )
                sys.stderr.flush()
                self.give_up()
            elif self.recover is not None:
                QTimer.singleShot(0, self.recover)  # back to the home page, as after an idle reset
            return
        if self._box is None or not self._box.isVisible():
            from PySide6.QtWidgets import QMessageBox  # loaded when first needed, not at start-up

            self._box = QMessageBox(
                QMessageBox.Icon.Warning, "Something went wrong", MESSAGE, QMessageBox.StandardButton.Ok, self.window
            )
            self._box.setObjectName("errorMessage")
            self._box.setInformativeText(f"Details were saved to {path}.")
            self._box.open()  # never blocks: the window keeps working
