"""Kiosk mode: the window locked to full screen, a fresh start for every visitor, the staff exit.

One controller over an ordinary main window: it refuses every way out but the admin PIN, watches
for input to reset an idle screen, and makes the window comfortable for fingers.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCursor, QFont, QKeyEvent, QKeySequence
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPageSetupDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QPushButton,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.clinic.details import GET_HELP_ID
from guide_app.kiosk.pin import PinGuard
from guide_app.kiosk.settings import EXIT_ADMIN, KIOSK_POINT_SIZE, KIOSK_UI_POINT_SIZE, KioskSettings
from guide_app.paths import resource
from guide_app.ui.idle_notice import IdleNotice
from guide_app.ui.keyboard import OnScreenKeyboard
from guide_app.ui.kiosk_print import KioskPrinting
from guide_app.ui.pin_prompt import PinPrompt
from guide_app.ui.print_ui import HandoutPreview

E = QEvent.Type
INPUT_EVENTS = {
    E.KeyPress,
    E.MouseButtonPress,
    E.MouseButtonDblClick,
    E.MouseMove,
    E.Wheel,
    E.TouchBegin,
    E.TouchUpdate,
    E.TabletPress,
}
DRAG_EVENTS = {E.DragEnter, E.DragMove, E.Drop}
MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.MetaModifier
)
CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
ADMIN_KEYS = "Ctrl+Shift+Alt+Q"
FINISHED = "I'm finished"
GET_HELP = "Get help"
W = Qt.WindowType
# Windows the kiosk locks (dialogs, previews, messages); menus, pop-ups and tooltips have no frame anyway.
LOCKED_TYPES = {W.Window, W.Dialog, W.Sheet, W.Drawer, W.Tool}
NO_FRAME_OR_BUTTONS = W.FramelessWindowHint | W.WindowStaysOnTopHint
FRAME_BUTTONS = (
    W.WindowTitleHint
    | W.WindowSystemMenuHint
    | W.WindowMinimizeButtonHint
    | W.WindowMaximizeButtonHint
    | W.WindowCloseButtonHint
    | W.WindowContextHelpButtonHint
    | W.WindowShadeButtonHint
)
SELECT_OR_COPY = (QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)
BRING_BACK_MS = 150  # a short wait, so that the window manager has finished what it was doing
UNSELECTABLE = ~(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
EXTERNAL_LINK = "This link leads to a website outside the guide. The guide does not open websites."


def is_admin_keys(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Q and (event.modifiers() & MODIFIERS) == CTRL | SHIFT | ALT


def is_select_or_copy(event: QKeyEvent) -> bool:
    """Select all, copy and cut: nothing is selected or copied at a kiosk (text or a page to carry away)."""
    return any(event.matches(key) for key in SELECT_OR_COPY)


def is_way_out(event: QKeyEvent) -> bool:
    """Keys that close a window or leave full screen somewhere: Ctrl+Q, Ctrl+W, Alt/Ctrl+F4, F11."""
    key, mods = event.key(), event.modifiers() & MODIFIERS
    if key == Qt.Key.Key_F11:
        return True
    if key == Qt.Key.Key_F4 and mods & (ALT | CTRL):
        return True
    return key in (Qt.Key.Key_Q, Qt.Key.Key_W) and bool(mods & CTRL) and not mods & ALT


class KioskController(QObject):
    """Apply with `apply()` before the window is first shown; `release()` gives the app back."""

    def __init__(
        self,
        window,
        settings: KioskSettings,
        *,
        exit_app: Callable[[int], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.exit_app = exit_app
        self.guard = PinGuard(settings.pin, clock)
        self.leaving = False
        self.prompt: PinPrompt | None = None
        self._saved: dict[str, object] = {}
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(settings.idle_reset_seconds * 1000)
        self._idle.timeout.connect(self._idle_timeout)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._count_down)
        self._seconds_left = 0
        self.notice = IdleNotice(window)
        self.notice.continue_button.clicked.connect(self._activity)
        self.keyboard = OnScreenKeyboard() if settings.on_screen_keyboard else None
        self.finished_button = QPushButton(FINISHED)
        self.finished_button.setObjectName("finishedButton")
        self.finished_button.setAccessibleName(FINISHED)
        self.finished_button.setAccessibleDescription("Clear everything and start again for the next person")
        self.finished_button.setToolTip("Clear everything and start again for the next person")
        self.finished_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap leaves the focus where it was
        self.finished_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # never clipped
        self.finished_button.clicked.connect(self.reset)
        self.help_action = QAction(GET_HELP, window)
        self.help_action.setToolTip("Who to call, and where to get help now")
        self.help_action.triggered.connect(self.open_get_help)
        self._bring_back_timer = QTimer(self)
        self._bring_back_timer.setSingleShot(True)
        self._bring_back_timer.setInterval(BRING_BACK_MS)
        self._bring_back_timer.timeout.connect(self.bring_back)
        self.scroll_areas: list[QWidget] = []
        self.printing = KioskPrinting(window, settings.allow_print, printed_copy=settings.printed_copy)

    # -- lockdown ----------------------------------------------------------
    def apply(self) -> None:
        app = QApplication.instance()
        w = self.window
        w.setWindowFlags((w.windowFlags() | NO_FRAME_OR_BUTTONS) & ~FRAME_BUTTONS)  # no title bar, on top
        w.setWindowState(Qt.WindowState.WindowFullScreen)  # before show: full screen from the first frame
        w.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        w.setAcceptDrops(False)
        w.menuBar().hide()
        self._remove_ways_out()
        self.printing.apply()
        self._saved = {
            "style": app.styleSheet(),
            "font": QFont(app.font()),
            "quit_on_close": app.quitOnLastWindowClosed(),
            "native_dialogs": QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs),
        }
        app.setQuitOnLastWindowClosed(False)
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)  # all catchable
        app.setFont(QFont(app.font().family(), KIOSK_UI_POINT_SIZE))
        app.setStyleSheet(app.styleSheet() + "\n" + resource("styles", "kiosk.qss").read_text(encoding="utf-8"))
        if self.settings.hide_cursor:
            app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        self._make_touch_friendly()
        w.reader.externalLinkRequested.disconnect(w.show_external_link)
        w.reader.externalLinkRequested.connect(self._external_link)
        w.reset_hooks.append(self._reset_own)
        w.reader.setFocus(Qt.FocusReason.OtherFocusReason)
        app.installEventFilter(self)

    def release(self) -> None:
        """Undo what apply() did to the application (the window itself stays locked)."""
        app = QApplication.instance()
        app.removeEventFilter(self)
        self._idle.stop()
        self._countdown.stop()
        self._bring_back_timer.stop()
        if not self._saved:
            return
        app.setStyleSheet(self._saved["style"])
        app.setFont(self._saved["font"])
        app.setQuitOnLastWindowClosed(self._saved["quit_on_close"])
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, self._saved["native_dialogs"])
        if self.settings.hide_cursor:
            app.restoreOverrideCursor()
        self._saved = {}

    def _remove_ways_out(self) -> None:
        w = self.window
        w.quit_action.setEnabled(False)
        w.quit_action.setVisible(False)
        for action in w.findChildren(QAction):
            keys = [k for k in action.shortcuts() if not _is_way_out_sequence(k)]
            if len(keys) != len(action.shortcuts()):
                action.setShortcuts(keys)

    def leave(self, code: int = EXIT_ADMIN) -> None:
        """End the app with `code`: the admin PIN, or a shutdown signal."""
        self.leaving = True
        self.release()
        self.exit_app(code)

    # -- touch -------------------------------------------------------------
    def _make_touch_friendly(self) -> None:
        w = self.window
        w.reader.set_base_point_size(KIOSK_POINT_SIZE)
        # Links work with a tap; a drag scrolls instead of selecting text (nothing to drag out or copy),
        # also after the first paint, when the reader would otherwise turn selection on.
        w.reader.set_links_only()
        w.search.box.setPlaceholderText("Search the guide")
        w.contents.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        w.contents.itemClicked.connect(self._toggle_row)  # the arrows are too small for a finger
        self._get_help_first()
        screen = w.screen().availableGeometry().width() if w.screen() else 1280
        left = max(360, screen // 3)
        w.splitter.setSizes([left, screen - left])
        for area in (w.reader, w.search.results, w.contents):
            self._scroll_by_drag(area.viewport())
            self.scroll_areas.append(area.viewport())
        # "I'm finished" has a toolbar of its own at the right: when the window is narrow the
        # main toolbar folds its last buttons into a "»" menu, but this one is never cut off.
        w.zoom_reset_action.setVisible(False)  # the reset between visitors restores the text size
        visitor_bar = QToolBar("Visitor", w)
        visitor_bar.setObjectName("visitorBar")
        visitor_bar.setMovable(False)
        visitor_bar.setFloatable(False)
        visitor_bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        visitor_bar.addWidget(self.finished_button)
        self.finished_button.ensurePolished()
        self.finished_button.setMinimumWidth(self.finished_button.sizeHint().width())
        # Get help, one tap away from every screen: first on the toolbar (a narrow screen folds the
        # toolbar's last buttons into a "»" menu, never its first), and first in the contents.
        first = w.toolbar.actions()[0] if w.toolbar.actions() else None
        w.toolbar.insertAction(first, self.help_action)
        self.help_button = w.toolbar.widgetForAction(self.help_action)
        self.help_button.setObjectName("getHelpButton")
        self.help_button.setAccessibleName(GET_HELP)
        self.help_button.setAccessibleDescription(self.help_action.toolTip())
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, visitor_bar)
        self.visitor_bar = visitor_bar
        if self.keyboard is not None:
            # The keyboard goes under everything else, across the bottom of the window.
            body = w.takeCentralWidget()
            holder = QWidget(w)
            holder.setObjectName("kioskBody")
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            layout.addWidget(body, 1)
            layout.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignHCenter)
            w.setCentralWidget(holder)
            self.keyboard.attach(w.search.box)
            self.keyboard.attach(w.find_bar.edit)
            w.search.resultActivated.connect(lambda *_: self.keyboard.hide_keyboard())
            # Out of the way once the visitor turns to reading: another page, or the comparison.
            w.stack.currentChanged.connect(lambda *_: self.keyboard.hide_keyboard())
            w.contents.pageRequested.connect(lambda *_: self.keyboard.hide_keyboard())
            w.find_bar.closed.connect(self._find_closed)
            w.find_action.triggered.connect(self._find_opened)

    @staticmethod
    def _scroll_by_drag(viewport: QWidget) -> None:
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(viewport)
        properties = scroller.scrollerProperties()
        off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
        scroller.setScrollerProperties(properties)

    def _find_opened(self) -> None:
        if self.keyboard is not None and self.window.find_bar.isVisible():
            self.keyboard.show_for(self.window.find_bar.edit)

    @staticmethod
    def _toggle_row(item: QTreeWidgetItem) -> None:
        if item.childCount() or item.childIndicatorPolicy() == QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator:
            item.setExpanded(not item.isExpanded())

    def _get_help_first(self) -> None:
        contents = self.window.contents
        item = contents.item(GET_HELP_ID)
        index = contents.indexOfTopLevelItem(item) if item is not None else -1
        if index > 0:
            contents.insertTopLevelItem(0, contents.takeTopLevelItem(index))

    def open_get_help(self) -> None:
        if self.window.library.pack.has_page(GET_HELP_ID):
            self.window.open_page(GET_HELP_ID)
        if self.keyboard is not None:
            self.keyboard.hide_keyboard()

    def _find_closed(self) -> None:
        if self.keyboard is not None and self.keyboard.target is self.window.find_bar.edit:
            self.keyboard.hide_keyboard()

    def _external_link(self, url: str) -> None:
        self.window.notice.show_message(f"{EXTERNAL_LINK}\nAddress: {url}")

    # -- idle reset --------------------------------------------------------
    def _activity(self) -> None:
        if self._countdown.isActive() or self.notice.isVisible():
            self._countdown.stop()
            self.notice.hide()
        self._idle.start()

    def _idle_timeout(self) -> None:
        if self.settings.countdown_seconds <= 0:
            self.reset()
            return
        self._seconds_left = self.settings.countdown_seconds
        self.notice.show_seconds(self._seconds_left)
        self._countdown.start()

    def _count_down(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self.reset()
        else:
            self.notice.show_seconds(self._seconds_left)

    @property
    def idle_timer_running(self) -> bool:
        return self._idle.isActive()

    def reset(self) -> None:
        """Start again for the next visitor; the idle timer waits for the next touch.

        Every menu, pop-up, dialog and the keyboard closes first; then the first page, full screen, on top."""
        self._idle.stop()
        self._countdown.stop()
        self.notice.hide()
        for _ in range(20):  # a pop-up over a pop-up (a menu's submenu) closes one at a time
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        if self.keyboard is not None:
            self.keyboard.hide_keyboard()
        self.window.reset_for_next_visitor()
        self.bring_back(force=True)

    def _reset_own(self) -> None:
        if self.keyboard is not None:
            self.keyboard.hide_keyboard()
        for viewport in self.scroll_areas:
            QScroller.scroller(viewport).stop()

    # -- staff exit --------------------------------------------------------
    def open_admin_prompt(self) -> PinPrompt:
        if self.prompt is None:
            self.prompt = PinPrompt(self.guard, self.window)
            self.prompt.accepted.connect(lambda: self.leave(EXIT_ADMIN))
            self.prompt.finished.connect(self._prompt_closed)
            self.prompt.open()
        self.prompt.raise_()
        self.prompt.activateWindow()
        return self.prompt

    def _prompt_closed(self) -> None:
        self.prompt = None  # the prompt deletes itself on closing (WA_DeleteOnClose)

    # -- every event in the app passes here --------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in INPUT_EVENTS and event.spontaneous():
            self._activity()
        if kind in (E.KeyPress, E.ShortcutOverride):
            if is_admin_keys(event):
                if kind == E.KeyPress:
                    self.open_admin_prompt()
                event.accept()
                return True
            if is_way_out(event) or is_select_or_copy(event):
                event.accept()  # accepted as an override: no shortcut runs; the key press is then dropped
                return True
        elif kind == E.ContextMenu:
            return True
        elif kind in DRAG_EVENTS:
            event.ignore()
            return True
        elif watched is self.window and kind == E.Close and not self.leaving:
            event.ignore()
            return True
        elif watched is self.window and kind in (E.WindowStateChange, E.Hide, E.WindowDeactivate):
            self._bring_back_timer.start()  # minimised, un-fullscreened, hidden, or covered by another window
        elif (
            kind == E.ApplicationStateChange
            and QApplication.applicationState() != Qt.ApplicationState.ApplicationActive
        ):
            self._bring_back_timer.start()
        elif kind == E.Polish and watched.isWidgetType():
            self._polish(watched)
        elif kind == E.WindowStateChange and watched.isWidgetType() and watched.isWindow():
            if watched.windowState() & Qt.WindowState.WindowMinimized:  # a dialog minimised: back at once
                watched.setWindowState(watched.windowState() & ~Qt.WindowState.WindowMinimized)
                QTimer.singleShot(0, watched.show)
        elif kind == E.Show and isinstance(watched, (QFileDialog, QAbstractPrintDialog, QPageSetupDialog)):
            QTimer.singleShot(0, watched.reject)  # no file or printer dialog, whatever opened it
        elif kind == E.Show and watched.isWidgetType() and watched.isWindow() and watched is not self.window:
            if self._lock(watched):  # polished before kiosk mode began: shown again, now without a frame
                QTimer.singleShot(0, watched.show)
            if isinstance(watched, HandoutPreview):
                self.printing.adapt_preview(watched)
        elif kind == E.Show and watched is getattr(self.window, "comparison_view", None):
            watched.set_outputs(printing=self.settings.allow_print, files=False)  # no file dialogs at a kiosk
            QTimer.singleShot(0, self._comparison_at_top)
        return False

    def _polish(self, widget: QWidget) -> None:
        if widget.isWindow() and widget is not self.window:
            self._lock(widget)  # before its window exists: shown without a frame from the first frame
        elif isinstance(widget, (QLabel, QTextEdit)) and widget is not self.window.reader:
            # Nothing selects at a kiosk: a drag scrolls; links still work with a tap.
            widget.setTextInteractionFlags(widget.textInteractionFlags() & UNSELECTABLE)

    @staticmethod
    def _lock(window: QWidget) -> bool:
        """No title bar, no minimise or close button, on top: True if the flags had to change."""
        flags = window.windowFlags()
        if window.windowType() not in LOCKED_TYPES:
            return False
        locked = (flags | NO_FRAME_OR_BUTTONS) & ~FRAME_BUTTONS
        if locked == flags:
            return False
        window.setWindowFlags(locked)
        return True

    def _comparison_at_top(self) -> None:
        view = self.window.comparison_view
        if view is not None and view.isVisible():
            view.scroll.verticalScrollBar().setValue(0)  # "Back to the guide" in view

    def open_windows(self) -> list[QWidget]:
        """The app's windows on screen besides the main window (dialogs, previews, the notice)."""
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w is not self.window and w.isVisible() and w.windowType() in LOCKED_TYPES
        ]

    def bring_back(self, force: bool = False) -> None:
        """Full screen, not minimised, shown, on top: at once after the window manager (or a visitor) moved
        it, and at every reset. The app's own dialogs stay above it; the active one keeps the focus."""
        if self.leaving:
            return
        w = self.window
        state = w.windowState()
        moved = bool(state & Qt.WindowState.WindowMinimized or not state & Qt.WindowState.WindowFullScreen)
        if moved:
            w.setWindowState(Qt.WindowState.WindowFullScreen)
        if not w.isVisible():
            w.show()
            moved = True
        if force or moved or QApplication.activeWindow() is None:
            w.raise_()
            modal = QApplication.activeModalWidget()
            for other in self.open_windows():
                if other is not modal:
                    other.raise_()
            if modal is not None and modal.isVisible():
                modal.raise_()
                modal.activateWindow()
            else:
                w.activateWindow()


def _is_way_out_sequence(sequence: QKeySequence) -> bool:
    if sequence.count() != 1:
        return False
    combination = sequence[0]
    event = QKeyEvent(E.KeyPress, combination.key(), combination.keyboardModifiers())
    return is_way_out(event)


def start_kiosk(window, settings: KioskSettings, exit_app: Callable[[int], None]) -> KioskController:
    """Lock `window` down before it is shown."""
    controller = KioskController(window, settings, exit_app=exit_app)
    controller.apply()
    return controller
