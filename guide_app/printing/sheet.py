"""The printable withdrawal-symptoms sheet: its data file and the HTML printed from it.

The symptoms and warnings are the article's words, kept in the guide's `symptoms.toml`
(named in guide.toml); `check_sheets` verifies they are still word for word in the pages
they name. `sheet_handout` makes it a `guide_app.handout.Handout`; Qt is imported only when one is made.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from guide_app.clinic.config import Config
from guide_app.content.pack import Guide, Pack, _read_toml
from guide_app.errors import ContentError, GuideError, PageNotFound, Problem

if TYPE_CHECKING:
    from guide_app.printing.handout import Handout

DATA_KEY = "symptoms"
DAYS = 7
RATINGS = (("0", "none"), ("1", "mild"), ("2", "moderate"), ("3", "severe"))
NOTE_LINES = {False: 3, True: 4}
LIST_COLUMNS = 3  # the symptom list on the normal sheet
_TOP_KEYS = {"title", "page", "section", "intro", "symptoms", "notes", "urgent"}
_SYMPTOM_KEYS = {"name", "note", "track"}
URGENT_HEADING = "Urgent help"
_NOTE_KEYS = {"page", "section", "question", "text"}


class SheetError(GuideError):
    """No sheet can be made: the guide has no symptoms file, or it is broken."""


@dataclass(frozen=True)
class Symptom:
    name: str
    note: str = ""
    track: bool = True  # False: no rating in the tracker; its row points to the urgent-help box

    @property
    def label(self) -> str:
        return f"{self.name} ({self.note})" if self.note else self.name


@dataclass(frozen=True)
class Note:
    """A passage of the article, quoted word for word from `page`, section `section`."""

    text: str
    question: str = ""
    page: str = ""
    section: str = ""
    line: int | None = None


@dataclass
class Sheet:
    title: str
    intro: str
    symptoms: list[Symptom]
    notes: list[Note]
    urgent: Note
    path: Path
    page: str = ""
    section: str = ""
    problems: list[Problem] = field(default_factory=list)


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle and needle in line:
            return number
    return None


def read_sheet(path: Path) -> Sheet:
    """Read a symptoms file; what is wrong is kept in `sheet.problems` with its line."""
    data, text = _read_toml(path)
    problems: list[Problem] = []

    def string(table: dict, key: str, where: str, required: bool = True) -> str:
        value = table.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            message = f"'{key}' must be text in quotes" if where == key else f"{where}: '{key}' must be text in quotes"
            problems.append(Problem(path, _line_of(text, f"{key} =") or _line_of(text, where), message))
            return ""
        return value.strip()

    for key in sorted(set(data) - _TOP_KEYS):
        problems.append(Problem(path, _line_of(text, key), f"unknown setting '{key}' ignored"))
    sheet = Sheet(
        title=string(data, "title", "title"),
        intro=string(data, "intro", "intro", required=False),
        symptoms=[],
        notes=[],
        urgent=Note(""),
        path=path,
        page=string(data, "page", "page", required=False),
        section=string(data, "section", "section", required=False),
        problems=problems,
    )
    symptoms = data.get("symptoms", [])
    if not isinstance(symptoms, list) or not symptoms:
        problems.append(Problem(path, _line_of(text, "symptoms"), "no [[symptoms]] listed"))
        symptoms = []
    for number, item in enumerate(symptoms, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            problems.append(Problem(path, _line_of(text, "[[symptoms]]"), f"symptom {number} needs a name in quotes"))
            continue
        for key in sorted(set(item) - _SYMPTOM_KEYS):
            problems.append(Problem(path, _line_of(text, f"{key} ="), f"symptom {number}: unknown key '{key}' ignored"))
        note = item.get("note", "")
        track = item.get("track", True)
        if not isinstance(track, bool):
            problems.append(
                Problem(path, _line_of(text, "track ="), f"symptom {number}: 'track' must be true or false")
            )
            track = True
        sheet.symptoms.append(Symptom(item["name"].strip(), note.strip() if isinstance(note, str) else "", track))
    notes = data.get("notes", [])
    if not isinstance(notes, list):
        problems.append(Problem(path, _line_of(text, "notes"), "[[notes]] must be a list of tables"))
        notes = []
    for number, item in enumerate(notes, 1):
        where = f"note {number}"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            problems.append(Problem(path, _line_of(text, "[[notes]]"), f"{where} needs a text in quotes"))
            continue
        for key in sorted(set(item) - _NOTE_KEYS):
            problems.append(Problem(path, _line_of(text, f"{key} ="), f"{where}: unknown key '{key}' ignored"))
        sheet.notes.append(
            Note(
                text=item["text"].strip(),
                question=string(item, "question", where, required=False),
                page=string(item, "page", where, required=False),
                section=string(item, "section", where, required=False),
                line=_line_of(text, item["text"].strip()[:40]),
            )
        )
    urgent = data.get("urgent", {})
    if not isinstance(urgent, dict):
        problems.append(Problem(path, _line_of(text, "urgent"), "[urgent] must be a table"))
        urgent = {}
    for key in sorted(set(urgent) - _NOTE_KEYS - {"question"}):
        problems.append(Problem(path, _line_of(text, f"{key} ="), f"[urgent]: unknown key '{key}' ignored"))
    urgent_text = string(urgent, "text", "[urgent]")
    sheet.urgent = Note(
        text=urgent_text,
        page=string(urgent, "page", "[urgent]", required=False),
        section=string(urgent, "section", "[urgent]", required=False),
        line=_line_of(text, urgent_text[:40]) if urgent_text else None,
    )
    if urgent_text and not sheet.urgent.page:
        problems.append(
            Problem(path, sheet.urgent.line, "[urgent]: name the 'page' (and 'section') its words are quoted from")
        )
    return sheet


def sheet_guide(pack: Pack) -> Guide:
    """The first guide of the pack that names a symptoms file."""
    for guide in pack.guides:
        if guide.data_file(DATA_KEY) is not None:
            return guide
    raise SheetError("this content has no withdrawal-symptoms sheet (no 'symptoms' file in guide.toml)")


def load_sheet(pack: Pack) -> tuple[Sheet, Guide]:
    """The pack's sheet, ready to print; a broken file is one clear error."""
    guide = sheet_guide(pack)
    path = guide.data_file(DATA_KEY)
    assert path is not None
    if not path.is_file():
        raise SheetError(f"{path}: the symptoms file named in guide.toml does not exist")
    sheet = read_sheet(path)
    if not sheet.symptoms or not sheet.title or not sheet.urgent.text:
        raise SheetError(str(sheet.problems[0]) if sheet.problems else f"{path}: incomplete")
    return sheet, guide


# -- checking --------------------------------------------------------------
def _plain(text: str) -> str:
    """Text compared word for word: the same words, whatever the spacing or quote marks."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def _section_text(pack: Pack, page_id: str, anchor: str) -> str:
    page = pack.page(page_id)
    if not anchor:
        return page.text
    section = page.section(anchor)
    if section is None:
        raise PageNotFound(f"{page_id}#{anchor}")
    return f"{section.title}\n{section.text}"


def sheet_handout(pack: Pack, config: Config | None) -> Handout:
    """The sheet as a handout, to print or save; raises SheetError when the content has none."""
    from guide_app.printing.handout import Handout, Source

    sheet, guide = load_sheet(pack)
    return Handout(
        title=sheet.title,
        body=lambda large_print: sheet_html(sheet, config, large_print=large_print),
        file_name="withdrawal-symptoms-sheet.pdf",
        source=Source.of_guide(guide),
    )


def check_sheet(pack: Pack, sheet: Sheet) -> list[Problem]:
    """Problems in the file, and any quoted words no longer found where it says they are."""
    problems = list(sheet.problems)
    source = sheet.path.read_text(encoding="utf-8")

    def quoted(page_id: str, anchor: str, passages: list[tuple[str, int | None]]) -> None:
        if not page_id:
            return
        line = passages[0][1] if passages else None
        try:
            found = _plain(_section_text(pack, page_id, anchor))
        except PageNotFound:
            where = f"{page_id}#{anchor}" if anchor else page_id
            problems.append(Problem(sheet.path, line, f"no page or section {where!r} in this pack"))
            return
        except ContentError:
            return  # reported for that page itself
        for words, where in passages:
            if _plain(words) not in found:
                problems.append(Problem(sheet.path, where, f"not word for word in page {page_id!r}: {words[:60]!r}"))

    listed = [(symptom.label, _line_of(source, f'"{symptom.name}"')) for symptom in sheet.symptoms]
    if sheet.intro:
        listed.append((sheet.intro, _line_of(source, "intro =")))
    quoted(sheet.page, sheet.section, listed)
    for note in [*sheet.notes, sheet.urgent] if sheet.urgent.text else sheet.notes:
        passages = [(note.question, _line_of(source, note.question))] if note.question else []
        quoted(note.page, note.section, passages + [(note.text, note.line)])
    return problems


def check_sheets(pack: Pack) -> list[Problem]:
    problems: list[Problem] = []
    for guide in pack.guides:
        path = guide.data_file(DATA_KEY)
        if path is None:
            continue
        if not path.is_file():
            problems.append(Problem(guide.folder / "guide.toml", None, f"symptoms file {path.name} does not exist"))
            continue
        try:
            problems.extend(check_sheet(pack, read_sheet(path)))
        except ContentError as error:
            problems.append(error.problem)
    return problems


# -- the printed sheet -----------------------------------------------------
def _e(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


_BARE = "border-style: none; padding: 0pt;"
_GRID = "border: 0.75pt solid #000000; vertical-align: middle; padding: 1.5pt 3pt 1.5pt 3pt;"


def _symptom_list(sheet: Sheet, large_print: bool) -> str:
    if large_print:
        return "<ul>" + "".join(f"<li>{_e(s.label)}</li>" for s in sheet.symptoms) + "</ul>"
    rows = math.ceil(len(sheet.symptoms) / LIST_COLUMNS)
    cells = []
    for start in range(0, len(sheet.symptoms), rows):
        items = "".join(f"<li>{_e(s.label)}</li>" for s in sheet.symptoms[start : start + rows])
        cells.append(f'<td style="{_BARE}"><ul style="margin-top: 0pt; margin-bottom: 0pt;">{items}</ul></td>')
    return f'<table width="100%" style="border-style: none; margin-top: 0pt;"><tr>{"".join(cells)}</tr></table>'


def _notes(sheet: Sheet) -> str:
    parts = []
    for note in sheet.notes:
        question = f"<b>{_e(note.question)}</b> " if note.question else ""
        parts.append(f"<p>{question}{_e(note.text)}</p>")
    return "".join(parts)


def _grid(sheet: Sheet, large_print: bool) -> str:
    """One row a symptom, one column a day, under a header of the days and a row to write their dates in
    (the header repeats on a new page). A symptom not to be rated points to the urgent-help box instead."""
    row_height = "30pt" if large_print else "18pt"
    cell = f'<td valign="middle" style="{_GRID} height: {row_height};">'
    empty = "".join(f"{cell}&nbsp;</td>" for _ in range(DAYS))
    width = 34 if large_print else 28
    # "Day 1" in 18 pt does not fit a column: the numbers alone, under "Day" in the first column
    days = "".join(
        f'<th align="center" style="{_GRID}">{n if large_print else f"Day&nbsp;{n}"}</th>' for n in range(1, DAYS + 1)
    )
    header = (
        f'<tr><th align="left" width="{width}%" style="{_GRID}">Day</th>{days}</tr>'
        f'<tr><th align="left" style="{_GRID} height: {row_height};">Date</th>{empty}</tr>'
    )
    rows = []
    for symptom in sheet.symptoms:
        if symptom.track:
            rows.append(f"<tr>{cell}{_e(symptom.name)}</td>{empty}</tr>")
        else:
            rows.append(
                f"<tr>{cell}{_e(symptom.name)}</td>"
                f'<td colspan="{DAYS}" valign="middle" style="{_GRID}"><i>Not rated: see “{URGENT_HEADING}”</i></td></tr>'
            )
    return f'<table width="100%" cellspacing="0"><thead>{header}</thead>' + "".join(rows) + "</table>"


def _note_lines(large_print: bool) -> str:
    height = "32pt" if large_print else "19pt"
    row = f'<tr><td style="border-style: none; border-bottom: 0.75pt solid #000000; height: {height};">&nbsp;</td></tr>'
    return (
        '<table width="100%" cellspacing="0" style="border-style: none;">' + row * NOTE_LINES[large_print] + "</table>"
    )


def _urgent(sheet: Sheet, config: Config) -> str:
    """The article's own words on urgent care (or the clinic's, from its config), then the emergency line."""
    box = "border: 1.5pt solid #000000;"
    clinic_text = config.get("sheet", "urgent_text").strip()
    if clinic_text:
        said = f"<b>From {_e(config.clinic('name') or 'your clinic')}:</b> {_e(clinic_text)}"
    else:
        said = _e(sheet.urgent.text)
    return (
        f'<table width="100%" cellspacing="0" style="{box}"><tr><td style="{box} padding: 4pt;">'
        f'<p style="margin-top: 0pt; margin-bottom: 0pt;"><b>{URGENT_HEADING}:</b> {said}'
        f"<br><b>Emergency:</b> {_e(config.emergency)}</p>"
        "</td></tr></table>"
    )


def sheet_html(sheet: Sheet, config: Config | None, *, large_print: bool = False) -> str:
    """The sheet's body: symptoms, warnings, urgent help, the tracking grid and note lines.

    The clinic block, the source and the date are added by the handout's footer.
    """
    config = config if config is not None else Config()
    key = "&nbsp;· ".join(f"<b>{n}</b>&nbsp;{_e(word)}" for n, word in RATINGS)
    intro = f'<p style="margin-bottom: 0pt;">{_e(sheet.intro)}</p>' if sheet.intro else ""
    return (
        f"<h1>{_e(sheet.title)}</h1>"
        f"{intro}{_symptom_list(sheet, large_print)}"
        f"{_notes(sheet)}"
        f"{_urgent(sheet, config)}"
        "<h2>Track your symptoms</h2>"
        f"<p>Each day, write the date, then a number for each symptom: {key}.</p>"
        f"{_grid(sheet, large_print)}"
        "<h2>Notes for your clinician</h2>"
        f"{_note_lines(large_print)}"
    )
