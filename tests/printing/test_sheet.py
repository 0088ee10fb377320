"""The withdrawal-symptoms sheet: its data file, `check`, and the PDFs the command line writes."""

from __future__ import annotations

import re
import shutil

import pytest

from guide_app.cli import main
from guide_app.clinic.config import load_config
from guide_app.content.check import check_pack
from guide_app.content.pack import load_pack
from guide_app.paths import default_content_dir, resource
from tests.conftest import SOURCE_ARTICLE
from tests.pdfs import page_sizes, pdf_pages, pdf_text, squash, text_runs

SYMPTOMS = [
    "Anxiety",
    "Insomnia",
    "Muscle spasms",
    "Nausea and vomiting",
    "Sweating",
    "Tremors",
    "Headaches",
    "Seizures (in severe cases)",
]
WARNING = (
    "It's important to note that abruptly stopping the use of clonazepam can be dangerous, especially for "
    "individuals who have been using the medication for an extended period or at high doses. Medical supervision "
    "during detoxification is essential to ensure the safety of individuals going through withdrawal."
)
COLD_TURKEY = (
    "Is it safe to stop taking clonazepam cold turkey? No, stopping clonazepam suddenly can cause dangerous "
    "withdrawal symptoms. It's important to work with a healthcare professional to gradually taper off the drug."
)
URGENT = (  # the article's own words, from "Medical Supervision and Support"
    "Medical supervision ensures that individuals are closely monitored, and any complications or severe "
    "withdrawal symptoms can be promptly addressed."
)
ATTRIBUTION = "“Clonazepam Addiction: Risks, Symptoms, and Treatment”, Rosewood Recovery Team, July 10, 2024"
EXAMPLE_CONFIG = str(resource("config", "example-config.toml"))
PAGE_POINTS = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}


# A QApplication first: the PDF writer would otherwise make a bare QGuiApplication, and no widget
# test after these could run.
pytestmark = pytest.mark.usefixtures("qapp")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def copy_guide(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(default_content_dir(), folder)
    return folder, folder / "clonazepam" / "symptoms.toml"


# -- the data file -------------------------------------------------------------
def test_sheet_data_is_the_articles_eight_symptoms_in_order():
    from guide_app.printing.sheet import load_sheet

    sheet, guide = load_sheet(load_pack(default_content_dir()))
    assert [s.label for s in sheet.symptoms] == SYMPTOMS
    assert guide.id == "clonazepam" and sheet.problems == []


def test_every_quoted_word_is_in_the_source_article():
    from guide_app.printing.sheet import _plain, load_sheet

    article = _plain(SOURCE_ARTICLE.read_text(encoding="utf-8"))
    sheet, _ = load_sheet(load_pack(default_content_dir()))
    for passage in [sheet.intro, *(n.text for n in sheet.notes), *(n.question for n in sheet.notes if n.question)]:
        assert _plain(passage) in article
    for symptom in sheet.symptoms:
        assert _plain(symptom.label) in article


def test_check_passes_on_the_bundled_sheet(capsys):
    code, out, _ = run(capsys, "check")
    assert code == 0 and out.startswith("OK")


def test_check_reports_words_no_longer_in_the_article(tmp_path, capsys):
    folder, symptoms = copy_guide(tmp_path)
    text = symptoms.read_text(encoding="utf-8")
    text = text.replace('name = "Tremors"', 'name = "Shaking"').replace(
        'section = "faq-cold-turkey"', 'section = "gone"'
    )
    symptoms.write_text(text.replace("\n[urgent]\n", "\n[urgent]\ncolour = 1\n"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--content", str(folder))
    assert code == 1
    assert "symptoms.toml:" in out and "not word for word in page 'detox': 'Shaking'" in out
    assert "no page or section 'faqs#gone'" in out
    assert "unknown key 'colour'" in out


def test_check_reports_a_broken_or_missing_symptoms_file(tmp_path):
    folder, symptoms = copy_guide(tmp_path)
    symptoms.write_text('title = 3\n[[symptoms]]\nnote = "x"\n', encoding="utf-8")
    messages = [str(p) for p in check_pack(load_pack(folder))]
    assert any("symptoms.toml:1: 'title' must be text in quotes" in m for m in messages)
    assert any("symptom 1 needs a name" in m for m in messages)
    symptoms.unlink()
    messages = [str(p) for p in check_pack(load_pack(folder))]
    assert any("symptoms file symptoms.toml does not exist" in m for m in messages)


# -- the printed sheet ---------------------------------------------------------------
@pytest.mark.parametrize("size", ["a4", "letter"])
@pytest.mark.parametrize("config", [None, EXAMPLE_CONFIG])
def test_sheet_is_one_page_with_everything_on_it(tmp_path, capsys, size, config):
    out = tmp_path / "sheet.pdf"
    argv = ["sheet", "--pdf", str(out), "--page-size", size] + (["--config", config] if config else [])
    code, stdout, err = run(capsys, *argv)
    assert code == 0 and err == "" and "1 page" in stdout
    assert len(page_sizes(out)) == 1
    width, height = page_sizes(out)[0]
    assert abs(width - PAGE_POINTS[size][0]) <= 1 and abs(height - PAGE_POINTS[size][1]) <= 1
    text = pdf_text(out)
    for symptom in SYMPTOMS:
        assert symptom in text
    assert WARNING in text and COLD_TURKEY in text
    assert "Track your symptoms" in text and "Day 1" in text and "Day 7" in text
    assert "0 none · 1 mild · 2 moderate · 3 severe" in text
    assert "Notes for your clinician" in text
    assert f"Urgent help: {URGENT}" in text and "seizure or severe withdrawal symptoms" not in text
    assert "Each day, write the date" in text and "Seizures Not rated: see “Urgent help”" in text
    assert ATTRIBUTION in text and "Printed " in text
    if config:
        assert "Emergency: Call 911 or go to the nearest emergency department" in text
        assert "Riverside Community Clinic" in text and "Phone: 555-0100" in text
        assert "Example helpline: 555-0199" in text
    else:
        assert "Emergency: your local emergency number" in text
        assert "Phone:" not in text and "Address:" not in text and "Hours:" not in text


def test_sheet_grid_has_a_row_for_each_symptom(tmp_path):
    from guide_app.printing.handout import Handout, fixed, write_pdf
    from guide_app.printing.sheet import load_sheet, sheet_html

    sheet, _ = load_sheet(load_pack(default_content_dir()))
    html = sheet_html(sheet, None)
    day = r"<td[^>]*>&nbsp;</td>"
    rows = re.findall(rf"<tr><td[^>]*>([^<]*)</td>(?:{day}){{7}}</tr>", html)
    assert rows == [s for s in SYMPTOMS if "Seizures" not in s]  # seizures are not rated 0-3 a day
    assert re.search(r"<tr><td[^>]*>Seizures</td><td colspan=\"7\"[^>]*><i>Not rated: see “Urgent help”</i>", html)
    header = html[html.index("<thead>") : html.index("</thead>")]  # the dates are a header row, not a symptom
    assert re.search(
        rf"<tr><th[^>]*>Day</th>(<th[^>]*>Day&nbsp;\d</th>){{7}}</tr><tr><th[^>]*>Date</th>({day}){{7}}</tr>", header
    )
    assert write_pdf(Handout("t", fixed(html)), tmp_path / "grid.pdf", None, page_size="a4") == 1


def test_sheet_still_fits_one_page_with_a_longer_clinic_block(tmp_path, capsys):
    config = tmp_path / "config.toml"
    extra = '\n[[clinic.helplines]]\nname = "Second helpline"\nphone = "555-0177"\nnote = "Evenings"\n'
    config.write_text(resource("config", "example-config.toml").read_text(encoding="utf-8") + extra)
    out = tmp_path / "sheet.pdf"
    code, _, _ = run(capsys, "sheet", "--pdf", str(out), "--page-size", "letter", "--config", str(config))
    assert code == 0 and len(page_sizes(out)) == 1 and "Second helpline: 555-0177" in pdf_text(out)


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_large_print_sheet_is_18_point_bold_over_more_pages(tmp_path, capsys, size):
    out = tmp_path / "large.pdf"
    code, _, _ = run(
        capsys, "sheet", "--pdf", str(out), "--large-print", "--page-size", size, "--config", EXAMPLE_CONFIG
    )
    assert code == 0
    pages = pdf_pages(out)
    assert len(pages) > 1
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1))
    text = " ".join(pages)
    for symptom in SYMPTOMS:
        assert symptom in text
    assert WARNING in text and "Riverside Community Clinic" in text and ATTRIBUTION in text
    assert "Riverside Community Clinic" in pages[0] and "Phone: 555-0100" in pages[0]
    runs = text_runs(out)
    assert min(run.size for run in runs) >= 18.0
    assert any("Bold" in run.font for run in runs) and any("Bold" not in run.font for run in runs)
    grid_page = next(n for n, page in enumerate(pages) if "Track your symptoms" in page)
    grid = " ".join(pages[grid_page:])
    assert all(symptom.split(" (")[0] in grid for symptom in SYMPTOMS)


def test_sheet_attribution_comes_from_guide_toml(tmp_path, capsys):
    folder, _ = copy_guide(tmp_path)
    guide_toml = folder / "clonazepam" / "guide.toml"
    guide_toml.write_text(
        guide_toml.read_text(encoding="utf-8").replace("Rosewood Recovery Team", "Another Author"), encoding="utf-8"
    )
    out = tmp_path / "sheet.pdf"
    code, _, _ = run(capsys, "sheet", "--pdf", str(out), "--content", str(folder))
    assert code == 0
    text = pdf_text(out)
    assert "Another Author, July 10, 2024" in text and "Rosewood" not in text


# -- the command line ----------------------------------------------------------
def test_print_page_writes_any_page_as_a_handout(tmp_path, capsys):
    out = tmp_path / "faqs.pdf"
    code, stdout, _ = run(capsys, "print-page", "faqs", "--pdf", str(out), "--page-size", "letter")
    assert code == 0 and str(out) in stdout
    text = pdf_text(out)
    assert squash("FAQs") in squash(text)  # pypdf splits kerned headings: "F AQs"
    assert squash("Is it safe to stop taking clonazepam cold turkey?") in squash(text)
    assert ATTRIBUTION in text
    assert abs(page_sizes(out)[0][0] - 612) <= 1


def test_print_page_with_config_and_large_print(tmp_path, capsys):
    out = tmp_path / "detox.pdf"
    code, _, _ = run(capsys, "print-page", "detox", "--pdf", str(out), "--large-print", "--config", EXAMPLE_CONFIG)
    pages = pdf_pages(out)
    assert code == 0 and len(pages) > 1
    assert "Riverside Community Clinic" in pages[0] and "Printable withdrawal symptoms sheet" not in " ".join(pages)
    assert min(run.size for run in text_runs(out)) >= 18.0


def test_print_page_prints_the_get_help_page(tmp_path, capsys):
    out = tmp_path / "help.pdf"
    code, _, _ = run(capsys, "print-page", "get-help", "--pdf", str(out), "--config", EXAMPLE_CONFIG)
    text = pdf_text(out)
    assert code == 0 and "Call 911" in text
    assert "From Riverside Community Clinic · Printed" in text  # the clinic's page credits the clinic
    assert "Source:" not in text and "Rosewood" not in text
    assert squash(text).count("RiversideCommunityClinic") == 2  # the page and its credit: no clinic block


def test_unknown_page_is_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "print-page", "nope", "--pdf", str(tmp_path / "x.pdf"))
    assert code == 1 and out == "" and err.count("\n") == 1 and "nope" in err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("command", [["sheet"], ["print-page", "detox"]])
def test_unwritable_pdf_path_is_one_line_and_exit_1(tmp_path, capsys, command):
    (tmp_path / "a-file").write_text("keep me")
    for target, expected in (("missing/out.pdf", "does not exist"), ("a-file/out.pdf", "is a file")):
        code, out, err = run(capsys, *command, "--pdf", str(tmp_path / target))
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith("guide-app: cannot write the PDF") and expected in err
        assert "Traceback" not in err
    assert (tmp_path / "a-file").read_text() == "keep me"


def test_bad_page_size_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["sheet", "--pdf", str(tmp_path / "x.pdf"), "--page-size", "a3"])
    assert exit_info.value.code == 2 and "a3" in capsys.readouterr().err


def test_content_without_a_sheet_is_one_line(tmp_path, capsys):
    from tests.conftest import write_pack

    write_pack(tmp_path, {"intro": "# Intro\n\nText.\n"})
    code, _, err = run(capsys, "sheet", "--pdf", str(tmp_path / "x.pdf"), "--content", str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and "no withdrawal-symptoms sheet" in err


def test_sheet_uses_the_page_size_from_the_config(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text('[print]\npage_size = "letter"\n')
    out = tmp_path / "sheet.pdf"
    assert run(capsys, "sheet", "--pdf", str(out), "--config", str(config))[0] == 0
    assert abs(page_sizes(out)[0][0] - 612) <= 1


def test_example_config_loads_cleanly():
    assert load_config(resource("config", "example-config.toml")).problems == []
