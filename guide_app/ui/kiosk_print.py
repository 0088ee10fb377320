"""Printing at a kiosk: only if the clinic allows it (`[kiosk] allow_print`), and then straight to the
default printer after a confirmation. No printer dialog, no "Save as PDF", no file dialog, ever."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox, QWidget

from guide_app.errors import GuideError
from guide_app.printing import handout
from guide_app.printing.handout import Handout, page_handout
from guide_app.ui.print_ui import HandoutPreview, tell

NO_PRINTER = "No printer is set up at this kiosk, so nothing was printed. Please ask a member of staff."
PRINT_BUTTON = "Print"


def _printer_for(info: QPrinterInfo) -> QPrinter:
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


class KioskPrinting(QObject):
    """The kiosk's rules over the window's print actions and every handout preview it opens."""

    def __init__(
        self,
        window,
        allow: bool,
        *,
        default_printer: Callable[[], QPrinterInfo] = QPrinterInfo.defaultPrinter,
        printer_for: Callable[[QPrinterInfo], QPrinter] = _printer_for,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.allow = allow
        self.default_printer = default_printer
        self.printer_for = printer_for
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
            preview.print_button.hide()
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
        if info is None or info.isNull():
            return self._tell(parent, "No printer", NO_PRINTER)
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
        printer = self.printer_for(info)
        try:
            printer.setPageSize(handout.page_size_of(page_size or handout.default_page_size(config)))
            handout.paint(item, printer, config, large_print=large_print)
        except GuideError:
            self._tell(parent, "Could not print", "Nothing was printed. Please ask a member of staff.")
            return False
        if printer.printerState() == QPrinter.PrinterState.Error:
            self._tell(parent, "Could not print", "The printer did not take the pages. Please ask a member of staff.")
            return False
        self._tell(
            parent,
            "Printing",
            f"“{item.title}” is being printed on “{info.printerName()}”.",
            QMessageBox.Icon.Information,
        )
        return True

    def _tell(self, parent: QWidget, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        self.last_message = tell(parent, title, text, icon)
        return self.last_message


def _remove(action) -> None:
    action.setEnabled(False)
    action.setVisible(False)
    action.setShortcuts([])
