"""The reader window, driven as a person would: contents, links, history, search, find, zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from guide_app.library import Library


@pytest.fixture
def window(make_window, qtbot):
    win = make_window()
    qtbot.waitUntil(lambda: win.search.index is not None)
    return win


def test_opens_on_the_overview(window):
    assert window.reader.current == ("overview", "")
    assert "Clonazepam Addiction: Risks, Symptoms, and Treatment" in window.reader.toPlainText()
    assert window.windowTitle().startswith("Overview")


def test_registers_atkinson_hyperlegible():
    from guide_app.fonts import register_fonts

    assert register_fonts() == "Atkinson Hyperlegible"


def test_contents_tree_opens_a_subsection(window, qtbot):
    item = window.contents.item("detox", "medical-supervision-and-support")
    rect = window.contents.visualItemRect(item)
    window.contents.scrollToItem(item)
    rect = window.contents.visualItemRect(item)
    qtbot.mouseClick(window.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.current == ("detox", "medical-supervision-and-support")
    assert window.reader.verticalScrollBar().value() > 0


def test_back_forward_and_home(window, qtbot):
    window.open_page("faqs")
    window.open_page("summary")
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current[0] == "faqs"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current[0] == "summary"
    window.back_action.trigger()
    window.back_action.trigger()
    assert window.reader.current[0] == "overview" and not window.back_action.isEnabled()
    window.open_page("risks")
    assert not window.forward_action.isEnabled()  # a new page drops the forward history
    window.home_action.trigger()
    assert window.reader.current[0] == "overview"


def test_mouse_back_button_goes_back(window, qtbot):
    window.open_page("faqs")
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.BackButton, pos=QPoint(50, 50))
    assert window.reader.current[0] == "overview"


def test_link_to_another_page_is_followed(window, qtbot):
    window.open_page("about")
    window.reader._follow(__import__("PySide6.QtCore").QtCore.QUrl("faqs.md#faq-alcohol"))
    assert window.reader.current == ("faqs", "faq-alcohol")


def test_external_link_is_shown_not_opened(window):
    from PySide6.QtCore import QUrl

    window.reader._follow(QUrl("https://example.org/page"))
    assert window.notice.isVisible() and "https://example.org/page" in window.notice.label.text()
    copy = next(b for b in window.notice._actions if b.text() == "Copy address")
    copy.click()
    assert QGuiApplication.clipboard().text() == "https://example.org/page"


def test_search_as_you_type_then_enter_opens_the_section_highlighted(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search.box.hasFocus()
    qtbot.keyClicks(window.search.box, "withdrawl")
    assert window.search.results.count() > 0
    assert window.search.suggestion.isVisible() and "withdrawal" in window.search.suggestion.text()
    assert not window.contents.isVisible()
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.reader.current == ("detox", "detox-process-and-withdrawal-symptoms")
    assert window.reader.search_highlight_count() >= 3


def test_arrow_keys_move_through_results(window, qtbot):
    window.search.focus()
    qtbot.keyClicks(window.search.box, "clonazepam")
    assert window.search.results.currentRow() == 0
    qtbot.keyClick(window.search.box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search.box, Qt.Key.Key_Down)
    assert window.search.results.currentRow() == 2
    qtbot.keyClick(window.search.box, Qt.Key.Key_Up)
    second = window.search.answer.results[1]
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.reader.current == (second.page, second.anchor)


def test_slash_focuses_search_and_no_results_says_so(window, qtbot):
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Slash)
    assert window.search.box.hasFocus()
    qtbot.keyClicks(window.search.box, "xylophone")
    assert "No results" in window.search.status.text() and window.search.status.isVisible()
    window.search.clear()
    assert window.contents.isVisible()


def test_did_you_mean_link_replaces_the_query(window, qtbot):
    window.search.box.setText("insomia")
    window.search.suggestion.linkActivated.emit("suggest")
    assert window.search.query == "insomnia"


def test_find_in_page_counts_and_steps(window, qtbot):
    window.open_page("detox")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.edit.hasFocus()
    qtbot.keyClicks(window.find_bar.edit, "withdrawal")
    total = window.find_bar.match_count
    assert total >= 5 and window.find_bar.count.text() == f"1 of {total}"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == f"2 of {total}"
    window.find_bar.previous()
    window.find_bar.previous()
    assert window.find_bar.count.text() == f"{total} of {total}"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and window.reader.extraSelections() == []


def test_find_says_no_matches(window, qtbot):
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "qqqzzz")
    assert window.find_bar.count.text() == "No matches"


def test_zoom_keys_change_text_size_and_are_remembered(window, qtbot):
    from PySide6.QtCore import QSettings

    base = window.reader.point_size()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = window.reader.point_size()
    assert bigger > base
    assert window.reader.document().defaultFont().pointSizeF() == pytest.approx(bigger)
    assert int(QSettings().value("reader/zoom")) == window.reader.zoom
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.point_size() < base
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.point_size() == base


def test_zoom_is_restored_in_a_new_window(qtbot, window):
    from guide_app.ui.main_window import MainWindow

    window.reader.set_zoom(6)
    again = MainWindow(Library.open(cache_dir=False), "Atkinson Hyperlegible")
    qtbot.addWidget(again)
    assert again.reader.zoom == 6


def test_corrupt_config_shows_a_banner_and_the_guide_still_works(qtbot, tmp_path):
    from guide_app.ui.main_window import MainWindow

    config = tmp_path / "config.toml"
    config.write_text("[clinic]\nname = 'A'\nphone = 5\n")
    win = MainWindow(Library.open(config_path=config, cache_dir=False), "Atkinson Hyperlegible")
    qtbot.addWidget(win)
    win.show()
    assert win.banner.isVisible() and f"{config}:3" in win.banner.label.text()
    assert win.reader.current == ("overview", "")


def test_unknown_start_page_falls_back_to_home(qtbot):
    from guide_app.ui.main_window import MainWindow

    win = MainWindow(Library.open(cache_dir=False), "Atkinson Hyperlegible", start_page="nope")
    qtbot.addWidget(win)
    assert win.reader.current == ("overview", "") and "nope" in win.notice.label.text()


def test_start_page_option_opens_that_page(qtbot):
    from guide_app.ui.main_window import MainWindow

    win = MainWindow(Library.open(cache_dir=False), "Atkinson Hyperlegible", start_page="faqs")
    qtbot.addWidget(win)
    assert win.reader.current == ("faqs", "")


def test_images_outside_the_guide_never_load(window):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    image = QTextDocument.ResourceType.ImageResource.value
    assert window.reader.loadResource(image, QUrl("../../../etc/passwd")) is None
    assert window.reader.loadResource(image, QUrl("/etc/hosts")) is None
    assert window.reader.loadResource(image, QUrl("https://example.org/x.png")) is None


@pytest.mark.parametrize("theme", ["dark", "high-contrast", "light"])
def test_theme_switch_restyles_widgets_and_page(window, theme):
    from PySide6.QtGui import QPalette

    action = next(a for a in window.theme_actions.actions() if a.data() == theme)
    action.trigger()
    assert window.theme == theme and action.isChecked()
    base = QGuiApplication.instance().palette().color(QPalette.ColorRole.Base).lightness()
    assert (base < 60) == (theme != "light")
    css = window.reader.document().defaultStyleSheet()
    assert ("#ffff00" in css) == (theme == "high-contrast")
    assert window.reader.current == ("overview", "")


def test_theme_from_config_and_remembered(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from guide_app.ui.main_window import MainWindow

    config = tmp_path / "c.toml"
    config.write_text('[display]\ntheme = "dark"\n')
    win = MainWindow(Library.open(config_path=config, cache_dir=False), "Atkinson Hyperlegible")
    qtbot.addWidget(win)
    assert win.theme == "dark"
    win.set_theme("high-contrast")
    assert QSettings().value("display/theme") == "high-contrast"
    win.set_theme("light")


def test_contents_follow_the_page_opened_at_start_and_by_links(make_window):
    window = make_window(start_page="get-help")
    assert window.contents.currentItem().text(0) == "Get help"
    window.open_page("faqs", "faq-alcohol")
    assert window.contents.currentItem().text(0) == "Can I drink alcohol while taking clonazepam?"
    window.back_action.trigger()
    assert window.contents.currentItem().text(0) == "Get help"


def test_mouse_back_and_forward_work_over_the_contents_too(window, qtbot):
    """Real mouse events pass through the window's QWindow, where the window listens for these buttons."""
    from PySide6.QtTest import QTest

    window.open_page("faqs")
    back = window.toolbar.widgetForAction(window.back_action)
    qtbot.waitUntil(lambda: back.accessibleName() == "Back", timeout=3000)  # set up after the first paint
    over_contents = window.contents.viewport().mapTo(window, QPoint(20, 20))
    none = Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.BackButton, none, over_contents)
    assert window.reader.current[0] == "overview"
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.ForwardButton, none, over_contents)
    assert window.reader.current[0] == "faqs"
