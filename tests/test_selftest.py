"""`guide-app self-test`: passes on the real guide, and names what is wrong when something is."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import pytest

from guide_app import selftest
from guide_app.cli import main
from tests.conftest import write_pack


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def context(tmp_path: Path, content: Path | None = None) -> selftest.Context:
    return selftest.Context(content, None, tmp_path)


def test_self_test_passes_on_the_bundled_guide(qapp, capsys):
    code, lines, err = run(capsys, "self-test")
    assert code == 0, lines
    assert err == ""
    assert lines[0].startswith("ok    SQLite has FTS5 (SQLite 3.")
    assert "ok    the bundled font loads (Atkinson Hyperlegible, 4 files)" in lines
    assert any(line.startswith("ok    renders every page (12 pages)") for line in lines)
    assert any(
        line.startswith('ok    search "withdrawl" finds detox#detox-process-and-withdrawal-symptoms') for line in lines
    )
    assert any(line.startswith('ok    search "alcohol" finds faqs#faq-alcohol') for line in lines)
    assert all(line.split()[0] in {"ok", "skip"} for line in lines[:-1])
    assert lines[-1].startswith("self-test passed: ")


def test_broken_content_folder_fails_with_a_clear_line(tmp_path, qapp, capsys):
    pack = write_pack(tmp_path / "pack", {"one": "# One\n\nText.\n"})
    (pack / "demo" / "one.md").unlink()
    code, lines, err = run(capsys, "self-test", "--content", str(pack))
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert failed == ["FAIL  loads the content pack: pack/demo/guide.toml:5: page 'one': file one.md does not exist"]
    assert err.strip() == "guide-app: self-test failed: 1 of 14 checks"
    assert "Traceback" not in "\n".join(lines) + err


def test_search_that_misses_its_section_names_what_it_found(tmp_path, qapp):
    out = io.StringIO()
    check = selftest._search_check("withdrawl", "faqs#faq-alcohol")
    [outcome] = selftest.run_checks([("search", check)], context(tmp_path), out)
    assert outcome.status == "FAIL"
    assert out.getvalue().strip() == (
        "FAIL  search: first result is detox#detox-process-and-withdrawal-symptoms, expected faqs#faq-alcohol"
    )


def test_a_crashing_check_is_one_line_and_the_others_still_run(tmp_path):
    def crashes(ctx):
        raise RuntimeError("disk on fire")

    out = io.StringIO()
    outcomes = selftest.run_checks([("crashes", crashes), ("fts5", selftest.check_fts5)], context(tmp_path), out)
    assert [o.status for o in outcomes] == ["FAIL", "ok"]
    assert out.getvalue().splitlines()[0] == "FAIL  crashes: RuntimeError: disk on fire"


def test_sqlite_without_fts5_fails(tmp_path, monkeypatch):
    monkeypatch.setattr("guide_app.search.index.has_fts5", lambda: False)
    with pytest.raises(selftest.CheckFailed, match="without FTS5"):
        selftest.check_fts5(context(tmp_path))


def test_comparison_is_built_from_the_bundled_data(tmp_path):
    assert selftest.check_comparison(context(tmp_path)) == "4 programs, 6 attributes"


def test_comparison_is_skipped_for_a_pack_without_one(tmp_path):
    pack = write_pack(tmp_path / "pack", {"one": "# One\n\nText.\n"})
    with pytest.raises(selftest.Skipped, match="no program comparison"):
        selftest.check_comparison(context(tmp_path, pack))


def test_broken_comparison_data_fails(tmp_path):
    pack = write_pack(tmp_path / "pack", {"one": "# One\n\nText.\n"}, extra='programs = "programs.toml"')
    (pack / "demo" / "programs.toml").write_text("[[programs]]\nid = 3\n", encoding="utf-8")
    with pytest.raises(selftest.CheckFailed):
        selftest.check_comparison(context(tmp_path, pack))


def fake_sheet_module(monkeypatch, write) -> None:
    """The sheet's handout is written by `write(pack, config, out)` instead."""
    from guide_app.printing import handout

    module = types.ModuleType("guide_app.printing.sheet")
    module.sheet_handout = lambda pack, config: (pack, config)
    monkeypatch.setitem(sys.modules, "guide_app.printing.sheet", module)
    monkeypatch.setattr(handout, "write_pdf", lambda item, out, config: write(*item, out))


def test_present_sheet_is_written_to_the_temporary_folder(tmp_path, qapp, monkeypatch):
    written = []

    def write_sheet_pdf(pack, config, out):
        written.append(out)
        Path(out).write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
        return 1

    fake_sheet_module(monkeypatch, write_sheet_pdf)
    pack = write_pack(tmp_path / "pack", {"one": "# One\n\nText.\n"}, extra='symptoms = "symptoms.toml"')
    assert selftest.check_sheet(context(tmp_path, pack)) == "1 page, 2,009 bytes"
    assert written == [tmp_path / "sheet.pdf"]


def test_sheet_is_skipped_for_a_pack_without_one(tmp_path, monkeypatch):
    fake_sheet_module(monkeypatch, lambda pack, config, out: pytest.fail("no sheet to write"))
    pack = write_pack(tmp_path / "pack", {"one": "# One\n\nText.\n"})
    with pytest.raises(selftest.Skipped, match="no sheet"):
        selftest.check_sheet(context(tmp_path, pack))


def test_a_sheet_that_writes_no_pdf_fails(tmp_path, qapp, monkeypatch):
    fake_sheet_module(monkeypatch, lambda pack, config, out: 1)
    pack = write_pack(tmp_path / "pack", {"one": "# One\n\nText.\n"}, extra='symptoms = "symptoms.toml"')
    with pytest.raises(selftest.CheckFailed, match="no PDF written"):
        selftest.check_sheet(context(tmp_path, pack))


def test_an_unreadable_searches_file_is_one_failing_check(tmp_path, monkeypatch):
    bad = tmp_path / "selftest.toml"
    bad.write_text("[[search]]\nquery = 'x'\n", encoding="utf-8")  # no 'first'
    monkeypatch.setattr(selftest, "resource", lambda *parts: bad)
    [(name, check)] = selftest.search_checks()
    with pytest.raises(selftest.CheckFailed, match="cannot read .*selftest.toml"):
        check(context(tmp_path))
