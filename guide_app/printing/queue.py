"""Whether a print queue takes jobs now: CUPS's own answer, which Qt does not give.

Qt's QPrinterInfo.state() tells a paused queue (`cupsdisable`) from a ready one, but not a queue
that refuses new jobs (`cupsreject`): a job sent there is lost, and one sent to a paused queue
prints later, for whoever stands at the printer then. CUPS keeps "printer-is-accepting-jobs"
among the queue's options; libcups (which Qt's own print support loads on Linux and macOS) reads
it. Where there is no libcups (Windows), the answer is "unknown" and Qt's state is all there is.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


class _Option(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class _Dest(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("instance", ctypes.c_char_p),
        ("is_default", ctypes.c_int),
        ("num_options", ctypes.c_int),
        ("options", ctypes.POINTER(_Option)),
    ]


@cache
def _libcups():
    name = ctypes.util.find_library("cups")
    if not name:
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.cupsGetNamedDest.restype = ctypes.POINTER(_Dest)
    lib.cupsGetNamedDest.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.cupsGetOption.restype = ctypes.c_char_p
    lib.cupsGetOption.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_Option)]
    lib.cupsFreeDests.restype = None
    lib.cupsFreeDests.argtypes = [ctypes.c_int, ctypes.POINTER(_Dest)]
    return lib


def queue_option(printer: str, option: str) -> str | None:
    """One of a CUPS queue's options as CUPS reports it now, or None (no CUPS, no such queue or option)."""
    lib = _libcups()
    if lib is None or not printer:
        return None
    dest = lib.cupsGetNamedDest(None, printer.encode(), None)
    if not dest:
        return None
    try:
        value = lib.cupsGetOption(option.encode(), dest.contents.num_options, dest.contents.options)
        return value.decode(errors="replace") if value is not None else None
    finally:
        lib.cupsFreeDests(1, dest)


def accepting_jobs(printer: str) -> bool | None:
    """True or False when CUPS knows whether the queue takes new jobs; None when it cannot say."""
    value = queue_option(printer, "printer-is-accepting-jobs")
    return None if value is None else value.strip().lower() == "true"
