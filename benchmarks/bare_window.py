"""The yardstick: a bare PySide6 window holding a QTextBrowser, nothing else.

benchmarks/startup.py starts this and the app alternately. Like the app under
GUIDE_APP_EXIT_AFTER_SHOW=1, it prints "first-shown <monotonic time>" once the
browser's first paint has been flushed, then quits.
"""

import sys
from time import monotonic

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

app = QApplication(sys.argv)
browser = QTextBrowser()
browser.setHtml("<h1>Bare window</h1><p>A QTextBrowser and nothing else.</p>")
browser.resize(1200, 800)


def report() -> None:
    print(f"first-shown {monotonic():.6f}", flush=True)
    app.quit()


class Watch(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


watch = Watch()
browser.viewport().installEventFilter(watch)
browser.show()
sys.exit(app.exec())
