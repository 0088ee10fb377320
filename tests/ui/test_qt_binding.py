"""The Qt binding itself: a kiosk makes millions of Qt calls in a day."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QTreeWidgetItem


def test_qt_calls_keep_none_alive(qtbot):
    """PySide6 6.12.0 dropped a reference to None on every call that returns nothing, so a
    long session (or filling the contents of a big pack) ended in "deallocating None"."""
    label = QLabel()
    qtbot.addWidget(label)
    item = QTreeWidgetItem(["page"])
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("text")
        item.setData(0, 257, ("page", ""))
    assert sys.getrefcount(None) >= before - 100
