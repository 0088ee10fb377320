"""The program comparison's data and rules, without Qt: the article's words, filters, exports, checks."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from guide_app.comparison.table import NOT_STATED, Comparison, programs_of
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


def test_living_at_home_keeps_outpatient_and_iop_and_says_why(comparison):
    comparison.set_filter("live-at-home", True)
    assert [p.id for p in comparison.programs] == ["outpatient", "iop"]
    reasons = {r.program.id: r for r in comparison.reasons()}
    assert reasons["iop"].kept and reasons["iop"].cell.text == "allowing them to live at home"
    assert not reasons["inpatient"].kept
    assert reasons["inpatient"].cell.text == "residing at a treatment facility for a specified period"
    assert reasons["dual-diagnosis"].cell.text == NOT_STATED


def test_mental_health_condition_keeps_dual_diagnosis(comparison):
    comparison.set_filter("mental-health", True)
    assert [p.id for p in comparison.programs] == ["dual-diagnosis"]
    assert "co-occurring mental health condition" in comparison.reasons()[-1].cell.text


def test_choices_combine_and_can_leave_nothing(comparison):
    comparison.set_filter("live-at-home", True)
    comparison.set_filter("mental-health", True)
    assert comparison.programs == [] and comparison.row_count() == 6 and comparison.column_count() == 0
    comparison.set_filter("mental-health", False)
    assert len(comparison.programs) == 2


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
        _copy(tmp_path), 'keep = ["outpatient", "iop"]', 'keep = ["outpatient", "rehab", "dual-diagnosis"]'
    )
    messages = [m for _, m, _ in problems]
    assert any("unknown program 'rehab'" in m for m in messages)
    assert any("states nothing for 'dual-diagnosis'" in m for m in messages)


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
