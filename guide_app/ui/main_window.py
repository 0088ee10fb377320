"""The main window: contents and search on the left, the page on the right."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from guide_app import APP_NAME, __version__
from guide_app.library import Library
from guide_app.ui.contents import ContentsTree
from guide_app.ui.first_paint import after_first_paint
from guide_app.ui.print_actions import PrintActions
from guide_app.ui.reader import DEFAULT_ZOOM, Reader
from guide_app.ui.search_panel import SearchPanel
from guide_app.ui.theme import THEMES, apply_focus_style, apply_theme, page_stylesheet

if TYPE_CHECKING:
    from guide_app.ui.banner import Banner
    from guide_app.ui.find_bar import FindBar


class MainWindow(QMainWindow):
    indexReady = Signal(object)

    def __init__(
        self,
        library: Library,
        family: str,
        *,
        start_page: str | None = None,
        base_point_size: float = 13.0,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.library = library
        self.remember = remember  # False in kiosk mode: nothing is written to settings
        # The theme is applied before any widget exists: restyling built widgets costs start-up time.
        remembered = QSettings().value("display/theme") if remember else None
        first_theme = remembered if remembered in THEMES else library.config.get("display", "theme")
        apply_theme(QGuiApplication.instance(), first_theme, focus_style=False)  # focus style: _finish_setup
        self.reset_hooks: list[Callable[[], None]] = []  # features add their own reset for the next visitor
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.family = family
        self.reader = Reader(
            library.pack, family, base_point_size, self, theme=first_theme if first_theme in THEMES else "light"
        )
        self.stack = QStackedWidget(self)  # the reader, or one of the app's own views (the comparison)
        self.stack.addWidget(self.reader)
        self.comparison_view = None  # built when first shown
        self._return_to: tuple[QWidget, tuple[str, str] | None] | None = None
        self._reader_can_go_back = False
        self.contents = ContentsTree(library.pack, self)
        self.search = SearchPanel(library._index, self)
        # Hidden at start, so built when first wanted or just after the first paint (first_paint.py).
        self._find_bar: FindBar | None = None
        self._banner: Banner | None = None
        self._notice: Banner | None = None

        left = QWidget(self)
        left.setObjectName("leftPanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.contents, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.stack, 1)
        self._right_layout = right_layout
        self.splitter = QSplitter(parent=self)  # QSplitter(self) would first try self as a Qt.Orientation
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 880])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.setup_finished = False  # True once what waits for the first paint is done (_finish_setup)
        self._build_actions()
        self.printing = PrintActions(self)
        for first, second in (
            (self.search.box, self.search.results),
            (self.search.results, self.contents),
            (self.contents, self.reader),
        ):
            QWidget.setTabOrder(first, second)
        tree = self.contents
        self._expanded_at_start = [tree.topLevelItem(r) for r in range(tree.topLevelItemCount())]
        self._expanded_at_start = [item for item in self._expanded_at_start if item.isExpanded()]
        self.contents.pageRequested.connect(self.open_page)
        self.search.resultActivated.connect(self.open_result)
        self.search.queryChanged.connect(self._query_changed)
        self.reader.pageChanged.connect(self._page_changed)
        self.reader.historyChanged.connect(self._history_changed)
        self.reader.externalLinkRequested.connect(self.show_external_link)
        self.reader.appLinkRequested.connect(self.open_app_link)
        self.compare_entry = self.contents.add_entry("Compare treatment programs", ("app:compare", ""))
        self.reader.loadFailed.connect(lambda message: self.notice.show_message(message))
        self.reader.zoomChanged.connect(self._zoom_changed)
        self.indexReady.connect(self._index_ready)
        after_first_paint(self.reader.viewport(), self._finish_setup)

        self.resize(1200, 800)
        self.theme = ""
        self.set_theme(first_theme, save=False)
        if remember:
            self._restore_settings()
        self._report_problems()
        self.go_home()
        if start_page:
            if library.pack.has_page(start_page):
                self.open_page(start_page, "")
            else:
                self.notice.show_message(f"There is no page with id “{start_page}”; showing the first page.")
        if library._index is None and library.cache_dir is None:
            QTimer.singleShot(0, self._prepare_index)
        elif library._index is None:  # after the first paint: a big pack's fingerprint takes a while
            after_first_paint(self.reader.viewport(), self._prepare_index)

    # -- actions -----------------------------------------------------------
    def _action(self, text: str, slot, shortcuts=(), tip: str = "", toolbar: bool = True) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip or text)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        keys: dict[str, QKeySequence] = {}
        for shortcut in shortcuts:
            sequences = (
                QKeySequence.keyBindings(shortcut)
                if isinstance(shortcut, QKeySequence.StandardKey)
                else [QKeySequence(shortcut)]
            )
            for sequence in sequences:
                keys.setdefault(sequence.toString(), sequence)  # no duplicates: Qt calls those ambiguous
        action.setShortcuts(list(keys.values()))
        self.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.toolbar = QToolBar("Navigation", self)
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setAccessibleName("Toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.back_action = self._action(
            "Back", self.go_back, [QKeySequence.StandardKey.Back, "Alt+Left"], "Back (Alt+Left)"
        )
        self.forward_action = self._action(
            "Forward", self.reader.forward, [QKeySequence.StandardKey.Forward, "Alt+Right"], "Forward (Alt+Right)"
        )
        self.home_action = self._action("Home", self.go_home, ["Alt+Home"], "First page (Alt+Home)")
        self.compare_action = self._action(
            "Compare programs", self.show_comparison, ["Ctrl+Shift+C"], "Compare the treatment programs (Ctrl+Shift+C)"
        )
        self.toolbar.addSeparator()
        self.find_action = self._action(
            "Find", self.open_find_bar, [QKeySequence.StandardKey.Find], "Find in page (Ctrl+F)"
        )
        self.zoom_out_action = self._action(
            "Smaller text",
            self.reader.zoom_out,
            [QKeySequence.StandardKey.ZoomOut, "Ctrl+-"],
            "Smaller text (Ctrl+minus)",
        )
        self.zoom_in_action = self._action(
            "Larger text",
            self.reader.zoom_in,
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"],
            "Larger text (Ctrl+plus)",
        )
        self.zoom_reset_action = self._action(
            "Normal size", self.reader.zoom_reset, ["Ctrl+0"], "Normal text size (Ctrl+0)"
        )
        self.search_action = self._action(
            "Search", self.search.focus, ["Ctrl+K", "/"], "Search the guide (Ctrl+K or /)", toolbar=False
        )
        self.quit_action = self._action("Quit", self.close, [QKeySequence.StandardKey.Quit], "Quit", toolbar=False)
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        QShortcut(QKeySequence("Escape"), self.search.results, self.search.clear)
        # The menu bar's titles now; what the menus hold once the window has painted (_fill_menus):
        # no one opens a menu before that, and it spares start-up some 2 ms.
        menu = self.menuBar()
        self.file_menu, self.go_menu = menu.addMenu("&File"), menu.addMenu("&Go")
        self.view_menu, self.help_menu = menu.addMenu("&View"), menu.addMenu("&Help")
        self.theme_menu = None
        self.theme_actions: QActionGroup | None = None
        for each in (self.file_menu, self.go_menu, self.view_menu, self.help_menu):
            each.aboutToShow.connect(self._fill_menus)

    def _fill_menus(self) -> None:
        if self.theme_actions is not None:
            return
        if self.file_menu.actions():  # the print entries, which PrintActions put in already
            self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        for action in (
            self.back_action,
            self.forward_action,
            self.home_action,
            self.compare_action,
            self.search_action,
        ):
            self.go_menu.addAction(action)
        for action in (self.find_action, self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.view_menu.addAction(action)
        self.theme_menu = self.view_menu.addMenu("&Theme")
        self.theme_actions = QActionGroup(self)
        for theme in THEMES.values():
            action = self.theme_menu.addAction(theme.label)
            action.setCheckable(True)
            action.setData(theme.name)
            action.setChecked(theme.name == self.theme)
            action.triggered.connect(lambda _checked=False, name=theme.name: self.set_theme(name))
            self.theme_actions.addAction(action)
        self.help_menu.addAction(self._action("About Clinic Guide", self.show_about, toolbar=False))

    def _finish_setup(self) -> None:
        """What can wait for the first paint: each costs start-up time (an application-wide
        event filter makes Qt wrap every object and event it sees for Python)."""
        # Mouse back/forward anywhere in the window: filtered on the window's own QWindow, which every
        # mouse event of the window passes through. (An application-wide filter would make PySide wrap
        # every object and event Qt handles, and leaks a little on each: a kiosk day adds up.)
        handle = self.windowHandle()
        if handle is not None:  # None when the window never showed (the latest-by timer ran instead)
            handle.installEventFilter(self)
        self.reader.finish_setup()
        apply_focus_style(QGuiApplication.instance(), self.theme)
        self._fill_menus()
        self.find_bar  # noqa: B018 (built now, so that Ctrl+F never waits)
        # Drawn the same without it (no action has an icon), but said: the buttons are text.
        self.toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.toolbar.actions():
            widget = self.toolbar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(action.text())
                widget.setAccessibleDescription(action.toolTip())
        self.setup_finished = True

    # -- parts built when first wanted ----------------------------------------
    @property
    def find_bar(self) -> FindBar:
        if self._find_bar is None:
            from guide_app.ui.find_bar import FindBar

            bar = FindBar(self.reader, self)
            bar.hide()
            self._right_layout.addWidget(bar)
            QWidget.setTabOrder(self.reader, bar.edit)
            self._find_bar = bar
        return self._find_bar

    def open_find_bar(self) -> None:
        self.find_bar.open_bar()

    @property
    def banner(self) -> Banner:
        """Says what could not be loaded, above the page."""
        if self._banner is None:
            from guide_app.ui.banner import Banner

            self._banner = Banner(self)
            self._right_layout.insertWidget(0, self._banner)
        return self._banner

    @property
    def notice(self) -> Banner:
        """Passing notices (a missing page, a website's address), just above the page."""
        if self._notice is None:
            from guide_app.ui.banner import Banner

            self._notice = Banner(self)
            self._notice.setObjectName("notice")
            self._right_layout.insertWidget(self._right_layout.indexOf(self.stack), self._notice)
        return self._notice

    # -- navigation --------------------------------------------------------
    def go_home(self) -> None:
        home = self.library.pack.home
        if home:
            self.open_page(home, "")
        else:
            self.reader.setHtml("<h1>No pages to show</h1><p>No guide could be loaded. Ask clinic staff for help.</p>")

    def open_page(self, page_id: str, anchor: str = "") -> None:
        if page_id.startswith("app:"):  # the app's own views in the contents (the sheet, ...)
            self.reader.appLinkRequested.emit(page_id[4:])
            return
        self.reader.open(page_id, anchor)

    def open_sheet_preview(self) -> None:
        self.printing.open_sheet_preview()

    def print_current_page(self) -> None:
        self.printing.print_current_page()

    def open_result(self, page_id: str, anchor: str, terms: list) -> None:
        self.reader.open(page_id, anchor, terms)
        self.reader.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def _page_changed(self, page_id: str, anchor: str) -> None:
        if self._return_to is not None and self._return_to[1] != (page_id, anchor):
            self._return_to = None
        self.show_reader((page_id, anchor))  # the reader's history is updated only after this signal

    def _history_changed(self, back: bool, forward: bool) -> None:
        self._reader_can_go_back = back
        self._update_back()
        self._set_enabled(self.forward_action, forward)

    def _update_back(self) -> None:
        in_view = self.stack.currentWidget() is not self.reader
        self._set_enabled(self.back_action, in_view or self._return_to is not None or self._reader_can_go_back)

    def _set_enabled(self, action: QAction, enabled: bool) -> None:
        """Turn an action on or off as pages change; see action_state for why not setEnabled."""
        from guide_app.ui.action_state import set_enabled

        set_enabled(action, enabled, self.toolbar)

    # -- the app's own views (app: links) ------------------------------------
    def open_app_link(self, name: str) -> None:
        if name == "compare":
            self.show_comparison()
        elif self.library.pack.has_page(name):
            self.open_page(name, "")

    def show_view(self, view: QWidget, title: str) -> None:
        """Show one of the app's own views in place of the reader; Back returns to the reader."""
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find_bar.close_bar()
        self.stack.setCurrentWidget(view)
        self._set_page_actions(False)
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self._update_back()

    def show_reader(self, shown: tuple[str, str] | None = None) -> None:
        self.stack.setCurrentWidget(self.reader)
        self._set_page_actions(True)
        page, current = self.reader.page, shown or self.reader.current
        self.setWindowTitle(f"{page.title} — {APP_NAME}" if page else APP_NAME)
        if current:
            self.contents.select(*current)
        self._update_back()

    def _set_page_actions(self, enabled: bool) -> None:
        """Find, Print and Save page act on the page: off while a view of the app's own shows (it has its own)."""
        for action in (self.find_action, self.printing.print_action, self.printing.save_pdf_action):
            self._set_enabled(action, enabled)

    def go_back(self) -> None:
        """Back from a view to the reader; from a section opened by a view, back to that view."""
        if self.stack.currentWidget() is not self.reader:
            self.show_reader()
        elif self._return_to is not None and self.reader.current == self._return_to[1]:
            self._back_to_view(self._return_to[0])
        else:
            self.reader.back()

    def _back_to_view(self, view: QWidget) -> None:
        self._return_to = None
        self.notice.dismiss()
        self.show_view(view, view.accessibleName())
        view.focus_table()

    def show_comparison(self) -> None:
        if self.comparison_view is None and not self._build_comparison():
            return
        view = self.comparison_view
        self.show_view(view, view.accessibleName())
        self.contents.setCurrentItem(self.compare_entry)
        view.focus_table()

    def _build_comparison(self) -> bool:
        from guide_app.comparison.table import Comparison, programs_of
        from guide_app.ui.comparison_view import ComparisonView

        table, problems = programs_of(self.library.pack)
        if problems:
            self.notice.show_message("Part of the program comparison could not be used:", [str(p) for p in problems])
        if table is None:
            if not problems:
                self.notice.show_message("This guide has no program comparison.")
            return False
        view = ComparisonView(Comparison(table), self.library.config, self.family, self.reader.point_size(), self)
        view.sourceRequested.connect(self._open_from_view)
        view.backRequested.connect(self.go_back)
        self.reader.zoomChanged.connect(lambda _step: view.set_point_size(self.reader.point_size()))
        self.stack.addWidget(view)
        self.comparison_view = view
        self.reset_hooks.append(view.reset)
        return True

    def _open_from_view(self, page_id: str, anchor: str) -> None:
        view = self.stack.currentWidget()
        if self.reader.open(page_id, anchor):
            self._return_to = (view, self.reader.current)
            self._update_back()
            self.notice.show_message(
                f"Opened from “{view.accessibleName()}”.",
                actions={"Back to the comparison": lambda: self._back_to_view(view)},
            )
            self.reader.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def _query_changed(self, text: str) -> None:
        self.contents.setVisible(not text.strip())
        if not text.strip():
            self.reader.clear_search_highlights()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonPress and watched is self.windowHandle():
            if event.button() == QtCore.Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == QtCore.Qt.MouseButton.ForwardButton:
                self.reader.forward()
                return True
        return super().eventFilter(watched, event)

    def reset_for_next_visitor(self) -> None:
        """Leave nothing of the last visitor: windows, typed text, pages, history, zoom, notices, clipboard."""
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible():
                widget.close()  # dialogs, previews, menus, tooltips
        try:
            for hook in self.reset_hooks:
                hook()
        finally:
            if self._find_bar is not None:
                self._find_bar.close_bar()
                self._find_bar.edit.setText("")  # setText, unlike clear(), also empties the undo history
            self.search.box.setText("")
            self.reader.zoom_reset()
            self.reader.forget_pages()  # nothing laid out for the last visitor stays in memory
            self.contents.collapseAll()
            for item in self._expanded_at_start:
                item.setExpanded(True)
            self.contents.scrollToTop()
            self.go_home()
            self.reader.clear_history()
            self.reader.setTextCursor(QtGui.QTextCursor(self.reader.document()))
            self.reader.horizontalScrollBar().setValue(0)
            self.notice.dismiss()
            self.notice.setAccessibleDescription("")
            clipboard = QGuiApplication.clipboard()
            clipboard.clear(QtGui.QClipboard.Mode.Clipboard)
            if clipboard.supportsSelection():
                clipboard.clear(QtGui.QClipboard.Mode.Selection)
            self.reader.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    # -- search index ------------------------------------------------------
    def _prepare_index(self) -> None:
        """Open the cached index, or build a missing one, without freezing the window."""
        if self.library.pack.finish_loading():  # a big pack's other guides: their problems too
            self._report_problems()
        cache = self.library.cache_dir
        if cache is None:
            self._index_ready(self.library.index)  # in memory (tests, no cache folder)
            return

        from guide_app.search.index import SearchIndex

        def build() -> None:
            try:
                index = SearchIndex.for_pack(self.library.pack, cache)
            except Exception as error:  # noqa: BLE001 — reported in the window, never a traceback
                index = error
            try:
                self.indexReady.emit(index)
            except RuntimeError:
                pass  # the window was closed (the app ended) while the index was being built

        import threading

        threading.Thread(target=build, name="index-build", daemon=True).start()

    def _index_ready(self, index) -> None:
        if isinstance(index, Exception):
            self.notice.show_message(f"Search is unavailable: {index}")
            return
        self.library.set_index(index)
        self.search.set_index(index)
        self._report_problems()

    # -- messages ----------------------------------------------------------
    def _report_problems(self) -> None:
        index = self.library._index
        skipped = index.problems if index is not None else []
        details = [str(p) for p in self.library.config.problems + self.library.pack.problems + skipped]
        if details:
            self.banner.show_message(
                "Some settings or pages could not be used. Everything else works as usual:", details
            )

    def show_external_link(self, url: str) -> None:
        self.notice.show_message(
            f"This link leads outside the guide, to a website. This app does not open websites.\nAddress: {url}",
            actions={"Copy address": lambda: QGuiApplication.clipboard().setText(url)},
        )

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nAn offline guide. The article it carries is shown word for word; "
            "see the “About this guide” page for its source.",
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- settings ----------------------------------------------------------
    def set_theme(self, name: str, save: bool = True) -> None:
        name = name if name in THEMES else "light"
        if name == self.theme:
            return
        self.theme = name
        apply_theme(QGuiApplication.instance(), name)
        self.reader.set_page_stylesheet(page_stylesheet(name))
        for action in self.theme_actions.actions() if self.theme_actions is not None else ():
            action.setChecked(action.data() == name)
        if save and self.remember:
            QSettings().setValue("display/theme", name)

    def _zoom_changed(self, step: int) -> None:
        if self.remember:
            QSettings().setValue("reader/zoom", step)

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        try:
            self.reader.set_zoom(int(settings.value("reader/zoom", DEFAULT_ZOOM)))
        except (TypeError, ValueError):
            pass

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.remember:
            QSettings().setValue("window/geometry", self.saveGeometry())
        if self.windowHandle() is not None:
            self.windowHandle().removeEventFilter(self)
        super().closeEvent(event)
