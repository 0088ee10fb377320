"""The HTML that goes on paper: print styles in points, the clinic block, the footer, pages.

Kept apart from the painting (guide_app/printing/handout.py) so that what a handout says can be
read and tested as text. Qt reads "pt" only in font sizes, so every other length written
in points is turned into the layout's CSS pixels here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from string import Template

from PySide6.QtGui import QGuiApplication

from guide_app.clinic.config import Config
from guide_app.clinic.details import GET_HELP_ID, clinic_lines
from guide_app.content.pack import Guide, Page
from guide_app.paths import resource

MARGIN_PT = 30.0  # about 10.5 mm: inside every office printer's unprintable edge
LARGE_MARGIN_PT = 36.0


@dataclass(frozen=True)
class Source:
    """Where the words come from, printed in every handout's footer."""

    title: str
    author: str = ""
    published: str = ""
    credit: str = ""  # said instead of "Source: ...": a page that is the clinic's, not the article's

    @classmethod
    def of_guide(cls, guide: Guide) -> Source:
        return cls(guide.title, guide.author, guide.published)

    @classmethod
    def of_page(cls, page: Page, config: Config | None) -> Source | None:
        """A guide's page credits its article; the Get help page, made from the config, credits the clinic."""
        if page.guide is not None:
            return cls.of_guide(page.guide)
        if page.id == GET_HELP_ID:
            name = config.clinic("name") if config is not None else ""
            return cls("", credit=f"From {name}" if name else "From the clinic")
        return None

    def line(self) -> str:
        if self.credit:
            return self.credit
        rest = ", ".join(part for part in (self.author, self.published) if part)
        return f"Source: “{self.title}”" + (f", {rest}" if rest else "")


@dataclass(frozen=True)
class Style:
    """Sizes in points for one variant of the handout."""

    body: float
    h1: float
    h2: float
    h3: float
    small: float
    line: int  # line spacing, percent of the font's own line height
    bold: bool
    margin: float

    def css(self) -> str:
        gap = round(self.body * 0.6, 1)
        values = {
            "body": self.body,
            "h1": self.h1,
            "h2": self.h2,
            "h3": self.h3,
            "small": self.small,
            "line": self.line,
            "weight": "bold" if self.bold else "normal",
            "gap": gap,
            "gap2": round(gap * 1.3, 1),
            "gap_half": round(gap / 2, 1),
            "gap_quarter": round(gap / 4, 1),
            "cell": round(self.body * 0.3, 1),
        }
        return Template(resource("styles", "handout.css").read_text(encoding="utf-8")).substitute(values)


NORMAL = Style(body=11, h1=20, h2=14, h3=12, small=8.5, line=115, bold=False, margin=MARGIN_PT)
# Large print: 18 pt or more, sans-serif, 1.5 line spacing. The body stays regular so that headings,
# questions and labels in bold still stand out from it (all bold, nothing stands out).
LARGE = Style(body=18, h1=30, h2=24, h3=20, small=18, line=150, bold=False, margin=LARGE_MARGIN_PT)


def style_for(large_print: bool) -> Style:
    return LARGE if large_print else NORMAL


_STYLE_ATTR = re.compile(r"""style\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_DECLARATION = re.compile(r"([a-zA-Z-]+)(\s*:\s*)([^;{}]*)")
_POINTS = re.compile(r"(-?\d*\.?\d+)pt\b")


def layout_lengths(css: str) -> str:
    """Points to the layout's CSS pixels in every length but font sizes (Qt reads "pt" only there).

    Qt scales CSS pixels from the screen's logical dpi to the printer's, so the result is
    exact in points on any printer.
    """
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    factor = dpi / 72.0

    def declaration(match: re.Match) -> str:
        name, colon, value = match.groups()
        if name.lower() == "font-size":
            return match.group(0)
        return name + colon + _POINTS.sub(lambda m: _pixels(float(m.group(1)) * factor), value)

    return _DECLARATION.sub(declaration, css)


def _pixels(value: float) -> str:
    """Whole CSS pixels (Qt ignores some fractional lengths); a hairline stays visible."""
    rounded = round(value)
    return f"{rounded if rounded or not value else (1 if value > 0 else -1)}px"


def body_lengths(body_html: str) -> str:
    return _STYLE_ATTR.sub(lambda m: f"style={m.group(1)}{layout_lengths(m.group(2))}{m.group(1)}", body_html)


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def clinic_html(config: Config | None, *, compact: bool = True) -> str:
    """The clinic block: the name, then each detail the config gives; nothing for empty fields.

    Compact puts the clinic's details on one run of text and each helpline on its own line;
    otherwise every detail has a line of its own (large print).
    """
    if config is None:
        return ""
    name, details, helplines = "", [], []
    for label, value in clinic_lines(config):
        if label == "Clinic":
            name = f"<b>{escape(value)}</b>"
        elif label in ("Phone", "Address", "Hours"):
            details.append(f"<b>{escape(label)}:</b> {escape(value)}")
        else:
            helplines.append(f"<b>{escape(label)}:</b> {escape(value)}" if value else f"<b>{escape(label)}</b>")
    if compact and details:
        details = ["&nbsp;· ".join(details)]
    lines = ([name] if name else []) + details + helplines
    return '<p class="clinic">' + "<br>".join(lines) + "</p>" if lines else ""


def footer_html(source: Source | None, printed: date, page: int = 0, pages: int = 0, *, brief: bool = False) -> str:
    """The source, the print date and "Page N of M"; `brief` leaves the source to the first page (large print)."""
    shown = source is not None and (source.title or source.credit) and not brief
    items = [escape(source.line())] if shown else []
    tail = [f"Printed {printed.day} {printed:%B %Y}"] + ([f"Page {page} of {pages}"] if pages > 1 else [])
    items += [escape(part).replace(" ", "&nbsp;") for part in tail]  # the date never breaks over lines
    return '<p class="footer">' + "&nbsp;· ".join(items) + "</p>"


_APP_LINK_PARAGRAPH = re.compile(r"<p>\s*<a [^>]*href=\"app:[^\"]*\"[^>]*>.*?</a>\s*</p>\s*", re.DOTALL)
_LINK = re.compile(r"<a [^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.DOTALL)


EMERGENCY_PAGES = "emergency_pages"  # guide.toml: the pages whose handouts carry the clinic's emergency line
_FIRST_HEADING_END = re.compile(r"</h1>", re.IGNORECASE)


def emergency_html(config: Config | None) -> str:
    """The clinic's emergency line, when its config has one (never a default of the app's)."""
    emergency = config.clinic("emergency") if config is not None else ""
    return f'<p class="emergency"><b>Emergency:</b> {escape(emergency)}</p>' if emergency else ""


def page_html(page: Page, config: Config | None = None) -> str:
    """A page's HTML for paper: links become plain text, web addresses are written out. A page that
    discusses symptoms or detox (guide.toml's `emergency_pages`) carries the clinic's emergency line."""
    body = _APP_LINK_PARAGRAPH.sub("", page.html)
    listed = page.guide.data.get(EMERGENCY_PAGES, []) if page.guide is not None else []
    if isinstance(listed, list) and page.id in listed and emergency_html(config):
        line = emergency_html(config)
        body, found = _FIRST_HEADING_END.subn(lambda m: m.group(0) + line, body, count=1)
        body = body if found else line + body

    def unlink(match: re.Match) -> str:
        href, text = html.unescape(match.group(1)), match.group(2)
        if href.lower().startswith(("http://", "https://")) and html.unescape(text).strip() != href:
            return f"{text} ({escape(href)})"
        return "" if href.lower().startswith("app:") else text

    return _LINK.sub(unlink, body)
