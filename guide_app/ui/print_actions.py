"""The window's print entries: the sheet, File > Print… and File > Save page as PDF….

Apart from the previews themselves (print_ui), so that Qt's print support loads when a
person first prints, not at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from guide_app.errors import GuideError

if TYPE_CHECKING:
    from guide_app.printing.handout import Handout
    from guide_app.ui.print_ui import HandoutPreview


class PrintActions(QObject):
    """The window's printing: the sheet entry, File > Print… and File > Save page as PDF…"""

    SHEET_LINK = "sheet"

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.preview: HandoutPreview | None = None
        self.sheet_action = self._action(
            "Withdrawal symptoms sheet", self.open_sheet_preview, (), "Print or save the withdrawal symptoms sheet"
        )
        self.print_action = self._action(
            "Print…",
            self.print_current_page,
            (QKeySequence.StandardKey.Print,),
            "Print this page as a handout (Ctrl+P)",
        )
        self.save_pdf_action = self._action(
            "Save page as PDF…", self.save_current_page, (), "Save this page as a PDF handout"
        )
        menu = window.file_menu
        first = menu.actions()[0] if menu.actions() else None
        for action in (self.sheet_action, self.print_action, self.save_pdf_action):
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
        window.toolbar.addSeparator()
        window.toolbar.addAction(self.sheet_action)
        button = window.toolbar.widgetForAction(self.sheet_action)
        if button is not None:
            button.setAccessibleName(self.sheet_action.text())
            button.setAccessibleDescription(self.sheet_action.toolTip())
        window.reader.appLinkRequested.connect(self._app_link)
        if hasattr(window, "reset_hooks"):
            window.reset_hooks.append(self._forget_preview)
        window.contents.add_entry("Withdrawal symptoms sheet", (f"app:{self.SHEET_LINK}", ""))

    def _action(self, text: str, slot, keys, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _app_link(self, name: str) -> None:
        if name == self.SHEET_LINK:
            self.open_sheet_preview()

    def _open(self, item: Handout) -> HandoutPreview:
        from guide_app.ui.print_ui import HandoutPreview
        from guide_app.ui.window_focus import drop_stale_focus_connection

        if self.preview is None:
            self.preview = HandoutPreview(item, self.window.library.config, self.window)
            self.preview.destroyed.connect(lambda *_: setattr(self, "preview", None))
        else:
            self.preview.show_item(item)  # one preview, reused: see HandoutPreview.show_item
            drop_stale_focus_connection(self.preview)  # left by its last closing
        self.preview.open()
        return self.preview

    def _forget_preview(self) -> None:
        """Between kiosk visitors: the kept preview closes and no longer names what was shown."""
        if self.preview is not None:
            self.preview.close()
            self.preview.setWindowTitle("Print preview")

    def open_sheet_preview(self) -> HandoutPreview | None:
        from guide_app.printing.sheet import sheet_handout
        from guide_app.ui.print_ui import _sentence, tell

        try:
            item = sheet_handout(self.window.library.pack, self.window.library.config)
        except GuideError as error:
            tell(
                self.window,
                "No symptoms sheet",
                f"The withdrawal symptoms sheet cannot be shown.\n\n{_sentence(error)}",
            )
            return None
        return self._open(item)

    def print_current_page(self) -> HandoutPreview | None:
        from guide_app.printing.handout import page_handout

        page = self.window.reader.page
        if page is None:
            return None
        return self._open(page_handout(page, self.window.library.config))

    def save_current_page(self) -> Path | None:
        from guide_app.printing import handout
        from guide_app.ui.print_ui import save_pdf

        page = self.window.reader.page
        if page is None:
            return None
        config = self.window.library.config
        return save_pdf(
            self.window, handout.page_handout(page, config), config, handout.default_page_size(config), False
        )
