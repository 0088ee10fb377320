"""Printing from the window: the handout preview (Print, Save as PDF, page size, large print).

The document itself is a `guide_app.printing.handout.Handout`, built by the core exactly as the command
line builds it (`handout.page_handout`, `sheet.sheet_handout`, `comparison_handout.comparison_handout`); this
module only previews it and hands it to a printer or a PDF file. Every failure is told in
a short message and the preview stays open, so nothing is lost.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.clinic.config import Config
from guide_app.errors import GuideError
from guide_app.printing import handout
from guide_app.printing.handout import Handout

PAGE_SIZE_LABELS = {"a4": "A4", "letter": "Letter"}


def suggested_pdf_path(file_name: str) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return str(Path(folder) / file_name)


def with_pdf_suffix(path: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")


def tell(parent: QWidget, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
    """A short message that does not block (window-modal, opened with `open`)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("printMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def save_pdf(parent: QWidget, item: Handout, config: Config, page_size: str, large_print: bool) -> Path | None:
    """Ask where to save, then write the PDF; a failure is a message, never a crash."""
    path, _ = QFileDialog.getSaveFileName(
        parent, "Save as PDF", suggested_pdf_path(item.file_name), "PDF files (*.pdf)"
    )
    if not path:
        return None
    out = with_pdf_suffix(path)
    try:
        handout.write_pdf(item, out, config, page_size=page_size, large_print=large_print)
    except GuideError as error:
        tell(parent, "Could not save the PDF", f"The PDF was not saved.\n\n{_sentence(error)}")
        return None
    return out


def _sentence(error: Exception) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _free_later(printer: QPrinter, *_args) -> None:
    QTimer.singleShot(0, partial(_free, printer))


def _free(printer: QPrinter) -> None:
    if shiboken6.isValid(printer):
        shiboken6.delete(printer)


class HandoutPreview(QDialog):
    """The handout as it will come out of the printer, with the choices that change it."""

    saved = Signal(str)
    printed = Signal()

    def __init__(self, item: Handout, config: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.config = config
        self.setObjectName("handoutPreview")
        self.setWindowTitle(f"Print preview: {item.title}")
        self.setAccessibleName("Print preview")
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.page_count = 0
        self.last_message: QMessageBox | None = None

        self.page_size = QComboBox(self)
        self.page_size.setObjectName("pageSize")
        self.page_size.setAccessibleName("Page size")
        for name, label in PAGE_SIZE_LABELS.items():
            self.page_size.addItem(label, name)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(handout.default_page_size(config))))
        size_label = QLabel("&Page size:", self)
        size_label.setBuddy(self.page_size)
        self.large_print = QCheckBox("&Large print", self)
        self.large_print.setObjectName("largePrint")
        self.large_print.setToolTip("18 pt bold text with wide line spacing; may take more pages")
        self.pages_label = QLabel(self)
        self.pages_label.setObjectName("pageCount")
        self.print_button = QPushButton("P&rint…", self)
        self.print_button.setObjectName("printButton")
        self.pdf_button = QPushButton("&Save as PDF…", self)
        self.pdf_button.setObjectName("savePdfButton")
        close_button = QPushButton("Close", self)
        close_button.clicked.connect(self.reject)

        self.preview = QPrintPreviewWidget(self.printer, self)
        # Handing the printer to the preview gives it to C++, which never deletes it: free it once
        # the dialog is gone, or a kiosk day of previews leaks megabytes.
        self.destroyed.connect(partial(_free_later, self.printer))
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName("Preview of the printed pages")
        self.preview.paintRequested.connect(self._paint)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)

        bar = QHBoxLayout()
        bar.addWidget(size_label)
        bar.addWidget(self.page_size)
        bar.addSpacing(12)
        bar.addWidget(self.large_print)
        bar.addSpacing(12)
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.pdf_button)
        bar.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.preview, 1)

        self.page_size.currentIndexChanged.connect(self._refresh)
        self.large_print.toggled.connect(self._refresh)
        self.print_button.clicked.connect(self.print_handout)
        self.pdf_button.clicked.connect(self.save_pdf)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(820, screen.width() - 40), min(960, screen.height() - 60))
        self._apply_page_size()

    # -- the preview -----------------------------------------------------
    @property
    def chosen_page_size(self) -> str:
        return str(self.page_size.currentData())

    def _apply_page_size(self) -> None:
        self.printer.setPageSize(handout.page_size_of(self.chosen_page_size))

    def show_item(self, item: Handout) -> None:
        """Preview another handout in this same dialog, with the choices back at their defaults.

        The window keeps one preview and reuses it: every new QPrintPreviewWidget leaves a little
        behind in PySide, which a kiosk showing previews all day would feel.
        """
        self.item = item
        self.setWindowTitle(f"Print preview: {item.title}")
        for box in (self.page_size, self.large_print):
            box.blockSignals(True)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(handout.default_page_size(self.config))))
        self.large_print.setChecked(False)
        for box in (self.page_size, self.large_print):
            box.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        self._apply_page_size()
        self.preview.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.page_count = self._paint_on(printer)
        except GuideError as error:
            self.page_count = 0
            self._tell("Could not prepare the pages", _sentence(error))
        self.pages_label.setText(f"{self.page_count} page{'s' if self.page_count != 1 else ''}")

    def _paint_on(self, printer: QPrinter) -> int:
        return handout.paint(self.item, printer, self.config, large_print=self.large_print.isChecked())

    def _tell(self, title: str, text: str) -> None:
        self.last_message = tell(self, title, text)

    # -- print and save --------------------------------------------------
    def print_handout(self) -> bool:
        """Send the pages to a printer the person picks; say so plainly if that fails."""
        if not QPrinterInfo.availablePrinters():
            self._tell(
                "No printer",
                "No printer is installed on this computer, so nothing was printed.\n\n"
                "Use “Save as PDF…” and print the file from another computer, or ask for a printer to be set up.",
            )
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(handout.page_size_of(self.chosen_page_size))
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            self._paint_on(printer)
        except GuideError as error:
            self._tell("Could not print", f"Nothing more was sent to the printer.\n\n{_sentence(error)}")
            return False
        if printer.printerState() == QPrinter.PrinterState.Error:
            self._tell("Could not print", "The printer refused the job. Check that it is on and has paper.")
            return False
        self.printed.emit()
        return True

    def save_pdf(self) -> Path | None:
        out = save_pdf(self, self.item, self.config, self.chosen_page_size, self.large_print.isChecked())
        if out is not None:
            self.pages_label.setText(f"Saved to {out}")
            self.saved.emit(str(out))
        return out
