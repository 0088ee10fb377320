"""The program comparison: which programs and attributes show, in which orientation, and exports.

A plain object over a `ProgramTable` (programs.py). The Qt table model only translates its
rows and columns; every rule (hiding, filters, which rows differ) lives here, testable
without Qt. Exports: CSV and JSON; its paper form is printing/comparison_handout.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from guide_app.comparison.programs import (
    DOES_NOT_FIT,
    FITS,
    NOT_STATED,
    SILENT,
    Attribute,
    Cell,
    Filter,
    Program,
    ProgramTable,
    SectionLink,
    check_programs,
    load_programs,
    programs_of,
)
from guide_app.errors import GuideError

__all__ = [
    "DOES_NOT_FIT",
    "FITS",
    "NOT_STATED",
    "SILENT",
    "Attribute",
    "Cell",
    "Comparison",
    "Filter",
    "Program",
    "ProgramTable",
    "Reason",
    "SectionLink",
    "check_programs",
    "load_programs",
    "programs_of",
]

QUESTIONS_HEADING = "Questions to ask a program"
ASK = "the guide does not say: ask the clinic"  # how a "not stated" verdict reads, on screen and paper
DIFFERS = "≠"


@dataclass(frozen=True)
class Reason:
    """A ticked choice's verdict on one program (fits, does not fit, not stated) and the article's
    words it rests on: the program's cell in the choice's attribute."""

    filter: Filter
    program: Program
    verdict: str
    cell: Cell

    @property
    def kept(self) -> bool:
        return self.verdict != DOES_NOT_FIT

    def describe(self) -> str:
        """How the verdict reads: "fits", "does not fit", or "the guide does not say: ask the clinic"."""
        return ASK if self.verdict == SILENT else self.verdict


def quote(cell: Cell) -> str:
    """How a cell reads on screen and paper: the article's words in quotation marks."""
    if not cell.text:
        return ""
    return cell.text if cell.text == NOT_STATED else f"“{cell.text}”"


class Comparison:
    """The comparison a person is looking at: visible programs, ticked choices, orientation."""

    def __init__(self, table: ProgramTable) -> None:
        self.table = table
        self.transposed = False
        self.emphasise = False
        self.hidden: set[str] = set()
        self.active: list[str] = []  # ticked filter ids, in the order ticked

    # -- state -------------------------------------------------------------
    def reset(self) -> None:
        """Back to the first view: every program, no choices, programs as columns."""
        self.transposed = False
        self.emphasise = False
        self.hidden.clear()
        self.active.clear()

    def set_hidden(self, program_id: str, hidden: bool) -> None:
        if hidden:
            self.hidden.add(program_id)
        else:
            self.hidden.discard(program_id)

    def only(self, program_ids: Iterable[str]) -> None:
        """Show just these programs (none given: all of them); an unknown id is an error."""
        wanted = list(program_ids)
        known = [p.id for p in self.table.programs]
        for program_id in wanted:
            if program_id not in known:
                raise GuideError(f"no program {program_id!r} (the programs are {', '.join(known)})")
        self.hidden = set(known) - set(wanted) if wanted else set()

    def need(self, filter_ids: Iterable[str]) -> None:
        """Tick these choices (for the command line's --need); an unknown id is an error."""
        known = [f.id for f in self.table.filters]
        for filter_id in filter_ids:
            if filter_id not in known:
                raise GuideError(f"no need {filter_id!r} (the needs are {', '.join(known)}; see --list-needs)")
            self.set_filter(filter_id, True)

    def set_filter(self, filter_id: str, on: bool) -> None:
        if on and filter_id not in self.active and any(f.id == filter_id for f in self.table.filters):
            self.active.append(filter_id)
        elif not on and filter_id in self.active:
            self.active.remove(filter_id)

    @property
    def filters(self) -> list[Filter]:
        return self.table.filters

    @property
    def active_filters(self) -> list[Filter]:
        by_id = {f.id: f for f in self.table.filters}
        return [by_id[i] for i in self.active if i in by_id]

    # -- what shows --------------------------------------------------------
    def passes(self, program: Program) -> bool:
        """Left out only where the article's words state the program does not fit a ticked choice."""
        return all(f.verdict(program.id) != DOES_NOT_FIT for f in self.active_filters)

    def unsaid(self, program: Program) -> list[Filter]:
        """The ticked choices the article says nothing about for this program."""
        return [f for f in self.active_filters if f.verdict(program.id) == SILENT]

    def ruled_out(self) -> bool:
        """Every program not hidden by hand is stated not to fit some ticked choice."""
        shown = [p for p in self.table.programs if p.id not in self.hidden]
        return bool(shown and self.active_filters) and not any(self.passes(p) for p in shown)

    @property
    def programs(self) -> list[Program]:
        """The programs on show: not hidden, and kept by every ticked choice."""
        return [p for p in self.table.programs if p.id not in self.hidden and self.passes(p)]

    @property
    def attributes(self) -> list[Attribute]:
        return self.table.attributes

    def reasons(self) -> list[Reason]:
        """For each ticked choice, each program's verdict and the words it rests on."""
        return [
            Reason(f, p, f.verdict(p.id), p.cell(f.attribute))
            for f in self.active_filters
            for p in self.table.programs
            if p.id not in self.hidden
        ]

    def differs(self, attribute: Attribute) -> bool:
        """True if the programs on show do not all say the same for this attribute."""
        return len({p.cell(attribute.id).text for p in self.programs}) > 1

    # -- the grid, in either orientation -----------------------------------
    def row_count(self) -> int:
        return len(self.programs) if self.transposed else len(self.attributes)

    def column_count(self) -> int:
        return len(self.attributes) if self.transposed else len(self.programs)

    def at(self, row: int, column: int) -> tuple[Program, Attribute]:
        if self.transposed:
            return self.programs[row], self.attributes[column]
        return self.programs[column], self.attributes[row]

    def cell(self, row: int, column: int) -> Cell:
        program, attribute = self.at(row, column)
        return program.cell(attribute.id)

    def program_label(self, program: Program) -> str:
        """The program's name, marked when the article says nothing about a ticked choice for it."""
        return f"{program.name} ({ASK})" if self.unsaid(program) else program.name

    def row_label(self, row: int) -> str:
        return self.program_label(self.programs[row]) if self.transposed else self.attributes[row].label

    def column_label(self, column: int) -> str:
        return self.attributes[column].label if self.transposed else self.program_label(self.programs[column])

    def reason_lines(self) -> list[tuple[Filter, list[str]]]:
        """For each ticked choice, a line a program: its verdict and the article's words (screen and paper)."""
        order = {FITS: 0, SILENT: 1, DOES_NOT_FIT: 2}
        reasons = self.reasons()
        lines = []
        for chosen in self.active_filters:
            mine = sorted((r for r in reasons if r.filter is chosen), key=lambda r: order[r.verdict])
            items = []
            for r in mine:
                words = quote(r.cell) or NOT_STATED
                if r.verdict == SILENT:
                    items.append(f"{r.program.name}: {ASK} ({words})")
                elif r.verdict == FITS:
                    items.append(f"{r.program.name}: fits: {words}")
                else:
                    items.append(f"{r.program.name}: does not fit, not shown: {words}")
            lines.append((chosen, items))
        return lines

    def attribute_of_line(self, line: int, vertical: bool) -> Attribute | None:
        """The attribute a row (vertical) or column header stands for, if it stands for one."""
        if vertical != self.transposed:
            return self.attributes[line]
        return None

    def prefers_landscape(self) -> bool:
        """Three or more columns of text read better across the long side of the page."""
        return self.column_count() >= 3

    # -- exports -------------------------------------------------------------
    def header(self) -> list[str]:
        return ["Program", *(a.label for a in self.attributes)]

    def rows(self, programs: Iterable[Program] | None = None) -> list[list[str]]:
        """One row a program, its name first: the shape of the CSV, whatever the orientation."""
        chosen = self.table.programs if programs is None else programs
        return [[p.name, *(p.cell(a.id).text for a in self.attributes)] for p in chosen]

    def to_text(self) -> str:
        """For a terminal: each program on show, then each attribute and its words."""
        blocks = []
        labels = {a.id: a.label for a in self.attributes}
        for chosen, items in self.reason_lines():
            blocks.append(
                "\n".join([f"{chosen.label} (under “{labels[chosen.attribute]}”)", *(f"  {i}" for i in items)])
            )
        for program in self.programs:
            lines = [self.program_label(program)]
            lines += [f"  {a.label}: {quote(program.cell(a.id))}" for a in self.attributes]
            blocks.append("\n".join(lines))
        if self.table.questions:
            lines = [QUESTIONS_HEADING]
            lines += [f"  {q.factor}: {q.description}" for q in self.table.questions]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"

    def to_csv(self, programs: Iterable[Program] | None = None) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header())
        writer.writerows(self.rows(programs))
        return out.getvalue()

    def as_json(self, programs: Iterable[Program] | None = None) -> dict:
        table = self.table
        chosen = table.programs if programs is None else list(programs)

        def link(source: SectionLink) -> dict:
            return {"page": source.page, "anchor": source.anchor, "section": source.section_title}

        return {
            "title": table.title,
            "source": {"title": table.guide_title, "author": table.author, "published": table.published},
            "attributes": [{"id": a.id, "label": a.label} for a in table.attributes],
            "programs": [
                {
                    "id": p.id,
                    "name": p.name,
                    "cells": {
                        a.id: {"text": c.text, "stated": c.stated, "source": link(c.source)}
                        for a in table.attributes
                        for c in [p.cell(a.id)]
                    },
                }
                for p in chosen
            ],
            "filters": [
                {
                    "id": f.id,
                    "label": f.label,
                    "attribute": f.attribute,
                    "fits": list(f.fits),
                    "does_not_fit": list(f.does_not_fit),
                }
                for f in table.filters
            ],
            "questions": [
                {"factor": q.factor, "description": q.description, "source": link(q.source)} for q in table.questions
            ],
        }

    def to_json(self, programs: Iterable[Program] | None = None) -> str:
        data = self.as_json(programs)
        if self.active_filters:
            data["needs"] = self.needs_json(programs)
        return json.dumps(data, ensure_ascii=False, indent=2)

    def needs_json(self, programs: Iterable[Program] | None = None) -> dict:
        """Each ticked choice's verdict on each program, with the article's words it rests on. A program
        the article says nothing about stays, `not stated`; `shown` is false only for a stated misfit."""
        chosen = self.table.programs if programs is None else list(programs)
        return {
            "chosen": [{"id": f.id, "label": f.label, "attribute": f.attribute} for f in self.active_filters],
            "programs": [
                {
                    "id": p.id,
                    "name": p.name,
                    "shown": self.passes(p),
                    "verdicts": {
                        f.id: {
                            "verdict": f.verdict(p.id),
                            "words": cell.text,
                            "stated": cell.stated,
                            "source": {"page": cell.source.page, "anchor": cell.source.anchor},
                        }
                        for f in self.active_filters
                        for cell in [p.cell(f.attribute)]
                    },
                }
                for p in chosen
            ],
            "none_fit": self.ruled_out(),
        }

    def marked(self, line: int, vertical: bool) -> bool:
        """True if this header's attribute differs and differences are to be emphasised."""
        attribute = self.attribute_of_line(line, vertical)
        return attribute is not None and self.marked_attribute(attribute)

    def marked_attribute(self, attribute: Attribute) -> bool:
        return self.emphasise and self.differs(attribute)
