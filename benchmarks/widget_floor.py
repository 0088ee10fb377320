"""The floor under the app's start-up: the widgets of its first window, and none of its code.

A QMainWindow with the app's menu bar, a toolbar of nine text buttons with their keys, the
search box, a contents tree of one guide's pages and a QTextBrowser showing the first page
(its Markdown turned into simple HTML here, in the app's typeface and page stylesheet), with
Fusion and the focus stylesheet, as the app builds them. No content pack, search index,
config or history: what is left between this and the app is the app's own Python.

benchmarks/startup.py --floor times it beside the bare window and the app. Like them, it
prints "first-shown <monotonic time>" once the page has been painted, then quits.
"""

import sys
from pathlib import Path

from first_shown import quit_after_first_paint
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "resources" / "guides" / "clonazepam"
FOCUS = "QLineEdit:focus, QTreeView:focus, QListView:focus, QTextBrowser:focus { border: 2px solid #1f6fb2; }"


def simple_html(markdown: str) -> str:
    """Headings and paragraphs: enough to lay out as much text as the app's first page."""
    html, paragraph = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("#") or not line.strip():
            if paragraph:
                html.append(f"<p>{' '.join(paragraph)}</p>")
                paragraph = []
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                html.append(f"<h{level}>{line.lstrip('#').split('{')[0].strip()}</h{level}>")
        else:
            paragraph.append(line.strip())
    return "\n".join(html)


app = QApplication([sys.argv[0], "-style", "fusion"])
family = "sans-serif"
try:
    import fontpkg_atkinson_hyperlegible as fonts

    for path in sorted((Path(fonts.ROOT) / "files").glob("*.ttf")):
        family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path)))[0]
except ImportError:
    pass
app.setFont(QFont(family, 11))
app.setStyleSheet(FOCUS)

window = QMainWindow()
for title in ("&File", "&Go", "&View", "&Help"):
    menu = window.menuBar().addMenu(title)
    for n in range(4):
        menu.addAction(f"{title[1:]} {n}")
toolbar = QToolBar("Navigation", window)
window.addToolBar(toolbar)
for text, key in (
    ("Back", "Alt+Left"),
    ("Forward", "Alt+Right"),
    ("Home", "Alt+Home"),
    ("Compare programs", "Ctrl+Shift+C"),
    ("Find", "Ctrl+F"),
    ("Smaller text", "Ctrl+-"),
    ("Larger text", "Ctrl+="),
    ("Normal size", "Ctrl+0"),
    ("Withdrawal symptoms sheet", "Ctrl+Shift+P"),
):
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(key)])
    window.addAction(action)
    toolbar.addAction(action)

left = QWidget()
left_layout = QVBoxLayout(left)
search = QLineEdit()
search.setPlaceholderText("Search the guide (Ctrl+K)")
left_layout.addWidget(search)
for hidden in (QLabel(), QLabel(), QListWidget()):
    hidden.hide()
    left_layout.addWidget(hidden)
tree = QTreeWidget()
tree.setHeaderHidden(True)
guide = QTreeWidgetItem(tree, ["Clonazepam Addiction: Risks, Symptoms, and Treatment"])
guide.addChildren([QTreeWidgetItem([page.stem.replace("-", " ").capitalize()]) for page in sorted(GUIDE.glob("*.md"))])
guide.setExpanded(True)
for entry in ("Get help", "Compare treatment programs", "Withdrawal symptoms sheet"):
    QTreeWidgetItem(tree, [entry])
left_layout.addWidget(tree, 1)

browser = QTextBrowser()
browser.document().setDefaultStyleSheet((ROOT / "resources" / "styles" / "page.css").read_text(encoding="utf-8"))
browser.document().setDefaultFont(QFont(family, 13))
browser.setHtml(simple_html((GUIDE / "overview.md").read_text(encoding="utf-8")))
stack = QStackedWidget()
stack.addWidget(browser)
splitter = QSplitter(parent=window)
splitter.addWidget(left)
splitter.addWidget(stack)
splitter.setSizes([320, 880])
window.setCentralWidget(splitter)
window.resize(1200, 800)


quit_after_first_paint(app, browser.viewport())
window.show()
sys.exit(app.exec())
