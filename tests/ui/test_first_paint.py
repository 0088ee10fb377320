"""Work the window leaves until it has been painted once."""

from __future__ import annotations


def test_work_left_for_after_the_first_paint_runs_even_if_nothing_paints(qtbot):
    from PySide6.QtWidgets import QWidget

    from guide_app.ui.first_paint import after_first_paint

    hidden = QWidget()  # never shown, as a page hidden behind a kiosk's start screen
    qtbot.addWidget(hidden)
    calls = []
    after_first_paint(hidden, lambda: calls.append("done"), at_the_latest_ms=50)
    qtbot.waitUntil(lambda: calls == ["done"])
    qtbot.wait(100)
    assert calls == ["done"]  # once only


def test_the_app_is_fusion_from_the_start_whatever_the_desktop_asks():
    """make_application picks Fusion on the command line, so the theme never asks Qt for the style."""
    import os
    import subprocess
    import sys

    script = (
        "from guide_app.ui.app import make_application; from guide_app.ui.theme import apply_theme; "
        "app = make_application(); print(app.style().name()); apply_theme(app, 'dark'); print(app.property('guideTheme'))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["fusion", "dark"], out.stderr


START_UP_PROBE = """
import sys
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication

from guide_app.cli import main

real_exec = QApplication.exec


def exec_(app):
    print("Qt namespace built before the first paint:", "Qt" in QtCore.__dict__)
    print("Markdown, SQLite loaded before it:", "markdown" in sys.modules, "sqlite3" in sys.modules)
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    window.show()
    ready = QtCore.QTimer(interval=20)  # until the index is ready (then the first page is kept), or 20 s
    ready.timeout.connect(lambda: window.library._index is not None and window._find_bar is not None and app.quit())
    ready.start()
    QtCore.QTimer.singleShot(20000, app.quit)
    real_exec()
    flags = window.reader.textInteractionFlags()
    print("keyboard selection:", bool(flags & QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard))
    print("toolbar:", window.toolbar.toolButtonStyle().name)
    return 0


QApplication.exec = exec_
sys.exit(main([]))
"""


def test_nothing_before_the_first_paint_builds_pysides_qt_namespace(tmp_path):
    """Its ~100 enums cost some 14 ms of start-up; what needs them is set just after the first paint.
    From the second start, the first page needs neither Markdown nor SQLite (first_page.py)."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    first, second = (
        subprocess.run([sys.executable, "-c", START_UP_PROBE], env=env, capture_output=True, text=True, timeout=60)
        for _ in range(2)
    )
    assert first.stdout.splitlines()[0] == "Qt namespace built before the first paint: False", first.stderr
    assert second.stdout.splitlines() == [
        "Qt namespace built before the first paint: False",
        "Markdown, SQLite loaded before it: False False",
        "keyboard selection: True",
        "toolbar: ToolButtonTextOnly",
    ], second.stderr


def test_the_menus_are_filled_once_the_window_has_painted_or_a_menu_opens(qtbot, make_window):
    from guide_app.library import Library
    from guide_app.ui.main_window import MainWindow

    waiting = MainWindow(Library.open(cache_dir=False), "Atkinson Hyperlegible", remember=False)
    qtbot.addWidget(waiting)
    assert waiting.go_menu.actions() == [] and not waiting.setup_finished
    waiting.go_menu.aboutToShow.emit()  # a menu opened first
    assert [a.text() for a in waiting.go_menu.actions()][:2] == ["Back", "Forward"]
    window = make_window(remember=False)  # shown and painted
    assert [a.text() for a in window.file_menu.actions() if a.text()][-1] == "Quit"
    assert [a.data() for a in window.theme_actions.actions() if a.isChecked()] == [window.theme]


def test_a_window_never_shown_still_finishes_its_setup(qtbot):
    """The latest-by timer of first_paint.py runs the deferred setup for a window that never painted."""
    from guide_app.library import Library
    from guide_app.ui.main_window import MainWindow

    window = MainWindow(Library.open(cache_dir=False), "Atkinson Hyperlegible", remember=False)
    qtbot.addWidget(window)
    assert window.windowHandle() is None
    qtbot.waitUntil(lambda: window.setup_finished, timeout=5000)
    assert window.go_menu.actions()
