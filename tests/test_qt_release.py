"""PySide6 6.12 on Python 3.11 takes a reference from None on every Qt call that returns None."""

from __future__ import annotations

import subprocess
import sys


def test_many_qt_calls_returning_none_do_not_abort_python():
    code = (
        "from guide_app.none_guard import guard_none; guard_none()\n"
        "from PySide6.QtCore import QObject\n"
        "probe = QObject()\n"
        "for _ in range(50_000): probe.setObjectName('x')\n"
        "import gc; gc.collect(); print('alive')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "alive", done.stderr
