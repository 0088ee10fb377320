"""What a search gives back: results, and what was corrected on the way.

Apart from the search itself (search.py, SQLite), so the window can hold an empty answer before
the index opens.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
