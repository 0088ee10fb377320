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
