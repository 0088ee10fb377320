"""How the app ends on a shutdown signal: cleanly, with the shutdown exit code (guide_app.ui.crash
handles unexpected errors)."""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SHUTDOWN_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT") if hasattr(signal, name))


def install_signal_handlers(
    app: QCoreApplication, on_signal: Callable[[], None], *, wake_after: QWidget | None = None
) -> None:
    """SIGTERM and SIGINT call `on_signal` from the Qt loop.

    Python runs its signal handlers only when it gets control, which it does not while Qt waits for
    events; a pipe the interpreter writes to on each signal wakes the loop (a timer if that fails).
    With `wake_after`, that pipe is made once the widget has first painted (start-up time): a signal
    before then is handled when that paint hands control to Python.
    """

    def handle(_signum, _frame) -> None:
        QTimer.singleShot(0, on_signal)

    for number in SHUTDOWN_SIGNALS:
        signal.signal(number, handle)
    if wake_after is None:
        _install_wakeup(app)
    else:
        from guide_app.ui.first_paint import after_first_paint

        after_first_paint(wake_after, lambda: _install_wakeup(app))


def _install_wakeup(app: QCoreApplication) -> None:
    import os

    try:
        # A pipe, not socket.socketpair(): the socket module loads _socket, select and array,
        # half a MiB that would stay in memory for this one wake-up.
        reader, writer = os.pipe()
        os.set_blocking(reader, False)
        os.set_blocking(writer, False)
        signal.set_wakeup_fd(writer)
        notifier = QtCore.QSocketNotifier(reader, QtCore.QSocketNotifier.Type.Read, app)
        notifier.activated.connect(lambda *_: _drain(reader))
        app._shutdown_wakeup = (reader, writer, notifier)  # kept open as long as the app
    except (OSError, ValueError):
        timer = QTimer(app)
        timer.timeout.connect(lambda: None)  # a moment in Python now and then runs pending handlers
        timer.start(250)
        app._shutdown_wakeup = timer


def _drain(reader: int) -> None:
    import os

    try:
        while os.read(reader, 64):
            pass
    except OSError:
        pass
