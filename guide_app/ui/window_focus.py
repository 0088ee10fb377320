"""Reopening a kept dialog all day without Qt piling up a focus connection each time.

Qt connects a window's `focusObjectChanged` signal to the application when the window gets
the focus, and disconnects it when the focus moves to another window. Since Qt 6.3, closing a
dialog (its Close button, Escape, `close()`, the kiosk reset) also destroys its native window,
and that takes the focus away without the disconnect. The window's one print preview, closed
and opened again for visitor after visitor, so kept one more connection (about 90 bytes) each
time. `drop_stale_focus_connection` removes it before the dialog opens again; opening makes the
single connection Qt needs.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_FOCUS_OBJECT_CHANGED = SIGNAL("focusObjectChanged(QObject*)")


def drop_stale_focus_connection(widget: QWidget) -> None:
    """Forget the focus connections a closed top-level widget's window no longer needs."""
    window = widget.windowHandle()
    if window is None or QGuiApplication.focusWindow() is window:
        return  # never shown, or has the focus: its connection is the one in use
    QObject.disconnect(window, _FOCUS_OBJECT_CHANGED, QGuiApplication.instance(), None)


def focus_connections(widget: QWidget) -> int:
    """How many connections the widget's window has for its focus object (the tests' measure)."""
    window = widget.windowHandle()
    return window.receivers(_FOCUS_OBJECT_CHANGED) if window is not None else 0
