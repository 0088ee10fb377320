"""The kiosk's "Still reading?" notice: covers the screen, above every window the app has open (a print
preview, a message), counts down, and goes at the first touch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

TITLE = "Still reading? Touch the screen to continue"


DIM = QColor(0, 0, 0, 150)  # over a picture of the screen as it was
NO_PICTURE = QColor(48, 48, 48)  # where the screen cannot be read (Wayland)


class IdleNotice(QFrame):
    """A window of its own over the whole screen, on top and modal above any other window of the app;
    a touch anywhere on it is taken (and nothing under it). The screen under it shows dimmed."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)  # the last modal window: nothing blocks it
        self.setObjectName("idleNotice")
        self.setWindowTitle("Still reading?")
        self.setAccessibleName("Still reading?")
        self._backdrop = QPixmap()
        self.setStyleSheet(
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
            screen = self.parentWidget().screen() or QGuiApplication.primaryScreen()
            self._backdrop = screen.grabWindow(0) if screen is not None else QPixmap()
            self.setGeometry(screen.geometry() if screen is not None else self.parentWidget().geometry())
            self.show()
        self.raise_()
        self.activateWindow()

    def hideEvent(self, event) -> None:  # noqa: N802
        self._backdrop = QPixmap()  # the last visitor's screen is not kept
        super().hideEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        if self._backdrop.isNull():
            painter.fillRect(self.rect(), NO_PICTURE)
        else:
            painter.drawPixmap(self.rect(), self._backdrop)
            painter.fillRect(self.rect(), DIM)
        painter.end()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        event.accept()  # the touch that wakes the kiosk does nothing else

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            screen = self.screen()
            if screen is not None:
                self.setGeometry(screen.geometry())
        return super().eventFilter(watched, event)
