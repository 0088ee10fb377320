"""Printing at a kiosk: only if the clinic allows it (`[kiosk] allow_print`), and then straight to the
default printer after a confirmation. No printer dialog, no "Save as PDF", no file dialog, ever.

It tells the truth: a printer that is stopped, paused or refusing jobs is found out before anything
is sent (a paused job would come out later, for someone else), and a job handed over is "sent to the
printer", never "printed". With printing off, the sheet preview says how to get a printed copy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from guide_app.errors import GuideError
from guide_app.printing import handout
from guide_app.printing.handout import Handout, page_handout
from guide_app.ui.print_ui import HandoutPreview, tell

NO_PRINTER = "No printer is set up at this kiosk, so nothing was printed. Please ask a member of staff."
NOT_WORKING = "The printer is not working. Please ask a member of staff."
ASK_FOR_A_COPY = "Ask a member of staff for a printed copy."
PRINT_BUTTON = "Print"
NOT_READY = {QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted}


def _printer_for(info: QPrinterInfo) -> QPrinter:
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def _accepting_jobs(name: str) -> bool | None:
    from guide_app.printing.queue import accepting_jobs

    return accepting_jobs(name)


def printer_problem(info: QPrinterInfo | None, accepting: Callable[[str], bool | None] = _accepting_jobs) -> str:
    """Why nothing can be printed on `info` now, in words for a visitor; "" when it can."""
    if info is None or info.isNull():
        return NO_PRINTER
    if info.state() in NOT_READY:  # stopped or paused: a job would wait, and come out for someone else
        return NOT_WORKING
    if accepting(info.printerName()) is False:  # refusing new jobs: a job would be lost
        return NOT_WORKING
    return ""


class KioskPrinting(QObject):
    """The kiosk's rules over the window's print actions and every handout preview it opens."""

    def __init__(
        self,
        window,
        allow: bool,
        *,
        default_printer: Callable[[], QPrinterInfo] = QPrinterInfo.defaultPrinter,
        printer_for: Callable[[QPrinterInfo], QPrinter] = _printer_for,
        accepting: Callable[[str], bool | None] = _accepting_jobs,
        printed_copy: str = "",
    ) -> None:
        super().__init__(window)
        self.window = window
        self.allow = allow
        self.default_printer = default_printer
        self.printer_for = printer_for
        self.accepting = accepting
        self.printed_copy = printed_copy.strip() or ASK_FOR_A_COPY
        self.last_message: QMessageBox | None = None

    def apply(self) -> None:
        printing = getattr(self.window, "printing", None)
        if printing is None:
            return
        _remove(printing.save_pdf_action)
        if not self.allow:
            _remove(printing.print_action)
            return
        printing.print_action.triggered.disconnect(printing.print_current_page)
        printing.print_action.triggered.connect(self.print_current_page)
        printing.print_action.setText(PRINT_BUTTON)
        printing.print_action.setToolTip("Print this page")
        self.window.toolbar.insertAction(printing.sheet_action, printing.print_action)

    def adapt_preview(self, preview: HandoutPreview) -> None:
        """A preview shows the handout; at a kiosk its Print goes through the kiosk's rules."""
        if preview.property("kioskAdapted"):
            return
        preview.setProperty("kioskAdapted", True)
        preview.pdf_button.hide()
        if not self.allow:
            # Choices for a printout that will not come: gone; in their place, how to get one.
            preview.print_button.hide()
            preview.large_print.hide()
            preview.page_size.hide()
            for label in preview.findChildren(QLabel):
                if label.buddy() is preview.page_size:
                    label.hide()
            note = QLabel(self.printed_copy, preview)
            note.setObjectName("printedCopyNote")
            note.setWordWrap(True)
            note.setAccessibleName("How to get a printed copy")
            font = note.font()
            font.setBold(True)
            note.setFont(font)
            preview.layout().insertWidget(0, note)
            note.show()  # added while the preview is being shown
            return
        preview.print_button.setText(PRINT_BUTTON)
        preview.print_button.clicked.disconnect(preview.print_handout)
        preview.print_button.clicked.connect(
            lambda: self.ask_and_print(
                preview.item,
                parent=preview,
                page_size=preview.chosen_page_size,
                large_print=preview.large_print.isChecked(),
            )
        )

    def print_current_page(self) -> None:
        page = self.window.reader.page
        if page is not None:
            self.ask_and_print(page_handout(page, self.window.library.config), parent=self.window)

    def ask_and_print(
        self, item: Handout, *, parent: QWidget, page_size: str | None = None, large_print: bool = False
    ) -> QMessageBox:
        """Ask first (without blocking: the answer comes back through the box), then print."""
        info = self.default_printer()
        problem = printer_problem(info, self.accepting)
        if problem:
            return self._tell(parent, "No printer" if problem == NO_PRINTER else "Printer not working", problem)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Print",
            f"Print “{item.title}” on the printer “{info.printerName()}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            parent,
        )
        box.setObjectName("kioskPrintConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(PRINT_BUTTON)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self.print_now(item, info, parent=parent, page_size=page_size, large_print=large_print)

        box.buttonClicked.connect(answered)
        box.open()
        self.last_message = box
        return box

    def print_now(
        self,
        item: Handout,
        info: QPrinterInfo,
        *,
        parent: QWidget,
        page_size: str | None = None,
        large_print: bool = False,
    ) -> bool:
        config = self.window.library.config
        problem = printer_problem(self._fresh(info), self.accepting)  # it may have stopped while the visitor read
        if problem:
            self._tell(parent, "Printer not working", problem)
            return False
        printer = self.printer_for(info)
        try:
            printer.setPageSize(handout.page_size_of(page_size or handout.default_page_size(config)))
            handout.paint(item, printer, config, large_print=large_print)
        except GuideError:
            self._tell(parent, "Could not print", "Nothing was printed. Please ask a member of staff.")
            return False
        if printer.printerState() in NOT_READY:
            self._tell(parent, "Printer not working", NOT_WORKING)
            return False
        self._tell(
            parent,
            "Sent to the printer",
            f"“{item.title}” was sent to the printer “{info.printerName()}”.",
            QMessageBox.Icon.Information,
        )
        return True

    def _fresh(self, info: QPrinterInfo) -> QPrinterInfo:
        """The printer as it is now (a QPrinterInfo keeps the state it had when made)."""
        if info is None or info.isNull():
            return info
        now = self.default_printer()
        return now if now is not None and not now.isNull() and now.printerName() == info.printerName() else info

    def _tell(self, parent: QWidget, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        self.last_message = tell(parent, title, text, icon)
        return self.last_message


def _remove(action) -> None:
    action.setEnabled(False)
    action.setVisible(False)
    action.setShortcuts([])
