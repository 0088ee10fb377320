"""Find in page: type, see how many matches, step through them."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from guide_app.ui.reader import Reader


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, reader: Reader, parent=None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.setObjectName("findBar")
        self.setAccessibleName("Find in page")
        self._matches: list[QTextCursor] = []
        self._current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find in page:"))
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName("Find in page")
        self.edit.setAccessibleDescription("Words to find on this page")
        self.edit.setPlaceholderText("Type a word on this page")
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(self.next)
        layout.addWidget(self.edit, 1)
        self.count = QLabel(self)
        self.count.setAccessibleName("Matches")
        self.count.setMinimumWidth(120)
        layout.addWidget(self.count)
        self.previous_button = self._button("Previous", "Previous match (Shift+Enter)", self.previous)
        self.next_button = self._button("Next", "Next match (Enter)", self.next)
        self.close_button = self._button("Close", "Close find (Escape)", self.close_bar)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self._shortcuts_made = False  # when first opened: they only act while the bar is shown
        reader.pageChanged.connect(lambda *_: self._search(self.edit.text()) if self.isVisible() else None)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        return button

    def open_bar(self) -> None:
        if not self._shortcuts_made:  # here, not at start-up: see first_paint.py
            self._shortcuts_made = True
            self.edit.setClearButtonEnabled(True)  # it loads an icon
            context = QtCore.Qt.ShortcutContext
            QShortcut(QKeySequence("Shift+Return"), self.edit, self.previous, context=context.WidgetShortcut)
            QShortcut(QKeySequence("Escape"), self, self.close_bar, context=context.WidgetWithChildrenShortcut)
        self.show()
        self.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.edit.clear()
        self._matches = []
        self.reader.set_find_selections([])
        self.hide()
        self.reader.setFocus()
        self.closed.emit()

    @property
    def match_count(self) -> int:
        return len(self._matches)

    def _search(self, text: str) -> None:
        self._matches = []
        self._current = -1
        document = self.reader.document()
        if text:
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(text, cursor)
                if cursor.isNull():
                    break
                self._matches.append(QTextCursor(cursor))
        if self._matches:
            self._current = 0
        self._show_current()

    def next(self) -> None:
        if self._matches:
            self._current = (self._current + 1) % len(self._matches)
            self._show_current()

    def previous(self) -> None:
        if self._matches:
            self._current = (self._current - 1) % len(self._matches)
            self._show_current()

    def _show_current(self) -> None:
        all_format = QTextCharFormat()
        all_format.setBackground(QColor("#c9e3ff"))
        all_format.setForeground(QColor("#000000"))
        current_format = QTextCharFormat()
        current_format.setBackground(QColor("#ff9632"))
        current_format.setForeground(QColor("#000000"))
        selections = []
        for number, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = current_format if number == self._current else all_format
            selections.append(selection)
        self.reader.set_find_selections(selections)
        if self._matches:
            visible = QTextCursor(self._matches[self._current])
            visible.clearSelection()
            self.reader.setTextCursor(visible)
            self.reader.ensureCursorVisible()
            self.count.setText(f"{self._current + 1} of {len(self._matches)}")
        else:
            self.count.setText("No matches" if self.edit.text() else "")
        self.previous_button.setEnabled(len(self._matches) > 1)
        self.next_button.setEnabled(len(self._matches) > 1)
