"""The first page's HTML kept for the next start-up: used only while its file is unchanged."""

from __future__ import annotations

import os

from guide_app.content.first_page import kept_file, recall, remember
from guide_app.content.pack import load_pack
from tests.conftest import write_pack


def pages(tmp_path):
    return load_pack(write_pack(tmp_path / "pack", {"home": "# Home\n\nFirst words.\n", "other": "# Other\n"}))


def test_each_page_file_has_its_own_copy(tmp_path):
    """A source checkout and a bundle sharing one cache folder do not undo each other's copy."""
    one, two = pages(tmp_path / "one"), pages(tmp_path / "two")
    remember(tmp_path, one.page("home"), "<p>one</p>")
    remember(tmp_path, two.page("home"), "<p>two</p>")
    assert recall(tmp_path, one.page("home")) == "<p>one</p>" and recall(tmp_path, two.page("home")) == "<p>two</p>"


def test_a_kept_page_comes_back_while_its_file_is_the_same(tmp_path):
    pack = pages(tmp_path)
    home, other = pack.page("home"), pack.page("other")
    assert recall(tmp_path, home) is None  # nothing kept yet
    remember(tmp_path, home, "<p>kept</p>")
    assert recall(tmp_path, home) == "<p>kept</p>" and recall(tmp_path, other) is None
    home.path.write_text("# Home\n\nChanged.\n", encoding="utf-8")
    later = home.path.stat().st_mtime_ns + 10**9
    os.utime(home.path, ns=(later, later))
    assert recall(tmp_path, home) is None


def test_a_damaged_or_unwritable_copy_is_no_copy(tmp_path):
    home = pages(tmp_path).page("home")
    kept_file(tmp_path, home).write_bytes(b"\x00 not marshal")
    assert recall(tmp_path, home) is None
    (tmp_path / "file").write_text("")
    remember(tmp_path / "file" / "cache", home, "<p>x</p>")  # a file where a folder should be: no error
    assert recall(None, home) is None


def test_the_window_library_shows_the_kept_first_page_without_rendering(tmp_path):
    from guide_app.library import Library
    from guide_app.paths import user_cache_dir

    content = write_pack(tmp_path / "pack", {"home": "# Home\n\nFirst words.\n", "other": "# Other\n"})
    first = Library.open_for_window(content, tmp_path / "no-config.toml")
    assert not first.first_page_kept
    first.index  # noqa: B018 (opening the index keeps the first page for next time)
    assert kept_file(user_cache_dir(), first.pack.page("home")).is_file()
    second = Library.open_for_window(content, tmp_path / "no-config.toml")
    home = second.pack.page("home")
    assert second.first_page_kept and "First words." in second.pack.page_html(home)
    assert home._rendered is None  # not rendered: the kept copy
