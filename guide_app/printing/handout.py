"""Printed handouts: one model (`Handout`) for every printable document, and its painting.

Each printable document (the withdrawal-symptoms sheet, a page of the guide, the comparison)
is described once as a `Handout` by its own builder (`sheet.sheet_handout`, `page_handout`,
`comparison_handout.comparison_handout`). The command line, the self-test and the window all
print it the same way: `paint` on any printer, `write_pdf` to a file. QtGui only: the command
line writes PDFs with no window and no display.

A body is plain HTML (h1-h3, p, ul, table, th, td, b) styled by resources/styles/handout.css
in normal or large print. Write any size of your own in points inside `style="..."`
(font-size: 12pt; padding: 3pt): never CSS pixels, which shrink to nothing on a 1200 dpi printer.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

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
    QTextFormat,
)

from guide_app import APP_NAME
from guide_app.clinic.config import Config
from guide_app.clinic.details import GET_HELP_ID
from guide_app.content.links import image_path
from guide_app.content.pack import Page, load_pack
from guide_app.errors import GuideError
from guide_app.fonts import register_fonts
from guide_app.paths import default_content_dir
from guide_app.printing.handout_html import (
    LARGE,
    NORMAL,
    Source,
    Style,
    body_lengths,
    clinic_html,
    footer_html,
    layout_lengths,
    page_html,
    style_for,
)
from guide_app.printing.pagination import Slice, Unit, paginate

__all__ = [
    "LARGE",
    "NORMAL",
    "PAGE_SIZES",
    "Handout",
    "PdfPathError",
    "PrintError",
    "Source",
    "clinic_html",
    "default_page_size",
    "ensure_application",
    "page_handout",
    "page_html",
    "page_size_of",
    "paint",
    "write_pdf",
]

PAGE_SIZES = ("a4", "letter")
LETTER_TERRITORIES = {"UnitedStates", "Canada"}
FOOTER_GAP_PT = 8.0
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*$")


class PrintError(GuideError):
    """The printer (or PDF file) could not take the handout; nothing was lost."""


class PdfPathError(PrintError):
    """The PDF cannot be written where the person asked."""


@dataclass(frozen=True)
class Handout:
    """One printable document: what it says (for normal or large print) and how it is named and credited.

    Built once by the document's own builder; painted the same way on paper, in a preview and in a PDF.
    """

    title: str
    body: Callable[[bool], str]  # large_print -> the body's HTML
    file_name: str = "handout.pdf"
    source: Source | None = None
    images: Path | None = None  # the folder the body's images may come from
    clinic_block: bool = True
    landscape: bool = False
    upright_in_large_print: bool = False  # the comparison gives each program a page of its own

    def landscape_for(self, large_print: bool) -> bool:
        return self.landscape and not (large_print and self.upright_in_large_print)


def fixed(body_html: str) -> Callable[[bool], str]:
    """A body that reads the same in normal and large print."""
    return lambda _large_print: body_html


_bundled: Source | None = None


def bundled_source() -> Source:
    """The bundled guide's title, author and date, read from its guide.toml."""
    global _bundled
    if _bundled is None:
        guides = load_pack(default_content_dir()).guides
        _bundled = Source.of_guide(guides[0]) if guides else Source(APP_NAME)
    return _bundled


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


# -- painting ------------------------------------------------------------
class _Document(QTextDocument):
    """A document laid out for the printer; images load only from inside `folder`."""

    def __init__(self, printer: QPagedPaintDevice, family: str, style: Style, folder: Path | None = None) -> None:
        super().__init__()
        self._folder = folder
        self._dpi = float(printer.logicalDpiY())
        self.documentLayout().setPaintDevice(printer)
        font = QFont(family)
        font.setPointSizeF(style.body)
        font.setBold(style.bold)
        self.setDefaultFont(font)
        self.setDocumentMargin(0)
        self.setDefaultStyleSheet(layout_lengths(style.css()))

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's name)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        path = image_path(self._folder, url.toString())
        return QImage(str(path)) if path is not None else None

    def set_body(self, body_html: str, width: float, height: float | None = None) -> None:
        self.setHtml(body_lengths(body_html))
        self._keep_heading_sizes()
        self.setPageSize(QSizeF(width, height if height is not None else 1e9))

    def _keep_heading_sizes(self) -> None:
        """Headings print at the stylesheet's size in points.

        Qt also keeps each heading's relative "font size adjustment" and applies it on top
        when laying out for a printer, so an 18 pt heading would come out at 22 pt.
        """
        adjustment = QTextFormat.Property.FontSizeAdjustment
        block = self.begin()
        while block.isValid():
            if block.blockFormat().headingLevel():
                fragments = block.begin()
                while not fragments.atEnd():
                    fragment = fragments.fragment()
                    if fragment.charFormat().hasProperty(adjustment):
                        char_format = fragment.charFormat()
                        char_format.clearProperty(adjustment)
                        cursor = QTextCursor(self)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(char_format)
                    fragments += 1
            block = block.next()

    def units(self, page_height: float) -> list[Unit]:
        """The body's unbreakable pieces, top to bottom (see printing/pagination.py)."""
        units: list[Unit] = []
        after_table = follows_heading = False
        iterator = self.rootFrame().begin()
        while not iterator.atEnd():
            frame = iterator.currentFrame()
            if frame is not None:
                table = frame.firstCursorPosition().currentTable()
                if table is not None:
                    if units and not units[-1].blank:  # the words just before a table lead into it
                        units[-1] = replace(units[-1], keep_with_next=True)
                    above = units[-1].bottom if units else None
                    units += self._table_units(table, page_height, above)
                    after_table, follows_heading = True, False
            else:
                block = iterator.currentBlock()
                block_units = self._block_units(block)
                if follows_heading and block_units and block.layout().lineCount() <= 2:
                    block_units[-1] = replace(block_units[-1], keep_with_next=True)  # a heading's short lead-in
                follows_heading = bool(block.blockFormat().headingLevel())
                if after_table and block_units and block_units[0].blank:
                    # Qt's frame rectangle for a table runs past its bottom border; the empty line that
                    # follows every table ends below that border and above the next words.
                    last = units[-1]
                    units[-1] = replace(last, bottom=min(last.bottom, max(block_units[0].bottom, last.top)))
                units += block_units
                after_table = False
            iterator += 1
        return units

    def _block_units(self, block) -> list[Unit]:
        rect = self.documentLayout().blockBoundingRect(block)
        text = block.text()
        policy = block.blockFormat().pageBreakPolicy()
        before = bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if not text.strip() and "\ufffc" not in text:  # no words and no image
            return [Unit(rect.top(), rect.bottom(), blank=True, break_before=before)]
        keep = bool(block.blockFormat().headingLevel()) or text.rstrip().endswith(":")
        layout = block.layout()
        y = layout.position().y()
        cuts = [rect.top()]
        if block.textList() is None:  # a paragraph may break after a line that ends a sentence
            for number in range(layout.lineCount() - 1):
                line = layout.lineAt(number)
                words = text[line.textStart() : line.textStart() + line.textLength()].rstrip()
                if _SENTENCE_END.search(words):
                    cuts.append(y + layout.lineAt(number + 1).y())
        cuts.append(rect.bottom())
        heading = bool(block.blockFormat().headingLevel())
        return [
            Unit(
                top,
                bottom,
                keep_with_next=keep and bottom == rect.bottom(),
                break_before=before and top == rect.top(),
                heading=heading and top == rect.top(),
            )
            for top, bottom in zip(cuts, cuts[1:], strict=False)
        ]

    def _table_units(self, table, page_height: float, above: float | None) -> list[Unit]:
        layout = self.documentLayout()
        whole = layout.frameBoundingRect(table)
        rows = table.rows()
        tops = [float("inf")] * rows
        bottoms = [float("-inf")] * rows
        spans_on = [False] * rows
        for row in range(rows):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                if cell.row() != row or cell.column() != column:
                    continue
                first = layout.blockBoundingRect(cell.firstCursorPosition().block())
                last = layout.blockBoundingRect(cell.lastCursorPosition().block())
                tops[row] = min(tops[row], first.top())
                end = row + cell.rowSpan() - 1
                bottoms[end] = max(bottoms[end], last.bottom())
                for spanned in range(row, end):
                    spans_on[spanned] = True
        # Qt's frame rectangle starts below the table's top border: start where the words above end.
        cuts = [min(whole.top(), above) if above is not None else whole.top()]
        for row in range(1, rows):
            above = bottoms[row - 1] if bottoms[row - 1] > float("-inf") else tops[row]
            cuts.append((above + tops[row]) / 2 if tops[row] < float("inf") else above)
        cuts.append(whole.bottom())
        heads = min(table.format().headerRowCount(), rows - 1)
        header = (cuts[0], cuts[heads]) if heads > 0 else None
        box = heads == 0 and whole.height() <= page_height  # a table with header rows breaks between rows
        edge = 1.5 * self._dpi / 72.0  # borders stand a little outside their rows
        return [
            Unit(
                cuts[row],
                cuts[row + 1],
                keep_with_next=(box or row < heads or spans_on[row]) and row < rows - 1,
                header=header if row >= heads else None,
                edge=edge,
            )
            for row in range(rows)
        ]


def _draw(
    painter: QPainter, document: QTextDocument, at: QPointF, clip: QRectF, above: float = 0.0, below: float = 0.0
) -> None:
    """Paint the part of `document` inside `clip` with its top left corner at `at`.

    Only the lines inside `clip` are drawn, so no line is written twice into the PDF's text at a
    page break; `above` and `below` let table borders (never words) stand outside it.
    """
    bleed = 4 * painter.device().logicalDpiX() / 72.0  # table borders stand a little outside the text
    painter.save()
    painter.translate(at.x(), at.y() - clip.top())
    clip = clip.adjusted(-bleed, 0.5 - above, bleed, below - 0.5)
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


def paint(
    item: Handout,
    printer: QPagedPaintDevice,
    config: Config | None,
    *,
    large_print: bool = False,
    printed: date | None = None,
) -> int:
    """Paint the handout on any printer (PDF, paper, preview) at its page size; returns the number of pages.

    The body flows over as many pages as it needs; the clinic block sits at the foot of the
    last page; each page ends with the source and the print date ("Page N of M" past one).
    """
    body_html = item.body(large_print)
    images, clinic_block = item.images, item.clinic_block
    style = style_for(large_print)
    family = register_fonts()
    source = item.source if item.source is not None else bundled_source()
    printed = printed or date.today()
    _set_page_layout(printer, item.landscape_for(large_print), style)
    if hasattr(printer, "setDocName"):
        printer.setDocName(item.title)
    width, height = float(printer.width()), float(printer.height())
    gap = max(FOOTER_GAP_PT, style.small * 0.7) * printer.logicalDpiY() / 72.0

    def document(body: str, page_height: float | None = None) -> _Document:
        doc = _Document(printer, family, style, images)
        doc.set_body(body, width, page_height)
        return doc

    def footer(page: int, pages: int) -> _Document:
        return document(footer_html(source, printed, page, pages, brief=large_print and page > 1))

    clinic_body = clinic_html(config, compact=not large_print) if clinic_block else ""
    clinic = document(clinic_body) if clinic_body else None
    clinic_height = clinic.size().height() + gap if clinic is not None else 0.0
    body = document(body_html)

    def layout(footer_of: Callable[[int], float]) -> list[Slice]:
        def room(number: int) -> float:
            space = height - footer_of(number) - gap - (clinic_height if number == 0 else 0.0)
            if space <= 0:
                raise PrintError("the page is too small for this handout; choose a larger page size")
            return space

        slices = paginate(body.units(room(1)), room)
        return slices or [Slice(0.0, 0.0)]

    slices = layout(lambda number: footer(number + 1, 99).size().height())
    if len(slices) == 1:
        slices = layout(lambda number: footer(number + 1, 1).size().height())
    total = len(slices)

    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer did not accept the job: check that it is switched on, connected and ready")
    try:
        for number, part in enumerate(slices):
            if number and not printer.newPage():
                raise PrintError(f"the printer stopped after page {number} of {total}")
            if part.header is not None:
                top, bottom = part.header
                _draw(painter, body, QPointF(0, 0), QRectF(0, top, width, bottom - top), 0.0, part.edge_top)
            if part.bottom > part.top:
                at = QPointF(0, part.header_height)
                band = QRectF(0, part.top, width, part.bottom - part.top)
                _draw(painter, body, at, band, part.edge_top, part.edge_bottom)
            if clinic is not None and number == 0:
                top = height - footer(1, total).size().height() - gap - clinic.size().height()
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
    item: Handout,
    out: Path | str,
    config: Config | None,
    *,
    page_size: str | None = None,
    large_print: bool = False,
    printed: date | None = None,
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
        pages = _write_to(temp, size, item, config, large_print=large_print, printed=printed)
        if not _looks_like_pdf(temp):
            raise PrintError("the file came out empty (is the disk full?)")
        os.replace(temp, out)
    except PrintError as error:
        raise PdfPathError(f"cannot write the PDF {out}: {error}") from None
    except OSError as error:
        raise PdfPathError(f"cannot write the PDF {out}: {error.strerror}") from None
    finally:
        temp.unlink(missing_ok=True)
    return pages


def page_handout(page: Page, config: Config | None = None) -> Handout:
    """One page of the guide as a handout; a page that discusses symptoms or detox carries the clinic's
    emergency line, and the Get help page credits the clinic."""
    return Handout(
        title=page.title,
        body=fixed(page_html(page, config)),
        file_name=f"{page.id}.pdf",
        source=Source.of_page(page, config),
        images=page.folder,
        clinic_block=page.id != GET_HELP_ID,  # that page is the clinic block already
    )


def _write_to(temp: Path, size: QPageSize, item: Handout, config: Config | None, **options) -> int:
    """Paint the handout into a PDF file; the writer is gone (and the file closed) on return."""
    writer = QPdfWriter(str(temp))
    try:
        writer.setPageSize(size)
        writer.setTitle(item.title)
        writer.setCreator(APP_NAME)
        return paint(item, writer, config, **options)
    finally:
        del writer


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
            handle.seek(0, os.SEEK_END)
            return head == b"%PDF-" and handle.tell() > 200
    except OSError:
        return False
