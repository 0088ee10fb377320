"""An unexpected error shows a friendly message, goes to the log, and leaves the app working."""

from __future__ import annotations

import sys

import pytest

from guide_app.logbook import log_path


@pytest.fixture
def window(make_window):
    return make_window()


def _raise_inside_handler(handler, message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        handler(*sys.exc_info())


def test_unexpected_error_shows_a_message_and_logs_details(window, qtbot):
    from guide_app.ui.crash import ErrorHandler

    handler = ErrorHandler(window)
    _raise_inside_handler(handler, "boom-detail")
    assert handler._box is not None and handler._box.isVisible()
    assert "Something went wrong" in handler._box.text() and "boom" not in handler._box.text()
    assert "boom-detail" in log_path().read_text()
    window.open_page("faqs")  # still works
    assert window.reader.current[0] == "faqs"
    handler._box.close()


def test_kiosk_error_logs_privately_and_returns_home(window, qtbot):
    from guide_app.ui.crash import ErrorHandler

    window.open_page("faqs")
    handler = ErrorHandler(window, kiosk=True, recover=window.go_home)
    _raise_inside_handler(handler, "visitor typed zqxsecret")
    qtbot.waitUntil(lambda: window.reader.current[0] == "overview")
    assert handler._box is None
    log = log_path().read_text()
    assert "RuntimeError" in log and "zqxsecret" not in log


def test_handler_installs_and_uninstalls(window):
    from guide_app.ui.crash import ErrorHandler

    before = sys.excepthook
    handler = ErrorHandler(window).install()
    assert sys.excepthook is handler
    handler.uninstall()
    assert sys.excepthook is before
