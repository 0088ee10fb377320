"""The command line: scripts get JSON, people get one clear line, nobody gets a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from guide_app.cli import main
from tests.conftest import loads_qt


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pages_json_lists_pages_with_sections(capsys):
    code, out, _ = run(capsys, "pages", "--json")
    pages = json.loads(out)
    assert code == 0
    detox = next(p for p in pages if p["id"] == "detox")
    assert detox["title"] == "Clonazepam Detoxification"
    assert {"anchor": "medical-supervision-and-support", "title": "Medical Supervision and Support"} in detox[
        "sections"
    ]
    assert any(p["id"] == "get-help" for p in pages)


def test_show_prints_text_and_html(capsys):
    code, out, _ = run(capsys, "show", "detox", "--text")
    assert code == 0 and "• Seizures (in severe cases)" in out and "<" not in out
    code, out, _ = run(capsys, "show", "detox", "--html")
    assert code == 0 and '<h2 id="medical-supervision-and-support">' in out


def test_unknown_page_is_one_clear_line(capsys):
    code, out, err = run(capsys, "show", "nope")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "nope" in err


def test_search_json_fields_best_first(capsys):
    code, out, _ = run(capsys, "search", "withdrawl", "--json", "--limit", "3")
    results = json.loads(out)
    assert code == 0 and 1 <= len(results) <= 3
    assert set(results[0]) >= {"page", "page_title", "section", "anchor", "snippet", "score"}
    assert results[0]["page"] == "detox"
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_search_text_says_did_you_mean(capsys):
    code, out, _ = run(capsys, "search", "insomia")
    assert code == 0 and out.startswith("Did you mean: insomnia")


def test_search_stdin_answers_one_json_line_per_query(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO('shaking\n"NEAR(\n\nbenzo\n'))
    code, out, _ = run(capsys, "search", "--stdin", "--json")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    answers = [json.loads(line) for line in lines]
    assert answers[0][0]["page"] == "detox" and answers[1] == [] and answers[2] == []


def test_check_passes_for_the_bundled_guide(capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0 and out.startswith("OK")


def test_check_lists_problems_with_file_and_line(tmp_path, capsys):
    from tests.conftest import write_pack

    write_pack(tmp_path, {"one": "# One\n\n[broken](two.md)\n"})
    code, out, _ = run(capsys, "check", "--content", str(tmp_path))
    assert code == 1
    assert "demo/one.md:3:" in out and "two.md" in out


def test_bad_option_is_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--limit", "many", "x"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_content_folder_reports_instead_of_crashing(tmp_path, capsys):
    code, out, _ = run(capsys, "check", "--content", str(tmp_path / "absent"))
    assert code == 1 and "does not exist" in out


def test_search_command_does_not_load_qt():
    assert not loads_qt("search", "benzo", "--json")


def test_module_entry_point_and_version():
    done = subprocess.run([sys.executable, "-m", "guide_app", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("guide-app ")


def test_ten_thousand_hostile_queries_each_get_valid_json():
    """One --stdin process answers every line of random and hostile text with a JSON list."""
    from benchmarks.hostile_queries import run

    figures = run(10_000, seed=11, command=[sys.executable, "-m", "guide_app"])
    assert figures["valid_json"] == 10_000
    assert figures["exit"] == 0 and figures["stderr"] == ""


def test_stdin_bytes_that_are_not_utf8_are_answered():
    done = subprocess.run(
        [sys.executable, "-m", "guide_app", "search", "--stdin", "--json"],
        input=b"benzo\n\xff\xfe\xc3\n",
        capture_output=True,
        timeout=60,
    )
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 0 and len(lines) == 2 and json.loads(lines[1]) == []


def test_an_unexpected_error_is_one_line_and_logged(monkeypatch, capsys):
    from guide_app import cli
    from guide_app.logbook import log_path

    def broken(_args):
        raise ValueError("zqx" + "detail")

    monkeypatch.setattr(cli, "cmd_pages", broken)
    code = main(["pages"])
    err = capsys.readouterr().err
    assert code == 70 and err.count("\n") == 1 and "Traceback" not in err and "zqxdetail" not in err
    assert "ValueError" in log_path().read_text()


def test_window_options_parse_as_with_every_subcommand(monkeypatch):
    """Starting the window skips the subcommands' parsers; it must read the same options."""
    import argparse

    from guide_app import cli

    sub = next(a for a in cli.build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == cli.COMMANDS
    for argv in ([], ["--kiosk"], ["--page", "detox", "--content", "c", "--config=f.toml"], ["--kio", "--pa", "x"]):
        assert vars(cli._parse(argv)) == vars(cli.build_parser().parse_args(argv))
    monkeypatch.setattr(sys, "argv", ["guide-app", "--page", "search"])  # a page named like a command
    assert cli._parse(None).page == "search" and cli._parse(None).func is cli.cmd_gui


@pytest.mark.parametrize("argv", [["--nope"], ["stray"], ["--page"], ["--he"]])
def test_window_option_mistakes_get_the_full_parsers_answer(capsys, argv):
    with pytest.raises(SystemExit) as lean:
        main(argv)
    lean_out = capsys.readouterr()
    from guide_app.cli import build_parser

    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(argv)
    assert lean.value.code == full.value.code and lean_out == capsys.readouterr()
    assert lean_out.out + lean_out.err
