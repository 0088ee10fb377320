"""The program comparison's data and rules, without Qt: the article's words, filters, exports, checks."""

from __future__ import annotations

import csv
import io
import itertools
import json
import shutil

import pytest

from guide_app.comparison.table import DOES_NOT_FIT, FITS, NOT_STATED, SILENT, Comparison, programs_of
from guide_app.content.pack import load_pack
from guide_app.errors import GuideError
from guide_app.paths import default_content_dir
from tests.conftest import SOURCE_ARTICLE, loads_qt

NAMES = ["Inpatient/Residential", "Outpatient", "Intensive Outpatient (IOP)", "Dual Diagnosis"]
FACTORS = ["Treatment Approach", "Location", "Cost and Insurance Coverage", "Program Duration", "Aftercare Support"]


@pytest.fixture(scope="module")
def table():
    table, problems = programs_of(load_pack(default_content_dir()))
    assert problems == []
    return table


@pytest.fixture
def comparison(table):
    return Comparison(table)


def test_bundled_file_has_the_four_programs_six_attributes_and_five_factors(table):
    assert [p.name for p in table.programs] == NAMES
    assert len(table.attributes) == 6
    assert [q.factor for q in table.questions] == FACTORS
    assert (
        table.attribution
        == "Source: “Clonazepam Addiction: Risks, Symptoms, and Treatment”, Rosewood Recovery Team, July 10, 2024"
    )


def test_every_stated_cell_is_in_the_source_article_word_for_word(table):
    article = " ".join(SOURCE_ARTICLE.read_text(encoding="utf-8").split())
    for program in table.programs:
        for cell in program.cells.values():
            assert cell.text == NOT_STATED or cell.text in article, (program.id, cell.text)
            assert cell.source.href == "seeking-treatment#types-of-treatment-programs"
    for question in table.questions:
        assert question.description in article
        assert question.source.anchor == "factors-to-consider"


def test_what_the_article_leaves_out_says_not_stated(table):
    by_id = {p.id: p for p in table.programs}
    assert by_id["outpatient"].cell("duration").text == NOT_STATED
    assert not by_id["outpatient"].cell("duration").stated
    assert by_id["inpatient"].cell("duration").text == "typically ranging from a few weeks to several months"


def test_grid_counts_and_labels_in_both_orientations(comparison):
    assert (comparison.row_count(), comparison.column_count()) == (6, 4)
    assert comparison.column_label(0) == "Inpatient/Residential"
    assert comparison.row_label(0) == "Where the person lives during treatment"
    assert comparison.cell(0, 1).text == "live at home while attending scheduled treatment sessions"
    comparison.transposed = True
    assert (comparison.row_count(), comparison.column_count()) == (4, 6)
    assert comparison.row_label(1) == "Outpatient"
    assert comparison.cell(1, 0).text == "live at home while attending scheduled treatment sessions"


def test_living_at_home_leaves_out_only_what_the_article_says_does_not_fit(comparison):
    comparison.set_filter("live-at-home", True)
    assert [p.id for p in comparison.programs] == ["outpatient", "iop", "dual-diagnosis"]
    reasons = {r.program.id: r for r in comparison.reasons()}
    assert reasons["iop"].verdict == FITS and reasons["iop"].cell.text == "allowing them to live at home"
    assert reasons["inpatient"].verdict == DOES_NOT_FIT and not reasons["inpatient"].kept
    assert reasons["inpatient"].cell.text == "residing at a treatment facility for a specified period"
    assert reasons["dual-diagnosis"].verdict == SILENT and reasons["dual-diagnosis"].cell.text == NOT_STATED
    assert comparison.column_label(2) == "Dual Diagnosis (the guide does not say: ask the clinic)"
    assert comparison.column_label(0) == "Outpatient"


def test_mental_health_condition_hides_nothing_the_article_is_silent_on(comparison):
    comparison.set_filter("mental-health", True)
    assert [p.id for p in comparison.programs] == ["inpatient", "outpatient", "iop", "dual-diagnosis"]
    reasons = {r.program.id: r for r in comparison.reasons()}
    assert "co-occurring mental health condition" in reasons["dual-diagnosis"].cell.text
    assert {r.verdict for k, r in reasons.items() if k != "dual-diagnosis"} == {SILENT}


def test_both_needs_together_still_show_what_the_article_does_not_rule_out(comparison):
    comparison.set_filter("live-at-home", True)
    comparison.set_filter("mental-health", True)
    assert [p.id for p in comparison.programs] == ["outpatient", "iop", "dual-diagnosis"]
    assert not comparison.ruled_out()
    lines = dict(comparison.reason_lines())
    chosen = comparison.active_filters
    assert "Outpatient: the guide does not say: ask the clinic (“individuals with a stable support system" in (
        " ".join(lines[chosen[1]])
    )
    assert "Inpatient/Residential: does not fit, not shown: “residing at" in " ".join(lines[chosen[0]])


def test_no_program_fits_only_when_each_is_stated_not_to(comparison):
    comparison.only(["inpatient"])
    comparison.set_filter("live-at-home", True)
    assert comparison.programs == [] and comparison.ruled_out()
    comparison.set_hidden("inpatient", True)
    assert not comparison.ruled_out()  # hidden by hand: nothing is stated about what is shown


# What the article's words say for each need and program (its cell in the need's attribute), read line by line:
# "live at home" (Outpatient, IOP) fits; "residing at a treatment facility" (Inpatient) does not; Dual Diagnosis
# is silent. Only Dual Diagnosis names "a co-occurring mental health condition". Only Inpatient says
# "round-the-clock". Only Outpatient says "maintain their daily routines".
VERDICTS = {
    "live-at-home": {"inpatient": DOES_NOT_FIT, "outpatient": FITS, "iop": FITS, "dual-diagnosis": SILENT},
    "mental-health": {"inpatient": SILENT, "outpatient": SILENT, "iop": SILENT, "dual-diagnosis": FITS},
    "round-the-clock": {"inpatient": FITS, "outpatient": SILENT, "iop": SILENT, "dual-diagnosis": SILENT},
    "daily-routine": {"inpatient": SILENT, "outpatient": FITS, "iop": SILENT, "dual-diagnosis": SILENT},
}
KEY_WORDS = {
    ("live-at-home", "outpatient"): "live at home",
    ("live-at-home", "iop"): "live at home",
    ("live-at-home", "inpatient"): "residing at a treatment facility",
    ("mental-health", "dual-diagnosis"): "co-occurring mental health condition",
    ("round-the-clock", "inpatient"): "round-the-clock",
    ("daily-routine", "outpatient"): "maintain their daily routines",
}
NEED_SETS = [list(c) for n in (1, 2) for c in itertools.combinations(VERDICTS, n)]


@pytest.mark.parametrize("needs", NEED_SETS, ids=["+".join(n) for n in NEED_SETS])
def test_compare_json_needs_alone_and_in_pairs_against_the_article(needs, capsys):
    from guide_app.cli import main

    article = " ".join(SOURCE_ARTICLE.read_text(encoding="utf-8").split())
    assert main(["compare", "--json", *(a for need in needs for a in ("--need", need))]) == 0
    data = json.loads(capsys.readouterr().out)
    verdicts = data["needs"]["programs"]
    assert [p["id"] for p in verdicts] == ["inpatient", "outpatient", "iop", "dual-diagnosis"]  # none dropped
    for program in verdicts:
        for need in needs:
            got = program["verdicts"][need]
            assert got["verdict"] == VERDICTS[need][program["id"]], (need, program["id"])
            assert got["words"] == NOT_STATED or got["words"] in article
            if got["verdict"] != SILENT:
                assert got["stated"] and KEY_WORDS[(need, program["id"])] in got["words"]
        expected_shown = all(VERDICTS[n][program["id"]] != DOES_NOT_FIT for n in needs)
        assert program["shown"] == expected_shown
    assert [c["id"] for c in data["needs"]["chosen"]] == needs
    assert data["needs"]["none_fit"] is False


def test_compare_list_needs_and_an_unknown_need(capsys):
    from guide_app.cli import main

    assert main(["compare", "--list-needs"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == list(VERDICTS)
    assert main(["compare", "--json", "--need", "cheap"]) == 1
    assert "no need 'cheap'" in capsys.readouterr().err


def test_compare_text_with_a_need_marks_the_silences(capsys):
    from guide_app.cli import main

    assert main(["compare", "--need", "live-at-home"]) == 0
    out = capsys.readouterr().out
    assert "Dual Diagnosis: the guide does not say: ask the clinic (Not stated in this guide)" in out
    assert "Dual Diagnosis (the guide does not say: ask the clinic)\n" in out
    assert "\nInpatient/Residential\n" not in out


def test_hiding_programs_and_which_rows_differ(comparison):
    duration = next(a for a in comparison.attributes if a.id == "duration")
    assert comparison.differs(duration)
    comparison.set_hidden("inpatient", True)
    assert comparison.column_count() == 3 and not comparison.differs(duration)
    comparison.set_hidden("inpatient", False)
    assert comparison.column_count() == 4


def test_reset_clears_choices_hidden_programs_and_orientation(comparison):
    comparison.set_filter("live-at-home", True)
    comparison.set_hidden("iop", True)
    comparison.transposed = comparison.emphasise = True
    comparison.reset()
    assert len(comparison.programs) == 4 and not comparison.transposed and not comparison.emphasise
    assert comparison.active_filters == []


def test_only_shows_the_named_programs_and_rejects_unknown_ones(comparison):
    comparison.only(["iop", "outpatient"])
    assert [p.id for p in comparison.programs] == ["outpatient", "iop"]
    with pytest.raises(GuideError, match="no program 'rehab'"):
        comparison.only(["rehab"])


def test_csv_has_a_header_then_one_row_per_program(comparison):
    rows = list(csv.reader(io.StringIO(comparison.to_csv())))
    assert rows[0][0] == "Program" and rows[0][1:] == [a.label for a in comparison.attributes]
    assert [r[0] for r in rows[1:]] == NAMES
    assert rows[2][3] == NOT_STATED


def test_json_carries_cells_with_their_sources_and_the_questions(comparison):
    data = json.loads(comparison.to_json())
    assert [p["name"] for p in data["programs"]] == NAMES
    cell = data["programs"][0]["cells"]["care"]
    assert cell == {
        "text": "intensive, round-the-clock care and support",
        "stated": True,
        "source": {
            "page": "seeking-treatment",
            "anchor": "types-of-treatment-programs",
            "section": "Types of Treatment Programs Available",
        },
    }
    assert [q["factor"] for q in data["questions"]] == FACTORS


def test_html_for_paper_has_every_program_and_factor_and_no_sizes_of_its_own(comparison):
    from guide_app.printing.comparison_handout import comparison_html

    page = comparison_html(comparison)
    assert all(name in page for name in ["Inpatient/Residential", "Dual Diagnosis", *FACTORS])
    assert "font-size" not in page and "px" not in page  # the handout's stylesheet sizes it, in points
    comparison.set_hidden("dual-diagnosis", True)
    assert "Dual Diagnosis" not in comparison_html(comparison)


# -- the data file's checks, on broken copies -------------------------------------------------------


def _copy(tmp_path):
    folder = tmp_path / "clonazepam"
    shutil.copytree(default_content_dir() / "clonazepam", folder)
    return folder


def _problems(folder, old: str, new: str):
    path = folder / "programs.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    table, problems = programs_of(load_pack(folder.parent))
    lines = path.read_text(encoding="utf-8").splitlines()
    return table, [(p.line, p.message, lines[p.line - 1] if p.line else "") for p in problems]


def test_unknown_attribute_is_reported_with_its_line(tmp_path):
    _, problems = _problems(_copy(tmp_path), 'name = "Outpatient"\n', 'name = "Outpatient"\ncost = "free"\n')
    assert len(problems) == 1
    line, message, text = problems[0]
    assert "unknown attribute 'cost'" in message and text.startswith("cost =")


def test_missing_cell_is_reported_and_left_blank(tmp_path):
    table, problems = _problems(
        _copy(tmp_path), 'duration = "typically ranging from a few weeks to several months"\n', ""
    )
    assert len(problems) == 1 and "missing cell 'duration'" in problems[0][1]
    assert problems[0][0] is not None
    assert table.programs[0].cell("duration").text == ""


def test_link_to_a_section_that_does_not_exist(tmp_path):
    _, problems = _problems(
        _copy(tmp_path), 'source = "seeking-treatment#factors-to-consider"', 'source = "seeking-treatment#costs"'
    )
    assert len(problems) == 1 and "no section #costs" in problems[0][1] and "#costs" in problems[0][2]
    _, problems = _problems(_copy(tmp_path / "b"), 'source = "seeking-treatment#types', 'source = "nowhere#types')
    assert any("nowhere" in message for _, message, _ in problems)


def test_words_not_in_the_article_are_refused(tmp_path):
    table, problems = _problems(_copy(tmp_path), '"scheduled treatment sessions"', '"two sessions a week"')
    assert len(problems) == 1 and "not found word for word" in problems[0][1]
    assert "two sessions a week" in problems[0][2]
    assert table.programs[1].cell("structure").text == ""


def test_filter_naming_an_unknown_program_or_an_unstated_cell(tmp_path):
    _, problems = _problems(
        _copy(tmp_path),
        'does_not_fit = ["inpatient"]',
        'does_not_fit = ["inpatient", "rehab", "dual-diagnosis", "iop"]',
    )
    messages = [m for _, m, _ in problems]
    assert any("unknown program 'rehab'" in m for m in messages)
    assert any("states nothing for 'dual-diagnosis'" in m for m in messages)
    assert any("'iop' cannot both fit and not fit" in m for m in messages)


def test_bad_toml_is_one_problem_with_a_line(tmp_path):
    table, problems = _problems(_copy(tmp_path), 'title = "Types', "title = Types")
    assert table is None and len(problems) == 1 and problems[0][0] == 8


def test_check_command_reports_programs_problems(tmp_path, capsys):
    from guide_app.cli import main

    folder = _copy(tmp_path)
    path = folder / "programs.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('label = "Structure"', 'label = "Structure"\ncolour = "red"')
    )
    assert main(["check", "--content", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "clonazepam/programs.toml:" in out and "unknown key 'colour'" in out


# -- the command line ----------------------------------------------------------------------------------


def test_compare_csv_on_the_command_line(capsys):
    from guide_app.cli import main

    assert main(["compare", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][0] == "Program" and [r[0] for r in rows[1:]] == NAMES


def test_compare_json_only_two_programs(capsys):
    from guide_app.cli import main

    assert main(["compare", "--json", "--only", "iop", "inpatient"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["programs"]] == ["inpatient", "iop"]


def test_compare_command_does_not_load_qt():
    assert not loads_qt("compare", "--csv")
