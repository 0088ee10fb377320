"""The contents tree: guides, their pages and each page's subsections."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from guide_app.content.pack import Guide, Pack, Page
from guide_app.errors import GuideError

USER_ROLE = 256  # Qt.ItemDataRole.UserRole as an int: no Qt namespace before the first paint (first_paint.py)
TARGET_ROLE = USER_ROLE + 1
GUIDE_ROLE = USER_ROLE + 3  # the guide whose pages are not listed yet (big packs)
EAGER_SECTIONS_UP_TO = 300  # up to this many pages, each page file is read to know if it has subsections
ROWS_BEFORE_PAINT = 100  # a long guide's other rows are added just after the window first shows
_SUBSECTION = re.compile(r"^##\s|^[^\n]+\n-{2,}[ \t]*$", re.MULTILINE)  # "## Title", or "Title" over "---"


def _has_subsections(page: Page) -> bool:
    try:
        return bool(_SUBSECTION.search(page.markdown()))
    except GuideError:
        return False


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
        """One row a page; a page's subsections are filled when it is expanded or selected,
        so that start-up renders no page but the one shown. In a big pack, only the guide
        holding the first page lists its pages at start; the others do when expanded."""
        self.clear()
        self._items.clear()
        self._guides: dict[Guide, QTreeWidgetItem] = {}
        self._unfilled: set[str] = set()  # pages whose subsections are not listed yet
        self._rest: dict[QTreeWidgetItem, tuple[list[Page], bool]] = {}  # rows waiting for the first paint
        self._pack = pack
        pending = any(guide.pages_pending for guide in pack.guides)  # a big pack, still being listed
        small = not pending and sum(len(guide.pages) for guide in pack.guides) <= EAGER_SECTIONS_UP_TO
        # Rows of one line each let a long list skip measuring every title (long titles are cut short).
        self.setUniformRowHeights(not small)
        self.setWordWrap(small)
        home = pack.home
        for guide in pack.guides:
            top = QTreeWidgetItem(self, [guide.title])
            top.setToolTip(0, guide.title)
            top.setData(0, TARGET_ROLE, (guide.start, ""))
            self._guides[guide] = top
            if small or any(page.id == home for page in guide.pages[:1]) or guide.home == home:
                self._fill_guide(top, guide, small, later=True)
                top.setExpanded(True)
            elif guide.pages or guide.pages_pending:
                top.setData(0, GUIDE_ROLE, guide)
                top.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        for page in pack.app_pages:
            self._page_item(self.invisibleRootItem(), page, small)

    def _fill_guide(self, top: QTreeWidgetItem, guide: Guide, small: bool, later: bool = False) -> None:
        """A row for each page; with `later`, a long guide's rows past the first screens wait for
        the first paint (or for one of them to be looked up)."""
        top.setData(0, GUIDE_ROLE, None)
        pages = guide.pages
        if later and len(pages) > ROWS_BEFORE_PAINT:
            self._rest[top] = (pages[ROWS_BEFORE_PAINT:], small)
            pages = pages[:ROWS_BEFORE_PAINT]
            from guide_app.ui.first_paint import after_first_paint

            after_first_paint(self.viewport(), self._add_rest)
        top.addChildren([self._page_item(None, page, small) for page in pages])  # at once: twice as quick

    def _add_rest(self) -> None:
        rest, self._rest = self._rest, {}
        for top, (pages, small) in rest.items():
            top.addChildren([self._page_item(None, page, small) for page in pages])

    def add_entry(self, title: str, target: tuple[str, str], after: str | None = None) -> QTreeWidgetItem:
        """An entry of the app's own (the comparison, the sheet), at the top level."""
        item = QTreeWidgetItem([title])
        item.setData(0, TARGET_ROLE, target)
        self.addTopLevelItem(item)
        return item

    def _page_item(self, parent: QTreeWidgetItem | None, page: Page, small: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [page.title]) if parent is not None else QTreeWidgetItem([page.title])
        item.setData(0, TARGET_ROLE, (page.id, ""))
        self._items[(page.id, "")] = item
        self._unfilled.add(page.id)
        # A small pack's page files are read (not rendered) to tell whether an arrow is needed.
        if not small or _has_subsections(page):
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def item(self, page_id: str, anchor: str = "") -> QTreeWidgetItem | None:
        """The row of a page or of one of its subsections (filling the page's rows if needed)."""
        page_item = self._items.get((page_id, ""))
        if page_item is None and self._rest:
            self._add_rest()
            page_item = self._items.get((page_id, ""))
        if page_item is None:
            try:
                guide = self._pack.page(page_id).guide
            except GuideError:
                return None
            top = self._guides.get(guide) if guide is not None else None
            if top is not None:
                self._fill(top)
                page_item = self._items.get((page_id, ""))
        if anchor and page_item is not None:
            self._fill(page_item)
            return self._items.get((page_id, anchor))
        return page_item

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
        guide = item.data(0, GUIDE_ROLE)
        if guide is not None and item.childCount() == 0:
            self._pack.finish_loading()  # if the window has not yet done so
            self._fill_guide(item, guide, False)
            return
        target = item.data(0, TARGET_ROLE)
        if target and target[0] in self._unfilled and self._items.get((target[0], "")) is item:
            self._unfilled.discard(target[0])  # filled once, even when it has no subsections
            try:
                self._add_sections(item, self._pack.page(target[0]))
            except GuideError:
                pass

    def _activate(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, TARGET_ROLE)
        if target and target[0]:
            self.pageRequested.emit(*target)

    def select(self, page_id: str, anchor: str) -> None:
        """Show where the reader is, without emitting a request."""
        item = (self.item(page_id, anchor) if anchor else None) or self.item(page_id)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.scrollToItem(item)
            self.blockSignals(False)
