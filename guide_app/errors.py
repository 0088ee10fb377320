"""Errors a person can act on: each names the file (and line) at fault."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with a file: where it is and what to do about it."""

    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class GuideError(Exception):
    """Base of every error the app reports in one line instead of a traceback."""


class ContentError(GuideError):
    """A content pack, guide or page that cannot be used."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.problem = Problem(path, line, message)
        super().__init__(str(self.problem))


class PageNotFound(GuideError):
    """A page id that no guide in the pack holds."""

    def __init__(self, page_id: str) -> None:
        self.page_id = page_id
        super().__init__(f"no page with id {page_id!r} (see 'guide-app pages')")
