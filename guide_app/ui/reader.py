"""The page reader: a QTextBrowser with the app's own history, zoom and highlights."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from guide_app.content.pack import Pack, Page
from guide_app.errors import GuideError
from guide_app.ui.theme import page_stylesheet

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

ZOOM_STEPS = [0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0, 2.5, 3.0]
DEFAULT_ZOOM = ZOOM_STEPS.index(1.0)
MAX_LINE_EM = 38  # about 75 characters a line
PAGES_KEPT = 24  # laid-out pages kept for quick return
PAGE_MARGIN = 24  # px around the text


class Reader(QTextBrowser):
    """Shows one page at a time; links and history stay inside the content pack."""

    pageChanged = Signal(str, str)  # page id, anchor
    historyChanged = Signal(bool, bool)  # can go back, can go forward
    externalLinkRequested = Signal(str)
    appLinkRequested = Signal(str)
    zoomChanged = Signal(int)
    loadFailed = Signal(str)

    def __init__(
        self, pack: Pack, family: str, base_point_size: float = 13.0, parent=None, *, theme: str = "light"
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self.setObjectName("reader")
        self.setAccessibleName("Page")
        self.setAccessibleDescription("The text of the current page")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(self._follow)
        self._css = page_stylesheet(theme)
        self._documents: OrderedDict[str, QTextDocument] = OrderedDict()  # page id -> laid-out page
        self._shown_but_forgotten: QTextDocument | None = None
        self.document().setDocumentMargin(PAGE_MARGIN)
        self._family = family
        self._base_size = base_point_size
        self._zoom = DEFAULT_ZOOM
        self._history: list[tuple[str, str]] = []
        self._position = -1
        self._page: Page | None = None
        self._search_terms: list[str] = []
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._links_only = False
        self._apply_font()

    def finish_setup(self) -> None:
        """What waits for the first paint (first_paint.py): selecting the page's text from the keyboard."""
        flag = QtCore.Qt.TextInteractionFlag
        if self._links_only:
            self.setTextInteractionFlags(flag.LinksAccessibleByMouse | flag.LinksAccessibleByKeyboard)
        else:
            self.setTextInteractionFlags(flag.TextBrowserInteraction | flag.TextSelectableByKeyboard)

    def set_links_only(self) -> None:
        """Touch screens (the kiosk): links work, a drag scrolls, and no text is ever selected, now or later."""
        self._links_only = True
        flag = QtCore.Qt.TextInteractionFlag
        self.setTextInteractionFlags(flag.LinksAccessibleByMouse | flag.LinksAccessibleByKeyboard)

    # -- pages and history -------------------------------------------------
    @property
    def page(self) -> Page | None:
        return self._page

    @property
    def current(self) -> tuple[str, str] | None:
        return self._history[self._position] if self._position >= 0 else None

    def open(self, page_id: str, anchor: str = "", terms: list[str] | None = None) -> bool:
        """Open a page (and scroll to `anchor`), recording it in the history."""
        if not self._display(page_id, anchor, terms or []):
            return False
        if self.current != (page_id, anchor):
            del self._history[self._position + 1 :]
            self._history.append((page_id, anchor))
            self._position = len(self._history) - 1
        self._emit_history()
        return True

    def back(self) -> None:
        if self._position > 0:
            self._position -= 1
            self._display(*self._history[self._position], [])
            self._emit_history()

    def forward(self) -> None:
        if self._position < len(self._history) - 1:
            self._position += 1
            self._display(*self._history[self._position], [])
            self._emit_history()

    def clear_history(self) -> None:
        current = self.current
        self._history = [current] if current else []
        self._position = 0 if current else -1
        self._emit_history()

    def reload(self) -> None:
        """Show the current page again (after the pack's pages changed)."""
        if self.current:
            self._page = None
            self._display(*self.current, self._search_terms)

    def set_page_stylesheet(self, css: str) -> None:
        """Restyle pages (a theme change): the stylesheet applies when a page is laid out."""
        if css == self._css:
            return
        self._css = css
        self.forget_pages()
        self.reload()

    def forget_pages(self) -> None:
        """Drop the laid-out pages kept for quick return (a theme change; the next kiosk visitor)."""
        current = self.document()
        for document in self._documents.values():
            if document is not current:
                document.deleteLater()
        self._documents.clear()
        self._shown_but_forgotten = current if current.parent() is self else None

    def _document_for(self, page: Page, html: str) -> QTextDocument:
        """Each page is laid out once and kept (a few dozen at most): going back is instant."""
        document = self._documents.pop(page.id, None)
        if document is None:
            document = QTextDocument(self)  # a child, so images still come through loadResource
            document.setUndoRedoEnabled(False)
            document.setDocumentMargin(PAGE_MARGIN)
            document.setDefaultStyleSheet(self._css)
            document.setDefaultFont(self._font())
            document.setHtml(html)
        self._documents[page.id] = document
        while len(self._documents) > PAGES_KEPT:
            _page_id, old = self._documents.popitem(last=False)
            if old is not self.document() and old is not document:
                old.deleteLater()
        return document

    def _emit_history(self) -> None:
        self.historyChanged.emit(self._position > 0, self._position < len(self._history) - 1)

    def _display(self, page_id: str, anchor: str, terms: list[str]) -> bool:
        try:
            page = self.pack.page(page_id)
            html = self.pack.page_html(page)
        except GuideError as error:
            self.loadFailed.emit(str(error))
            return False
        if page is not self._page:
            self._page = page
            self._find_selections = []
            self.setDocument(self._document_for(page, html))
            if self._shown_but_forgotten is not None and self._shown_but_forgotten is not self.document():
                self._shown_but_forgotten.deleteLater()
            self._shown_but_forgotten = None
            self._apply_font()
        self._search_terms = terms
        self._highlight()
        if anchor and anchor != "top":
            self.scrollToAnchor(anchor)
        else:
            self.verticalScrollBar().setValue(0)
        self.pageChanged.emit(page_id, anchor)
        return True

    def _follow(self, url: QUrl) -> None:
        from guide_app.content.links import resolve_link  # on the first click

        target = resolve_link(self.pack, self._page, url.toString())
        if target.kind == "page":
            self.open(target.page_id, target.anchor)
        elif target.kind == "external":
            self.externalLinkRequested.emit(target.url)
        elif target.kind == "app":
            self.appLinkRequested.emit(target.url)
        else:
            self.loadFailed.emit(f"This link leads nowhere in this guide: {url.toString()}")

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's name)
        """Images load only from inside the page's own guide folder; nothing else loads."""
        page = self._page
        if kind != QTextDocument.ResourceType.ImageResource.value or page is None:
            return None
        from guide_app.content.links import image_path

        path = image_path(page.folder, url.toString())
        if path is None:
            return None
        from PySide6.QtGui import QImage

        return QImage(str(path))

    # -- zoom --------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, step: int) -> None:
        step = max(0, min(len(ZOOM_STEPS) - 1, int(step)))
        if step != self._zoom:
            self._zoom = step
            self._apply_font()
            self.zoomChanged.emit(step)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def zoom_reset(self) -> None:
        self.set_zoom(DEFAULT_ZOOM)

    def set_base_point_size(self, size: float) -> None:
        self._base_size = size
        self._apply_font()

    def point_size(self) -> float:
        return self._base_size * ZOOM_STEPS[self._zoom]

    def _font(self) -> QFont:
        font = QFont(self._family)
        font.setPointSizeF(self.point_size())
        return font

    def _apply_font(self) -> None:
        document = self.document()
        key = f"{self._family}/{self.point_size():.2f}"
        # A kept page may have been laid out at another size; and QTextEdit gives the page the widget's
        # own font on every font change (a style sheet, the application font), under the same key.
        if document.property("guideFont") != key or document.defaultFont() != self._font():
            document.setProperty("guideFont", key)
            document.setDefaultFont(self._font())
        self._update_margins()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()  # QTextEdit gives the page the widget's font; the page keeps its own

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_margins()

    def _update_margins(self) -> None:
        """Keep lines to a comfortable length on wide screens, centred.

        Each page's root frame is only touched when its margin must change: every rootFrame()
        call leaves a small wrapper behind in PySide, which would add up over a kiosk day.
        """
        document = self.document()
        em = QFontMetricsF(document.defaultFont()).height()
        margin = PAGE_MARGIN + max(0.0, self.viewport().width() - 2 * PAGE_MARGIN - MAX_LINE_EM * em) / 2
        applied = document.property("guideMargin")
        if applied is not None and abs(margin - applied) <= 1:
            return
        document.setProperty("guideMargin", margin)
        frame = document.rootFrame()
        fmt = frame.frameFormat()
        fmt.setLeftMargin(margin)
        fmt.setRightMargin(margin)
        frame.setFrameFormat(fmt)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == QtCore.Qt.MouseButton.BackButton:
            self.back()
        elif event.button() == QtCore.Qt.MouseButton.ForwardButton:
            self.forward()
        else:
            super().mousePressEvent(event)

    # -- highlights --------------------------------------------------------
    def set_find_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._find_selections = selections
        self._highlight()

    def clear_search_highlights(self) -> None:
        self._search_terms = []
        self._highlight()

    def _highlight(self) -> None:
        selections = list(self._search_selections()) + self._find_selections
        self.setExtraSelections(selections)

    def _search_selections(self):
        if not self._search_terms:
            return
        fmt = QtGui.QTextCharFormat()  # QtGui.X: classes not needed before the first paint (first_paint.py)
        fmt.setBackground(QColor("#ffe58a"))
        fmt.setForeground(QColor("#000000"))
        # Long words match by their stem ("withdraw" finds "withdrawal"); short ones whole.
        parts = sorted(
            (
                re.escape(t[: max(4, len(t) - 2)]) + r"\w*" if len(t) > 3 else re.escape(t) + r"\b"
                for t in self._search_terms
            ),
            key=len,
            reverse=True,
        )
        pattern = re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)
        text = self.document().toRawText()
        for match in pattern.finditer(text):
            selection = QTextEdit.ExtraSelection()
            cursor = QtGui.QTextCursor(self.document())
            cursor.setPosition(match.start())
            cursor.setPosition(match.end(), QtGui.QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            yield selection

    def search_highlight_count(self) -> int:
        return sum(1 for _ in self._search_selections())
