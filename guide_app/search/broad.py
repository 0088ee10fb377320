"""Answering a query that matches a large part of a big pack, in bounded time.

Ranking costs about a microsecond for each matching section, so "clinic" over 100,000
pages would take a tenth of a second a keystroke. Such a query is answered from the
headings first (a small index with prefix indexes, ranked the same way), then, if that
leaves room, from other sections that use the words, in the order of the pack. A
person who types one more word gets a narrower query, ranked in full again.
"""

from __future__ import annotations

import re
import sqlite3

OPEN, CLOSE = "\x02", "\x03"  # around each match in a snippet
SNIPPET_WORDS = 16


def broad_rows(
    connection: sqlite3.Connection,
    fts: str,
    limit: int,
    terms: list[str],
    headings: int,
    bound: int,
    bodies: bool,
) -> list[tuple[str, str, str, str, str, float]]:
    """(page, anchor, page title, section title, snippet, score) rows, best first.

    `headings` estimates how many headings match: up to `bound` they are ranked, past it
    taken in order. `bodies` False keeps to the headings (a short prefix: the full index
    has no prefix index, and expanding "in*" over every body costs more than ranking)."""
    chosen: dict[int, float] = {}
    order = "ORDER BY rank" if headings <= bound else ""
    try:
        for rowid, rank in connection.execute(
            f"SELECT rowid, rank FROM heads WHERE heads MATCH ? {order} LIMIT ?", (fts, limit)
        ):
            chosen[rowid] = -rank
        if bodies and len(chosen) < limit:
            for (rowid,) in connection.execute(
                "SELECT rowid FROM sections WHERE sections MATCH ? LIMIT ?", (fts, limit + len(chosen))
            ):
                if len(chosen) >= limit:
                    break
                chosen.setdefault(rowid, 0.0)
    except sqlite3.OperationalError:
        return []
    pattern = _pattern(terms)
    rows = []
    for rowid, score in sorted(chosen.items(), key=lambda item: -item[1]):
        row = connection.execute(
            "SELECT page, anchor, page_title, title, body FROM sections WHERE rowid = ?", (rowid,)
        ).fetchone()
        if row is not None:
            page, anchor, page_title, title, body = row
            rows.append((page, anchor, page_title, title, snippet(body, pattern), score))
    return rows


def _pattern(terms: list[str]) -> re.Pattern[str]:
    """Words starting like each term: "withdraw" finds "withdrawal", "wi" (being typed) "with"."""
    stems = sorted({re.escape(t[: max(4, len(t) - 2)]) for t in terms if t}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(stems or ["(?!)"]) + r")\w*", re.IGNORECASE)


def snippet(body: str, pattern: re.Pattern[str]) -> str:
    """About SNIPPET_WORDS words of `body` around its first match, each match between OPEN and CLOSE."""
    words = body.split()
    first = next((i for i, word in enumerate(words) if pattern.search(word)), 0)
    start = max(0, min(first - 3, len(words) - SNIPPET_WORDS))
    window = words[start : start + SNIPPET_WORDS]
    text = pattern.sub(lambda m: f"{OPEN}{m.group(0)}{CLOSE}", " ".join(window))
    return ("…" if start > 0 else "") + text + ("…" if start + SNIPPET_WORDS < len(words) else "")
