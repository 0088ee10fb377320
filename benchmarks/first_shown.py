"""How the yardsticks report their first paint, exactly as the app does under GUIDE_APP_EXIT_AFTER_SHOW.

bare_window.py and widget_floor.py print "first-shown <monotonic time>" once `widget` has been
painted (and that paint has reached the screen), then quit; under GUIDE_APP_SETTLE_MS=N they print
"settled" N ms later and quit half a second after that, as the app does.
"""

import os
from time import monotonic

from PySide6.QtCore import QEvent, QObject, QTimer


class _Watch(QObject):
    def __init__(self, app, widget) -> None:
        super().__init__(widget)
        self.app = app
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(f"first-shown {monotonic():.6f}", flush=True)
        settle = os.environ.get("GUIDE_APP_SETTLE_MS", "")
        if settle.isdigit():  # as the app: "settled" N ms later, then quit
            QTimer.singleShot(int(settle), self.settled)
        else:
            self.app.quit()

    def settled(self) -> None:
        print("settled", flush=True)
        QTimer.singleShot(500, self.app.quit)


def quit_after_first_paint(app, widget) -> None:
    _Watch(app, widget)
