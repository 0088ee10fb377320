"""The comparison's table widget: cells and labels that wrap, as tall as its rows.

A click, or Enter, on a cell asks for the section its words come from.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionHeader, QTableView, QWidget

from guide_app.ui.comparison_model import SOURCE_ROLE, ComparisonModel

TOUCH = 44  # px: the smallest target a finger hits reliably


def words(text: str) -> list[str]:
    """The pieces a line may break between: spaces, and after a slash."""
    return text.replace("/", "/ ").split()


class WrappingHeader(QHeaderView):
    """A header whose labels wrap onto several lines, so none is ever cut short."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.label_width_em = 13.0  # the widest a row label may grow before it wraps

    def relayout(self) -> None:
        """Stretch the sections to the view's width now, not at Qt's next delayed layout."""
        self.resizeSections()

    def _text(self, logical: int) -> str:
        model = self.model()
        text = str(model.headerData(logical, self.orientation()) or "") if model is not None else ""
        return text.replace("/", "/\u200b")  # "Inpatient/Residential" may break after the slash

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _padding(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self) + 6

    def _wrapped(self, text: str, width: int) -> QRect:
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(self._font()).boundingRect(QRect(0, 0, max(1, width), 100_000), flags, text)

    def row_label_width(self) -> int:
        """Vertical header: as wide as the longest label, but at most `label_width_em` and a third of
        the table, and never narrower than the longest word."""
        metrics = QFontMetrics(self._font())
        texts = [self._text(i) for i in range(self.count())]
        natural = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        longest_word = max((metrics.horizontalAdvance(w) for t in texts for w in words(t)), default=0)
        cap = int(self.label_width_em * metrics.averageCharWidth() * 1.9)
        table = self.parentWidget()
        if table is not None and table.width() > 0:
            cap = min(cap, table.width() // 3)
        return max(min(natural, cap), longest_word) + 2 * self._padding()

    def sectionSizeFromContents(self, logical: int) -> QSize:  # noqa: N802
        size = super().sectionSizeFromContents(logical)
        padding = 2 * self._padding()
        if self.orientation() == Qt.Orientation.Horizontal:
            width = self.sectionSize(logical) if self.sectionSize(logical) > padding else size.width()
            height = self._wrapped(self._text(logical), width - padding).height() + padding
            return QSize(size.width(), max(size.height(), height))
        width = self.row_label_width()
        height = self._wrapped(self._text(logical), width - padding).height() + padding
        return QSize(width, max(size.height(), height))

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        if self.orientation() == Qt.Orientation.Horizontal:
            tallest = max((self.sectionSizeFromContents(i).height() for i in range(self.count())), default=0)
            return QSize(hint.width(), max(hint.height(), tallest))
        return QSize(self.row_label_width() if self.count() else 0, hint.height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802
        if not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.setFont(self._font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        pad = self._padding()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        painter.drawText(rect.adjusted(pad, pad, -pad, -pad), flags, self._text(logical))
        painter.restore()


class ComparisonTable(QTableView):
    """A table as tall as its rows; a click, or Enter, on a cell asks for its source section."""

    sourceRequested = Signal(str, str)

    def __init__(self, model: ComparisonModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparisonTable")
        self.setAccessibleName("Program comparison")
        self.setAccessibleDescription("The programs side by side. Press Enter on a cell to read its source.")
        self.setHorizontalHeader(WrappingHeader(Qt.Orientation.Horizontal, self))
        self.setVerticalHeader(WrappingHeader(Qt.Orientation.Vertical, self))
        self.setModel(model)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # columns never narrower than a word
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.clicked.connect(self._open)
        self._fit_timer = QTimer(self, singleShot=True, interval=0, timeout=self.fit)
        self.horizontalHeader().sectionResized.connect(lambda *_: self._fit_timer.start())
        model.modelReset.connect(self.fit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        target = index.data(SOURCE_ROLE)
        if target:
            self.sourceRequested.emit(*target)

    def fit(self) -> None:
        """Rows as tall as their wrapped text, columns never narrower than their longest word."""
        metrics = self.fontMetrics()
        model = self.model()
        texts = [
            str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(model.columnCount())
        ]
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
        bold = QFont(self.font())
        bold.setBold(True)
        longest = max((QFontMetrics(bold).horizontalAdvance(w) for text in texts for w in words(text)), default=0)
        self.horizontalHeader().setMinimumSectionSize(max(longest + 24, metrics.averageCharWidth() * 10))
        self.verticalHeader().setMinimumSectionSize(TOUCH)
        self.updateGeometries()
        self.horizontalHeader().relayout()
        self.resizeRowsToContents()
        frame = 2 * self.frameWidth()
        columns = self.horizontalHeader().minimumSectionSize() * model.columnCount()
        too_wide = self.verticalHeader().sizeHint().width() + columns + frame > self.width()
        scroll_bar = self.horizontalScrollBar().sizeHint().height() if too_wide else 0
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + self.verticalHeader().length() + frame + scroll_bar)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_timer.start()
