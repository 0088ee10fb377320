"""The kiosk's "Still reading?" notice: covers the window, counts down, and goes at the first touch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

TITLE = "Still reading? Touch the screen to continue"


class IdleNotice(QFrame):
    """A dimmed layer over the whole window; a touch anywhere on it is taken (and nothing under it)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("idleNotice")
        self.setAccessibleName("Still reading?")
        self.setStyleSheet(
            "#idleNotice { background: rgba(0, 0, 0, 150); }"
            "#idleCard { background: #ffffff; border: 2px solid #1d4f91; border-radius: 12px; }"
            "#idleCard QLabel { color: #1a1a1a; }"
        )
        card = QFrame(self)
        card.setObjectName("idleCard")
        card.setFixedWidth(560)  # a fixed width lets the wrapped title find its height
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        self.title = QLabel(TITLE, card)
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.countdown = QLabel(card)
        self.countdown.setWordWrap(True)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        smaller = self.countdown.font()
        smaller.setPointSizeF(font.pointSizeF() / 1.25)
        self.countdown.setFont(smaller)
        self.continue_button = QPushButton("Continue reading", card)
        self.continue_button.setObjectName("continueButton")
        self.continue_button.setAccessibleName("Continue reading")
        layout.addWidget(self.title)
        layout.addWidget(self.countdown)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        window.installEventFilter(self)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        unit = "second" if seconds == 1 else "seconds"
        self.countdown.setText(f"The guide will start again from the beginning in {seconds} {unit}.")
        if not self.isVisible():
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        event.accept()  # the touch that wakes the kiosk does nothing else

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return super().eventFilter(watched, event)
