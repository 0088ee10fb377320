"""PySide6 6.12.0 on Python 3.11 takes a reference from None on every Qt call that returns None,
until Python aborts ("none_dealloc"): a kiosk would crash within hours. pyproject.toml excludes that
release; this test fails on any release with the same fault."""

from __future__ import annotations

import subprocess
import sys


def test_qt_calls_returning_none_keep_nones_reference_count():
    code = (
        "import gc, sys\n"
        "from PySide6.QtCore import QObject\n"
        "probe = QObject()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(2000): probe.setObjectName('x')\n"
        "gc.collect(); print(sys.getrefcount(None) - before)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert abs(int(done.stdout.strip())) < 500, "this PySide6 release leaks references to None"
