"""A strip above the page that says something went wrong, and what was kept."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class Banner(QFrame):
    dismissed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#banner { background: #fff4ce; border: 1px solid #c8a600; } #banner QLabel { color: #1a1a1a; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Notice")
        layout.addWidget(self.label, 1)
        self._actions: list[QPushButton] = []
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss notice")
        self.close_button.clicked.connect(self.dismiss)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, details: list[str] | None = None, actions: dict | None = None) -> None:
        for button in self._actions:
            button.deleteLater()
        self._actions = []
        lines = [text] + [f"• {line}" for line in (details or [])[:8]]
        if details and len(details) > 8:
            lines.append(f"… and {len(details) - 8} more (run 'guide-app check' for the full list)")
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setText("\n".join(lines))
        self.setAccessibleDescription(text)
        layout = self.layout()
        for title, slot in (actions or {}).items():
            button = QPushButton(title, self)
            button.setAccessibleName(title)
            button.clicked.connect(slot)
            layout.insertWidget(layout.count() - 1, button)
            self._actions.append(button)
        self.show()

    def dismiss(self) -> None:
        self.hide()
        self.label.clear()
        self.dismissed.emit()
