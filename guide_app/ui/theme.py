"""Light, dark and high-contrast themes: a palette for the widgets, a stylesheet for the page."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from guide_app.paths import resource


class Theme(NamedTuple):  # a record; NamedTuple: a tenth of a frozen dataclass's start-up cost
    name: str
    label: str
    window: str
    base: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    disabled: str
    page_css: str = ""  # added after page.css


THEMES = {
    "light": Theme(
        "light", "Light", "#f3f3f3", "#ffffff", "#1a1a1a", "#e9e9e9", "#1f6fb2", "#ffffff", "#0b5394", "#8a8a8a"
    ),
    "dark": Theme(
        "dark",
        "Dark",
        "#202326",
        "#16181a",
        "#e8e8e8",
        "#2d3135",
        "#4a90d9",
        "#000000",
        "#8cc4ff",
        "#8f8f8f",
        "theme-dark.css",
    ),
    "high-contrast": Theme(
        "high-contrast",
        "High contrast",
        "#000000",
        "#000000",
        "#ffffff",
        "#000000",
        "#ffff00",
        "#000000",
        "#ffff00",
        "#c0c0c0",
        "theme-high-contrast.css",
    ),
}
FOCUS_CSS = {
    "light": "QWidget:focus { outline: none; } QLineEdit:focus, QTreeView:focus, QListView:focus, QTextBrowser:focus, QTableView:focus { border: 2px solid #1f6fb2; } QToolButton:focus, QPushButton:focus { border: 2px solid #1f6fb2; border-radius: 3px; }",
    "dark": "QLineEdit:focus, QTreeView:focus, QListView:focus, QTextBrowser:focus, QTableView:focus { border: 2px solid #4a90d9; } QToolButton:focus, QPushButton:focus { border: 2px solid #4a90d9; border-radius: 3px; }",
    "high-contrast": "QLineEdit:focus, QTreeView:focus, QListView:focus, QTextBrowser:focus, QTableView:focus { border: 3px solid #ffff00; } QToolButton:focus, QPushButton:focus { border: 3px solid #ffff00; } QLineEdit, QTreeView, QListView, QTableView { border: 1px solid #ffffff; }",
}


def page_stylesheet(theme_name: str) -> str:
    theme = THEMES.get(theme_name, THEMES["light"])
    css = resource("styles", "page.css").read_text(encoding="utf-8")
    if theme.page_css:
        css += "\n" + resource("styles", theme.page_css).read_text(encoding="utf-8")
    return css


def palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for roles, colour in (
        ((role.Window,), theme.window),
        ((role.Base, role.ToolTipBase), theme.base),
        ((role.AlternateBase,), theme.button),
        ((role.WindowText, role.Text, role.ButtonText, role.ToolTipText, role.BrightText), theme.text),
        ((role.Button,), theme.button),
        ((role.Highlight,), theme.highlight),
        ((role.HighlightedText,), theme.highlighted_text),
        ((role.Link,), theme.link),
        ((role.PlaceholderText,), theme.disabled),
    ):
        for r in roles:
            palette.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, QColor(theme.disabled))
    return palette


def apply_theme(app: QApplication, theme_name: str, *, focus_style: bool = True) -> Theme:
    """Set the widgets' palette and focus style; the reader takes `page_stylesheet` itself.

    `focus_style=False` leaves the focus style to `apply_focus_style` (the window, just after its
    first paint: nothing has focus before, and an application stylesheet slows every widget built)."""
    theme = THEMES.get(theme_name, THEMES["light"])
    if app.property("guideTheme") == theme.name:
        return theme  # restyling repolishes every widget: only when something changes
    if not app.property("guideFusion"):
        if app.style().name().lower() != "fusion":
            from PySide6.QtWidgets import QStyleFactory

            fusion = QStyleFactory.create("Fusion")
            if fusion is not None:
                app.setStyle(fusion)  # the same look on every desktop, and palettes are honoured
        app.setProperty("guideFusion", True)
    app.setPalette(palette_for(theme))
    if focus_style:
        app.setStyleSheet(FOCUS_CSS[theme.name])
    app.setProperty("guideTheme", theme.name)
    return theme


def apply_focus_style(app: QApplication, theme_name: str) -> None:
    """The theme's focus border, unless already set; before what is there (kiosk mode adds its own)."""
    css = FOCUS_CSS[THEMES.get(theme_name, THEMES["light"]).name]
    current = app.styleSheet()
    if css not in current:
        app.setStyleSheet(f"{css}\n{current}" if current else css)
