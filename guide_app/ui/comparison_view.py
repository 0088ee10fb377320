"""The program comparison on screen: choices, programs to show, the table and the questions to ask.

One scrolling page, like a page of the guide, so nothing is ever cut off: the table is as tall
as its rows, its cells and labels wrap, and rows of check boxes flow onto new lines.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guide_app.clinic.config import Config
from guide_app.comparison.table import NOT_STATED, QUESTIONS_HEADING, Comparison
from guide_app.printing.comparison_handout import comparison_handout
from guide_app.printing.handout import Handout
from guide_app.ui.banner import Banner
from guide_app.ui.comparison_model import ComparisonModel
from guide_app.ui.comparison_table import TOUCH, ComparisonTable
from guide_app.ui.flow_layout import FlowLayout
from guide_app.ui.print_ui import HandoutPreview, save_pdf
from guide_app.ui.wrap_check import WrapCheck


class ComparisonView(QWidget):
    """The whole comparison page. `reset()` returns it to how a new visitor first sees it."""

    sourceRequested = Signal(str, str)  # page id, anchor
    backRequested = Signal()

    def __init__(
        self, comparison: Comparison, config: Config, family: str, point_size: float = 13.0, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonView")
        self.setAccessibleName("Compare treatment programs")
        self.comparison = comparison
        self.config = config
        self.model = ComparisonModel(comparison, self)
        self._family = family
        self._preview = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = Banner(self)
        layout.addWidget(self.banner)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("comparisonScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        page = QWidget()
        page.setObjectName("comparisonPage")
        self.scroll.setWidget(page)
        body = QVBoxLayout(page)
        body.setContentsMargins(16, 8, 16, 24)
        body.setSpacing(10)

        bar = QWidget(page)
        bar.setObjectName("comparisonBar")
        bar_layout = FlowLayout(bar, spacing=8)
        bar_layout.setContentsMargins(0, 0, 0, 0)
        self.back_button = self._button(
            "← Back to the guide", "Return to the page you were reading", self.backRequested.emit
        )
        self.reset_button = self._button("Start over", "Show every program again and clear your choices", self.reset)
        self.print_button = self._button("Print…", "Print the comparison, with a preview", self.print_preview)
        self.pdf_button = self._button("Save as PDF…", "Save the comparison as a PDF file", self.save_pdf)
        self.csv_button = self._button("Save as CSV…", "Save the comparison as a spreadsheet (CSV) file", self.save_csv)
        for button in (self.back_button, self.reset_button, self.print_button, self.pdf_button, self.csv_button):
            bar_layout.addWidget(button)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Print),
            self,
            self.print_preview,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        body.addWidget(bar)

        self.title = self._label(html.escape(comparison.table.title), "Title")
        self.title.setObjectName("comparisonTitle")
        body.addWidget(self.title)
        body.addWidget(
            self._label(
                "The program types the guide describes, side by side. Words in quotation marks are the article’s "
                f"own; “{NOT_STATED}” means the article does not say. Choose a cell to read the section it "
                "comes from.",
                "About this comparison",
            )
        )
        self.filter_boxes: dict[str, WrapCheck] = {}
        if comparison.filters:
            body.addWidget(self._label("<b>What matters to you?</b>", "What matters to you?"))
            filters = [(f.id, f.label) for f in comparison.filters]
            body.addWidget(self._flow(self.filter_boxes, filters, self._filter, checked=False))
        self.why = self._label("", "Why these programs")
        self.why.hide()
        body.addWidget(self.why)
        body.addWidget(self._label("<b>Programs to compare</b>", "Programs to compare"))
        self.program_boxes: dict[str, WrapCheck] = {}
        body.addWidget(
            self._flow(
                self.program_boxes,
                [(p.id, p.name) for p in comparison.table.programs],
                self._show_program,
                checked=True,
            )
        )
        options: dict[str, WrapCheck] = {}
        body.addWidget(
            self._flow(
                options,
                [("transpose", "Swap rows and columns"), ("emphasise", "Highlight where the programs differ")],
                self._option,
                checked=False,
            )
        )
        self.transpose_box, self.emphasise_box = options["transpose"], options["emphasise"]
        self.empty = self._label("", "Nothing to compare")
        self.empty.hide()
        body.addWidget(self.empty)
        self.table = ComparisonTable(self.model, page)
        self.table.sourceRequested.connect(self.sourceRequested)
        self.table.selectionModel().currentChanged.connect(self._keep_current_in_view)
        body.addWidget(self.table)
        self.questions = self._label(self._questions_html(), QUESTIONS_HEADING)
        self.questions.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.questions.linkActivated.connect(lambda href: self.sourceRequested.emit(*href.split("#", 1)))
        body.addWidget(self.questions)
        body.addStretch(1)
        self.set_point_size(point_size)
        self._refresh()

    # -- building ------------------------------------------------------------
    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…").removeprefix("← "))
        button.setAccessibleDescription(tip)
        button.setMinimumHeight(TOUCH)
        button.clicked.connect(slot)
        return button

    def _label(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _flow(self, boxes: dict[str, WrapCheck], items, slot, *, checked: bool) -> QWidget:
        holder = QWidget(self)
        flow = FlowLayout(holder, spacing=18)
        for key, text in items:
            box = WrapCheck(text, holder)
            box.setMinimumHeight(TOUCH)
            box.setChecked(checked)
            box.toggled.connect(lambda on, key=key: slot(key, on))
            flow.addWidget(box)
            boxes[key] = box
        return holder

    def _questions_html(self) -> str:
        questions = self.comparison.table.questions
        if not questions:
            return ""
        items = "".join(f"<p><b>{html.escape(q.factor)}</b><br>{html.escape(q.description)}</p>" for q in questions)
        source = questions[0].source
        link = f'<a href="{html.escape(source.href)}">{html.escape(source.describe())}</a>'
        return f"<h2>{QUESTIONS_HEADING}</h2><p>From {link}.</p>{items}"

    # -- changes ---------------------------------------------------------------
    def _filter(self, filter_id: str, on: bool) -> None:
        with self.model.changing() as comparison:
            comparison.set_filter(filter_id, on)
        self._refresh()

    def _show_program(self, program_id: str, on: bool) -> None:
        with self.model.changing() as comparison:
            comparison.set_hidden(program_id, not on)
        self._refresh()

    def _option(self, key: str, on: bool) -> None:
        with self.model.changing() as comparison:
            setattr(comparison, "transposed" if key == "transpose" else "emphasise", on)
        self._refresh()

    def reset(self) -> None:
        """Every program, no choices, programs as columns, scrolled to the top (kiosk: between visitors)."""
        with self.model.changing() as comparison:
            comparison.reset()
        for boxes, value in ((self.filter_boxes, False), (self.program_boxes, True)):
            for box in boxes.values():
                box.blockSignals(True)
                box.setChecked(value)
                box.blockSignals(False)
        for box in (self.transpose_box, self.emphasise_box):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.banner.dismiss()
        self.table.setCurrentIndex(QModelIndex())
        self._refresh()
        self.scroll.verticalScrollBar().setValue(0)
        self.scroll.horizontalScrollBar().setValue(0)

    def _refresh(self) -> None:
        comparison = self.comparison
        self.why.setText(self._why_html())
        self.why.setVisible(bool(comparison.active_filters))
        for program in comparison.table.programs:  # the boxes show what the table shows
            box, left_out = self.program_boxes[program.id], not comparison.passes(program)
            box.blockSignals(True)
            box.setChecked(program.id not in comparison.hidden and not left_out)
            box.blockSignals(False)
            box.setEnabled(not left_out)
            tip = "Not shown: the guide’s words say it does not fit a choice you ticked" if left_out else ""
            box.setToolTip(tip)
            box.box.setAccessibleDescription(tip)
        if not comparison.programs:
            if comparison.ruled_out():
                text = (
                    "By the guide’s own words, no program shown here fits every choice you ticked. "
                    "Untick a choice to see more, or ask the clinic."
                )
            else:
                text = "Every program is hidden. Tick a program under “Programs to compare” to see it."
            self.empty.setText(text)
        self.empty.setVisible(not comparison.programs)
        self.table.setVisible(bool(comparison.programs))
        self.table.fit()

    def _why_html(self) -> str:
        e = html.escape
        labels = {a.id: a.label for a in self.comparison.attributes}
        return "".join(
            f"<p><b>{e(chosen.label)}</b>: what the guide says under “{e(labels[chosen.attribute])}”</p>"
            f"<ul>{''.join(f'<li>{e(item)}</li>' for item in items)}</ul>"
            for chosen, items in self.comparison.reason_lines()
        )

    def _keep_current_in_view(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            rect = self.table.visualRect(current)
            centre = self.table.viewport().mapTo(self.scroll.widget(), rect.center())
            self.scroll.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 16, rect.height() // 2 + 16)

    def focus_table(self) -> None:
        """Keyboard focus on the table (on its first cell), or on the first control when it is empty."""
        if self.table.isVisible() or not self.isVisible():
            if not self.table.currentIndex().isValid() and self.model.rowCount() and self.model.columnCount():
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                )
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- size ------------------------------------------------------------------
    def set_point_size(self, size: float) -> None:
        """Follow the reader's text size (zoom); check boxes and buttons grow with it."""
        font = QFont(self._family)
        font.setPointSizeF(size)
        indicator = max(20, round(size * 1.6))
        family = self._family.replace('"', "")
        self.setFont(font)  # and the style sheet, which (unlike setFont) reaches children already polished
        self.setStyleSheet(
            f'#comparisonView, #comparisonView * {{ font-family: "{family}"; font-size: {size:.1f}pt; }}'
            f"#comparisonTitle {{ font-size: {size * 1.6:.1f}pt; font-weight: bold; }}"
            f"QCheckBox::indicator {{ width: {indicator}px; height: {indicator}px; }}"
        )
        self.table.fit()

    def point_size(self) -> float:
        return self.font().pointSizeF()

    def set_outputs(self, *, printing: bool, files: bool) -> None:
        """Print (with its preview) and saving files (PDF, CSV) can each be turned off: a kiosk saves none."""
        self.print_button.setVisible(printing)
        self.pdf_button.setVisible(files)
        self.csv_button.setVisible(files)

    # -- output ----------------------------------------------------------------
    def _save_path(self, title: str, name: str, pattern: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(self, title, f"{folder}/{name}", pattern)
        return path

    def save_csv(self) -> None:
        path = self._save_path("Save the comparison as CSV", "treatment-programs.csv", "CSV files (*.csv)")
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(self.comparison.to_csv(self.comparison.programs))
        except OSError as error:
            self.banner.show_message(f"The file could not be saved: {error.strerror} ({path}). Nothing was changed.")
            return
        self.banner.show_message(f"Saved: {path}")

    def handout(self) -> Handout:
        """What Print and Save as PDF put on paper: the comparison as it shows at that moment."""
        return comparison_handout(self.comparison, self.config)

    def save_pdf(self) -> None:
        from guide_app.printing.handout import default_page_size

        out = save_pdf(self, self.handout(), self.config, default_page_size(self.config), False)
        if out is not None:
            self.banner.show_message(f"Saved: {out}")

    def print_preview(self) -> HandoutPreview:
        """The print preview (not modal), with page size, large print, Print and Save as PDF."""
        if self._preview is not None:
            self._preview.close()
        dialog = HandoutPreview(self.handout(), self.config, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "_preview", None))
        self._preview = dialog
        dialog.open()
        return dialog
