"""The full-text index: SQLite FTS5, one row per page section, bm25-ranked.

The index is built once per version of the content and cached on disk keyed by the
content's fingerprint; a fresh process only opens the file.
"""

from __future__ import annotations

import html
import os
import sqlite3
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from guide_app import __version__
from guide_app.content import Pack
from guide_app.errors import GuideError
from guide_app.query import Plan, QueryPlanner, closest, correctable, tokens, trigrams

# The rendered pages are kept too, so a new version of the app (which may render
# differently) builds a new index.
SCHEMA_VERSION = f"2 {__version__}"
# Columns: page, anchor (not searched), page title, section title, body. Titles weigh more.
RANK = "bm25(0.0, 0.0, 6.0, 10.0, 1.0)"
_OPEN, _CLOSE = "\x02", "\x03"


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


@dataclass
class Result:
    page: str
    page_title: str
    section: str
    anchor: str
    snippet: str
    snippet_html: str
    score: float
    terms: list[str]

    def as_json(self) -> dict:
        data = asdict(self)
        data["score"] = round(self.score, 4)
        return data


@dataclass
class Answer:
    """Results for one query, with what was corrected on the way."""

    results: list[Result]
    suggestion: str = ""
    terms: list[str] | None = None


def _create(connection: sqlite3.Connection, pack: Pack) -> None:
    connection.executescript(
        """
        CREATE VIRTUAL TABLE sections USING fts5(
            page UNINDEXED, anchor UNINDEXED, page_title, title, body,
            tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE pages(id TEXT PRIMARY KEY, html TEXT);
        CREATE TABLE vocabulary(word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
        CREATE TABLE grams(gram TEXT, length INTEGER, words TEXT, PRIMARY KEY (gram, length)) WITHOUT ROWID;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        """
    )
    counts: Counter[str] = Counter()
    rows: list[tuple[str, str, str, str, str]] = []
    pages: list[tuple[str, str]] = []
    for page in pack.pages():
        try:
            rendered = page.render()
        except GuideError:
            continue  # reported by `check`; the rest of the pack stays searchable
        pages.append((page.id, rendered.html))
        for section in rendered.sections:
            rows.append((page.id, section.anchor, page.title, section.title, section.text))
            counts.update(tokens(f"{page.title} {section.title} {section.text}"))
        if len(rows) >= 2000:
            connection.executemany("INSERT INTO sections VALUES (?, ?, ?, ?, ?)", rows)
            connection.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", pages)
            rows, pages = [], []
    connection.executemany("INSERT INTO sections VALUES (?, ?, ?, ?, ?)", rows)
    connection.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", pages)
    connection.executemany("INSERT INTO vocabulary VALUES (?, ?)", counts.items())
    grams: dict[tuple[str, int], list[str]] = {}
    for word in counts:
        if correctable(word):
            for gram in trigrams(word):
                grams.setdefault((gram, len(word)), []).append(word)
    connection.executemany(
        "INSERT INTO grams VALUES (?, ?, ?)", ((g, n, " ".join(words)) for (g, n), words in grams.items())
    )
    connection.execute("INSERT INTO sections(sections, rank) VALUES ('rank', ?)", (RANK,))
    connection.execute("INSERT INTO sections(sections) VALUES ('optimize')")
    connection.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    connection.commit()


class StoredVocabulary:
    """The content's words as the index keeps them: nothing is loaded when the index opens,
    so a pack of 100,000 pages opens as fast as one of ten."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __contains__(self, word: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM vocabulary WHERE word = ?", (word,)).fetchone()
        return row is not None

    def has_prefix(self, prefix: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM vocabulary WHERE word >= ? AND word < ? LIMIT 1", (prefix, prefix + "\U0010ffff")
        ).fetchone()
        return row is not None

    def neighbours(self, word: str, shortest: int, longest: int) -> Counter[str]:
        grams = sorted(trigrams(word))
        shared: Counter[str] = Counter()
        for (words,) in self.connection.execute(
            f"SELECT words FROM grams WHERE gram IN ({', '.join('?' * len(grams))}) AND length BETWEEN ? AND ?",
            (*grams, shortest, longest),
        ):
            shared.update(words.split(" "))
        return shared

    def frequency(self, words: list[str]) -> dict[str, int]:
        if not words:
            return {}
        marks = ", ".join("?" * len(words))
        return dict(self.connection.execute(f"SELECT word, n FROM vocabulary WHERE word IN ({marks})", words))

    def correct(self, word: str) -> str | None:
        return closest(self, word)


def _highlight(text: str) -> tuple[str, str]:
    plain = text.replace(_OPEN, "").replace(_CLOSE, "")
    marked = html.escape(text).replace(_OPEN, "<b>").replace(_CLOSE, "</b>")
    return plain, marked


class SearchIndex:
    def __init__(self, connection: sqlite3.Connection, synonyms: dict[str, list[str]]) -> None:
        self.connection = connection
        self.planner = QueryPlanner(StoredVocabulary(connection), synonyms)

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
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(handle)
        try:
            connection = sqlite3.connect(temporary)
            _create(connection, pack)
            connection.close()
            os.replace(temporary, path)
        finally:
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

    def page_html(self, page_id: str) -> str | None:
        """The page as rendered when the index was built (the content has not changed since)."""
        row = self.connection.execute("SELECT html FROM pages WHERE id = ?", (page_id,)).fetchone()
        return row[0] if row else None

    def plan(self, text: str) -> Plan:
        return self.planner.plan(text)

    def search(self, text: str, limit: int = 20) -> list[Result]:
        return self.answer(text, limit).results

    def answer(self, text: str, limit: int = 20) -> Answer:
        plan = self.planner.plan(text)
        if not plan.groups:
            return Answer([], plan.suggestion, [])
        limit = max(1, min(int(limit), 200))
        results = self._query(plan.fts("AND"), limit, plan.terms)
        if not results and len(plan.groups) > 1:
            # Leave out words the content never uses, then settle for any word.
            found = [group for group in plan.groups if self._matches(group.fts())]
            if found and len(found) < len(plan.groups):
                results = self._query(" AND ".join(group.fts() for group in found), limit, plan.terms)
            if not results:
                results = self._query(plan.fts("OR"), limit, plan.terms)
        return Answer(results, plan.suggestion, plan.terms)

    def _matches(self, fts: str) -> bool:
        try:
            return (
                self.connection.execute("SELECT 1 FROM sections WHERE sections MATCH ? LIMIT 1", (fts,)).fetchone()
                is not None
            )
        except sqlite3.OperationalError:
            return False

    def _query(self, fts: str, limit: int, terms: list[str]) -> list[Result]:
        try:
            rows = self.connection.execute(
                f"""SELECT page, anchor, page_title, title,
                        snippet(sections, -1, '{_OPEN}', '{_CLOSE}', '…', 16), rank
                    FROM sections WHERE sections MATCH ? ORDER BY rank LIMIT ?""",
                (fts, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            return []  # cannot happen for a planned query; never let it reach a person
        results = []
        for page, anchor, page_title, title, snippet, rank in rows:
            plain, marked = _highlight(snippet)
            results.append(Result(page, page_title, title, anchor, plain, marked, -rank, terms))
        return results

    def close(self) -> None:
        self.connection.close()
