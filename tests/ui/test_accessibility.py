"""Every reader: accessible names on every control, a sensible tab order, keyboard-only use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


@pytest.fixture
def window(make_window, qtbot):
    win = make_window()
    qtbot.waitUntil(lambda: win.search.index is not None)
    return win


def _unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.parent() is not None and type(widget).__name__ in {"QScrollBar", "QSplitterHandle"}:
            continue
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_focusable_control_has_an_accessible_name(window, qtbot):
    assert _unnamed_controls(window) == []
    window.find_bar.open_bar()
    qtbot.keyClicks(window.search.box, "detox")
    assert _unnamed_controls(window) == []


def test_toolbar_buttons_describe_their_shortcut(window):
    back = window.toolbar.widgetForAction(window.back_action)
    assert back.accessibleName() == "Back" and "Alt+Left" in back.accessibleDescription()


def test_tab_order_runs_search_contents_page(window, qtbot):
    window.search.box.setFocus()
    qtbot.waitUntil(window.search.box.hasFocus)
    qtbot.keyClick(window.search.box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.contents
    qtbot.keyClick(window.contents, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.reader


def test_the_whole_guide_works_from_the_keyboard(window, qtbot):
    """Search, open a result, find in page, go back, open from contents: no mouse."""
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "cold turkey")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.reader.current == ("faqs", "faq-cold-turkey")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "taper")
    assert window.find_bar.match_count == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current == ("overview", "")
    window.search.clear()
    window.contents.setFocus()
    qtbot.waitUntil(window.contents.hasFocus)
    window.contents.setCurrentItem(window.contents.topLevelItem(0).child(0))
    qtbot.keyClick(window.contents, Qt.Key.Key_Down)
    qtbot.keyClick(window.contents, Qt.Key.Key_Return)
    assert window.reader.current[0] != "overview"


def test_reader_exposes_page_text_to_assistive_technology(window):
    from PySide6.QtGui import QAccessible

    interface = QAccessible.queryAccessibleInterface(window.reader)
    assert interface is not None and interface.text(QAccessible.Text.Name) == "Page"
    text = interface.textInterface()
    assert text is not None and "Clonazepam" in text.text(0, text.characterCount())
