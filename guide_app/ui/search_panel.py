"""The search box and its results, shown as the person types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from guide_app.search.answers import Answer
    from guide_app.search.index import SearchIndex

USER_ROLE = 256  # Qt.ItemDataRole.UserRole as an int: no Qt namespace before the first paint (first_paint.py)
HTML_ROLE = USER_ROLE + 1
MUTED = "#muted"  # replaced when painted: grey, or the highlighted-text colour on a selected row
TARGET_ROLE = USER_ROLE + 2


class SearchPanel(QWidget):
    """Emits resultActivated(page id, anchor, terms) when a result is chosen."""

    resultActivated = Signal(str, str, list)
    queryChanged = Signal(str)

    def __init__(self, index: SearchIndex | None, parent=None) -> None:
        super().__init__(parent)
        self.index = index
        self.answer: Answer | None = None  # the last search's, once something is typed
        self.setObjectName("searchPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setPlaceholderText("Search the guide (Ctrl+K)")
        self.box.setAccessibleName("Search the guide")
        self.box.setAccessibleDescription("Type words to search every page; results appear as you type")
        self.box.textChanged.connect(self.run)
        self.box.returnPressed.connect(self.activate_current)
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("didYouMean")
        self.suggestion.setAccessibleName("Did you mean")
        self.suggestion.setWordWrap(True)
        self.suggestion.linkActivated.connect(
            lambda _link: self.box.setText(self.answer.suggestion if self.answer else "")
        )
        self.suggestion.hide()
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setAccessibleDescription("Choose a result to open its page")
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)
        self.results.hide()
        layout.addWidget(self.box)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    @property
    def query(self) -> str:
        return self.box.text()

    def focus(self) -> None:
        self.box.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def clear(self) -> None:
        self.box.clear()

    def set_index(self, index: SearchIndex) -> None:
        self.index = index
        self.run(self.box.text())

    def run(self, text: str) -> None:
        import html  # here, as the answers: the first search comes after the window shows

        from guide_app.search.answers import Answer

        if text and not self.box.isClearButtonEnabled():
            self._prepare_results()
        self.results.clear()
        active = bool(text.strip())
        if not active or self.index is None:
            self.answer = Answer([])
            self.status.setText("Preparing search…" if active else "")
        else:
            self.answer = self.index.answer(text, 30)
            for result in self.answer.results:
                item = QListWidgetItem(f"{result.page_title}: {result.section}. {result.snippet}")
                item.setData(
                    HTML_ROLE,
                    (
                        f"<b>{html.escape(result.section or result.page_title)}</b>"
                        f"<br><span style='color:{MUTED}'>{html.escape(result.page_title)}</span>"
                        f"<br>{result.snippet_html}"
                    ),
                )
                item.setData(TARGET_ROLE, (result.page, result.anchor, result.terms))
                item.setToolTip(f"{result.page_title} › {result.section}")
                self.results.addItem(item)
            if self.answer.results:
                self.results.setCurrentRow(0)
                self.status.setText("")
            else:
                self.status.setText(f"No results for “{html.escape(text.strip()[:60])}”. Try fewer or different words.")
        suggestion = self.answer.suggestion
        self.suggestion.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.suggestion.setText(f"Did you mean: <a href='suggest'>{html.escape(suggestion)}</a>?" if suggestion else "")
        self.suggestion.setVisible(bool(suggestion))
        self.status.setVisible(bool(self.status.text()))
        self.results.setVisible(bool(self.answer.results))
        self.queryChanged.emit(text)

    def _prepare_results(self) -> None:
        """Set up what only matters once something is typed (kept off the start-up path)."""
        from guide_app.ui.result_delegate import ResultDelegate

        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)  # arrow keys and Escape: only useful once something is typed
        self.results.setItemDelegate(ResultDelegate(HTML_ROLE, self.results, MUTED))

    def activate_current(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._activate(item)

    def _activate(self, item: QListWidgetItem) -> None:
        page, anchor, terms = item.data(TARGET_ROLE)
        self.resultActivated.emit(page, anchor, list(terms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.box and event.type() == QEvent.Type.KeyPress and self.results.count():
            key = event.key()
            row = self.results.currentRow()
            if key == QtCore.Qt.Key.Key_Down:
                self.results.setCurrentRow(min(row + 1, self.results.count() - 1))
                return True
            if key == QtCore.Qt.Key.Key_Up:
                self.results.setCurrentRow(max(row - 1, 0))
                return True
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and event.key() == QtCore.Qt.Key.Key_Escape
            and self.box.text()
        ):
            self.box.clear()
            return True
        return super().eventFilter(watched, event)
