"""The staff exit: a PIN prompt with its own keypad, opened with open() so nothing waits on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.kiosk.pin import PinGuard


class PinPrompt(QDialog):
    """Accepted only with the right PIN; wrong PINs say so and wait longer each time (PinGuard)."""

    def __init__(self, guard: PinGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self.setObjectName("pinPrompt")
        self.setWindowTitle("Staff exit")
        self.setAccessibleName("Staff exit")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # No frame: nothing to minimise, move or maximise behind the kiosk's back.
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setStyleSheet("#pinPrompt { border: 2px solid #1d4f91; }")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        intro = QLabel("For clinic staff: enter the admin PIN to close the guide.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("pinEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName("Admin PIN")
        self.edit.setMaxLength(64)
        layout.addWidget(self.edit)
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("PIN message")
        layout.addWidget(self.message)
        layout.addLayout(self._keypad())
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAutoDefault(False)  # Enter only ever means "Close the guide"
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton("Close the guide", self)
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self.setMinimumWidth(420)
        self._tick()

    def _keypad(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(6)
        keys = [*"123456789", "", "0", "⌫"]
        for number, key in enumerate(keys):
            if not key:
                continue
            button = QPushButton(key, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            button.setAccessibleName("Delete" if key == "⌫" else key)
            button.setMinimumSize(64, 48)
            button.clicked.connect(self.edit.backspace if key == "⌫" else (lambda _=False, k=key: self.edit.insert(k)))
            grid.addWidget(button, number // 3, number % 3)
        return grid

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        parent = self.parentWidget()
        if parent is not None:  # a frameless dialog is not placed by the window manager
            self.move(parent.geometry().center() - self.rect().center())

    def submit(self) -> None:
        if self.guard.seconds_left() > 0:
            return
        pin = self.edit.text()
        self.edit.setText("")  # also empties the undo history
        if self.guard.check(pin):
            self.accept()
            return
        self._tick()

    def _tick(self) -> None:
        """Show how long to wait before the next try, and refuse input until then."""
        left = self.guard.seconds_left()
        waiting = left > 0
        self.edit.setReadOnly(waiting)  # read-only, not disabled: the focus stays here
        self.ok_button.setEnabled(not waiting)
        for button in self.findChildren(QPushButton):
            if button.focusPolicy() == Qt.FocusPolicy.NoFocus:
                button.setEnabled(not waiting)
        if waiting:
            self.message.setText(f"That PIN is not right. Try again in {left} s.")
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()
            if self.guard.failures:
                self.message.setText("That PIN is not right. Try again.")
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
