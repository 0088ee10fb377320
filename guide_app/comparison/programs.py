"""The programs data file (programs.toml): the article's program types, attribute by attribute.

Every cell must be the article's own words, found word for word in the section it links to,
or exactly "Not stated in this guide". Loading keeps whatever is valid and records a
`Problem` (file and line) for the rest, as content loading does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from guide_app.content.pack import Guide, Pack, _read_toml
from guide_app.errors import ContentError, GuideError, Problem

NOT_STATED = "Not stated in this guide"
# A choice's verdict for one program: the article's words in the choice's attribute say so, or say nothing.
FITS, DOES_NOT_FIT, SILENT = "fits", "does not fit", "not stated"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOP_KEYS = {"title", "source", "attributes", "programs", "filters", "questions"}
_TABLE_KEYS = {
    "attributes": {"id", "label"},
    "filters": {"id", "label", "attribute", "fits", "does_not_fit"},
    "questions": {"factor", "description", "source"},
}
_PROGRAM_KEYS = {"id", "name", "source"}


@dataclass(frozen=True)
class SectionLink:
    """Where a cell's words come from: a page and a section of it."""

    page: str
    anchor: str
    page_title: str = ""
    section_title: str = ""

    @property
    def href(self) -> str:
        return f"{self.page}#{self.anchor}"

    def describe(self) -> str:
        return f"“{self.section_title}” on the page “{self.page_title}”"


@dataclass(frozen=True)
class Cell:
    text: str
    source: SectionLink
    line: int | None = None

    @property
    def stated(self) -> bool:
        return bool(self.text) and self.text != NOT_STATED


@dataclass(frozen=True)
class Attribute:
    id: str
    label: str


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    cells: dict[str, Cell]

    def cell(self, attribute_id: str) -> Cell:
        return self.cells[attribute_id]


@dataclass(frozen=True)
class Filter:
    """A choice a person ticks. Only the programs the article's words state do not fit it are left
    out; where the article says nothing the program stays, marked "not stated", never decided."""

    id: str
    label: str
    attribute: str
    fits: tuple[str, ...]
    does_not_fit: tuple[str, ...] = ()

    def verdict(self, program_id: str) -> str:
        if program_id in self.fits:
            return FITS
        return DOES_NOT_FIT if program_id in self.does_not_fit else SILENT


@dataclass(frozen=True)
class Question:
    factor: str
    description: str
    source: SectionLink


@dataclass
class ProgramTable:
    path: Path
    title: str = ""
    attributes: list[Attribute] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    guide_title: str = ""
    author: str = ""
    published: str = ""

    @property
    def attribution(self) -> str:
        rest = ", ".join(part for part in (self.author, self.published) if part)
        return f"Source: “{self.guide_title}”" + (f", {rest}" if rest else "")


class _Lines:
    """Line numbers of tables and keys (tomllib keeps none), for messages with file and line."""

    _ARRAY = re.compile(r"^\[\[\s*([\w.-]+)\s*\]\]")
    _TABLE = re.compile(r"^\[\s*([\w.-]+)\s*\]")
    _KEY = re.compile(r"^([\"']?)([\w-]+)\1\s*=")

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[str, int, str], int] = {}
        self.tables: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        table, index = "", 0
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if match := self._ARRAY.match(line):
                table = match.group(1)
                index = counts[table] = counts.get(table, -1) + 1
                self.tables[(table, index)] = number
            elif match := self._TABLE.match(line):
                table, index = match.group(1), 0
                self.tables[(table, 0)] = number
            elif match := self._KEY.match(line):
                self.keys.setdefault((table, index, match.group(2)), number)

    def of(self, table: str, index: int = 0, key: str | None = None) -> int | None:
        if key is not None and (table, index, key) in self.keys:
            return self.keys[(table, index, key)]
        return self.tables.get((table, index))


def _words(text: str) -> str:
    return " ".join(text.split())


class _Loader:
    def __init__(self, path: Path, pack: Pack, problems: list[Problem]) -> None:
        self.path, self.pack, self.problems = path, pack, problems
        self.lines = _Lines("")

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def link(self, href: object, line: int | None) -> SectionLink | None:
        """A `page#anchor` that names a real section, or None (reported)."""
        if not isinstance(href, str) or "#" not in href:
            self.problem(line, f"source {href!r} must be 'page-id#section-anchor'")
            return None
        page_id, _, anchor = href.partition("#")
        try:
            page = self.pack.page(page_id)
            section = page.section(anchor)
        except GuideError as error:
            self.problem(line, f"source {href!r}: {error}")
            return None
        if section is None:
            self.problem(line, f"source {href!r}: page {page_id!r} has no section #{anchor}")
            return None
        return SectionLink(page_id, anchor, page.title, section.title)

    def quoted(self, text: str, source: SectionLink, line: int | None, what: str) -> bool:
        """True if `text` is the article's words in `source` (or the not-stated marker)."""
        if text == NOT_STATED:
            return True
        section = self.pack.page(source.page).section(source.anchor)
        if section is not None and _words(text) and _words(text) in _words(section.text):
            return True
        self.problem(line, f"{what}: not found word for word in section #{source.anchor} of {source.page!r}")
        return False

    def array(self, data: dict, name: str) -> list[tuple[int, dict]]:
        items = data.get(name, [])
        if not isinstance(items, list):
            self.problem(self.lines.of("", 0, name), f"'{name}' must be a list of [[{name}]] tables")
            return []
        good = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self.problem(self.lines.of(name, index), f"[[{name}]] number {index + 1} must be a table")
                continue
            known = _TABLE_KEYS.get(name, _PROGRAM_KEYS)
            if name in _TABLE_KEYS:
                for key in item.keys() - known:
                    self.problem(self.lines.of(name, index, key), f"unknown key '{key}' in [[{name}]] ignored")
            good.append((index, item))
        return good

    def text(self, item: dict, key: str, table: str, index: int) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(self.lines.of(table, index, key), f"[[{table}]] number {index + 1} needs '{key}' as text")
            return ""
        return value.strip()

    def load(self, guide: Guide | None) -> ProgramTable:
        data, text = _read_toml(self.path)
        self.lines = _Lines(text)
        table = ProgramTable(self.path)
        if guide is not None:
            table.guide_title, table.author, table.published = guide.title, guide.author, guide.published
        for key in data.keys() - _TOP_KEYS:
            self.problem(self.lines.of("", 0, key) or self.lines.of(key), f"unknown key or table '{key}' ignored")
        title = data.get("title", "")
        table.title = title.strip() if isinstance(title, str) and title.strip() else "Types of treatment programs"
        default = None
        if "source" in data:
            default = self.link(data["source"], self.lines.of("", 0, "source"))
        self._attributes(data, table)
        self._programs(data, table, default)
        self._filters(data, table)
        self._questions(data, table)
        return table

    def _attributes(self, data: dict, table: ProgramTable) -> None:
        for index, item in self.array(data, "attributes"):
            attribute_id, label = (
                self.text(item, "id", "attributes", index),
                self.text(item, "label", "attributes", index),
            )
            if not attribute_id or not label:
                continue
            if not _ID.match(attribute_id) or attribute_id in _PROGRAM_KEYS:
                self.problem(self.lines.of("attributes", index, "id"), f"attribute id {attribute_id!r} is not allowed")
            elif any(a.id == attribute_id for a in table.attributes):
                self.problem(self.lines.of("attributes", index, "id"), f"attribute {attribute_id!r} is listed twice")
            else:
                table.attributes.append(Attribute(attribute_id, label))
        if not table.attributes:
            self.problem(self.lines.of("attributes") or 1, "no [[attributes]] listed: the comparison has no rows")

    def _programs(self, data: dict, table: ProgramTable, default: SectionLink | None) -> None:
        known = {a.id for a in table.attributes}
        for index, item in self.array(data, "programs"):
            program_id, name = self.text(item, "id", "programs", index), self.text(item, "name", "programs", index)
            if not program_id or not name:
                continue
            at = self.lines.of("programs", index, "id")
            if not _ID.match(program_id) or any(p.id == program_id for p in table.programs):
                self.problem(at, f"program id {program_id!r} must be unique lower-case letters, digits and dashes")
                continue
            source = default
            if "source" in item:
                source = self.link(item["source"], self.lines.of("programs", index, "source"))
            for key in item.keys() - known - _PROGRAM_KEYS:
                self.problem(
                    self.lines.of("programs", index, key),
                    f"program {program_id!r}: unknown attribute '{key}' (the attributes are {', '.join(sorted(known))})",
                )
            cells: dict[str, Cell] = {}
            for attribute in table.attributes:
                cells[attribute.id] = self._cell(item, attribute.id, program_id, index, source)
            table.programs.append(Program(program_id, name, cells))
        if not table.programs:
            self.problem(self.lines.of("programs") or 1, "no [[programs]] listed: the comparison has no columns")

    def _cell(self, item: dict, key: str, program_id: str, index: int, source: SectionLink | None) -> Cell:
        line = self.lines.of("programs", index, key) or self.lines.of("programs", index)
        blank = Cell("", source or SectionLink("", ""), line)
        value = item.get(key)
        if value is None:
            self.problem(
                line, f"program {program_id!r}: missing cell '{key}' (write \"{NOT_STATED}\" if the guide says nothing)"
            )
            return blank
        if isinstance(value, dict):
            for extra in value.keys() - {"text", "source"}:
                self.problem(line, f"program {program_id!r}, cell '{key}': unknown key '{extra}' ignored")
            if "source" in value:
                source = self.link(value["source"], line)
            value = value.get("text")
        if not isinstance(value, str) or not value.strip():
            self.problem(line, f"program {program_id!r}, cell '{key}' must be text in quotes")
            return blank
        if source is None:
            self.problem(line, f"program {program_id!r}, cell '{key}' has no source section")
            return blank
        text = _words(value)
        if not self.quoted(text, source, line, f"program {program_id!r}, cell '{key}'"):
            return Cell("", source, line)
        return Cell(text, source, line)

    def _filters(self, data: dict, table: ProgramTable) -> None:
        programs = {p.id: p for p in table.programs}
        for index, item in self.array(data, "filters"):
            fields = [self.text(item, key, "filters", index) for key in ("id", "label", "attribute")]
            if not all(fields):
                continue
            filter_id, label, attribute = fields
            if attribute not in {a.id for a in table.attributes}:
                self.problem(
                    self.lines.of("filters", index, "attribute"),
                    f"filter {filter_id!r}: unknown attribute {attribute!r}",
                )
                continue
            lists: dict[str, list[str]] = {}
            for key in ("fits", "does_not_fit"):
                value = item.get(key, [])
                line = self.lines.of("filters", index, key) or self.lines.of("filters", index)
                if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
                    self.problem(line, f"filter {filter_id!r}: '{key}' must list program ids")
                    value = []
                lists[key] = []
                for program_id in value:
                    if program_id not in programs:
                        self.problem(line, f"filter {filter_id!r}: unknown program {program_id!r}")
                    elif not programs[program_id].cell(attribute).stated:
                        self.problem(
                            line, f"filter {filter_id!r}: the guide states nothing for {program_id!r} in '{attribute}'"
                        )
                    elif any(program_id in other for other in lists.values()):
                        self.problem(line, f"filter {filter_id!r}: {program_id!r} cannot both fit and not fit")
                    else:
                        lists[key].append(program_id)
            if not lists["fits"] and not lists["does_not_fit"]:
                self.problem(
                    self.lines.of("filters", index),
                    f"filter {filter_id!r}: no program listed in 'fits' or 'does_not_fit'",
                )
                continue
            table.filters.append(
                Filter(filter_id, label, attribute, tuple(lists["fits"]), tuple(lists["does_not_fit"]))
            )

    def _questions(self, data: dict, table: ProgramTable) -> None:
        for index, item in self.array(data, "questions"):
            factor = self.text(item, "factor", "questions", index)
            description = self.text(item, "description", "questions", index)
            source = self.link(item.get("source"), self.lines.of("questions", index, "source"))
            if not factor or not description or source is None:
                continue
            what = f"question {factor!r}"
            line = self.lines.of("questions", index, "description")
            if self.quoted(factor, source, self.lines.of("questions", index, "factor"), what) and self.quoted(
                description, source, line, what
            ):
                table.questions.append(Question(factor, _words(description), source))


def load_programs(path: Path, pack: Pack, guide: Guide | None = None) -> tuple[ProgramTable | None, list[Problem]]:
    """Read and check one programs file; None if it cannot be read at all."""
    problems: list[Problem] = []
    try:
        return _Loader(path, pack, problems).load(guide), problems
    except ContentError as error:
        return None, [*problems, error.problem]


def programs_of(pack: Pack) -> tuple[ProgramTable | None, list[Problem]]:
    """The first guide's programs file that guide.toml names, with its problems."""
    for guide in pack.guides:
        path = guide.data_file("programs")
        if path is not None:
            if not path.is_file():
                return None, [Problem(guide.folder / "guide.toml", None, f"programs file {path.name} does not exist")]
            return load_programs(path, pack, guide)
    return None, []


def check_programs(pack: Pack) -> list[Problem]:
    return programs_of(pack)[1]
