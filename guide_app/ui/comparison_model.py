"""The comparison as a Qt table: a thin adapter over `guide_app.comparison.table.Comparison`.

The model only translates rows, columns and roles; what shows and why lives in the core.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from guide_app.comparison.table import DIFFERS, Comparison, quote

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1  # (page id, anchor) of a cell's source section
EMPHASIS_BACKGROUND = QColor("#ffe9a8")
EMPHASIS_TEXT = QColor("#1a1a1a")


class ComparisonModel(QAbstractTableModel):
    def __init__(self, comparison: Comparison, parent=None) -> None:
        super().__init__(parent)
        self.comparison = comparison

    @contextmanager
    def changing(self) -> Iterator[Comparison]:
        """Change the comparison inside this block; views see one reset."""
        self.beginResetModel()
        try:
            yield self.comparison
        finally:
            self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.comparison.row_count()

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.comparison.column_count()

    def _emphasised(self, row: int, column: int) -> bool:
        return self.comparison.marked(row, True) or self.comparison.marked(column, False)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        comparison = self.comparison
        row, column = index.row(), index.column()
        cell = comparison.cell(row, column)
        program, attribute = comparison.at(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return quote(cell)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            if not cell.source.page:
                return None
            return f"From {cell.source.describe()}. Click, or press Enter, to read it in the guide."
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{program.name}, {attribute.label}: {quote(cell) or 'blank'}"
        if role == SOURCE_ROLE:
            return (cell.source.page, cell.source.anchor) if cell.source.page else None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            if not cell.stated:
                font.setItalic(True)
            if self._emphasised(row, column):
                font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self._emphasised(row, column):
            return QBrush(EMPHASIS_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and self._emphasised(row, column):
            return QBrush(EMPHASIS_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        comparison = self.comparison
        vertical = orientation == Qt.Orientation.Vertical
        count = comparison.row_count() if vertical else comparison.column_count()
        if not 0 <= section < count:
            return None
        label = comparison.row_label(section) if vertical else comparison.column_label(section)
        marked = comparison.marked(section, vertical)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label} {DIFFERS}" if marked else label
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{label} (differs between the programs shown)" if marked else label
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags
