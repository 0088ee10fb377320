"""How one search result is drawn: title, section and the snippet with its matches in bold.

Its own module, loaded when the first search is typed: the style classes it needs cost
start-up time and are not on screen before then.

A keystroke must be answered within a frame. The list asks every row's height whenever its
rows change (30 rows, twice a keystroke), so a row's height comes from font metrics over its
plain text where that is exact, and most rows are laid out as rich text only when drawn on
screen; each laid-out row is kept for the next paint.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6 import QtCore
from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

MARGIN = 6
KEPT = 64  # laid-out rows kept for painting: a few screens


class ResultDelegate(QStyledItemDelegate):
    """Draws a result's title, section and highlighted snippet as rich text (the item's `html_role`
    data); `lines_role` holds the same lines as plain text, to size the row."""

    def __init__(self, html_role: int, parent=None, muted: str = "", lines_role: int | None = None) -> None:
        super().__init__(parent)
        self.html_role = html_role
        self.lines_role = lines_role
        self.muted = muted  # a marker in the HTML: grey, or the highlighted-text colour on a selected row
        self._documents: OrderedDict[tuple, QTextDocument] = OrderedDict()
        self._heights: dict[tuple, int] = {}  # the list asks each row's height more than once a change
        self._fonts: tuple[str, QFontMetrics, QFontMetrics] | None = None
        self._wrap = int(QtCore.Qt.TextFlag.TextWordWrap.value)

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        muted = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        ).name()
        html = index.data(self.html_role) or ""
        width = max(100, option.rect.width())
        key = (html, width, muted, option.font.key())
        document = self._documents.get(key)
        if document is not None:
            self._documents.move_to_end(key)
            return document
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(MARGIN)
        document.setHtml(html.replace(self.muted or "\0", muted))
        document.setTextWidth(width)
        self._documents[key] = document
        if len(self._documents) > KEPT:
            self._documents.popitem(last=False)
        return document

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = option.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        width = option.widget.viewport().width() if option.widget else 300
        lines = index.data(self.lines_role) if self.lines_role is not None else None
        if not lines:  # no plain lines given: lay the rich text out (exact, slower)
            self.initStyleOption(option, index)
            option.rect.setWidth(width)
            return QSize(width, int(self._document(option, index).size().height()) + 2)
        key = (lines, width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            regular, bold = self._metrics(option.font)
            inner = QRect(0, 0, max(100, width) - 2 * MARGIN, 1 << 20)
            heading, page_title, snippet = (" ".join(line.split()) for line in lines)  # as HTML folds spaces
            # The snippet's matches are bold: it takes as many lines as set all in regular type and all
            # in bold when those agree. When they do not, or a word is wider than the row (broken
            # anywhere), the row is laid out (and kept: it is drawn from the same layout).
            longest = max(" ".join(lines).split(), key=len, default="")
            snippet_height = bold.boundingRect(inner, self._wrap, snippet).height()
            if (
                bold.horizontalAdvance(longest) > inner.width()
                or regular.boundingRect(inner, self._wrap, snippet).height() != snippet_height
            ):
                self.initStyleOption(option, index)
                option.rect.setWidth(width)
                height = int(self._document(option, index).size().height()) + 2
            else:
                height = (
                    bold.boundingRect(inner, self._wrap, heading).height()
                    + regular.boundingRect(inner, self._wrap, page_title).height()
                    + snippet_height
                    + 2 * MARGIN
                    + 2
                )
            if len(self._heights) > 4 * KEPT:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def _metrics(self, font: QFont) -> tuple[QFontMetrics, QFontMetrics]:
        """(regular, bold) metrics of the list's font."""
        if self._fonts is None or self._fonts[0] != font.key():
            bold = QFont(font)
            bold.setBold(True)
            self._fonts = (font.key(), QFontMetrics(font), QFontMetrics(bold))
        return self._fonts[1], self._fonts[2]
