"""Printed handouts: any HTML body on paper, with the clinic block, the source and the date.

Every handout (the withdrawal-symptoms sheet, a page of the guide, the comparison) goes
through `paint_handout`, so they all carry the same footer. QtGui and QtPrintSupport only:
the command line writes PDFs with no window and no display.

A body is plain HTML (h1-h3, p, ul, table, th, td, b) styled by resources/styles/handout.css
in normal or large print. Write any size of your own in points inside `style="..."`
(font-size: 12pt; padding: 3pt): never CSS pixels, which shrink to nothing on a 1200 dpi printer.
"""

from __future__ import annotations

import os
import sys
import tempfile
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

__all__ = [
    "LARGE",
    "NORMAL",
    "PAGE_SIZES",
    "PdfPathError",
    "PrintError",
    "Source",
    "clinic_html",
    "default_page_size",
    "ensure_application",
    "page_html",
    "page_size_of",
    "paint_handout",
    "write_page_pdf",
    "write_pdf",
]

PAGE_SIZES = ("a4", "letter")
LETTER_TERRITORIES = {"UnitedStates", "Canada"}
FOOTER_GAP_PT = 8.0


class PrintError(GuideError):
    """The printer (or PDF file) could not take the handout; nothing was lost."""


class PdfPathError(PrintError):
    """The PDF cannot be written where the person asked."""


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
    clinic_block: bool = True,
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
    gap = max(FOOTER_GAP_PT, style.small * 0.7) * printer.logicalDpiY() / 72.0

    def document(body: str, page_height: float | None = None) -> _Document:
        doc = _Document(printer, family, style, images)
        doc.set_body(body, width, page_height)
        return doc

    def footer(page: int, pages: int) -> _Document:
        return document(footer_html(source, printed, page, pages))

    clinic_body = clinic_html(config, compact=not large_print) if clinic_block else ""
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
    clinic_block: bool = True,
) -> int:
    """Write the handout to `out` as a PDF; returns the page count.

    The PDF is written beside `out` and moved into place only when complete, so a failure
    never leaves half a file or spoils one that was there before.
    """
    options = dict(
        landscape=landscape,
        large_print=large_print,
        source=source,
        printed=printed,
        images=images,
        clinic_block=clinic_block,
    )
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
        pages = _write_to(temp, size, body_html, title=title, config=config, **options)
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


def write_page_pdf(
    page: Page, config: Config | None, out: Path, *, page_size: str | None = None, large_print: bool = False
) -> int:
    """One page of the guide as a PDF handout; returns the page count."""
    return write_pdf(
        page_html(page, config),
        out,
        title=page.title,
        config=config,
        page_size=page_size,
        large_print=large_print,
        source=Source.of_page(page, config),
        images=page.folder,
        clinic_block=page.id != GET_HELP_ID,  # that page is the clinic block already
    )


def _write_to(temp: Path, size: QPageSize, body_html: str, **options) -> int:
    """Paint the handout into a PDF file; the writer is gone (and the file closed) on return."""
    writer = QPdfWriter(str(temp))
    try:
        writer.setPageSize(size)
        writer.setTitle(options["title"])
        writer.setCreator(APP_NAME)
        return paint_handout(body_html, writer, **options)
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
