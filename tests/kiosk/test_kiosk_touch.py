"""Kiosk mode for fingers: 44 px targets, drag to scroll, an on-screen keyboard, larger text, no pointer."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPoint, QPointF, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QScroller, QToolButton

from tests.kiosk_helpers import close_kiosk, open_kiosk, quick_library

MIN_TARGET = 44


def tap(qtbot, widget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def test_tapping_the_search_box_brings_a_keyboard_that_types_into_it(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window, keyboard = kiosk.window, kiosk.controller.keyboard
    assert not keyboard.isVisible()
    tap(qtbot, window.search.box)
    assert keyboard.isVisible() and keyboard.target is window.search.box
    for name in ["c", "a", "n", "'", "t", "space", "s", "l", "e", "e", "p", "x", "backspace"]:
        tap(qtbot, keyboard.keys[name])
    assert window.search.box.text() == "can't sleep"
    assert window.search.results.count() > 0 and window.search.box.hasFocus()
    tap(qtbot, keyboard.keys["clear"])
    assert window.search.box.text() == ""
    for name in ["x", "-", "1"]:
        tap(qtbot, keyboard.keys[name])
    assert window.search.box.text() == "x-1"
    tap(qtbot, keyboard.keys["hide"])
    assert not keyboard.isVisible()


def test_keyboard_has_letters_digits_and_editing_keys_all_big_enough(kiosk_with, qtbot):
    kiosk = kiosk_with()
    keyboard = kiosk.controller.keyboard
    tap(qtbot, kiosk.window.search.box)
    expected = set("abcdefghijklmnopqrstuvwxyz0123456789'-") | {"space", "backspace", "clear", "hide"}
    assert set(keyboard.keys) == expected
    for key in keyboard.keys.values():
        assert key.width() >= MIN_TARGET and key.height() >= MIN_TARGET, key.objectName()
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_keyboard_goes_when_a_result_is_opened(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window, keyboard = kiosk.window, kiosk.controller.keyboard
    tap(qtbot, window.search.box)
    for letter in "detox":
        tap(qtbot, keyboard.keys[letter])
    item = window.search.results.item(0)
    tap(qtbot, window.search.results.viewport(), window.search.results.visualItemRect(item).center())
    assert window.reader.current[0] == "detox" and not keyboard.isVisible()


def test_keyboard_serves_find_in_page_too(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window, keyboard = kiosk.window, kiosk.controller.keyboard
    window.find_action.trigger()
    tap(qtbot, window.find_bar.edit)
    for letter in "panic":
        tap(qtbot, keyboard.keys[letter])
    assert window.find_bar.edit.text() == "panic" and window.find_bar.match_count >= 1
    tap(qtbot, window.find_bar.close_button)
    assert not keyboard.isVisible()


def test_no_keyboard_when_the_config_says_so(kiosk_with, qtbot):
    from guide_app.ui.keyboard import OnScreenKeyboard

    kiosk = kiosk_with(on_screen_keyboard=False)
    tap(qtbot, kiosk.window.search.box)
    assert kiosk.controller.keyboard is None and not kiosk.window.findChildren(OnScreenKeyboard)


def test_touch_targets_are_at_least_44_px(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window = kiosk.window
    window.find_action.trigger()
    window.search.box.setText("withdrawal")
    qtbot.waitUntil(lambda: window.search.results.count() > 0)
    buttons = [w for w in window.findChildren(QAbstractButton) if w.isVisible()]
    buttons += [window.toolbar.widgetForAction(a) for a in window.toolbar.actions() if a.isVisible()]
    buttons = [b for b in buttons if isinstance(b, QAbstractButton)]
    assert any(isinstance(b, QToolButton) for b in buttons) and kiosk.controller.finished_button in buttons
    for button in buttons:
        if button.isVisible() and button.objectName() != "qt_toolbar_ext_button":
            assert button.height() >= MIN_TARGET, (button.text(), button.size())
            assert button.width() >= MIN_TARGET, (button.text(), button.size())
    for edit in (window.search.box, window.find_bar.edit):
        assert edit.height() >= MIN_TARGET
    results = window.search.results
    for row in range(results.count()):
        assert results.visualItemRect(results.item(row)).height() >= MIN_TARGET
    window.search.box.setText("")
    contents = window.contents
    for item in contents._items.values():
        if not item.isHidden() and contents.visualItemRect(item).isValid():
            assert contents.visualItemRect(item).height() >= MIN_TARGET, item.text(0)


def test_pin_keypad_keys_are_big_enough(kiosk_with, qtbot):
    kiosk = kiosk_with()
    prompt = kiosk.controller.open_admin_prompt()
    qtbot.waitExposed(prompt)
    for button in prompt.findChildren(QPushButton):
        assert button.height() >= MIN_TARGET and button.width() >= MIN_TARGET, button.text()


def drag_up(qtbot, viewport, distance: int = 250) -> None:
    """A finger drag, fed to the viewport's scroller with real timestamps (QTest's are made up)."""
    scroller = QScroller.scroller(viewport)
    x, y = viewport.width() / 2, viewport.height() - 20.0
    clock = QElapsedTimer()
    clock.start()
    scroller.handleInput(QScroller.Input.InputPress, QPointF(x, y), clock.elapsed())
    for step in range(1, 11):
        qtbot.wait(20)
        scroller.handleInput(QScroller.Input.InputMove, QPointF(x, y - distance * step / 10), clock.elapsed())
    scroller.handleInput(QScroller.Input.InputRelease, QPointF(x, y - distance), clock.elapsed())


def test_dragging_scrolls_the_reader_results_and_contents(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window = kiosk.window
    for view in (window.reader, window.search.results, window.contents):
        assert QScroller.hasScroller(view.viewport())
        assert QScroller.grabbedGesture(view.viewport()) != Qt.GestureType(0)
    window.open_page("detox")
    window.search.box.setText("clonazepam")
    views = [window.reader, window.search.results]
    for view in views:
        bar = view.verticalScrollBar()
        qtbot.waitUntil(lambda bar=bar: bar.maximum() > 150)
        assert bar.value() == 0
        drag_up(qtbot, view.viewport())
        qtbot.waitUntil(lambda bar=bar: bar.value() > 100)
    window.search.box.setText("")
    window.contents.expandAll()
    bar = window.contents.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 150)
    drag_up(qtbot, window.contents.viewport())
    qtbot.waitUntil(lambda: bar.value() > 100)


def test_a_tap_on_a_contents_entry_still_opens_it(kiosk_with, qtbot):
    kiosk = kiosk_with()
    contents = kiosk.window.contents
    item = contents._items[("faqs", "")]
    tap(qtbot, contents.viewport(), contents.visualItemRect(item).center())
    qtbot.waitUntil(lambda: kiosk.window.reader.current == ("faqs", ""))


def test_kiosk_text_is_larger_and_stays_so(kiosk_with, qtbot):
    from PySide6.QtGui import QFont

    kiosk = kiosk_with()
    reader = kiosk.window.reader
    assert reader.point_size() == 16 and reader.document().defaultFont().pointSizeF() == 16
    kiosk.window.setFont(QFont(reader.font().family(), 9))  # a font change from above keeps the page's size
    assert reader.document().defaultFont().pointSizeF() == 16
    kiosk.window.zoom_in_action.trigger()
    assert reader.document().defaultFont().pointSizeF() > 16


def test_hide_cursor_blanks_the_pointer_until_released(kiosk_with, qtbot):
    from PySide6.QtGui import QCursor

    # A cursor of our own underneath, so that overrideCursor() never returns None (PySide6 6.12 miscounts
    # references to None there).
    QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        kiosk = kiosk_with(hide_cursor=True)
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
        kiosk.controller.release()
        assert QApplication.overrideCursor().shape() == Qt.CursorShape.WaitCursor
    finally:
        QApplication.restoreOverrideCursor()


def test_keyboard_steps_aside_for_the_comparison_and_the_contents(qtbot, bundled_index):

    kiosk = open_kiosk(qtbot, quick_library(bundled_index))
    try:
        window, keyboard = kiosk.window, kiosk.controller.keyboard
        qtbot.mouseClick(window.search.box, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(keyboard.isVisible)
        window.compare_action.trigger()
        qtbot.waitUntil(lambda: not keyboard.isVisible())
        qtbot.mouseClick(window.search.box, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(keyboard.isVisible)
        window.contents.pageRequested.emit("faqs", "")
        qtbot.waitUntil(lambda: not keyboard.isVisible())
    finally:
        close_kiosk(kiosk)


def test_a_drag_never_selects_text_even_after_the_first_paint(kiosk_with, qtbot):
    from PySide6.QtWidgets import QLabel

    kiosk = kiosk_with()
    window = kiosk.window
    qtbot.waitUntil(lambda: window.setup_finished)  # the reader turns selection on then, on a desk
    reader = window.reader
    selecting = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert not reader.textInteractionFlags() & selecting
    viewport = reader.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(120, 120))
    for step in range(1, 6):
        qtbot.mouseMove(viewport, QPoint(120 + 40 * step, 120 + 20 * step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(320, 220))
    assert not reader.textCursor().hasSelection()
    qtbot.keyClick(reader, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    assert not reader.textCursor().hasSelection()
    qtbot.keyClick(reader, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not reader.textCursor().hasSelection()
    window.notice.show_message("A notice")  # the app's labels do not select either
    for label in window.findChildren(QLabel):
        assert not label.textInteractionFlags() & selecting, label.objectName()


def test_a_tap_on_a_contents_row_opens_and_closes_it(kiosk_with, qtbot):
    kiosk = kiosk_with()
    contents = kiosk.window.contents
    item = contents._items[("faqs", "")]
    assert not item.isExpanded()
    tap(qtbot, contents.viewport(), contents.visualItemRect(item).center())
    qtbot.waitUntil(lambda: item.isExpanded() and item.childCount() > 0)
    assert kiosk.window.reader.current == ("faqs", "")
    tap(qtbot, contents.viewport(), contents.visualItemRect(item).center())
    assert not item.isExpanded()
    guide = contents.topLevelItem(1)
    assert guide.isExpanded()
    tap(qtbot, contents.viewport(), contents.visualItemRect(guide).center())
    assert not guide.isExpanded()


def test_find_brings_the_keyboard(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window, keyboard = kiosk.window, kiosk.controller.keyboard
    qtbot.waitUntil(lambda: window.setup_finished)
    button = window.toolbar.widgetForAction(window.find_action)
    tap(qtbot, button)
    assert window.find_bar.isVisible() and keyboard.isVisible() and keyboard.target is window.find_bar.edit
    for name in "detox":
        tap(qtbot, keyboard.keys[name])
    assert window.find_bar.edit.text() == "detox"


def test_the_comparison_opens_at_its_top(kiosk_with, qtbot):
    kiosk = kiosk_with()
    window = kiosk.window
    window.compare_action.trigger()
    view = window.comparison_view
    bar = view.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.wait(50)
    assert bar.value() == 0
    assert view.back_button.visibleRegion().boundingRect().height() == view.back_button.height()
    window.go_back()
    bar.setValue(bar.maximum())
    window.compare_action.trigger()
    qtbot.waitUntil(lambda: bar.value() == 0)


def test_get_help_is_one_tap_away_first_on_the_toolbar_and_in_the_contents(kiosk_with, qtbot):
    from guide_app.clinic.details import GET_HELP_ID

    kiosk = kiosk_with()
    window = kiosk.window
    first = window.toolbar.actions()[0]
    assert first.text() == "Get help"
    assert window.contents.topLevelItem(0).text(0) == "Get help"
    window.open_page("faqs")
    tap(qtbot, kiosk.controller.help_button)
    assert window.reader.current == (GET_HELP_ID, "")
    window.open_page("faqs")
    contents = window.contents
    tap(qtbot, contents.viewport(), contents.visualItemRect(contents.topLevelItem(0)).center())
    qtbot.waitUntil(lambda: window.reader.current == (GET_HELP_ID, ""))
    kiosk.controller.reset()
    assert window.contents.topLevelItem(0).text(0) == "Get help"
