"""`guide-app self-test`: proves that an installation works, end to end, with no display.

A frozen bundle has no Python to fall back on, so this runs each piece it carries (SQLite FTS5,
the font, the content, Qt's text engine, search, and the features that print) and says in one
line each whether it works. CI runs it from the bundle (packaging/smoke-test.sh).
"""

from __future__ import annotations

import os
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from guide_app import APP_ID
from guide_app.errors import GuideError
from guide_app.paths import resource

SEARCHES_FILE = "selftest.toml"
MAX_PROBLEMS_SHOWN = 3


class CheckFailed(Exception):
    """A check found something wrong; the message says what."""


class Skipped(Exception):
    """A check that does not apply to this build."""


@dataclass
class Context:
    """What the checks share: the options given, a temporary folder, and the library once opened."""

    content: Path | None
    config: Path | None
    workdir: Path
    _library: object = field(default=None, repr=False)

    def library(self):
        """The content pack, config and search index, opened once; the index is built in `workdir`."""
        if self._library is None:
            from guide_app.library import Library

            self._library = Library.open(self.content, self.config, cache_dir=self.workdir / "cache")
        return self._library

    def close(self) -> None:
        """Close the search index, so the temporary folder can go (Windows keeps open files)."""
        index = getattr(self._library, "_index", None)
        if index is not None:
            index.close()
        self._library = None

    def cli_options(self) -> list[str]:
        options = ["--content", str(self.content)] if self.content else []
        return options + (["--config", str(self.config)] if self.config else [])


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # "ok", "FAIL" or "skip"
    detail: str

    def __str__(self) -> str:
        if self.status == "FAIL":
            return f"FAIL  {self.name}: {self.detail}"
        return f"{self.status:<5} {self.name}" + (f" ({self.detail})" if self.detail else "")


Check = tuple[str, Callable[[Context], str]]

_app = None  # the QGuiApplication this process made, kept alive


def _gui() -> None:
    """A QGuiApplication for fonts and documents; offscreen, since self-test never shows a window."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _app = QGuiApplication([sys.argv[0] or APP_ID])


# -- the checks -----------------------------------------------------------------------------------


def check_fts5(ctx: Context) -> str:
    import sqlite3

    from guide_app.search.index import has_fts5

    if not has_fts5():
        raise CheckFailed(f"SQLite {sqlite3.sqlite_version} was built without FTS5; search cannot work")
    return f"SQLite {sqlite3.sqlite_version}"


def check_font(ctx: Context) -> str:
    from guide_app.fonts import font_files, register_fonts

    try:
        from fontpkg_atkinson_hyperlegible import FAMILY
    except ImportError:
        raise CheckFailed("the fontpkg_atkinson_hyperlegible package is missing") from None
    files = font_files()
    if not files:
        raise CheckFailed("no .ttf files found in fontpkg_atkinson_hyperlegible")
    _gui()
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    family = register_fonts()
    if family != FAMILY or FAMILY not in QFontDatabase.families():
        raise CheckFailed(f"Qt did not load {FAMILY} from {files[0].parent} (got {family!r})")
    shown = QFontInfo(QFont(FAMILY, 12)).family()
    if shown != FAMILY:
        raise CheckFailed(f"asked Qt for {FAMILY}, got {shown!r}")
    return f"{FAMILY}, {len(files)} files"


def check_content(ctx: Context) -> str:
    from guide_app.content.check import check_pack, format_problems

    pack = ctx.library().pack
    problems = format_problems(check_pack(pack), pack.folder)
    if problems:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        raise CheckFailed("; ".join(problems[:MAX_PROBLEMS_SHOWN]) + (f" (and {more} more)" if more > 0 else ""))
    if not pack.guides:
        raise CheckFailed(f"no guide in {pack.folder}")
    pages = sum(1 for _ in pack.pages())
    return f"{len(pack.guides)} guide(s), {pages} pages from {pack.folder}"


def check_pages(ctx: Context) -> str:
    """Every page through Markdown and then Qt's text engine, as the reader and printing use it."""
    _gui()
    from PySide6.QtGui import QFont, QTextDocument

    from guide_app.fonts import register_fonts

    style = resource("styles", "page.css").read_text(encoding="utf-8")
    font = QFont(register_fonts(), 12)
    failed, count = [], 0
    for page in ctx.library().pack.pages():
        count += 1
        try:
            document = QTextDocument()
            document.setDefaultStyleSheet(style)
            document.setDefaultFont(font)
            document.setHtml(page.html)
            document.setTextWidth(600)
            text = document.toPlainText()
            missing = [s.title for s in page.sections if s.title and s.title not in text]
            if missing or document.size().height() <= 0:
                failed.append(f"{page.id} (lost {missing[0]!r})" if missing else f"{page.id} (empty)")
        except GuideError as error:
            failed.append(f"{page.id} ({error})")
    if failed:
        raise CheckFailed(f"{len(failed)} of {count} pages: " + ", ".join(failed))
    if not count:
        raise CheckFailed("no pages to render")
    return f"{count} pages"


def _search_check(query: str, expected: str) -> Callable[[Context], str]:
    def check(ctx: Context) -> str:
        library = ctx.library()
        page_id = expected.partition("#")[0]
        if not library.pack.has_page(page_id):
            raise Skipped(f"skipped: page {page_id!r} is not in this content pack")
        results = library.index.search(query, 3)
        if not results:
            raise CheckFailed("no results")
        first = f"{results[0].page}#{results[0].anchor}"
        if first != expected:
            raise CheckFailed(f"first result is {first}, expected {expected}")
        return results[0].section

    return check


def search_checks() -> list[Check]:
    """One check per search listed in resources/selftest.toml."""
    path = resource(SEARCHES_FILE)
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("search", [])
        searches = [(str(entry["query"]), str(entry["first"])) for entry in entries]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, AttributeError) as error:
        message = f"cannot read {path}: {error}"

        def unreadable(ctx: Context) -> str:
            raise CheckFailed(message)

        return [("searches", unreadable)]
    return [(f'search "{query}" finds {first}', _search_check(query, first)) for query, first in searches]


def check_comparison(ctx: Context) -> str:
    from guide_app.comparison.table import Comparison, programs_of
    from guide_app.printing.comparison_handout import comparison_html

    table, problems = programs_of(ctx.library().pack)
    if table is None:
        raise Skipped("skipped: this content pack has no program comparison (no 'programs' file in guide.toml)")
    if problems:
        raise CheckFailed(f"{len(problems)} problem(s) in the comparison data, e.g. {problems[0]}")
    comparison = Comparison(table)
    rows = comparison.rows(comparison.programs)
    if not rows or not comparison_html(comparison):
        raise CheckFailed("the comparison is empty")
    return f"{len(rows)} programs, {len(comparison.attributes)} attributes"


def check_sheet(ctx: Context) -> str:
    library = ctx.library()
    if not any(guide.data_file("symptoms") for guide in library.pack.guides):
        raise Skipped("skipped: this content pack has no sheet (no 'symptoms' file in guide.toml)")
    _gui()
    from guide_app.printing.handout import write_pdf
    from guide_app.printing.sheet import sheet_handout

    out = ctx.workdir / "sheet.pdf"
    pages = write_pdf(sheet_handout(library.pack, library.config), out, library.config)
    try:
        data = out.read_bytes()
    except OSError as error:
        raise CheckFailed(f"no PDF written to {out}: {error.strerror}") from None
    if not data.startswith(b"%PDF-"):
        raise CheckFailed(f"{out} is not a PDF")
    return f"{pages} page{'s' if pages != 1 else ''}, {len(data):,} bytes"


def all_checks() -> list[Check]:
    return [
        ("SQLite has FTS5", check_fts5),
        ("the bundled font loads", check_font),
        ("loads the content pack", check_content),
        ("renders every page", check_pages),
        *search_checks(),
        ("builds the comparison", check_comparison),
        ("writes the sheet PDF to a temporary folder and reads its size", check_sheet),
    ]


def run_checks(checks: list[Check], ctx: Context, out: TextIO) -> list[Outcome]:
    """Run each check, print its line at once, and never let one check's crash stop the others."""
    outcomes = []
    for name, check in checks:
        try:
            outcome = Outcome(name, "ok", check(ctx))
        except Skipped as skipped:
            outcome = Outcome(name, "skip", str(skipped))
        except (CheckFailed, GuideError) as error:
            outcome = Outcome(name, "FAIL", str(error))
        except Exception as error:  # a self-test reports, it never shows a traceback
            outcome = Outcome(name, "FAIL", f"{type(error).__name__}: {error}")
        print(outcome, file=out, flush=True)
        outcomes.append(outcome)
    return outcomes


def self_test(content: Path | str | None = None, config: Path | str | None = None, out: TextIO | None = None) -> int:
    """Run every check; 0 when all pass (skips allowed), 1 otherwise."""
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix=f"{APP_ID}-self-test-", ignore_cleanup_errors=True) as folder:
        ctx = Context(Path(content) if content else None, Path(config) if config else None, Path(folder))
        try:
            outcomes = run_checks(all_checks(), ctx, out)
        finally:
            ctx.close()
    failed = [o for o in outcomes if o.status == "FAIL"]
    skipped = sum(o.status == "skip" for o in outcomes)
    if failed:
        print(f"{APP_ID}: self-test failed: {len(failed)} of {len(outcomes)} checks", file=sys.stderr)
        return 1
    print(f"self-test passed: {len(outcomes) - skipped} checks" + (f", {skipped} skipped" if skipped else ""), file=out)
    return 0
