"""Kiosk lockdown: no way out but the admin PIN; shutdown signals and crashes end it with their own codes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QDragEnterEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from tests.kiosk_helpers import PIN, close_kiosk, open_kiosk, quick_library

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def kiosk(qtbot, bundled_index):
    opened = open_kiosk(qtbot, quick_library(bundled_index))
    yield opened
    close_kiosk(opened)


def test_full_screen_without_a_frame_before_the_first_frame(qtbot, bundled_index):
    from guide_app.fonts import register_fonts
    from guide_app.ui.kiosk import KioskController
    from guide_app.ui.main_window import MainWindow
    from tests.kiosk_helpers import settings

    window = MainWindow(quick_library(bundled_index), register_fonts(), remember=False)
    qtbot.addWidget(window)
    controller = KioskController(window, settings(), exit_app=lambda code: None)
    controller.apply()
    try:
        assert not window.isVisible()
        assert window.windowState() & Qt.WindowState.WindowFullScreen
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        window.show()
        qtbot.waitExposed(window)
        assert window.isFullScreen() and not window.menuBar().isVisible()
    finally:
        controller.release()


def test_close_event_is_refused(kiosk):
    window = kiosk.window
    assert window.close() is False  # what Alt+F4 from a window manager ends up as
    event = QCloseEvent()
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    assert window.isVisible() and kiosk.exits == []


def way_out_action(window, keys: list[str]):
    """An action bound to keys that close windows, as a desktop's key theme or a later feature might add."""
    from PySide6.QtGui import QAction, QKeySequence

    triggered: list[bool] = []
    action = QAction("Way out", window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(lambda: (triggered.append(True), window.close()))
    window.addAction(action)
    QApplication.processEvents()  # the shortcut map learns of the action
    return triggered


WAY_OUT_KEYS = [
    (Qt.Key.Key_Q, CTRL),
    (Qt.Key.Key_W, CTRL),
    (Qt.Key.Key_F11, NONE),
    (Qt.Key.Key_F4, ALT),
    (Qt.Key.Key_F4, CTRL),
    (Qt.Key.Key_Q, CTRL | SHIFT),
]
WAY_OUT_SHORTCUTS = ["Ctrl+Q", "Ctrl+W", "F11", "Alt+F4", "Ctrl+F4", "Ctrl+Shift+Q"]


@pytest.mark.parametrize("key, modifiers", WAY_OUT_KEYS)
def test_the_same_keys_close_an_ordinary_window(qtbot, bundled_index, key, modifiers):
    from guide_app.fonts import register_fonts
    from guide_app.ui.main_window import MainWindow

    window = MainWindow(quick_library(bundled_index), register_fonts(), remember=False)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    triggered = way_out_action(window, WAY_OUT_SHORTCUTS)
    qtbot.keyClick(window, key, modifiers)
    assert triggered and not window.isVisible()  # so the kiosk test below can fail


@pytest.mark.parametrize("key, modifiers", [*WAY_OUT_KEYS, (Qt.Key.Key_Escape, NONE)])
def test_keys_that_close_or_leave_full_screen_are_refused(kiosk, qtbot, key, modifiers):
    window = kiosk.window
    triggered = way_out_action(window, WAY_OUT_SHORTCUTS)
    for target in (window, window.reader, window.search.box):
        target.setFocus()
        qtbot.keyClick(target, key, modifiers)
        assert window.isVisible() and window.isFullScreen()
    assert triggered == [] and kiosk.exits == [] and kiosk.controller.prompt is None


def test_way_out_shortcuts_are_taken_off_existing_actions(qtbot, bundled_index):
    from guide_app.fonts import register_fonts
    from guide_app.ui.kiosk import KioskController
    from guide_app.ui.main_window import MainWindow
    from tests.kiosk_helpers import settings

    window = MainWindow(quick_library(bundled_index), register_fonts(), remember=False)
    qtbot.addWidget(window)
    window.quit_action.setShortcuts(["Ctrl+Q"])  # what a desktop key theme gives Quit
    window.find_action.setShortcuts(["Ctrl+F", "F11"])
    controller = KioskController(window, settings(), exit_app=lambda code: None)
    controller.apply()
    controller.release()
    assert window.quit_action.shortcuts() == [] and not window.quit_action.isEnabled()
    assert [k.toString() for k in window.find_action.shortcuts()] == ["Ctrl+F"]


def test_quit_action_is_gone(kiosk):
    action = kiosk.window.quit_action
    assert not action.isEnabled() and not action.isVisible() and action.shortcuts() == []


def test_window_returns_to_full_screen(kiosk, qtbot):
    kiosk.window.showNormal()
    qtbot.waitUntil(kiosk.window.isFullScreen)


def test_no_context_menu_anywhere(kiosk, qtbot):
    window = kiosk.window
    for widget in (window.reader.viewport(), window.search.box, window.contents.viewport(), window.find_bar.edit):
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
        assert QApplication.sendEvent(widget, event) is True  # taken before the widget sees it
    assert not any(isinstance(w, QMenu) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_drops_are_refused(kiosk):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile("/etc/hosts")])
    args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        event = QDragEnterEvent(QPointF(5, 5), *args)  # PySide6 6.12 and later
    except TypeError:
        event = QDragEnterEvent(QPoint(5, 5), *args)
    QApplication.sendEvent(kiosk.window.reader.viewport(), event)
    assert not event.isAccepted()


def test_a_file_dialog_closes_as_soon_as_it_shows(kiosk, qtbot):
    dialog = QFileDialog(kiosk.window)
    dialog.open()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_external_link_says_so_and_offers_no_copy(kiosk):
    kiosk.window.reader._follow(QUrl("https://example.org/page"))
    notice = kiosk.window.notice
    assert notice.isVisible() and "does not open websites" in notice.label.text()
    assert notice._actions == []


def press_admin_keys(qtbot, kiosk):
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Q, CTRL | SHIFT | ALT)
    prompt = kiosk.controller.prompt
    assert prompt is not None and prompt.isVisible()
    return prompt


def test_right_pin_exits_with_status_0(kiosk, qtbot):
    prompt = press_admin_keys(qtbot, kiosk)
    qtbot.keyClicks(prompt.edit, PIN)
    qtbot.keyClick(prompt.edit, Qt.Key.Key_Return)
    assert kiosk.exits == [0]


def test_pin_keypad_works_by_touch(kiosk, qtbot):
    from PySide6.QtWidgets import QPushButton

    prompt = press_admin_keys(qtbot, kiosk)
    keys = {b.text(): b for b in prompt.findChildren(QPushButton)}
    for digit in PIN + "9":
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["⌫"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keys["Close the guide"], Qt.MouseButton.LeftButton)
    assert kiosk.exits == [0]


def test_wrong_pin_says_so_stays_and_waits_longer_each_time(kiosk, qtbot):
    prompt = press_admin_keys(qtbot, kiosk)

    def wrong(pin: str) -> None:
        qtbot.keyClicks(prompt.edit, pin)
        qtbot.keyClick(prompt.edit, Qt.Key.Key_Return)

    wrong("1111")
    assert "not right" in prompt.message.text() and prompt.isVisible() and prompt.edit.text() == ""
    assert prompt.ok_button.isEnabled()
    wrong("1112")
    assert "Try again in 2 s" in prompt.message.text()
    assert prompt.edit.isReadOnly() and not prompt.ok_button.isEnabled()
    qtbot.keyClicks(prompt.edit, PIN)  # typing while waiting does nothing
    assert prompt.edit.text() == ""
    kiosk.clock.now += 2
    qtbot.waitUntil(prompt.ok_button.isEnabled)
    wrong("1113")
    assert "Try again in 4 s" in prompt.message.text()
    kiosk.clock.now += 4
    qtbot.waitUntil(prompt.ok_button.isEnabled)
    wrong("1114")
    assert "Try again in 8 s" in prompt.message.text()
    assert kiosk.exits == [] and kiosk.window.isVisible()


def test_back_off_survives_closing_and_reopening_the_prompt(kiosk, qtbot):
    prompt = press_admin_keys(qtbot, kiosk)
    for pin in ("1111", "1112"):
        qtbot.keyClicks(prompt.edit, pin)
        qtbot.keyClick(prompt.edit, Qt.Key.Key_Return)
    prompt.reject()
    qtbot.waitUntil(lambda: kiosk.controller.prompt is None)
    again = press_admin_keys(qtbot, kiosk)
    assert not again.ok_button.isEnabled() and "Try again in 2 s" in again.message.text()


def test_repeated_errors_end_the_kiosk_with_70_and_keep_the_message_out(capsys, qtbot):
    from PySide6.QtWidgets import QWidget

    from guide_app.kiosk.settings import EXIT_CRASH
    from guide_app.ui.crash import GIVE_UP_AFTER, ErrorHandler

    exits: list[int] = []
    recovered: list[bool] = []
    window = QWidget()
    qtbot.addWidget(window)
    handler = ErrorHandler(
        window, kiosk=True, recover=lambda: recovered.append(True), give_up=lambda: exits.append(EXIT_CRASH)
    )
    for _ in range(GIVE_UP_AFTER):
        try:
            raise KeyError("zqx" + "marker")
        except KeyError as error:
            handler(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: len(recovered) == GIVE_UP_AFTER - 1)
    err = capsys.readouterr().err
    assert exits == [70] and "KeyError" in err and "test_kiosk_lockdown.py" in err and "zqxmarker" not in err


def test_sigterm_is_handled_inside_the_qt_loop(qtbot):
    from guide_app.ui.shutdown import install_signal_handlers

    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    calls: list[str] = []
    try:
        install_signal_handlers(QApplication.instance(), lambda: calls.append("end"))
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: calls == ["end"])
    finally:
        signal.set_wakeup_fd(-1)
        for number, handler in previous.items():
            signal.signal(number, handler)


def _wait_for_handler(pid: int, number: int, timeout: float = 30.0) -> None:
    """Until the process catches `number` (Linux: SigCgt in /proc/PID/status)."""
    deadline = time.monotonic() + timeout
    status = Path(f"/proc/{pid}/status")
    while time.monotonic() < deadline:
        for line in status.read_text().splitlines():
            if line.startswith("SigCgt:") and int(line.split()[1], 16) & (1 << (number - 1)):
                return
        time.sleep(0.05)
    raise AssertionError("the app never installed its signal handler")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("kiosk_mode", [True, False], ids=["kiosk", "desktop"])
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_shutdown_signal_ends_the_app_with_status_0(tmp_path, number, kiosk_mode):
    from guide_app.kiosk.pin import hash_pin

    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nenabled = {str(kiosk_mode).lower()}\nadmin_pin = "{hash_pin(PIN, iterations=1000)}"\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, "-m", "guide_app", "--config", str(config)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_handler(app.pid, signal.SIGTERM)
        app.send_signal(number)
        _out, err = app.communicate(timeout=30)
    finally:
        app.kill()
    assert app.returncode == 0, err
    assert "Traceback" not in err


def test_qt_calls_keep_none_alive_for_a_kiosk_that_runs_for_weeks(qtbot):
    """PySide6 6.12.0 under Python 3.11 loses a reference to None on each void call, and the app aborts."""
    import gc

    widget = QWidget()
    qtbot.addWidget(widget)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
    gc.collect()
    assert sys.getrefcount(None) - before > -100


def test_unexpected_errors_that_keep_coming_end_the_kiosk_with_70(tmp_path):
    from guide_app.kiosk.pin import hash_pin

    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nenabled = true\nadmin_pin = "{hash_pin(PIN, iterations=1000)}"\n')
    # A slot that fails once the kiosk is running, as a bug would.
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "import guide_app.ui.kiosk as kiosk\n"
        "apply = kiosk.KioskController.apply\n"
        "def failing(self):\n"
        "    apply(self)\n"
        "    timer = QTimer(self.window)\n"
        "    timer.timeout.connect(lambda: {}['zqx' + 'marker'])\n"
        "    timer.start(100)\n"
        "kiosk.KioskController.apply = failing\n"
        "from guide_app.cli import main\n"
        f"sys.exit(main(['--config', {str(config)!r}]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 70, done.stderr
    assert "KeyError (message withheld in kiosk mode)" in done.stderr and "zqxmarker" not in done.stderr
    assert "zqxmarker" not in (Path(os.environ.get("XDG_DATA_HOME", "")) / "guide-app" / "guide-app.log").read_text()
