"""A check box whose label wraps onto several lines instead of widening the window.

QCheckBox never wraps its text; at large text sizes a long choice ("I want care and support
around the clock") would push the page sideways. The label is a QLabel beside the box; a
click or tap on either toggles it, and the box carries the label as its accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QWidget


class WrapCheck(QWidget):
    toggled = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.box = QCheckBox(self)
        self.box.setAccessibleName(text)
        self.box.toggled.connect(self.toggled)
        self._text = text
        self.label = QLabel(text.replace("/", "/\u200b"), self)  # may break after a slash
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.box)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        self.setFocusProxy(self.box)
        self._fit_words()
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # noqa: N802
        """On one line when there is room (a wrapping QLabel would otherwise pick a narrow shape)."""
        one_line = self.label.fontMetrics().horizontalAdvance(self._text) + 4
        width = self.box.sizeHint().width() + self.layout().spacing() + one_line
        return QSize(width, max(self.heightForWidth(width), self.minimumHeight()))

    def text(self) -> str:
        return self._text

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_words()
        super().changeEvent(event)

    def _fit_words(self) -> None:
        """Never narrower than the longest word, which a label would otherwise cut off."""
        metrics = self.label.fontMetrics()
        pieces = self.label.text().replace("\u200b", " ").split()
        self.label.setMinimumWidth(max((metrics.horizontalAdvance(p) for p in pieces), default=0) + 4)

    def isChecked(self) -> bool:  # noqa: N802 (as QCheckBox)
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.box.setChecked(on)

    def click(self) -> None:
        self.box.click()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.box.click()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)
