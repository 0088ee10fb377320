"""When a window is mapped on the X server, seen from outside the app that maps it.

A separate X client (this process, through libX11 and ctypes: nothing to install)
selects SubstructureNotify on the root window, so the server sends it a MapNotify
event whenever a top-level window is mapped. A thread waits for those events with
select() on the connection (no polling of any window) and stamps each one with
time.monotonic() as it arrives, the clock the app's own "first-shown" report uses.

    with MapWatcher(":17") as watcher:
        start = time.monotonic()
        ... start the app ...
        mapped = watcher.first_map_after(start, timeout=5)   # monotonic seconds, or None

Without a window manager (startup.py's Xvfb) the server maps a window as soon as the
app asks; with one, the MapNotify comes when the manager has framed it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import queue
import select
import threading
import time

SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
MAP_NOTIFY = 19


class _XMapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", _XMapEvent), ("pad", ctypes.c_long * 24)]


class MapUnavailable(RuntimeError):
    """No libX11, or the display cannot be opened."""


class MapWatcher:
    """Collects (monotonic time, window id) of every top-level window mapped on `display`."""

    def __init__(self, display: str) -> None:
        name = ctypes.util.find_library("X11")
        if name is None:
            raise MapUnavailable("libX11 not found")
        x = ctypes.CDLL(name)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self._x = x
        self._display = x.XOpenDisplay(display.encode())
        if not self._display:
            raise MapUnavailable(f"cannot open the X display {display}")
        x.XSelectInput(self._display, x.XDefaultRootWindow(self._display), SUBSTRUCTURE_NOTIFY_MASK)
        x.XSync(self._display, 0)
        self._events: queue.Queue[tuple[float, int]] = queue.Queue()
        self._stop_read, self._stop_write = os.pipe()
        self._thread = threading.Thread(target=self._run, name="map-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        x, display = self._x, self._display
        connection = x.XConnectionNumber(display)
        event = _XEvent()
        while True:
            ready, _, _ = select.select([connection, self._stop_read], [], [])
            now = time.monotonic()  # when the server's event reached this client
            if self._stop_read in ready:
                return
            while x.XPending(display):
                x.XNextEvent(display, ctypes.byref(event))
                if event.type == MAP_NOTIFY and not event.xmap.override_redirect:
                    self._events.put((now, event.xmap.window))

    def first_map_after(self, start: float, timeout: float) -> float | None:
        """The time of the first top-level window mapped after `start` (events before it are dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                stamp, _window = self._events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if stamp >= start:
                return stamp

    def drain(self) -> None:
        while not self._events.empty():
            self._events.get_nowait()

    def close(self) -> None:
        os.write(self._stop_write, b"x")
        self._thread.join(5)
        self._x.XCloseDisplay(self._display)
        os.close(self._stop_read)
        os.close(self._stop_write)

    def __enter__(self) -> MapWatcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
