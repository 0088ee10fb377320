"""The comparison on paper: PDFs read back with pypdf, from the core, the command line and the window."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from guide_app.cli import main
from guide_app.clinic.config import parse_config
from guide_app.comparison.table import Comparison, programs_of
from guide_app.content.pack import load_pack
from guide_app.paths import default_content_dir

NAMES = ["Inpatient/Residential", "Outpatient", "Intensive Outpatient (IOP)", "Dual Diagnosis"]
FACTORS = ["Treatment Approach", "Location", "Cost and Insurance Coverage", "Program Duration", "Aftercare Support"]
ATTRIBUTION = "Clonazepam Addiction: Risks, Symptoms, and Treatment"


# A QApplication first: the PDF writer would otherwise make a bare QGuiApplication, and no widget
# test after these could run.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def table():
    return programs_of(load_pack(default_content_dir()))[0]


def write(comparison, out, config, **options) -> int:
    from guide_app.printing.comparison_handout import comparison_handout
    from guide_app.printing.handout import write_pdf

    return write_pdf(comparison_handout(comparison, config), out, config, **options)


def read(path):
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, re.sub(r"\s+", " ", text)


def test_pdf_has_every_program_and_factor_on_landscape_pages(table, tmp_path):
    out = tmp_path / "comparison.pdf"
    pages = write(Comparison(table), out, None, page_size="a4")
    reader, text = read(out)
    assert len(reader.pages) == pages == 2
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)  # landscape
    assert round(float(reader.pages[0].mediabox.width)) == 842
    for words in [*NAMES, *FACTORS, "“intensive, round-the-clock care and support”", "Not stated in this guide"]:
        assert words in text, words
    assert ATTRIBUTION in text and "Rosewood Recovery Team" in text and "July 10, 2024" in text
    first = reader.pages[0].extract_text()
    assert "Questions to ask a program" not in first  # kept together on the next page, not split


def test_two_programs_fit_one_portrait_letter_page_with_the_clinic_block(table, tmp_path):
    config = parse_config('[clinic]\nname = "Riverside Clinic"\nphone = "555 0100"\n')
    comparison = Comparison(table)
    comparison.only(["outpatient", "iop"])
    out = tmp_path / "two.pdf"
    assert write(comparison, out, config, page_size="letter") == 1
    reader, text = read(out)
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (612, 792)
    assert "Outpatient" in text and "Inpatient/Residential" not in text and "Dual Diagnosis" not in text
    assert all(factor in text for factor in FACTORS)
    assert "Riverside Clinic" in text and "555 0100" in text


def test_large_print_keeps_each_program_whole_on_a_page_in_18_point(table, tmp_path):
    out = tmp_path / "large.pdf"
    pages = write(Comparison(table), out, None, page_size="a4", large_print=True)
    reader, text = read(out)
    assert pages == len(reader.pages) >= 5
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in reader.pages)  # portrait
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    labels = [attribute.label for attribute in Comparison(table).attributes]
    for name in NAMES:
        (page,) = [text for text in texts if name + " Where" in text]  # the name and its card on one page
        assert all(label in page for label in labels), name
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append(size * tm[0])

    reader.pages[1].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 17.9


def test_choices_and_differences_are_printed(table, tmp_path):
    comparison = Comparison(table)
    comparison.set_filter("live-at-home", True)
    comparison.emphasise = True
    out = tmp_path / "chosen.pdf"
    write(comparison, out, None, page_size="a4")
    _, text = read(out)
    assert "Chosen: I need to live at home during treatment" in text
    assert "≠ marks where the programs shown differ" in text
    flat = " ".join(text.split())
    assert "Inpatient/Residential: does not fit, not shown: “residing at a treatment facility" in flat
    assert "Dual Diagnosis: the guide does not say: ask the clinic (Not stated in this guide)" in flat
    assert flat.count("Dual Diagnosis (the guide does not say: ask the clinic)") == 1  # its column
    assert flat.count("Inpatient/Residential") == 1  # in the reasons only: not a column


def test_compare_pdf_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    assert main(["compare", "--pdf", str(out), "--page-size", "letter"]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {out} (2 pages)")
    _, text = read(out)
    assert all(name in text for name in NAMES) and all(f in text for f in FACTORS)


def test_compare_pdf_to_a_missing_folder_is_one_line_and_exit_1(tmp_path, capsys):
    assert main(["compare", "--pdf", str(tmp_path / "nowhere" / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


# -- from the window -----------------------------------------------------------------------------------


@pytest.fixture
def view(table, qtbot):
    from guide_app.clinic.config import Config
    from guide_app.fonts import register_fonts
    from guide_app.ui.comparison_view import ComparisonView

    widget = ComparisonView(Comparison(table), Config(), register_fonts(), 13.0)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_save_as_pdf_from_the_window(view, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "mine"  # no extension: the view adds .pdf
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    view.program_boxes["dual-diagnosis"].click()
    view.pdf_button.click()
    _, text = read(tmp_path / "mine.pdf")
    assert "Intensive Outpatient (IOP)" in text and "Dual Diagnosis" not in text
    assert all(f in text for f in FACTORS) and ATTRIBUTION in text
    assert "Saved" in view.banner.label.text()


def test_print_preview_shows_the_pages_and_saves_large_print_upright(view, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QPageLayout
    from PySide6.QtWidgets import QFileDialog

    view.print_button.click()
    preview = view._preview
    qtbot.waitUntil(lambda: preview.isVisible() and preview.page_count > 0)
    assert preview.windowTitle() == "Print preview: Types of treatment programs"
    assert preview.page_count == 2 and preview.preview.orientation() == QPageLayout.Orientation.Landscape
    preview.large_print.click()
    qtbot.waitUntil(lambda: preview.page_count >= 5)
    out = tmp_path / "large.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    preview.pdf_button.click()
    reader, text = read(out)
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in reader.pages)
    assert all(name in text for name in NAMES) and all(f in text for f in FACTORS)
    preview.close()


def test_ctrl_p_in_the_comparison_opens_its_preview(view, qtbot):
    from PySide6.QtCore import Qt

    view.focus_table()
    qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view._preview is not None and view._preview.isVisible())
    view._preview.close()
