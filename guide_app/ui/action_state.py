"""Turning a toolbar's actions on and off all day without Qt piling up connections.

In Qt 6.11, a QToolButton showing an action (every button QToolBar.addAction makes) answers
each change of that action (enabled, text, ...) by calling setDefaultAction again, which
connects the action's `changed` signal to the button once more and never drops the old
connection. Back and Forward change on nearly every page a person opens, so over a kiosk
day each kept some 150 bytes more per change, and every change called all the old
connections too (slower and slower). `set_enabled` drops the button's connections to
`changed` just before the change; the change then makes the one connection Qt wants.
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton

_CHANGED = SIGNAL("changed()")


def set_enabled(action: QAction, enabled: bool, toolbar: QToolBar | None = None) -> None:
    """`action.setEnabled(enabled)`, keeping its button on `toolbar` to a single `changed` connection."""
    if action.isEnabled() == enabled:
        return  # Qt sends nothing for no change: nothing to tidy either
    button = toolbar.widgetForAction(action) if toolbar is not None else None
    if isinstance(button, QToolButton) and button.defaultAction() is action:
        QObject.disconnect(action, _CHANGED, button, None)
    action.setEnabled(enabled)


def changed_connections(action: QAction) -> int:
    """How many connections the action's `changed` signal has (the tests' measure of the above)."""
    return action.receivers(_CHANGED)
