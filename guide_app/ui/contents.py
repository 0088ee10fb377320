"""The contents tree: guides, their pages and each page's subsections."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from guide_app.content import Pack, Page
from guide_app.errors import GuideError

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
EAGER_SECTIONS_UP_TO = 300  # larger packs fill a page's subsections when it is expanded


class ContentsTree(QTreeWidget):
    pageRequested = Signal(str, str)  # page id, anchor

    def __init__(self, pack: Pack, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("contents")
        self.setHeaderHidden(True)
        self.setAccessibleName("Contents")
        self.setAccessibleDescription("Every page of the guide; choose one to read it")
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setIndentation(16)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)
        self.itemExpanded.connect(self._fill)
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}
        self.populate(pack)

    def populate(self, pack: Pack) -> None:
        self.clear()
        self._items.clear()
        total = sum(1 for _ in pack.pages())
        eager = total <= EAGER_SECTIONS_UP_TO
        for guide in pack.guides:
            top = QTreeWidgetItem(self, [guide.title])
            top.setToolTip(0, guide.title)
            top.setData(0, TARGET_ROLE, (guide.home or (guide.pages[0].id if guide.pages else ""), ""))
            for page in guide.pages:
                self._page_item(top, page, eager)
            top.setExpanded(True)
        for page in pack.app_pages:
            self._page_item(self.invisibleRootItem(), page, eager)

    def add_entry(self, title: str, target: tuple[str, str], after: str | None = None) -> QTreeWidgetItem:
        """An entry of the app's own (the comparison, the sheet), at the top level."""
        item = QTreeWidgetItem([title])
        item.setData(0, TARGET_ROLE, target)
        self.addTopLevelItem(item)
        return item

    def _page_item(self, parent: QTreeWidgetItem, page: Page, eager: bool) -> None:
        item = QTreeWidgetItem(parent, [page.title])
        item.setData(0, TARGET_ROLE, (page.id, ""))
        item.setData(0, Qt.ItemDataRole.UserRole + 2, page)
        self._items[(page.id, "")] = item
        if eager:
            self._add_sections(item, page)
        else:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)

    def _add_sections(self, item: QTreeWidgetItem, page: Page) -> None:
        try:
            sections = [s for s in page.sections if s.level == 2 and s.anchor]
        except GuideError:
            return
        for section in sections:
            child = QTreeWidgetItem(item, [section.title])
            child.setToolTip(0, section.title)
            child.setData(0, TARGET_ROLE, (page.id, section.anchor))
            self._items[(page.id, section.anchor)] = child
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)

    def _fill(self, item: QTreeWidgetItem) -> None:
        page = item.data(0, Qt.ItemDataRole.UserRole + 2)
        if page is not None and item.childCount() == 0:
            self._add_sections(item, page)

    def _activate(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, TARGET_ROLE)
        if target and target[0]:
            self.pageRequested.emit(*target)

    def select(self, page_id: str, anchor: str) -> None:
        """Show where the reader is, without emitting a request."""
        item = self._items.get((page_id, anchor)) or self._items.get((page_id, ""))
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.scrollToItem(item)
            self.blockSignals(False)
