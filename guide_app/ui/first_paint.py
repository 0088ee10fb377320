"""Work that can wait until the window has been painted once.

A person sees the window sooner when what is not on screen yet (accessible names of
toolbar buttons, the search box's clear button, ...) is set up just after the first
paint instead of before it.

No code on the way to the first paint touches PySide's `Qt` namespace (Qt.AlignmentFlag,
Qt.Key, ...): the first use of any of it builds all of its ~100 Python enums, some 14 ms.
Modules import `QtCore` and write `QtCore.Qt.X` where they run later; item-data roles are
plain ints. tests/test_startup_path.py keeps it so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None], at_the_latest_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(at_the_latest_ms, self._run)  # a widget hidden at start never paints

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self._run)  # once this paint has reached the screen
        return False

    def _run(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._widget.removeEventFilter(self)
            callback()


def after_first_paint(widget: QWidget, callback: Callable[[], None], at_the_latest_ms: int = 2000) -> None:
    """Call `callback` once, soon after `widget` is first painted (or after `at_the_latest_ms`)."""
    _FirstPaint(widget, callback, at_the_latest_ms)
