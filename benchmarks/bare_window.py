"""The yardstick: a bare PySide6 window holding a QTextBrowser, nothing else.

benchmarks/startup.py starts this and the app alternately. Like the app under
GUIDE_APP_EXIT_AFTER_SHOW=1, it prints "first-shown <monotonic time>" once the
browser's first paint has been flushed, then quits.
"""

import sys

from first_shown import quit_after_first_paint
from PySide6.QtWidgets import QApplication, QTextBrowser

app = QApplication(sys.argv)
browser = QTextBrowser()
browser.setHtml("<h1>Bare window</h1><p>A QTextBrowser and nothing else.</p>")
browser.resize(1200, 800)


quit_after_first_paint(app, browser.viewport())
browser.show()
sys.exit(app.exec())
