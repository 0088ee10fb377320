"""The full-text index: SQLite FTS5, one row per page section, bm25-ranked.

The index is built once per version of the content and cached on disk keyed by the
content's fingerprint; a fresh process only opens the file.
"""

from __future__ import annotations

import atexit
import html
import os
import sqlite3
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

from guide_app import __version__
from guide_app.content.pack import Pack
from guide_app.errors import ContentError, GuideError, Problem
from guide_app.search.answers import Answer, Result
from guide_app.search.broad import CLOSE, OPEN, broad_rows
from guide_app.search.query import Group, Plan, QueryPlanner, correctable, tokens, trigrams
from guide_app.search.wordstore import StoredVocabulary

# The rendered pages are kept too, so a new version of the app (which may render
# differently) builds a new index.
SCHEMA_VERSION = f"3 {__version__}"
# Columns: page, anchor (not searched), page title, section title, body. Titles weigh more.
RANK = "bm25(0.0, 0.0, 6.0, 10.0, 1.0)"
BUILD_PREFIX = "index-build-"
STALE_BUILD_SECONDS = 15 * 60  # SQLite writes a build's file all along: untouched this long, it was left behind
HEADS_RANK = "bm25(6.0, 10.0)"
# Ranking costs about a microsecond a matching section: past this many, a query is answered
# from the headings first (see broad.py), so that no query takes more than a few milliseconds.
BROAD = 5000


class SearchUnavailable(GuideError):
    """SQLite on this machine lacks FTS5."""


def has_fts5() -> bool:
    try:
        connection = sqlite3.connect(":memory:")
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        connection.close()
        return True
    except sqlite3.OperationalError:
        return False


def _create(connection: sqlite3.Connection, pack: Pack) -> None:
    connection.executescript(
        """
        CREATE VIRTUAL TABLE sections USING fts5(
            page UNINDEXED, anchor UNINDEXED, page_title, title, body,
            tokenize = 'porter unicode61 remove_diacritics 2');
        -- The headings alone, with prefix indexes: the first place to look for a very common word.
        CREATE VIRTUAL TABLE heads USING fts5(
            page_title, title, content = '', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
        CREATE TABLE pages(id TEXT PRIMARY KEY, html BLOB);  -- zlib-compressed
        CREATE TABLE vocabulary(word TEXT PRIMARY KEY, n INTEGER, sections INTEGER, headings INTEGER) WITHOUT ROWID;
        CREATE TABLE grams(gram TEXT, length INTEGER, words TEXT, PRIMARY KEY (gram, length)) WITHOUT ROWID;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE problems(path TEXT, line INTEGER, message TEXT);
        """
    )
    counts: Counter[str] = Counter()  # every use of a word
    in_sections: Counter[str] = Counter()  # sections using it
    in_headings: Counter[str] = Counter()  # sections whose headings use it
    rows: list[tuple[int, str, str, str, str, str]] = []
    pages: list[tuple[str, bytes]] = []
    rowid = 0
    problems: list[Problem] = []
    for page in pack.pages():
        try:
            rendered = page.render()
        except ContentError as error:
            problems.append(error.problem)  # skipped; the rest of the pack stays searchable
            continue
        pages.append((page.id, zlib.compress(rendered.html.encode(), 6)))
        for section in rendered.sections:
            rowid += 1
            rows.append((rowid, page.id, section.anchor, page.title, section.title, section.text))
            heading_words = tokens(f"{page.title} {section.title}")
            words = heading_words + tokens(section.text)
            counts.update(words)
            in_sections.update(set(words))
            in_headings.update(set(heading_words))
        if len(rows) >= 2000:
            _insert(connection, rows, pages)
            rows, pages = [], []
    _insert(connection, rows, pages)
    connection.executemany(
        "INSERT INTO vocabulary VALUES (?, ?, ?, ?)",
        ((word, n, in_sections[word], in_headings[word]) for word, n in counts.items()),
    )
    grams: dict[tuple[str, int], list[str]] = {}
    for word in counts:
        if correctable(word):
            for gram in trigrams(word):
                grams.setdefault((gram, len(word)), []).append(word)
    connection.executemany(
        "INSERT INTO grams VALUES (?, ?, ?)", ((g, n, " ".join(words)) for (g, n), words in grams.items())
    )
    connection.execute("INSERT INTO sections(sections, rank) VALUES ('rank', ?)", (RANK,))
    connection.execute("INSERT INTO heads(heads, rank) VALUES ('rank', ?)", (HEADS_RANK,))
    connection.execute("INSERT INTO sections(sections) VALUES ('optimize')")
    connection.execute("INSERT INTO heads(heads) VALUES ('optimize')")
    connection.executemany(
        "INSERT INTO problems VALUES (?, ?, ?)", [(str(p.path), p.line, p.message) for p in problems]
    )
    connection.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA_VERSION), ("sections", str(rowid))])
    connection.commit()


def _insert(connection: sqlite3.Connection, rows: list, pages: list) -> None:
    connection.executemany(
        "INSERT INTO sections(rowid, page, anchor, page_title, title, body) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    connection.executemany(
        "INSERT INTO heads(rowid, page_title, title) VALUES (?, ?, ?)", [(r[0], r[3], r[4]) for r in rows]
    )
    connection.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", pages)


def highlight(text: str) -> tuple[str, str]:
    """A snippet as plain text and as HTML with its matches in bold."""
    plain = text.replace(OPEN, "").replace(CLOSE, "")
    marked = html.escape(text).replace(OPEN, "<b>").replace(CLOSE, "</b>")
    return plain, marked


class SearchIndex:
    def __init__(self, connection: sqlite3.Connection, synonyms: dict[str, list[str]]) -> None:
        self.connection = connection
        self.vocabulary = StoredVocabulary(connection)
        self.planner = QueryPlanner(self.vocabulary, synonyms)

    @classmethod
    def build(cls, pack: Pack, path: Path | None = None) -> SearchIndex:
        """Build in memory, or into `path` (written to a temporary file, then moved)."""
        if not has_fts5():
            raise SearchUnavailable("this SQLite has no FTS5; search is unavailable")
        if path is None:
            connection = sqlite3.connect(":memory:", check_same_thread=False)
            _create(connection, pack)
            return cls(connection, pack.synonyms())
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_builds(path.parent)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=BUILD_PREFIX, suffix=".tmp")
        os.close(handle)
        _unfinished.add(temporary)
        try:
            connection = sqlite3.connect(temporary)
            _create(connection, pack)
            connection.close()
            os.replace(temporary, path)
        finally:
            _unfinished.discard(temporary)
            if os.path.exists(temporary):
                os.unlink(temporary)
        return cls.open(path, pack)

    @classmethod
    def open(cls, path: Path, pack: Pack) -> SearchIndex:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            (version,) = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError("old schema")
        except (sqlite3.DatabaseError, TypeError):
            connection.close()
            raise
        return cls(connection, pack.synonyms())

    @classmethod
    def for_pack(cls, pack: Pack, cache_dir: Path | None) -> SearchIndex:
        """Open the cached index for this content, building it if needed."""
        if cache_dir is None:
            return cls.build(pack)
        path = cache_dir / f"index-{pack.fingerprint()}.sqlite"
        if path.is_file():
            try:
                return cls.open(path, pack)
            except sqlite3.DatabaseError:
                pass  # a damaged or old cache: rebuild it below
        try:
            index = cls.build(pack, path)
        except OSError:
            return cls.build(pack)  # read-only cache folder: keep the index in memory
        for old in cache_dir.glob("index-*.sqlite"):
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
        return index

    @classmethod
    def cached(cls, pack: Pack, cache_dir: Path | None) -> SearchIndex | None:
        """The index an earlier run built for this very content, or None (nothing is built)."""
        if cache_dir is None:
            return None
        path = cache_dir / f"index-{pack.fingerprint()}.sqlite"
        try:
            return cls.open(path, pack) if path.is_file() else None
        except sqlite3.DatabaseError:
            return None

    @property
    def problems(self) -> list[Problem]:
        """Pages left out of the index because they could not be read."""
        rows = self.connection.execute("SELECT path, line, message FROM problems").fetchall()
        return [Problem(path, line, message) for path, line, message in rows]

    def page_html(self, page_id: str) -> str | None:
        """The page as rendered when the index was built (the content has not changed since)."""
        row = self.connection.execute("SELECT html FROM pages WHERE id = ?", (page_id,)).fetchone()
        return zlib.decompress(row[0]).decode() if row else None

    def plan(self, text: str) -> Plan:
        return self.planner.plan(text)

    def search(self, text: str, limit: int = 20) -> list[Result]:
        return self.answer(text, limit).results

    def answer(self, text: str, limit: int = 20) -> Answer:
        plan = self.planner.plan(text)
        if not plan.groups:
            return Answer([], plan.suggestion, [])
        limit = max(1, min(int(limit), 200))
        sizes = [self.vocabulary.estimate(group) for group in plan.groups]
        results = self._query(plan.groups, "AND", limit, plan.terms, sizes)
        if not results and len(plan.groups) > 1:
            # Leave out words the content never uses, then settle for any word.
            found = [i for i, group in enumerate(plan.groups) if self._matches(group.fts())]
            if found and len(found) < len(plan.groups):
                groups = [plan.groups[i] for i in found]
                results = self._query(groups, "AND", limit, plan.terms, [sizes[i] for i in found])
            if not results:
                results = self._query(plan.groups, "OR", limit, plan.terms, sizes)
        return Answer(results, plan.suggestion, plan.terms)

    def _matches(self, fts: str) -> bool:
        try:
            return (
                self.connection.execute("SELECT 1 FROM sections WHERE sections MATCH ? LIMIT 1", (fts,)).fetchone()
                is not None
            )
        except sqlite3.OperationalError:
            return False

    def _query(
        self, groups: list[Group], mode: str, limit: int, terms: list[str], sizes: list[tuple[int, int]]
    ) -> list[Result]:
        """Ranked results; a query matching more than BROAD sections is answered from the headings first."""
        fts = f" {mode} ".join(group.fts() for group in groups)
        combine = min if mode == "AND" else sum
        if combine(size for size, _ in sizes) > BROAD:
            short = any(group.prefix and len(group.alternatives[0][-1]) <= 3 for group in groups)
            headings = combine(size for _, size in sizes)
            rows = broad_rows(self.connection, fts, limit, terms, headings, BROAD, bodies=not short)
        else:
            try:
                rows = self.connection.execute(
                    f"""SELECT page, anchor, page_title, title,
                            snippet(sections, -1, '{OPEN}', '{CLOSE}', '…', 16), -rank
                        FROM sections WHERE sections MATCH ? ORDER BY rank LIMIT ?""",
                    (fts, limit),
                ).fetchall()
            except sqlite3.OperationalError:
                return []  # cannot happen for a planned query; never let it reach a person
        results = []
        for page, anchor, page_title, title, snippet, score in rows:
            plain, marked = highlight(snippet)
            results.append(Result(page, page_title, title, anchor, plain, marked, score, terms))
        return results

    def close(self) -> None:
        self.connection.close()


# Index builds still being written. The app builds in a daemon thread; if it quits first (a
# visitor closes it, a kiosk shuts down), the build's half-written file is removed at exit, and
# any a crash left behind is removed by the next build.
_unfinished: set[str] = set()


@atexit.register
def _remove_unfinished_builds() -> None:
    for temporary in list(_unfinished):
        for leftover in (temporary, temporary + "-journal"):
            try:
                os.unlink(leftover)
            except OSError:
                pass


def _remove_stale_builds(folder: Path) -> None:
    now = time.time()
    for leftover in [*folder.glob("*.tmp"), *folder.glob("*.tmp-journal")]:  # (earlier versions: no prefix)
        try:
            if now - leftover.stat().st_mtime > STALE_BUILD_SECONDS:
                leftover.unlink()
        except OSError:
            pass
