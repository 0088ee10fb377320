"""Shared fixtures: every test runs offscreen, with its own config, cache and data folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The article as published, carried in the guide itself: nothing in the repository reads outside it.
SOURCE_ARTICLE = Path(__file__).resolve().parents[1] / "resources" / "guides" / "clonazepam" / "source.txt"


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's config, cache, data or settings."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    _clear_settings()
    yield
    _clear_settings()


def _clear_settings() -> None:
    """Qt keeps one settings location per process: empty it so tests never see each other's choices."""
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QSettings

        if QCoreApplication.instance() is not None and QCoreApplication.organizationName():
            QSettings().clear()
            QSettings().sync()


@pytest.fixture(scope="session")
def bundled_pack():
    from guide_app.content.pack import load_pack
    from guide_app.paths import default_content_dir

    return load_pack(default_content_dir())


@pytest.fixture(scope="session")
def bundled_index(bundled_pack):
    from guide_app.search.index import SearchIndex

    return SearchIndex.build(bundled_pack)


def write_pack(
    root: Path,
    pages: dict[str, str],
    synonyms: dict[str, list[str]] | None = None,
    guide_id: str = "demo",
    extra: str = "",
) -> Path:
    """A tiny content pack: one guide whose pages are {id: markdown}."""
    folder = root / guide_id
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f'id = "{guide_id}"', f'title = "{guide_id.title()} guide"', extra]
    if synonyms is not None:
        lines.append('synonyms = "synonyms.toml"')
        body = "\n".join(
            f'"{k}" = [{", ".join(repr(v).replace(chr(39), chr(34)) for v in vs)}]' for k, vs in synonyms.items()
        )
        (folder / "synonyms.toml").write_text("[synonyms]\n" + body + "\n", encoding="utf-8")
    for page_id, markdown in pages.items():
        (folder / f"{page_id}.md").write_text(markdown, encoding="utf-8")
        lines += ["[[pages]]", f'id = "{page_id}"', f'title = "{page_id.title()}"', f'file = "{page_id}.md"']
    (folder / "guide.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def kiosk_with(qtbot, bundled_index):
    """Opens kiosk windows with the given kiosk settings; closes them after the test."""
    from tests.kiosk_helpers import close_kiosk, open_kiosk, quick_library

    opened = []

    def make(**overrides):
        kiosk = open_kiosk(qtbot, quick_library(bundled_index), **overrides)
        opened.append(kiosk)
        return kiosk

    yield make
    for kiosk in opened:
        close_kiosk(kiosk)


@pytest.fixture
def make_window(qtbot):
    """Opens main windows (the bundled guide, no cache folder, unless told otherwise) and shows them."""
    from guide_app.fonts import register_fonts
    from guide_app.library import Library
    from guide_app.ui.app import make_application
    from guide_app.ui.main_window import MainWindow

    def make(library=None, *, config=None, **options):
        make_application()
        library = library or Library.open(config_path=config, cache_dir=False)
        window = MainWindow(library, register_fonts(), **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.setup_finished)  # menus and names are filled in just after the first paint
        return window

    return make


def loads_qt(*argv: str) -> bool:
    """Whether `guide-app ARGV` imports PySide6, in a fresh process (commands for scripts must not)."""
    import subprocess
    import sys

    code = (
        f"import sys; from guide_app.cli import main; main({list(argv)!r}); "
        "sys.exit(3 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 3), done.stderr  # anything else: the command itself failed
    return done.returncode == 3
