"""A folder of broken content packs, one per fault: each is reported with file and line, and
the app still loads what is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_app.cli import main

BROKEN = Path(__file__).parent / "broken_packs"
EXPECTED = {
    "missing-page-id": ("g/guide.toml:4:", "'id' must be"),
    "duplicate-page-id": ("g/guide.toml:5:", "used twice"),
    "malformed-guide-toml": ("g/guide.toml:2:", "not valid TOML"),
    "non-utf8-page": ("g/a.md:3:", "not UTF-8"),
    "broken-link": ("g/a.md:3:", "leads to no page"),
    "missing-image": ("g/a.md:5:", "images/chart.png"),
    "empty-page": ("g/a.md:1:", "page is empty"),
    "data-wrong-types": ("g/synonyms.toml:2:", "must be a list of text"),
    "path-escape": ("g/guide.toml:5:", "inside the guide folder"),
    "image-escape": ("g/a.md:5:", "'/etc/hosts'"),
    "guide-wrong-types": ("g/guide.toml:2:", "'title' must be text"),
}


def test_every_broken_pack_has_an_expectation():
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_names_file_and_line(name, capsys):
    where, message = EXPECTED[name]
    code = main(["check", "--content", str(BROKEN / name)])
    out = capsys.readouterr().out
    assert code == 1
    assert any(where in line and message in line for line in out.splitlines()), out


@pytest.mark.parametrize("name", ["non-utf8-page", "empty-page", "missing-page-id", "duplicate-page-id"])
def test_valid_pages_still_load_and_search(name):
    from guide_app.library import Library

    library = Library.open(BROKEN / name, cache_dir=False)
    ok = [p for p in library.pack.pages() if p.id in {"ok", "a"}]
    assert ok
    assert library.index.search("text") or library.index.search("fine")


def test_window_names_what_it_skipped(qtbot):
    from guide_app.library import Library
    from guide_app.ui.app import make_application
    from guide_app.ui.main_window import MainWindow

    make_application()
    win = MainWindow(Library.open(BROKEN / "non-utf8-page", cache_dir=False), "Atkinson Hyperlegible")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.search.index is not None)
    assert win.banner.isVisible() and "a.md:3" in win.banner.label.text()
    win.open_page("ok")
    assert "Fine." in win.reader.toPlainText()
    win.open_page("a")  # the broken page itself: a notice, not a crash
    assert "UTF-8" in win.notice.label.text()
