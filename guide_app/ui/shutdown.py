"""How the app ends: a shutdown signal ends it cleanly; in kiosk mode an unexpected error ends it
with its own exit code, so a launcher restarts it (a fresh start also forgets the last visitor)."""

from __future__ import annotations

import signal
import socket
import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

SHUTDOWN_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT") if hasattr(signal, name))


def install_signal_handlers(app: QCoreApplication, on_signal: Callable[[], None]) -> None:
    """SIGTERM and SIGINT call `on_signal` from the Qt loop.

    Python runs its signal handlers only when it gets control, which it does not while Qt waits for
    events; a socket the interpreter writes to on each signal wakes the loop (a timer if that fails).
    """

    def handle(_signum, _frame) -> None:
        QTimer.singleShot(0, on_signal)

    for number in SHUTDOWN_SIGNALS:
        signal.signal(number, handle)
    try:
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        signal.set_wakeup_fd(writer.fileno())
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
        notifier.activated.connect(lambda *_: _drain(reader))
        app._shutdown_wakeup = (reader, writer, notifier)  # kept alive as long as the app
    except (OSError, ValueError):
        timer = QTimer(app)
        timer.timeout.connect(lambda: None)  # a moment in Python now and then runs pending handlers
        timer.start(250)
        app._shutdown_wakeup = timer


def _drain(reader: socket.socket) -> None:
    try:
        while reader.recv(64):
            pass
    except OSError:
        pass


class CrashHandler:
    """Kiosk mode's sys.excepthook: the traceback goes to standard error (the service log) without the
    exception's message, which could hold what a visitor typed; then the app ends with `exit_code`."""

    def __init__(self, exit_app: Callable[[int], None], exit_code: int) -> None:
        self.exit_app = exit_app
        self.exit_code = exit_code
        self.crashed = False

    def __call__(self, kind, error, tb) -> None:
        lines = traceback.format_tb(tb) + [f"{kind.__module__}.{kind.__qualname__} (message withheld in kiosk mode)\n"]
        sys.stderr.write("Unexpected error; the kiosk ends so that it can be restarted:\n" + "".join(lines))
        sys.stderr.flush()
        self.crashed = True
        self.exit_app(self.exit_code)

    def install(self) -> None:
        sys.excepthook = self
