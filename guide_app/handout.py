"""Printed handouts: any HTML body on paper, with the clinic block, the source and the date.

Every handout (the withdrawal-symptoms sheet, a page of the guide, the comparison) goes
through `paint_handout`, so they all carry the same footer. QtGui and QtPrintSupport only:
the command line writes PDFs with no window and no display.
"""

from __future__ import annotations

import html
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
)

from guide_app import APP_NAME
from guide_app.clinic import clinic_lines
from guide_app.config import Config
from guide_app.content import Guide, Page, load_pack
from guide_app.errors import GuideError
from guide_app.fonts import register_fonts
from guide_app.paths import default_content_dir, resource

PAGE_SIZES = ("a4", "letter")
LETTER_TERRITORIES = {"UnitedStates", "Canada"}
MARGIN_PT = 30.0  # about 10.5 mm: inside every office printer's unprintable edge
LARGE_MARGIN_PT = 36.0
FOOTER_GAP_PT = 8.0


class PrintError(GuideError):
    """The printer (or PDF file) could not take the handout; nothing was lost."""


class PdfPathError(PrintError):
    """The PDF cannot be written where the person asked."""


@dataclass(frozen=True)
class Source:
    """Where the words come from, printed in every handout's footer."""

    title: str
    author: str = ""
    published: str = ""

    @classmethod
    def of_guide(cls, guide: Guide) -> Source:
        return cls(guide.title, guide.author, guide.published)

    def line(self) -> str:
        rest = ", ".join(part for part in (self.author, self.published) if part)
        return f"Source: “{self.title}”" + (f", {rest}" if rest else "")


_bundled: Source | None = None


def bundled_source() -> Source | None:
    """The bundled guide's title, author and date, read from its guide.toml."""
    global _bundled
    if _bundled is None:
        guides = load_pack(default_content_dir()).guides
        _bundled = Source.of_guide(guides[0]) if guides else Source(APP_NAME)
    return _bundled


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


NORMAL = Style(body=11, h1=18, h2=13.5, h3=12, small=8.5, line=115, bold=False, margin=MARGIN_PT)
# American Council of the Blind large print: 18 pt or more, bold sans-serif, 1.5 line spacing.
LARGE = Style(body=18, h1=26, h2=22, h3=20, small=18, line=150, bold=True, margin=LARGE_MARGIN_PT)


def style_for(large_print: bool) -> Style:
    return LARGE if large_print else NORMAL


def default_page_size(config: Config | None) -> str:
    """`[print] page_size` if set, else Letter in the US and Canada and A4 elsewhere."""
    chosen = str(config.get("print", "page_size")).lower() if config is not None else ""
    if chosen in PAGE_SIZES:
        return chosen
    territory = QLocale.system().territory()
    return "letter" if territory.name in LETTER_TERRITORIES else "a4"


def page_size_of(name: str) -> QPageSize:
    if name not in PAGE_SIZES:
        raise PrintError(f"unknown page size {name!r}: use {' or '.join(PAGE_SIZES)}")
    return QPageSize(QPageSize.PageSizeId.A4 if name == "a4" else QPageSize.PageSizeId.Letter)


def ensure_application() -> QGuiApplication:
    """A QGuiApplication for printing from the command line, with no window or display."""
    app = QGuiApplication.instance()
    if app is None:
        argv = [APP_NAME]
        if not os.environ.get("QT_QPA_PLATFORM") and sys.platform not in ("win32", "darwin"):
            argv += ["-platform", "offscreen"]
        app = QGuiApplication(argv)
    return app


# -- HTML ----------------------------------------------------------------
_STYLE_ATTR = re.compile(r"""style\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
_DECLARATION = re.compile(r"([a-zA-Z-]+)(\s*:\s*)([^;{}]*)")
_POINTS = re.compile(r"(-?\d*\.?\d+)pt\b")


def _layout_lengths(css: str) -> str:
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


def _body_lengths(body_html: str) -> str:
    return _STYLE_ATTR.sub(lambda m: f"style={m.group(1)}{_layout_lengths(m.group(2))}{m.group(1)}", body_html)


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


def footer_html(source: Source | None, printed: date, page: int = 0, pages: int = 0) -> str:
    items = [escape(source.line())] if source is not None and source.title else []
    tail = [f"Printed {printed.day} {printed:%B %Y}"] + ([f"Page {page} of {pages}"] if pages > 1 else [])
    items += [escape(part).replace(" ", "&nbsp;") for part in tail]  # the date never breaks over lines
    return '<p class="footer">' + "&nbsp;· ".join(items) + "</p>"


_APP_LINK_PARAGRAPH = re.compile(r"<p>\s*<a [^>]*href=\"app:[^\"]*\"[^>]*>.*?</a>\s*</p>\s*", re.DOTALL)
_LINK = re.compile(r"<a [^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.DOTALL)


def page_html(page: Page) -> str:
    """A page's HTML for paper: links become plain text, web addresses are written out."""
    body = _APP_LINK_PARAGRAPH.sub("", page.html)

    def unlink(match: re.Match) -> str:
        href, text = html.unescape(match.group(1)), match.group(2)
        if href.lower().startswith(("http://", "https://")) and html.unescape(text).strip() != href:
            return f"{text} ({escape(href)})"
        return "" if href.lower().startswith("app:") else text

    return _LINK.sub(unlink, body)


# -- painting ------------------------------------------------------------
class _Document(QTextDocument):
    """A document laid out for the printer; images load only from inside `folder`."""

    def __init__(self, printer: QPagedPaintDevice, family: str, style: Style, folder: Path | None = None) -> None:
        super().__init__()
        self._folder = folder
        self.documentLayout().setPaintDevice(printer)
        font = QFont(family)
        font.setPointSizeF(style.body)
        font.setBold(style.bold)
        self.setDefaultFont(font)
        self.setDocumentMargin(0)
        self.setDefaultStyleSheet(_layout_lengths(style.css()))

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's name)
        if kind != QTextDocument.ResourceType.ImageResource.value or self._folder is None:
            return None
        name = url.toString()
        if ":" in name or name.startswith(("/", "\\")):
            return None
        path = (self._folder / name).resolve()
        if path.is_relative_to(self._folder.resolve()) and path.is_file():
            return QImage(str(path))
        return None

    def set_body(self, body_html: str, width: float, height: float | None = None) -> None:
        self.setHtml(_body_lengths(body_html))
        self.setPageSize(QSizeF(width, height if height is not None else 1e9))

    def content_bottom(self) -> float:
        """Where the last line (or table) ends, counted from the top of the first page."""
        layout = self.documentLayout()
        block = self.lastBlock()
        while block.isValid():
            table = QTextCursor(block).currentTable()
            if table is not None:
                return layout.frameBoundingRect(table).bottom()
            if block.text().strip() or not block.previous().isValid():
                return layout.blockBoundingRect(block).bottom()
            block = block.previous()
        return 0.0


def _draw(painter: QPainter, document: QTextDocument, at: QPointF, clip: QRectF) -> None:
    """Paint the part of `document` inside `clip` with its top left corner at `at`."""
    bleed = 4 * painter.device().logicalDpiX() / 72.0  # table borders stand a little outside the text
    clip = clip.adjusted(-bleed, 0, bleed, 0)
    painter.save()
    painter.translate(at.x(), at.y() - clip.top())
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    document.documentLayout().draw(painter, context)
    painter.restore()


def _rule(painter: QPainter, y: float, width: float) -> None:
    """A black hairline (0.75 pt) across the page, above the footer."""
    painter.save()
    pen = QPen(QColor("black"))
    pen.setWidthF(0.75 * painter.device().logicalDpiY() / 72.0)
    painter.setPen(pen)
    painter.drawLine(QPointF(0, y), QPointF(width, y))
    painter.restore()


def _set_page_layout(printer: QPagedPaintDevice, landscape: bool, style: Style) -> None:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageOrientation(orientation)
    margins = QMarginsF(style.margin, style.margin, style.margin, style.margin)
    if not printer.setPageMargins(margins, QPageLayout.Unit.Point):
        least = printer.pageLayout().minimumMargins()
        printer.setPageMargins(
            QMarginsF(
                max(style.margin, least.left()),
                max(style.margin, least.top()),
                max(style.margin, least.right()),
                max(style.margin, least.bottom()),
            ),
            QPageLayout.Unit.Point,
        )


def paint_handout(
    body_html: str,
    printer: QPagedPaintDevice,
    *,
    title: str,
    config: Config | None,
    landscape: bool = False,
    large_print: bool = False,
    source: Source | None = None,
    printed: date | None = None,
    images: Path | None = None,
) -> int:
    """Paint the handout on any printer (PDF, paper, preview); returns the number of pages.

    The body flows over as many pages as it needs; the clinic block sits at the foot of the
    last page; each page ends with the source and the print date ("Page N of M" past one).
    """
    style = style_for(large_print)
    family = register_fonts()
    source = source if source is not None else bundled_source()
    printed = printed or date.today()
    _set_page_layout(printer, landscape, style)
    if hasattr(printer, "setDocName"):
        printer.setDocName(title)
    width, height = float(printer.width()), float(printer.height())
    gap = FOOTER_GAP_PT * printer.logicalDpiY() / 72.0

    def document(body: str, page_height: float | None = None) -> _Document:
        doc = _Document(printer, family, style, images)
        doc.set_body(body, width, page_height)
        return doc

    def footer(page: int, pages: int) -> _Document:
        return document(footer_html(source, printed, page, pages))

    clinic_body = clinic_html(config, compact=not large_print)
    clinic = document(clinic_body) if clinic_body else None
    clinic_height = clinic.size().height() + gap if clinic is not None else 0.0

    def paginate(footer_height: float) -> tuple[_Document, float, int, bool]:
        body_height = height - footer_height - gap
        if body_height <= clinic_height or body_height <= 0:
            raise PrintError("the page is too small for this handout; choose a larger page size")
        body = document(body_html, body_height)
        pages = max(1, body.pageCount())
        used = body.content_bottom() - (pages - 1) * body_height
        extra = clinic is not None and used + clinic_height > body_height
        return body, body_height, pages + (1 if extra else 0), extra

    body, body_height, total, extra_page = paginate(footer(99, 99).size().height())
    if total == 1:
        body, body_height, total, extra_page = paginate(footer(1, 1).size().height())

    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer did not accept the job: check that it is switched on, connected and ready")
    try:
        for number in range(total):
            if number and not printer.newPage():
                raise PrintError(f"the printer stopped after page {number} of {total}")
            if number < body.pageCount():
                _draw(painter, body, QPointF(0, 0), QRectF(0, number * body_height, width, body_height))
            if clinic is not None and number == total - 1:
                top = 0.0 if extra_page else body_height - clinic.size().height()
                _draw(painter, clinic, QPointF(0, top), QRectF(0, 0, width, clinic.size().height()))
            page_footer = footer(number + 1, total)
            footer_height = page_footer.size().height()
            _rule(painter, height - footer_height - gap / 2, width)
            _draw(painter, page_footer, QPointF(0, height - footer_height), QRectF(0, 0, width, footer_height))
    finally:
        painter.end()
    return total


def _check_writable(out: Path) -> None:
    if out.exists() and out.is_dir():
        raise PdfPathError(f"cannot write the PDF: {out} is a folder; give a file name ending in .pdf")
    folder = out.parent
    if folder.exists() and not folder.is_dir():
        raise PdfPathError(f"cannot write the PDF: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise PdfPathError(f"cannot write the PDF: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise PdfPathError(f"cannot write the PDF: no permission to write in {folder}")


def write_pdf(
    body_html: str,
    out: Path,
    *,
    title: str,
    config: Config | None,
    page_size: str | None = None,
    landscape: bool = False,
    large_print: bool = False,
    source: Source | None = None,
    printed: date | None = None,
    images: Path | None = None,
) -> int:
    """Write the handout to `out` as a PDF; returns the page count.

    The PDF is written beside `out` and moved into place only when complete, so a failure
    never leaves half a file or spoils one that was there before.
    """
    out = Path(out)
    _check_writable(out)
    size = page_size_of(page_size or default_page_size(config))
    ensure_application()
    try:
        handle, temporary = tempfile.mkstemp(prefix=".guide-app-", suffix=".pdf", dir=out.parent)
    except OSError as error:
        raise PdfPathError(f"cannot write the PDF in {out.parent}: {error.strerror}") from None
    os.close(handle)
    temp = Path(temporary)
    try:
        writer = QPdfWriter(str(temp))
        writer.setPageSize(size)
        writer.setTitle(title)
        writer.setCreator(APP_NAME)
        try:
            pages = paint_handout(
                body_html,
                writer,
                title=title,
                config=config,
                landscape=landscape,
                large_print=large_print,
                source=source,
                printed=printed,
                images=images,
            )
        except PrintError as error:
            raise PdfPathError(f"cannot write the PDF {out}: {error}") from None
        del writer  # closes the file
        if not _looks_like_pdf(temp):
            raise PdfPathError(f"cannot write the PDF {out}: the file came out empty (is the disk full?)")
        try:
            os.replace(temp, out)
        except OSError as error:
            raise PdfPathError(f"cannot write the PDF {out}: {error.strerror}") from None
    finally:
        temp.unlink(missing_ok=True)
    return pages


def write_page_pdf(
    page: Page, config: Config | None, out: Path, *, page_size: str | None = None, large_print: bool = False
) -> int:
    """One page of the guide as a PDF handout; returns the page count."""
    return write_pdf(
        page_html(page),
        out,
        title=page.title,
        config=config,
        page_size=page_size,
        large_print=large_print,
        source=Source.of_guide(page.guide) if page.guide is not None else None,
        images=page.folder,
    )


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(0, os.SEEK_END)
            return head == b"%PDF-" and handle.tell() > 200
    except OSError:
        return False
