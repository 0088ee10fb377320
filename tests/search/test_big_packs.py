"""Search over packs too big to rank every match: headings first, never an error."""

from __future__ import annotations

import pytest

import guide_app.search.index as search
from guide_app.content.pack import load_pack
from guide_app.search.index import SearchIndex
from tests.conftest import write_pack


@pytest.fixture
def index(tmp_path, monkeypatch):
    pages = {f"p{n}": f"# Page {n}\n\n## Daily notes {{#notes}}\n\nTremors and sleep, day {n}.\n" for n in range(30)}
    pages["withdrawal"] = "# Withdrawal\n\n## Tremors {#tremors}\n\nWhat tremors feel like.\n"
    monkeypatch.setattr(search, "BROAD", 5)  # every word here is "broad": 31 sections use it
    return SearchIndex.build(load_pack(write_pack(tmp_path, pages)))


def test_a_broad_word_finds_the_section_named_after_it_first(index):
    results = index.search("tremors", limit=10)
    assert (results[0].page, results[0].anchor) == ("withdrawal", "tremors")
    assert len(results) == 10  # the rest filled from sections that use the word


def test_broad_results_have_highlighted_snippets(index):
    result = next(r for r in index.search("sleep", limit=5) if r.page != "withdrawal")
    assert "<b>sleep</b>" in result.snippet_html and "sleep" in result.snippet


def test_a_short_prefix_over_a_big_pack_looks_at_headings(index):
    results = index.search("da", limit=5)  # still typing "daily"
    assert results and all(r.section == "Daily notes" for r in results)


@pytest.mark.parametrize("text", ['"', "*", "tremors AND", "NEAR(", "day 1", "withdrawl"])
def test_broad_queries_never_raise(index, text):
    index.answer(text, 5)


def test_contents_of_a_big_pack_lists_other_guides_pages_when_needed(tmp_path, qtbot, monkeypatch):
    import guide_app.ui.contents as contents
    from guide_app.ui.contents import ContentsTree

    monkeypatch.setattr(contents, "EAGER_SECTIONS_UP_TO", 3)
    write_pack(tmp_path, {"a1": "# A1\n\n## Intro {#intro}\n\nText.\n", "a2": "# A2\n"}, guide_id="first")
    write_pack(tmp_path, {"b1": "# B1\n", "b2": "# B2\n\n## Later {#later}\n\nText.\n"}, guide_id="second")
    tree = ContentsTree(load_pack(tmp_path))
    qtbot.addWidget(tree)
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    assert [first.child(i).text(0) for i in range(first.childCount())] == ["A1", "A2"]  # pages only
    assert second.childCount() == 0 and not second.isExpanded()
    second.setExpanded(True)  # as a click on its arrow does
    assert [second.child(i).text(0) for i in range(second.childCount())] == ["B1", "B2"]
    fresh = ContentsTree(load_pack(tmp_path))
    qtbot.addWidget(fresh)
    fresh.select("b2", "later")  # the reader opened a page of a guide not listed yet
    assert fresh.currentItem().text(0) == "Later"


def _three_guides(root):
    for name, ids in (("a-first", ["home", "a2"]), ("b-second", ["b1", "home"]), ("c-third", ["c1", "c2"])):
        write_pack(root, {i: f"# {i}\n\nText of {i}.\n" for i in ids}, guide_id=name)
    return root


def test_a_big_pack_lists_its_first_guides_pages_first_and_the_rest_when_asked(tmp_path):
    """The window's first page is in the first guide; the others are listed once it shows."""
    full = load_pack(_three_guides(tmp_path))
    pack = load_pack(tmp_path, defer_over=3)
    assert [len(g.pages) for g in pack.guides] == [2, 0, 0] and pack.guides[1].pages_pending
    assert pack.home == "home" and pack.page("a2").guide is pack.guides[0]
    assert [g.title for g in pack.guides] == [g.title for g in full.guides]
    assert pack.page("c2").title == "C2"  # a page of a later guide: the rest are listed on the way
    assert [len(g.pages) for g in pack.guides] == [2, 1, 2]  # b-second's "home" is a duplicate, as in a full load
    assert [str(p) for p in pack.problems] == [str(p) for p in full.problems] and pack.finish_loading() == 0


def test_a_small_pack_lists_every_page_at_once(tmp_path):
    pack = load_pack(_three_guides(tmp_path), defer_over=100)
    assert [len(g.pages) for g in pack.guides] == [2, 1, 2] and not any(g.pages_pending for g in pack.guides)


def test_the_contents_of_a_guide_listed_later_open_when_expanded(qtbot, tmp_path):
    from guide_app.ui.contents import ContentsTree

    pack = load_pack(_three_guides(tmp_path), defer_over=3)
    tree = ContentsTree(pack)
    qtbot.addWidget(tree)
    third = tree.topLevelItem(2)
    assert third.text(0) == "C-Third guide" and third.childCount() == 0
    third.setExpanded(True)
    assert [third.child(i).text(0) for i in range(third.childCount())] == ["C1", "C2"]


def test_a_long_guide_shows_its_first_rows_at_once_and_the_rest_after_the_first_paint(qtbot, tmp_path):
    from guide_app.ui.contents import ROWS_BEFORE_PAINT, ContentsTree

    pack = load_pack(write_pack(tmp_path, {f"p{n}": f"# Page {n}\n" for n in range(ROWS_BEFORE_PAINT + 150)}))
    tree = ContentsTree(pack)
    qtbot.addWidget(tree)
    guide = tree.topLevelItem(0)
    assert guide.childCount() == ROWS_BEFORE_PAINT
    tree.show()
    qtbot.waitUntil(lambda: guide.childCount() == ROWS_BEFORE_PAINT + 150)
    assert guide.child(ROWS_BEFORE_PAINT + 149).text(0) == f"P{ROWS_BEFORE_PAINT + 149}"


def test_a_row_not_yet_added_is_added_when_looked_up(qtbot, tmp_path):
    from guide_app.ui.contents import ROWS_BEFORE_PAINT, ContentsTree

    pack = load_pack(write_pack(tmp_path, {f"p{n}": f"# Page {n}\n" for n in range(ROWS_BEFORE_PAINT + 50)}))
    tree = ContentsTree(pack)
    qtbot.addWidget(tree)
    row = tree.item(f"p{ROWS_BEFORE_PAINT + 10}")  # opened with --page, before the window shows
    assert row is not None and row.text(0) == f"P{ROWS_BEFORE_PAINT + 10}"
    assert tree.topLevelItem(0).childCount() == ROWS_BEFORE_PAINT + 50
