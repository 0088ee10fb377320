"""The content's words as the search index keeps them, read on demand.

Nothing is loaded when the index opens, so a pack of 100,000 pages opens as fast as one
of ten: each question (is this a word of the content? which words are one typo away?
how many sections use it?) is one small SQLite lookup.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from guide_app.search.query import Group, closest, trigrams

_PREFIX_WORDS = 5000  # words summed up at most to size a prefix: enough to tell "broad"


class StoredVocabulary:
    """Offers what QueryPlanner and query.closest() ask of a vocabulary, from the index's tables."""

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

    def estimate(self, group: Group) -> tuple[int, int]:
        """About how many sections the group matches, in all their text and in their headings alone."""
        total = [0, 0]
        for phrase in group.alternatives:
            counts = [self._count(word) for word in phrase]
            for column in (0, 1):
                total[column] += min((c[column] for c in counts), default=0)
        if group.prefix:
            prefix = " ".join(group.alternatives[0])
            row = self.connection.execute(
                f"""SELECT total(sections), total(headings) FROM (SELECT sections, headings FROM vocabulary
                    WHERE word >= ? AND word < ? LIMIT {_PREFIX_WORDS})""",
                (prefix, prefix + "\U0010ffff"),
            ).fetchone()
            total[0] += int(row[0])
            total[1] += int(row[1])
        return total[0], total[1]

    def _count(self, word: str) -> tuple[int, int]:
        row = self.connection.execute("SELECT sections, headings FROM vocabulary WHERE word = ?", (word,)).fetchone()
        return (row[0], row[1]) if row else (0, 0)
