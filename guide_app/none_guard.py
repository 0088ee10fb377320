"""A guard against a reference-counting bug in PySide6 6.12 on Python 3.11.

Every Qt call that returns None (a void method such as `setVisible`, a null pointer, an
empty QVariant) takes a reference from None without giving one. After a few thousand such
calls None's count reaches zero and Python aborts ("Fatal Python error: none_dealloc").
Python 3.12 made None immortal, which hides the bug there; on 3.11 the guard gives None a
count that cannot run out, as 3.12 does. It acts only when it sees the bug.
"""

from __future__ import annotations

import sys

_PLENTY = 1 << 48  # decades of Qt calls


def leaks_none() -> bool:
    """True if a Qt call returning None takes a reference from None (the bug)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def guard_none() -> bool:
    """Make None's reference count inexhaustible if this PySide needs it; True if it did."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount") or not leaks_none():
        return False
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field of every object
    if count.value < _PLENTY:
        count.value += _PLENTY
    return True
