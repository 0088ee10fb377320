"""Reads the running guide through AT-SPI, the accessibility bus Orca uses on Linux.

Run by atspi-check.sh (which starts a display, a D-Bus session and the app); needs Debian's
python3-pyatspi, so it runs under the system Python, not the project's virtual environment.
Exits 0 when the page text itself (not just the buttons) can be read.
"""

from __future__ import annotations

import sys
import time

import pyatspi


def find(accessible, predicate, depth=0):
    if accessible is None or depth > 40:
        return None
    try:
        if predicate(accessible):
            return accessible
        for index in range(accessible.childCount):
            found = find(accessible.getChildAtIndex(index), predicate, depth + 1)
            if found is not None:
                return found
    except Exception:  # noqa: BLE001 — objects vanish while walking a live tree
        return None
    return None


def main() -> int:
    expected = sys.argv[1] if len(sys.argv) > 1 else "Clonazepam"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        app = find(desktop, lambda a: a.getRole() == pyatspi.ROLE_APPLICATION and a.name in ("guide-app", "Clinic Guide"))
        if app is not None:
            page = find(app, lambda a: a.name == "Page")
            if page is not None:
                text = page.queryText()
                content = text.getText(0, text.characterCount)
                buttons = find(app, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON and a.name == "Back")
                print(f"application: {app.name!r}; page object role: {page.getRoleName()}; "
                      f"characters: {text.characterCount}; Back button found: {buttons is not None}")
                print("first words:", " ".join(content.split()[:12]))
                if expected in content:
                    print(f"OK: the page text is readable through AT-SPI (found {expected!r})")
                    return 0
                print(f"FAILED: {expected!r} not in the page text")
                return 1
        time.sleep(0.5)
    print("FAILED: the app or its page did not appear on the accessibility bus")
    return 1


if __name__ == "__main__":
    sys.exit(main())
