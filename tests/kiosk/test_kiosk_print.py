"""Printing at a kiosk: off unless allowed; then straight to the default printer after a confirmation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from tests.pdfs import pdf_pages, pdf_text, squash


class FakePrinterInfo:
    """Stands in for QPrinterInfo: a queue with a name and a state (Idle, Active, Aborted, Error)."""

    def __init__(self, name: str = "Front desk", state=QPrinter.PrinterState.Idle) -> None:
        self.name = name
        self.printer_state = state

    def isNull(self) -> bool:  # noqa: N802 (Qt's name)
        return False

    def printerName(self) -> str:  # noqa: N802
        return self.name

    def state(self):
        return self.printer_state


@pytest.fixture(autouse=True)
def no_dialogs(monkeypatch):
    """A kiosk never shows a printer or file dialog: fail the test if one is asked for."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a printer or file dialog was opened at the kiosk")

    monkeypatch.setattr(QPrintDialog, "exec", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(refuse))


@pytest.fixture
def printed(tmp_path):
    """Where the fake default printer puts its pages: a PDF we can read back."""
    out = tmp_path / "printed.pdf"

    def printer_for(_info) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    return out, printer_for


def with_printer(kiosk, printed, info=None, accepting=None) -> None:
    """The default printer is `info` (a ready one if None); `accepting` is what CUPS says of its queue."""
    kiosk.controller.printing.default_printer = lambda: FakePrinterInfo() if info is None else info
    kiosk.controller.printing.printer_for = printed[1]
    kiosk.controller.printing.accepting = lambda _name: accepting


def box_named(parent, name: str) -> QMessageBox | None:
    boxes = [b for b in parent.findChildren(QMessageBox, name) if b.isVisible()]
    return boxes[-1] if boxes else None


def test_printing_is_off_unless_allowed(kiosk_with, qtbot):
    kiosk = kiosk_with()
    printing = kiosk.window.printing
    for action in (printing.print_action, printing.save_pdf_action):
        assert not action.isEnabled() and not action.isVisible() and action.shortcuts() == []
    qtbot.keyClick(kiosk.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printing.preview is None


def test_the_sheet_preview_can_be_read_but_not_printed_or_saved(kiosk_with, qtbot):
    kiosk = kiosk_with()
    preview = kiosk.window.printing.open_sheet_preview()
    qtbot.waitUntil(lambda: preview.isVisible() and preview.page_count > 0)
    assert not preview.print_button.isVisible() and not preview.pdf_button.isVisible()
    # No choices that lead nowhere; instead, how to get a printed copy.
    assert not preview.page_size.isVisible() and not preview.large_print.isVisible()
    note = preview.findChild(QLabel, "printedCopyNote")
    assert note is not None and note.isVisible() and note.text() == "Ask a member of staff for a printed copy."


def test_with_printing_off_the_preview_gives_the_clinics_words(kiosk_with, qtbot):
    kiosk = kiosk_with(printed_copy="Printed copies are at the front desk, next to the water fountain.")
    preview = kiosk.window.printing.open_sheet_preview()
    qtbot.waitUntil(preview.isVisible)
    note = preview.findChild(QLabel, "printedCopyNote")
    assert note.isVisible() and note.text() == "Printed copies are at the front desk, next to the water fountain."
    kiosk.controller.reset()
    preview = kiosk.window.printing.open_sheet_preview()  # the same preview, shown again: one note
    assert len(preview.findChildren(QLabel, "printedCopyNote")) == 1


@pytest.mark.parametrize(
    ("state", "accepting"),
    [
        (QPrinter.PrinterState.Error, None),  # paused (cupsdisable): Qt says Error
        (QPrinter.PrinterState.Aborted, None),
        (QPrinter.PrinterState.Idle, False),  # rejecting jobs (cupsreject)
        (QPrinter.PrinterState.Error, False),
    ],
)
def test_a_printer_that_cannot_print_now_is_refused_before_anything_is_sent(
    kiosk_with, qtbot, printed, state, accepting
):
    kiosk = kiosk_with(allow_print=True)
    with_printer(kiosk, printed, FakePrinterInfo(state=state), accepting)
    kiosk.window.open_page("detox")
    kiosk.window.printing.print_action.trigger()
    message = kiosk.controller.printing.last_message
    assert message.isVisible() and message.text() == "The printer is not working. Please ask a member of staff."
    assert box_named(kiosk.window, "kioskPrintConfirm") is None and not printed[0].exists()


def test_a_printer_that_stops_while_the_visitor_decides_is_found_out(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    info = FakePrinterInfo()
    with_printer(kiosk, printed, info, accepting=True)
    kiosk.window.printing.print_action.trigger()
    confirm = box_named(kiosk.window, "kioskPrintConfirm")
    info.printer_state = QPrinter.PrinterState.Error  # paused meanwhile
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert not printed[0].exists()
    assert kiosk.controller.printing.last_message.text() == "The printer is not working. Please ask a member of staff."


def test_a_printer_that_fails_while_taking_the_pages_is_not_reported_as_printing(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    with_printer(kiosk, printed, accepting=True)

    def failing(_info):
        printer = printed[1](_info)
        printer.printerState = lambda: QPrinter.PrinterState.Error
        return printer

    kiosk.controller.printing.printer_for = failing
    kiosk.window.printing.print_action.trigger()
    confirm = box_named(kiosk.window, "kioskPrintConfirm")
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    message = kiosk.controller.printing.last_message.text()
    assert message == "The printer is not working. Please ask a member of staff." and "sent" not in message


def test_allowed_print_asks_then_goes_to_the_default_printer(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    window = kiosk.window
    with_printer(kiosk, printed)
    window.open_page("detox")
    assert not window.printing.save_pdf_action.isVisible()
    button = window.toolbar.widgetForAction(window.printing.print_action)
    assert button is not None and button.text() == "Print" and window.printing.print_action.isVisible()
    if button.isVisible():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:  # folded into the toolbar's "»" menu: the offscreen screen is 800 px wide
        window.printing.print_action.trigger()
    confirm = box_named(window, "kioskPrintConfirm")
    assert confirm is not None and "Clonazepam Detoxification" in confirm.text() and "Front desk" in confirm.text()
    assert not printed[0].exists()
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert printed[0].is_file() and squash("Clonazepam Detoxification") in squash(pdf_text(printed[0]))
    done = kiosk.controller.printing.last_message
    assert done is not None and "was sent to the printer “Front desk”" in done.text()
    assert "printed" not in done.text().replace("printer", "")


def test_cancel_prints_nothing(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    with_printer(kiosk, printed)
    kiosk.window.printing.print_action.trigger()
    confirm = box_named(kiosk.window, "kioskPrintConfirm")
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not printed[0].exists()


def test_no_printer_says_so_clearly(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    with_printer(kiosk, printed, QPrinterInfo())  # a null printer: none installed
    kiosk.window.printing.print_action.trigger()
    message = kiosk.controller.printing.last_message
    assert message.isVisible() and "No printer is set up at this kiosk" in message.text()
    assert box_named(kiosk.window, "kioskPrintConfirm") is None and not printed[0].exists()


def test_preview_print_button_uses_the_kiosk_rules_and_the_chosen_large_print(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    with_printer(kiosk, printed)
    preview = kiosk.window.printing.open_sheet_preview()
    qtbot.waitUntil(lambda: preview.isVisible() and preview.page_count > 0)
    assert preview.print_button.isVisible() and not preview.pdf_button.isVisible()
    preview.large_print.setChecked(True)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    confirm = box_named(preview, "kioskPrintConfirm")
    qtbot.mouseClick(confirm.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert printed[0].is_file() and "withdrawal symptoms" in pdf_text(printed[0])
    assert len(pdf_pages(printed[0])) > 1  # large print: the one-page sheet takes more pages


def test_reset_closes_previews_and_print_questions(kiosk_with, qtbot, printed):
    kiosk = kiosk_with(allow_print=True)
    with_printer(kiosk, printed)
    preview = kiosk.window.printing.open_sheet_preview()
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    confirm = box_named(preview, "kioskPrintConfirm")
    assert confirm is not None
    kiosk.controller.reset()
    qtbot.waitUntil(lambda: not preview.isVisible() and not confirm.isVisible())
    assert preview.windowTitle() == "Print preview"  # kept for reuse, naming nothing of the last visitor
    assert not printed[0].exists()
