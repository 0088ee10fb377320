"""An on-screen keyboard for touch screens with no keys: plain Qt buttons that type into a line edit."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

ROWS = ["1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm-"]
KEY_SIZE = 56  # px: larger than the 44 px touch minimum, for fingers standing at a screen


class OnScreenKeyboard(QFrame):
    """Shown when a line edit it serves is tapped; the line edit keeps the focus and the cursor."""

    hidden = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setAccessibleName("On-screen keyboard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMaximumWidth(12 * (KEY_SIZE + 24))
        self.target: QLineEdit | None = None
        self._targets: list[QLineEdit] = []
        self.keys: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setSpacing(6)
        # Every row is 22 half-columns wide, so the rows can be staggered like a real keyboard.
        for row, letters in enumerate(ROWS):
            for column, letter in enumerate(letters):
                grid.addWidget(self._key(letter, letter), row, row + 2 * column, 1, 2)
        grid.addWidget(self._key("⌫", "backspace", "Delete the letter before the cursor"), 0, 20, 1, 2)
        grid.addWidget(self._key("Hide keyboard", "hide", "Hide the keyboard"), 4, 0, 1, 5)
        grid.addWidget(self._key("Space", "space", "Space"), 4, 5, 1, 12)
        grid.addWidget(self._key("Clear", "clear", "Clear what was typed"), 4, 17, 1, 5)
        for column in range(22):
            grid.setColumnStretch(column, 1)
        self.hide()

    def _key(self, text: str, name: str, description: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"key-{name}")
        button.setAccessibleName(description or text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the line edit keeps the cursor
        button.setAutoRepeat(name == "backspace")
        button.setMinimumSize(KEY_SIZE - 12, KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda: self.press(name))
        self.keys[name] = button
        return button

    def attach(self, edit: QLineEdit) -> None:
        """Show this keyboard whenever `edit` is tapped."""
        self._targets.append(edit)
        edit.installEventFilter(self)

    def show_for(self, edit: QLineEdit) -> None:
        self.target = edit
        self.show()

    def press(self, name: str) -> None:
        if name == "hide":
            self.hide_keyboard()
            return
        edit = self.target
        if edit is None:
            return
        if name == "backspace":
            edit.backspace()
        elif name == "clear":
            edit.setText("")
        else:
            edit.insert(" " if name == "space" else name)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide_keyboard(self) -> None:
        self.hide()
        self.target = None
        self.hidden.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched in self._targets and event.type() == QEvent.Type.MouseButtonPress:
            self.show_for(watched)
        return super().eventFilter(watched, event)
