"""One handout model: the command line's PDF and the window's "Save as PDF" are the same document."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from guide_app.cli import main
from guide_app.paths import resource
from tests.pdfs import page_sizes, pdf_pages

EXAMPLE_CONFIG = str(resource("config", "example-config.toml"))


@pytest.fixture
def window(make_window):
    return make_window(config=resource("config", "example-config.toml"), remember=False)


def preview_of(window, qtbot, kind: str):
    if kind == "sheet":
        window.printing.sheet_action.trigger()
        preview = window.printing.preview
    elif kind == "page":
        window.open_page("detox")
        window.printing.print_action.trigger()
        preview = window.printing.preview
    else:
        window.show_comparison()
        preview = window.comparison_view.print_preview()
    qtbot.waitUntil(lambda: preview.isVisible() and preview.page_count > 0)
    return preview


COMMANDS = {
    "sheet": ["sheet"],
    "page": ["print-page", "detox"],
    "comparison": ["compare"],
}


@pytest.mark.parametrize("kind", ["sheet", "page", "comparison"])
def test_the_command_line_and_the_window_save_the_same_pdf(kind, window, qtbot, tmp_path, monkeypatch, capsys):
    command_line = tmp_path / "cli.pdf"
    argv = [*COMMANDS[kind], "--pdf", str(command_line), "--page-size", "letter", "--large-print"]
    assert main([*argv, "--config", EXAMPLE_CONFIG]) == 0
    capsys.readouterr()

    saved = tmp_path / "window.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(saved), "")))
    preview = preview_of(window, qtbot, kind)
    preview.page_size.setCurrentIndex(preview.page_size.findData("letter"))
    preview.large_print.setChecked(True)
    assert preview.save_pdf() == saved

    cli_pages, window_pages = pdf_pages(command_line), pdf_pages(saved)
    assert len(cli_pages) > 1 and preview.page_count == len(window_pages)
    assert window_pages == cli_pages
    assert page_sizes(saved) == page_sizes(command_line)
