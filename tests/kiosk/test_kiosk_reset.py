"""A fresh start for every visitor: the idle reset, the "I'm finished" button, and the privacy walk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

MARKER = "zqxmarker"
CTRL = Qt.KeyboardModifier.ControlModifier


def visit(qtbot, window) -> None:
    """What a visitor might do: search, open a result, find in page, zoom, scroll."""
    qtbot.keyClicks(window.search.box, "withdrawal")
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    window.open_page("faqs")
    window.reader.verticalScrollBar().setValue(200)
    window.zoom_in_action.trigger()
    window.contents.expandAll()


def expanded(tree) -> list[str]:
    found = []

    def walk(item):
        for n in range(item.childCount()):
            child = item.child(n)
            if child.isExpanded():
                found.append(child.text(0))
            walk(child)

    walk(tree.invisibleRootItem())
    return found


def assert_fresh(window) -> None:
    assert window.reader.current == ("overview", "")
    assert not window.back_action.isEnabled() and not window.forward_action.isEnabled()
    assert window.search.box.text() == "" and window.search.results.count() == 0
    assert not window.find_bar.isVisible() and window.find_bar.edit.text() == ""
    assert window.reader.zoom == 3 and window.reader.verticalScrollBar().value() == 0
    assert window.windowTitle().startswith("Overview")
    assert expanded(window.contents) == ["Clonazepam Addiction: Risks, Symptoms, and Treatment"]


def test_idle_screen_shows_a_countdown_then_resets(kiosk_with, qtbot):
    kiosk = kiosk_with(idle_reset_seconds=1, countdown_seconds=1)
    window, notice = kiosk.window, kiosk.controller.notice
    visit(qtbot, window)
    qtbot.waitUntil(notice.isVisible, timeout=3000)
    assert "Still reading? Touch the screen to continue" in notice.title.text()
    assert "1 second" in notice.countdown.text()
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=3000)
    assert_fresh(window)
    assert not kiosk.controller.idle_timer_running  # an empty screen is not reset again and again


def test_a_touch_during_the_countdown_keeps_the_page(kiosk_with, qtbot):
    kiosk = kiosk_with(idle_reset_seconds=1, countdown_seconds=30)
    window, notice = kiosk.window, kiosk.controller.notice
    visit(qtbot, window)
    qtbot.waitUntil(notice.isVisible, timeout=3000)
    assert "30 seconds" in notice.countdown.text()
    qtbot.mouseClick(notice, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()
    assert window.reader.current == ("faqs", "") and window.search.box.text() == "withdrawal"
    assert kiosk.controller.idle_timer_running


def test_finished_button_resets_at_once(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window = kiosk.window
    button = kiosk.controller.finished_button
    assert button.isVisible() and button.text() == "I'm finished"
    visit(qtbot, window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert_fresh(window)


def test_reset_runs_the_hooks_features_register(kiosk_with, qtbot):
    kiosk = kiosk_with()
    calls: list[str] = []
    kiosk.window.reset_hooks.append(lambda: calls.append("comparison reset"))
    kiosk.controller.reset()
    assert calls == ["comparison reset"]


def test_reset_closes_dialogs_and_previews(kiosk_with, qtbot):
    from PySide6.QtWidgets import QDialog

    kiosk = kiosk_with()
    dialog = QDialog(kiosk.window)
    dialog.open()
    preview = QWidget()
    preview.setWindowTitle(MARKER)
    qtbot.addWidget(preview)
    preview.show()
    kiosk.controller.open_admin_prompt()
    kiosk.controller.reset()
    assert not dialog.isVisible() and not preview.isVisible() and kiosk.controller.prompt is None


def _texts(widget: QWidget):
    yield widget.windowTitle()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    yield widget.toolTip()
    if isinstance(widget, QLineEdit):
        yield widget.text()
        yield widget.placeholderText()
    if isinstance(widget, QLabel):
        yield widget.text()
    if isinstance(widget, QAbstractButton):
        yield widget.text()
    if isinstance(widget, QTextEdit):
        yield widget.toPlainText()
        yield widget.toHtml()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(widget.model(), QModelIndex())


def _model_texts(model, parent: QModelIndex):
    """Every role of every item (and subitem) that holds data."""
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for value in model.itemData(index).values():
                yield repr(value)
        if not isinstance(model, QAbstractListModel):
            yield from _model_texts(model, model.index(row, 0, parent))


def traces_of(marker: str) -> list[str]:
    """Every place in the app's widgets and the clipboard where `marker` still shows."""
    found = []
    for widget in QApplication.allWidgets():
        for text in _texts(widget):
            if text and marker in text:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text[:80]!r}")
    clipboard = QGuiApplication.clipboard()
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        if marker in clipboard.text(mode):
            found.append(f"clipboard {mode}")
    return found


def files_holding(marker: str) -> list[Path]:
    folders = [Path(os.environ[v]) for v in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")]
    folders.append(Path(QSettings().fileName()).parent)
    found = []
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file() and marker.encode() in path.read_bytes():
                found.append(path)
    return found


def test_nothing_of_the_last_visitor_remains(kiosk_with, qtbot):

    kiosk = kiosk_with()
    window = kiosk.window
    assert not files_holding(MARKER)
    # Search, open a result, find, zoom, copy, follow a web link, try a PIN: all with the marker.
    visit(qtbot, window)
    qtbot.keyClick(window.search.box, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(window.search.box, MARKER)
    assert MARKER in window.search.status.text()  # "No results for …"
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.find_bar.edit, MARKER)
    assert window.find_bar.count.text() == "No matches"
    window.reader._follow(QUrl(f"https://{MARKER}.example/"))
    QGuiApplication.clipboard().setText(MARKER)
    if QGuiApplication.clipboard().supportsSelection():
        QGuiApplication.clipboard().setText(MARKER, QClipboard.Mode.Selection)
    prompt = kiosk.controller.open_admin_prompt()
    qtbot.keyClicks(prompt.edit, MARKER)
    kiosk.controller.open_admin_prompt()
    assert traces_of(MARKER)  # the walk finds what is there

    qtbot.mouseClick(kiosk.controller.finished_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not traces_of(MARKER))  # the prompt is deleted a moment later
    assert_fresh(window)
    assert not window.notice.isVisible()
    # Undo does not bring the text back either.
    window.search.box.setFocus()
    qtbot.keyClick(window.search.box, Qt.Key.Key_Z, CTRL)
    window.find_bar.edit.setFocus()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Z, CTRL)
    assert window.search.box.text() == "" and window.find_bar.edit.text() == ""
    assert not traces_of(MARKER)
    assert not files_holding(MARKER)


def test_kiosk_writes_no_settings_or_files(kiosk_with, qtbot):
    """A kiosk with the usual index cache: searching and reading leave no file with the visitor's words."""
    from guide_app.fonts import register_fonts
    from guide_app.library import Library
    from guide_app.ui.kiosk import KioskController
    from guide_app.ui.main_window import MainWindow
    from tests.kiosk_helpers import settings

    library = Library.open()
    assert library.index is not None  # builds the cache on disk, as the first start of a kiosk does
    window = MainWindow(library, register_fonts(), remember=False)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    qtbot.addWidget(window)
    controller = KioskController(window, settings(), exit_app=lambda code: None)
    controller.apply()
    try:
        window.show()
        qtbot.waitUntil(lambda: window.search.index is not None, timeout=10000)
        before = QSettings().allKeys()
        qtbot.keyClicks(window.search.box, MARKER)
        window.zoom_in_action.trigger()
        controller.reset()
        assert QSettings().allKeys() == before
        assert not files_holding(MARKER)
    finally:
        controller.release()


@pytest.mark.parametrize("allow_print", [False, True])
def test_comparison_at_a_kiosk_saves_no_files_and_resets_its_choices(kiosk_with, qtbot, allow_print):
    kiosk = kiosk_with(allow_print=allow_print)
    window = kiosk.window
    window.show_comparison()
    view = window.comparison_view
    assert not view.pdf_button.isVisible() and not view.csv_button.isVisible()
    assert view.print_button.isVisible() == allow_print
    next(iter(view.filter_boxes.values())).setChecked(True)
    view.transpose_box.setChecked(True)
    shown_before = view.model.comparison.programs
    next(iter(view.program_boxes.values())).setChecked(False)
    assert view.model.comparison.transposed
    kiosk.controller.finished_button.click()
    assert not view.model.comparison.transposed
    assert not any(box.isChecked() for box in view.filter_boxes.values())
    assert all(box.isChecked() for box in view.program_boxes.values())
    assert window.stack.currentWidget() is window.reader and window.reader.current == ("overview", "")
    assert len(view.model.comparison.programs) >= len(shown_before)
