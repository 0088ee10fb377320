"""The comparison on screen: the table model's roles, and the view driven as a person would."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from guide_app.clinic.config import Config
from guide_app.comparison.table import NOT_STATED, Comparison, programs_of
from guide_app.content.pack import load_pack
from guide_app.paths import default_content_dir
from guide_app.ui.comparison_model import EMPHASIS_BACKGROUND, SOURCE_ROLE, ComparisonModel

NAMES = ["Inpatient/Residential", "Outpatient", "Intensive Outpatient (IOP)", "Dual Diagnosis"]
SOURCE = ("seeking-treatment", "types-of-treatment-programs")
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


@pytest.fixture(scope="module")
def table():
    return programs_of(load_pack(default_content_dir()))[0]


@pytest.fixture
def model(table, qapp):
    return ComparisonModel(Comparison(table))


@pytest.fixture
def view(table, qtbot):
    from guide_app.fonts import register_fonts
    from guide_app.ui.comparison_view import ComparisonView

    widget = ComparisonView(Comparison(table), Config(), register_fonts(), 13.0)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def headers(model, orientation):
    count = model.columnCount() if orientation == H else model.rowCount()
    return [model.headerData(i, orientation) for i in range(count)]


# -- the model -------------------------------------------------------------------------------------


def test_model_has_programs_as_columns_and_attributes_as_rows(model):
    assert (model.rowCount(), model.columnCount()) == (6, 4)
    assert headers(model, H) == NAMES
    assert headers(model, V)[0] == "Where the person lives during treatment"
    assert model.rowCount(model.index(0, 0)) == 0  # a table, not a tree


def test_cells_show_the_articles_words_in_quotes_and_not_stated_plainly(model):
    assert model.index(0, 1).data(DISPLAY) == "“live at home while attending scheduled treatment sessions”"
    duration = model.index(2, 1)
    assert duration.data(DISPLAY) == NOT_STATED
    assert duration.data(Qt.ItemDataRole.FontRole).italic()
    assert not model.index(0, 1).data(Qt.ItemDataRole.FontRole).italic()


def test_tooltip_accessible_text_and_source_of_a_cell(model):
    index = model.index(2, 0)
    assert "“Types of Treatment Programs Available” on the page “Seeking Treatment”" in index.data(TOOLTIP)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Inpatient/Residential, Typical duration: “typically ranging from a few weeks to several months”"
    )
    assert index.data(SOURCE_ROLE) == SOURCE
    assert model.headerData(0, H, TOOLTIP) == "Inpatient/Residential"


def test_transposing_swaps_rows_and_columns(model):
    with model.changing() as comparison:
        comparison.transposed = True
    assert (model.rowCount(), model.columnCount()) == (4, 6)
    assert headers(model, V) == NAMES
    assert model.index(1, 0).data(DISPLAY) == "“live at home while attending scheduled treatment sessions”"


def test_filtering_and_hiding_drop_columns_with_one_reset(model, qtbot):
    with qtbot.waitSignal(model.modelReset):
        with model.changing() as comparison:
            comparison.set_filter("live-at-home", True)
    assert headers(model, H) == [
        "Outpatient",
        "Intensive Outpatient (IOP)",
        "Dual Diagnosis (the guide does not say: ask the clinic)",
    ]
    with model.changing() as comparison:
        comparison.set_filter("live-at-home", False)
        comparison.set_hidden("outpatient", True)
    assert headers(model, H) == ["Inpatient/Residential", "Intensive Outpatient (IOP)", "Dual Diagnosis"]


def test_rows_that_differ_are_emphasised_only_when_asked(model):
    with model.changing() as comparison:
        comparison.only(["outpatient", "iop"])
    duration, lives = model.index(2, 0), model.index(0, 0)
    assert lives.data(Qt.ItemDataRole.BackgroundRole) is None
    with model.changing() as comparison:
        comparison.emphasise = True
    assert lives.data(Qt.ItemDataRole.BackgroundRole).color() == EMPHASIS_BACKGROUND
    assert lives.data(Qt.ItemDataRole.FontRole).bold()
    assert duration.data(Qt.ItemDataRole.BackgroundRole) is None  # both "Not stated": the same
    assert model.headerData(0, V).endswith("≠") and not model.headerData(2, V).endswith("≠")
    assert "differs" in model.headerData(0, V, TOOLTIP)


# -- the view --------------------------------------------------------------------------------------


def cell_centre(view, row, column):
    table = view.table
    table.scrollTo(view.model.index(row, column))
    return table.visualRect(view.model.index(row, column)).center()


def test_clicking_a_cell_asks_for_its_source_section(view, qtbot):
    with qtbot.waitSignal(view.sourceRequested) as signal:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(view, 3, 2))
    assert tuple(signal.args) == SOURCE


def test_enter_on_a_cell_asks_for_its_source_section(view, qtbot):
    view.focus_table()
    assert view.table.hasFocus() and view.table.currentIndex() == view.model.index(0, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    assert view.table.currentIndex() == view.model.index(1, 1)
    with qtbot.waitSignal(view.sourceRequested) as signal:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert tuple(signal.args) == SOURCE


def test_ticking_a_choice_narrows_the_programs_and_says_why(view, qtbot):
    box = view.filter_boxes["live-at-home"]
    qtbot.mouseClick(box.label, Qt.MouseButton.LeftButton)  # the words toggle it, as well as the box
    assert box.isChecked()
    assert headers(view.model, H) == [
        "Outpatient",
        "Intensive Outpatient (IOP)",
        "Dual Diagnosis (the guide does not say: ask the clinic)",
    ]
    assert view.why.isVisible()
    why = view.why.text()
    assert "Intensive Outpatient (IOP): fits: “allowing them to live at home”" in why
    assert "Dual Diagnosis: the guide does not say: ask the clinic (Not stated in this guide)" in why
    assert (
        "Inpatient/Residential: does not fit, not shown: “residing at a treatment facility for a specified period”"
        in why
    )
    inpatient = view.program_boxes["inpatient"]  # the boxes show what the table shows
    assert not inpatient.isChecked() and not inpatient.isEnabled() and "does not fit" in inpatient.toolTip()
    assert all(view.program_boxes[p].isChecked() for p in ("outpatient", "iop", "dual-diagnosis"))
    qtbot.keyClick(box.box, Qt.Key.Key_Space)
    assert not box.isChecked() and view.model.columnCount() == 4 and not view.why.isVisible()
    assert inpatient.isChecked() and inpatient.isEnabled()


def test_a_person_with_both_needs_is_not_told_nothing_is_available(view, qtbot):
    view.filter_boxes["live-at-home"].click()
    view.filter_boxes["mental-health"].click()
    assert view.table.isVisible() and not view.empty.isVisible()
    assert headers(view.model, H) == [
        "Outpatient (the guide does not say: ask the clinic)",
        "Intensive Outpatient (IOP) (the guide does not say: ask the clinic)",
        "Dual Diagnosis (the guide does not say: ask the clinic)",
    ]


def test_choices_that_rule_out_every_program_shown_say_so(view, qtbot):
    for program in ("outpatient", "iop", "dual-diagnosis"):
        view.program_boxes[program].click()
    view.filter_boxes["live-at-home"].click()
    assert not view.table.isVisible() and view.empty.isVisible()
    assert "no program shown here fits every choice you ticked" in view.empty.text()
    view.filter_boxes["live-at-home"].click()
    assert view.table.isVisible() and headers(view.model, H) == ["Inpatient/Residential"]
    view.filter_boxes["mental-health"].click()  # silent: nothing hides
    assert headers(view.model, H) == ["Inpatient/Residential (the guide does not say: ask the clinic)"]


def test_hiding_programs_to_compare_two(view, qtbot):
    view.program_boxes["inpatient"].click()
    view.program_boxes["dual-diagnosis"].click()
    assert headers(view.model, H) == ["Outpatient", "Intensive Outpatient (IOP)"]
    view.emphasise_box.click()
    assert view.model.headerData(0, V).endswith("≠")


def test_transpose_switch_and_reset(view, qtbot):
    view.transpose_box.click()
    assert headers(view.model, V) == NAMES
    view.program_boxes["iop"].click()
    view.filter_boxes["daily-routine"].click()
    view.emphasise_box.click()
    view.reset()
    assert headers(view.model, H) == NAMES and view.model.rowCount() == 6
    assert all(box.isChecked() for box in view.program_boxes.values())
    assert not any(box.isChecked() for box in view.filter_boxes.values())
    assert not view.transpose_box.isChecked() and not view.emphasise_box.isChecked()
    assert not view.comparison.emphasise and view.scroll.verticalScrollBar().value() == 0


def wrapped_height(font: QFont, width: int, text: str) -> int:
    return QFontMetrics(font).boundingRect(0, 0, width, 100_000, int(Qt.TextFlag.TextWordWrap), text).height()


def table_fits(view) -> bool:
    """Every cell and row label is at least as tall as its wrapped text, and the page never runs sideways."""
    table, model = view.table, view.model
    font, vertical = table.font(), table.verticalHeader()
    for r in range(model.rowCount()):
        if vertical.sectionSize(r) < wrapped_height(font, vertical.width() - 16, model.headerData(r, V)):
            return False
        for c in range(model.columnCount()):
            if table.rowHeight(r) < wrapped_height(font, table.columnWidth(c) - 8, model.index(r, c).data()):
                return False
    needed = table.horizontalHeader().height() + vertical.length() + 2 * table.frameWidth()
    return table.height() >= needed and view.scroll.horizontalScrollBar().maximum() == 0


def labels_fit(view) -> bool:
    boxes = [*view.filter_boxes.values(), *view.program_boxes.values()]
    return all(b.label.height() >= wrapped_height(b.label.font(), b.label.width(), b.label.text()) for b in boxes)


@pytest.mark.parametrize(("width", "size", "transposed"), [(1000, 13.0, False), (520, 26.0, False), (700, 20.0, True)])
def test_nothing_is_cut_off_at_any_size(view, qtbot, width, size, transposed):
    view.resize(width, 700)
    view.set_point_size(size)
    if transposed:
        view.transpose_box.click()
    qtbot.waitUntil(lambda: table_fits(view) and labels_fit(view))
    assert view.table.font().pointSizeF() == size


def test_large_enough_to_read_and_tap(view):
    assert view.font().pointSizeF() >= 13
    assert all(view.table.rowHeight(r) >= 44 for r in range(view.model.rowCount()))
    for button in (view.back_button, view.print_button, view.pdf_button, view.csv_button, view.reset_button):
        assert button.height() >= 44 and button.accessibleName()
    for box in [*view.filter_boxes.values(), *view.program_boxes.values()]:
        assert box.height() >= 44 and box.box.accessibleName() == box.text()
    assert view.table.accessibleName() == "Program comparison"


def test_questions_to_ask_a_program_show_with_the_view(view, qtbot):
    text = view.questions.text()
    for factor in [
        "Treatment Approach",
        "Location",
        "Cost and Insurance Coverage",
        "Program Duration",
        "Aftercare Support",
    ]:
        assert factor in text
    assert "It&#x27;s important to understand the financial implications" in text or "It's important" in text
    with qtbot.waitSignal(view.sourceRequested) as signal:
        view.questions.linkActivated.emit("seeking-treatment#factors-to-consider")
    assert tuple(signal.args) == ("seeking-treatment", "factors-to-consider")


def test_save_as_csv_writes_the_programs_shown(view, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "programs.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    view.program_boxes["iop"].click()
    view.csv_button.click()
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0][0] == "Program" and [r[0] for r in rows[1:]] == [
        "Inpatient/Residential",
        "Outpatient",
        "Dual Diagnosis",
    ]
    assert "Saved" in view.banner.label.text()


def test_save_as_csv_cancelled_or_failing_loses_nothing(view, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    view.csv_button.click()
    assert not view.banner.isVisible()
    folder = tmp_path / "missing" / "x.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(folder), "")))
    view.csv_button.click()
    assert view.banner.isVisible() and "could not be saved" in view.banner.label.text()
