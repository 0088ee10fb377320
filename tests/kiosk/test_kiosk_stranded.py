"""States a visitor could leave the kiosk in that only staff could fix: each one, driven through the widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMenu, QMessageBox

from guide_app.ui.print_ui import tell

W = Qt.WindowType
LEFT = Qt.MouseButton.LeftButton


def assert_locked(window) -> None:
    flags = window.windowFlags()
    assert flags & W.FramelessWindowHint, window  # no title bar, so no minimise, maximise or close button
    assert flags & W.WindowStaysOnTopHint, window
    assert not flags & (W.WindowMinimizeButtonHint | W.WindowMaximizeButtonHint | W.WindowTitleHint), window


def assert_on_screen(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.isVisible() and window.isFullScreen() and not window.isMinimized())


def test_no_window_the_kiosk_opens_has_a_frame_or_a_minimise_button(kiosk_with, qtbot):
    kiosk = kiosk_with(allow_print=True)
    window = kiosk.window
    assert_locked(window)
    preview = window.printing.open_sheet_preview()
    message = tell(window, "Title", "A message")
    prompt = kiosk.controller.open_admin_prompt()
    for each in (preview, message, prompt):
        qtbot.waitUntil(each.isVisible)
        assert_locked(each)
    prompt.reject()
    message.close()
    preview.close()
    # The preview is kept and shown again: still without a frame.
    preview = window.printing.open_sheet_preview()
    qtbot.waitUntil(preview.isVisible)
    assert_locked(preview)


def test_a_dialog_made_before_kiosk_mode_loses_its_frame_when_shown(kiosk_with, qtbot):
    kiosk = kiosk_with()
    QApplication.instance().removeEventFilter(kiosk.controller)
    dialog = QDialog(kiosk.window, W.Dialog | W.WindowMinimizeButtonHint)
    dialog.ensurePolished()  # polished with a frame before kiosk mode watched
    QApplication.instance().installEventFilter(kiosk.controller)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.isVisible() and bool(dialog.windowFlags() & W.FramelessWindowHint))
    assert_locked(dialog)


@pytest.mark.parametrize(
    "how",
    ["minimise", "restore to a window", "hide", "deactivate"],
)
def test_the_main_window_puts_itself_back_full_screen(kiosk_with, qtbot, how):
    kiosk = kiosk_with()
    window = kiosk.window
    if how == "minimise":
        window.setWindowState(Qt.WindowState.WindowMinimized)
    elif how == "restore to a window":
        window.setWindowState(Qt.WindowState.WindowNoState)
    elif how == "hide":
        window.hide()
    else:
        other = QDialog()  # another app's window taking the screen: here, a window of no kiosk's
        other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        qtbot.addWidget(other)
        other.show()
        other.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
        other.close()
    assert_on_screen(qtbot, window)
    if how != "hide":  # the offscreen platform activates a window only on its first showing
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_the_reset_brings_the_window_back_too(kiosk_with, qtbot):
    kiosk = kiosk_with()
    QApplication.instance().removeEventFilter(kiosk.controller)  # as if a state change had been missed
    kiosk.window.setWindowState(Qt.WindowState.WindowMinimized)
    QApplication.instance().installEventFilter(kiosk.controller)
    kiosk.controller.reset()
    assert kiosk.window.isFullScreen() and not kiosk.window.isMinimized()


def test_a_minimised_dialog_comes_back(kiosk_with, qtbot):
    kiosk = kiosk_with()
    preview = kiosk.window.printing.open_sheet_preview()
    qtbot.waitUntil(preview.isVisible)
    preview.setWindowState(Qt.WindowState.WindowMinimized)
    qtbot.waitUntil(lambda: preview.isVisible() and not preview.isMinimized())
    assert_on_screen(qtbot, kiosk.window)


def test_still_reading_shows_above_an_open_preview_and_a_touch_keeps_it(kiosk_with, qtbot):
    kiosk = kiosk_with(idle_reset_seconds=1, countdown_seconds=30)
    window, notice = kiosk.window, kiosk.controller.notice
    qtbot.mouseClick(window.reader.viewport(), LEFT)  # a visitor's touch starts the idle timer
    preview = window.printing.open_sheet_preview()
    qtbot.waitUntil(preview.isVisible)
    box = QMessageBox(QMessageBox.Icon.Information, "Message", "Over the preview", parent=preview)
    box.open()
    qtbot.waitUntil(notice.isVisible, timeout=3000)
    # A window of its own, over the whole screen, on top, and the modal window nothing else blocks.
    assert notice.isWindow() and notice.windowFlags() & W.WindowStaysOnTopHint
    assert notice.geometry() == window.screen().geometry()
    assert QApplication.activeModalWidget() is notice
    qtbot.mouseClick(notice.continue_button, LEFT)
    assert not notice.isVisible()
    assert preview.isVisible() and box.isVisible()  # still reading: nothing lost
    box.close()


def test_the_countdown_over_a_preview_ends_in_a_clean_first_page(kiosk_with, qtbot):
    kiosk = kiosk_with(idle_reset_seconds=1, countdown_seconds=1)
    window, notice = kiosk.window, kiosk.controller.notice
    window.open_page("faqs")
    qtbot.mouseClick(window.reader.viewport(), LEFT)
    preview = window.printing.open_sheet_preview()
    qtbot.waitUntil(notice.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=3000)
    assert not preview.isVisible() and window.reader.current == ("overview", "")
    assert_on_screen(qtbot, window)


def test_the_reset_closes_menus_popups_dialogs_and_the_keyboard_first(kiosk_with, qtbot):
    kiosk = kiosk_with(allow_print=True)
    window, keyboard = kiosk.window, kiosk.controller.keyboard
    qtbot.mouseClick(window.search.box, LEFT)
    assert keyboard.isVisible()
    preview = window.printing.open_sheet_preview()
    qtbot.waitUntil(preview.isVisible)
    combo = preview.findChild(QComboBox, "pageSize")
    combo.showPopup()
    menu = QMenu(window)
    menu.addAction("Something")
    menu.popup(QPoint(10, 10))
    qtbot.waitUntil(menu.isVisible)
    kiosk.controller.reset()
    assert QApplication.activePopupWidget() is None and not menu.isVisible()
    assert not preview.isVisible() and not keyboard.isVisible()
    assert kiosk.controller.open_windows() == []
    assert window.reader.current == ("overview", "")


def _layout_height(window) -> float:
    return window.reader.document().size().height()


def test_the_first_page_is_drawn_at_the_kiosk_size_after_start_and_after_a_reset(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window = kiosk.window
    qtbot.waitUntil(lambda: window.setup_finished)
    at_start = (window.reader.document().defaultFont().pointSizeF(), _layout_height(window))
    window.open_page("faqs")
    window.home_action.trigger()
    after_home = (window.reader.document().defaultFont().pointSizeF(), _layout_height(window))
    assert at_start == after_home and at_start[0] == 16
    window.zoom_in_action.trigger()
    kiosk.controller.reset()
    assert (window.reader.document().defaultFont().pointSizeF(), _layout_height(window)) == after_home
