"""Printing from the window, driven as a person would: the sheet entry, the preview, Print and Save as PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QTextCursor
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from guide_app.library import Library
from guide_app.paths import resource
from tests.pdfs import page_sizes, pdf_text, text_runs


@pytest.fixture
def window(make_window):
    return make_window(config=resource("config", "example-config.toml"), remember=False)


@pytest.fixture
def save_to(monkeypatch):
    """Answer the Save dialog with a path instead of showing it."""
    chosen = {}

    def answer(path):
        def fake(parent, caption, directory, filter_text):
            chosen["suggested"] = directory
            return str(path), filter_text

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
        return chosen

    return answer


def open_sheet_from_toolbar(window, qtbot):
    button = window.toolbar.widgetForAction(window.printing.sheet_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printing.preview is not None and window.printing.preview.isVisible())
    preview = window.printing.preview
    qtbot.waitUntil(lambda: preview.page_count > 0)
    return preview


def message(widget) -> QMessageBox | None:
    boxes = [box for box in widget.findChildren(QMessageBox, "printMessage") if box.isVisible()]
    return boxes[-1] if boxes else None


def test_toolbar_entry_opens_a_one_page_sheet_preview(window, qtbot):
    preview = open_sheet_from_toolbar(window, qtbot)
    assert preview.windowTitle() == "Print preview: Clonazepam withdrawal symptoms"
    assert preview.pages_label.text() == "1 page"
    assert preview.preview.pageCount() == 1


def test_sheet_is_in_the_file_menu_and_the_contents(window, qtbot):
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts[:3] == ["Withdrawal symptoms sheet", "Print…", "Save page as PDF…"] and "Quit" in texts
    items = window.contents.findItems("Withdrawal symptoms sheet", Qt.MatchFlag.MatchExactly)
    assert len(items) == 1
    window.contents.scrollToItem(items[0])
    rect = window.contents.visualItemRect(items[0])
    qtbot.mouseClick(window.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.printing.preview is not None and window.printing.preview.isVisible())
    assert window.reader.current[0] == "overview"  # the page behind is unchanged
    assert not window.notice.isVisible()


def test_link_on_the_detox_page_opens_the_sheet(window, qtbot):
    window.open_page("detox")
    cursor = window.reader.document().find("Printable withdrawal symptoms sheet")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 3, QTextCursor.MoveMode.MoveAnchor)
    window.reader.setTextCursor(cursor)
    window.reader.ensureCursorVisible()
    point = window.reader.cursorRect(cursor).center()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.printing.preview is not None and window.printing.preview.isVisible())
    assert "withdrawal symptoms" in window.printing.preview.windowTitle()


def test_large_print_and_letter_change_the_preview(window, qtbot):
    preview = open_sheet_from_toolbar(window, qtbot)
    qtbot.mouseClick(preview.large_print, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.page_count > 1)
    assert preview.pages_label.text() == f"{preview.page_count} pages"
    preview.page_size.setCurrentIndex(preview.page_size.findText("Letter"))
    qtbot.waitUntil(lambda: preview.printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter)


def test_save_as_pdf_writes_what_is_previewed(window, qtbot, tmp_path, save_to):
    preview = open_sheet_from_toolbar(window, qtbot)
    preview.page_size.setCurrentIndex(preview.page_size.findText("Letter"))
    qtbot.mouseClick(preview.large_print, Qt.MouseButton.LeftButton)
    chosen = save_to(tmp_path / "for-maria")
    with qtbot.waitSignal(preview.saved):
        qtbot.mouseClick(preview.pdf_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "for-maria.pdf"
    assert chosen["suggested"].endswith("withdrawal-symptoms-sheet.pdf")
    assert out.is_file() and preview.pages_label.text() == f"Saved to {out}"
    sizes = page_sizes(out)
    assert len(sizes) > 1 and all(abs(w - 612) <= 1 and abs(h - 792) <= 1 for w, h in sizes)
    text = pdf_text(out)
    assert "Nausea and vomiting" in text and "Riverside Community Clinic" in text
    assert min(run.size for run in text_runs(out)) >= 18


def test_save_to_an_unwritable_place_says_so_and_keeps_the_preview(window, qtbot, tmp_path, save_to):
    preview = open_sheet_from_toolbar(window, qtbot)
    save_to(tmp_path / "no-such-folder" / "sheet.pdf")
    qtbot.mouseClick(preview.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message(preview) is not None)
    box = message(preview)
    assert "The PDF was not saved" in box.text() and "does not exist" in box.text()
    assert preview.isVisible() and not (tmp_path / "no-such-folder").exists()


def test_cancelled_save_writes_nothing(window, qtbot, tmp_path, save_to):
    preview = open_sheet_from_toolbar(window, qtbot)
    save_to("")
    assert preview.save_pdf() is None and message(preview) is None and list(tmp_path.iterdir()) == []


def test_print_without_a_printer_says_so(window, qtbot, monkeypatch):
    from guide_app.ui import print_ui

    monkeypatch.setattr(print_ui.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    preview = open_sheet_from_toolbar(window, qtbot)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: message(preview) is not None)
    assert "No printer is installed" in message(preview).text() and "Save as PDF" in message(preview).text()
    assert preview.isVisible()


def test_printer_that_refuses_the_job_is_reported(window, qtbot, monkeypatch, tmp_path):
    from guide_app.ui import print_ui

    monkeypatch.setattr(print_ui.QPrinterInfo, "availablePrinters", staticmethod(lambda: ["a printer"]))

    def accept(dialog):
        dialog.printer().setOutputFileName(str(tmp_path / "missing" / "job.pdf"))  # a printer that cannot start
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_ui.QPrintDialog, "exec", accept)
    preview = open_sheet_from_toolbar(window, qtbot)
    assert preview.print_handout() is False
    box = message(preview)
    assert box is not None and box.windowTitle() == "Could not print"
    assert "did not accept the job" in box.text()


def test_ctrl_p_previews_the_current_page(window, qtbot):
    window.open_page("faqs")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.printing.preview is not None and window.printing.preview.isVisible())
    preview = window.printing.preview
    assert preview.windowTitle() == "Print preview: FAQs"
    qtbot.waitUntil(lambda: preview.page_count > 0)


def test_save_page_as_pdf_from_the_file_menu(window, qtbot, tmp_path, save_to):
    window.open_page("detox")
    chosen = save_to(tmp_path / "detox.pdf")
    window.printing.save_pdf_action.trigger()
    out = tmp_path / "detox.pdf"
    assert chosen["suggested"].endswith("detox.pdf") and out.is_file()
    text = pdf_text(out)
    assert "Medical Supervision and Support".replace(" ", "") in text.replace(" ", "")
    assert "Printable withdrawal symptoms sheet" not in text
    assert "Phone: 555-0100" in text


def test_sheet_preview_without_config_has_no_clinic_labels(qtbot, tmp_path, save_to):
    from guide_app.fonts import register_fonts
    from guide_app.ui.app import make_application
    from guide_app.ui.main_window import MainWindow

    make_application()
    win = MainWindow(Library.open(cache_dir=False), register_fonts(), remember=False)
    qtbot.addWidget(win)
    win.show()
    preview = win.printing.open_sheet_preview()
    qtbot.waitUntil(lambda: preview.page_count == 1)
    save_to(tmp_path / "plain.pdf")
    preview.save_pdf()
    text = pdf_text(tmp_path / "plain.pdf")
    assert "Phone:" not in text and "Emergency: your local emergency number" in text
