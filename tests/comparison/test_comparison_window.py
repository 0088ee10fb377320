"""The comparison in the main window: reached from the toolbar, menu, contents and the page's link."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from guide_app.library import Library
from guide_app.paths import default_content_dir

SOURCE = ("seeking-treatment", "types-of-treatment-programs")


@pytest.fixture
def window(make_window):
    return make_window(remember=False)


def showing_comparison(window) -> bool:
    return window.comparison_view is not None and window.stack.currentWidget() is window.comparison_view


def test_toolbar_button_shows_the_comparison_and_back_returns_to_the_page(window, qtbot):
    assert window.comparison_view is None  # not built until asked for
    qtbot.mouseClick(window.toolbar.widgetForAction(window.compare_action), Qt.MouseButton.LeftButton)
    assert showing_comparison(window)
    assert window.windowTitle().startswith("Compare treatment programs")
    assert window.comparison_view.table.hasFocus()
    assert window.back_action.isEnabled() and not window.find_action.isEnabled()
    assert not window.printing.print_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.reader and window.reader.current == ("overview", "")
    assert window.windowTitle().startswith("Overview")


def test_menu_and_shortcut_reach_the_comparison(window, qtbot):
    assert window.compare_action in window.go_menu.actions()
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert showing_comparison(window)


def test_contents_entry_opens_the_comparison(window, qtbot):
    item = window.compare_entry
    window.contents.scrollToItem(item)
    rect = window.contents.visualItemRect(item)
    qtbot.mouseClick(window.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert showing_comparison(window)
    assert window.contents.currentItem() is item


def test_link_on_the_types_of_programs_page_opens_the_comparison(window, qtbot):
    window.open_page(*SOURCE)
    reader = window.reader
    cursor = reader.document().find("Compare these programs side by side")
    assert not cursor.isNull() and cursor.charFormat().anchorHref() == "app:compare"
    cursor.setPosition(cursor.selectionStart() + 3, QTextCursor.MoveMode.MoveAnchor)
    reader.ensureCursorVisible()
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    point = reader.cursorRect(cursor).center()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: showing_comparison(window))


def test_clicking_a_cell_opens_its_section_and_back_returns_to_the_comparison(window, qtbot):
    window.show_comparison()
    view = window.comparison_view
    view.filter_boxes["live-at-home"].click()
    index = view.model.index(2, 1)
    view.table.scrollTo(index)
    view.scroll.ensureWidgetVisible(view.table)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center())
    assert window.stack.currentWidget() is window.reader and window.reader.current == SOURCE
    assert window.reader.verticalScrollBar().value() > 0
    assert "Back to the comparison" in [b.text() for b in window.notice._actions]
    window.back_action.trigger()
    assert showing_comparison(window) and not window.notice.isVisible()
    assert view.comparison.active_filters  # the visitor's choices are still there
    window.back_action.trigger()
    assert window.stack.currentWidget() is window.reader


def test_enter_on_a_cell_opens_its_section(window, qtbot):
    window.show_comparison()
    table = window.comparison_view.table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.reader and window.reader.current == SOURCE
    window.notice._actions[0].click()  # "Back to the comparison"
    assert showing_comparison(window)


def test_searching_from_the_comparison_shows_the_page(window, qtbot):
    window.show_comparison()
    window.search.focus()
    qtbot.keyClicks(window.search.box, "withdrawal")
    qtbot.waitUntil(lambda: window.search.results.count() > 0)
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.reader and window.find_action.isEnabled()


def test_text_size_follows_the_reader_zoom(window, qtbot):
    window.show_comparison()
    before = window.comparison_view.point_size()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    after = window.comparison_view.point_size()
    assert after > before and after == pytest.approx(window.reader.point_size())


def test_kiosk_reset_between_visitors(window):
    window.show_comparison()
    view = window.comparison_view
    view.program_boxes["inpatient"].click()
    view.transpose_box.click()
    view.reset()
    assert view.model.columnCount() == 4 and not view.comparison.transposed


def test_broken_programs_file_is_reported_and_the_rest_still_shows(make_window, tmp_path):
    folder = tmp_path / "clonazepam"
    shutil.copytree(default_content_dir() / "clonazepam", folder)
    path = folder / "programs.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"scheduled treatment sessions"', '"weekly"'))
    window = make_window(Library.open(tmp_path, cache_dir=False), remember=False)
    window.compare_action.trigger()
    assert showing_comparison(window)
    assert "programs.toml" in window.notice.label.text() and "word for word" in window.notice.label.text()
    assert window.comparison_view.model.index(3, 1).data() == ""  # the invented words are not shown


def test_pack_without_a_comparison_says_so(make_window, tmp_path):
    from tests.conftest import write_pack

    write_pack(tmp_path, {"one": "# One\n"})
    window = make_window(Library.open(tmp_path, cache_dir=False), remember=False)
    window.compare_action.trigger()
    assert window.stack.currentWidget() is window.reader
    assert "no program comparison" in window.notice.label.text()


def test_print_actions_of_the_page_rest_while_the_comparison_shows(window, qtbot):
    window.show_comparison()
    assert not window.printing.print_action.isEnabled() and not window.printing.save_pdf_action.isEnabled()
    window.go_back()
    assert window.printing.print_action.isEnabled() and window.find_action.isEnabled()
