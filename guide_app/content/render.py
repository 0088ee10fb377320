"""Markdown to HTML, and HTML back to plain text split by section.

The page's rendered HTML is the single source for what the reader shows, what search
indexes and what `show --text` prints, so the three never disagree.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "li", "tr", "blockquote", "ul", "ol", "table", "div", "pre", "hr", *_HEADINGS}
_CELLS = {"td", "th"}


@dataclass
class Section:
    """A heading and the text under it, up to the next heading of any level."""

    anchor: str
    title: str
    level: int
    text: str = ""


@dataclass
class Link:
    href: str
    kind: str  # "a" or "img"


@dataclass
class Rendered:
    html: str
    sections: list[Section]
    links: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = []
        for section in self.sections:
            if section.title:
                parts.append(section.title)
            if section.text:
                parts.append(section.text)
        return "\n\n".join(parts)


class _Markdown(threading.local):
    """One reusable Markdown converter per thread (building one costs more than a page)."""

    md: Any = None

    def convert(self, source: str) -> str:
        if self.md is None:
            self.md = _new_converter()
        self.md.reset()
        return self.md.convert(source)


def _new_converter() -> Any:
    """Imported on first use, with extension objects rather than names: looking names up
    scans every installed package's entry points, which costs more than a page."""
    import markdown
    from markdown.extensions.attr_list import AttrListExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    extensions = [AttrListExtension(), TableExtension(), SaneListExtension(), TocExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html")


_converter = _Markdown()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = [Section("", "", 0)]
        self.links: list[Link] = []
        self._heading: Section | None = None
        self._buffer: list[str] = []
        self._lines: list[str] = []
        self._in_li = 0
        self._cell = 0

    def _flush_line(self) -> None:
        line = re.sub(r"[ \t]+", " ", "".join(self._buffer)).strip()
        self._buffer = []
        if line:
            self._lines.append(line)

    def _flush_section(self) -> None:
        self._flush_line()
        current = self.sections[-1]
        current.text = "\n".join(filter(None, [current.text, *self._lines]))
        self._lines = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _HEADINGS:
            self._flush_section()
            self._heading = Section(attributes.get("id") or "", "", _HEADINGS[tag])
            self.sections.append(self._heading)
        elif tag in _BLOCKS:
            self._flush_line()
            if tag == "li":
                self._buffer.append("• ")
        elif tag in _CELLS:
            if self._cell:
                self._buffer.append("\t")
            self._cell += 1
        elif tag == "br":
            self._flush_line()
        elif tag == "a" and attributes.get("href"):
            self.links.append(Link(attributes["href"] or "", "a"))
        elif tag == "img":
            self.links.append(Link(attributes.get("src") or "", "img"))
            if attributes.get("alt"):
                self.handle_data(attributes["alt"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADINGS and self._heading is not None:
            self._heading.title = re.sub(r"\s+", " ", "".join(self._buffer)).strip()
            self._buffer = []
            self._heading = None
        elif tag == "tr":
            self._cell = 0
            self._flush_line()
        elif tag in _BLOCKS:
            self._flush_line()

    def handle_data(self, data: str) -> None:
        self._buffer.append(data.replace("\n", " "))

    def result(self) -> tuple[list[Section], list[Link]]:
        self._flush_section()
        sections = self.sections
        if not sections[0].text and len(sections) > 1:
            sections = sections[1:]
        return sections, self.links


def render_markdown(source: str) -> Rendered:
    html = _converter.convert(source)
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    sections, links = extractor.result()
    return Rendered(html, sections, links)
