"""A kiosk day in miniature: the same visit many times over leaves nothing growing behind.

Each test counts something Qt or PySide keeps (connections, documents, wrappers) after a
few rounds, then again after many more, and expects the same number: what a visit makes
is let go by the next reset. (benchmarks/soak.py measures the memory itself.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from guide_app.ui.action_state import changed_connections


@pytest.fixture
def window(make_window, qtbot):
    win = make_window(remember=False)
    qtbot.waitUntil(lambda: win.search.index is not None)
    return win


def flush() -> None:
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_back_and_forward_buttons_keep_one_connection_however_often_they_change(window):
    def toolbar_connections():
        return {action.text(): changed_connections(action) for action in window.toolbar.actions() if action.text()}

    def visit():
        window.open_page("faqs")
        window.back_action.trigger()  # Back on, then off; Forward on
        window.show_comparison()  # Find (and the page's print entries) off
        window.go_back()
        window.reset_for_next_visitor()  # Forward off
        flush()

    visit()
    before = toolbar_connections()
    for _ in range(50):
        visit()
    assert toolbar_connections() == before
    assert before["Back"] == 1 and before["Forward"] == 1 and before["Find"] == 1
    assert not window.back_action.isEnabled() and not window.forward_action.isEnabled()
    assert window.find_action.isEnabled()


@pytest.mark.parametrize("close", ["close", "reject", "reset"])
def test_the_kept_print_preview_keeps_one_focus_connection_however_often_it_opens(window, close):
    from guide_app.ui.window_focus import focus_connections

    def visit():
        preview = window.printing.open_sheet_preview()
        flush()
        if close == "reset":
            window.reset_for_next_visitor()
        else:
            getattr(preview, close)()  # the window's close, or the Close button and Escape
        flush()
        return preview

    preview = visit()
    for _ in range(30):
        assert visit() is preview  # one preview, reused
    assert focus_connections(preview) <= 1


def test_staff_exit_prompts_do_not_pile_up(kiosk_with, qtbot):
    """Each Ctrl+Shift+Alt+Q builds a PIN prompt; closed, it goes."""
    from guide_app.ui.pin_prompt import PinPrompt

    kiosk = kiosk_with()
    for _ in range(5):
        kiosk.controller.open_admin_prompt().reject()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert kiosk.window.findChildren(PinPrompt) == []
