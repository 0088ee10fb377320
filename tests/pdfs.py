"""Reading printed handouts back with pypdf: text, page sizes and the size of every run of text."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Run:
    """A run of text as drawn: its words, size in points, font name and baseline height."""

    text: str
    size: float
    font: str
    y: float


def words(text: str) -> str:
    """Text with every run of spaces, tabs and line breaks made one space (Qt spaces words with tabs)."""
    return " ".join(text.split())


def squash(text: str) -> str:
    """Text without any spaces, for headings whose kerned letters pypdf reads apart."""
    return "".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    return [words(page.extract_text()) for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages]


def _multiply(m: list[float], n: list[float]) -> list[float]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l_ = n
    return [a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + l_]


def text_runs(path: Path, page_number: int | None = None) -> list[Run]:
    """Every run of text with its real size: the Tf size scaled by the text and current matrices."""
    runs: list[Run] = []
    pages = PdfReader(path).pages
    for number, page in enumerate(pages):
        if page_number is not None and number != page_number:
            continue

        def visit(text, cm, tm, font_dict, font_size, _runs=runs):
            if not text.strip():
                return
            matrix = _multiply([float(v) for v in tm], [float(v) for v in cm])
            scale = math.hypot(matrix[2], matrix[3])
            font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            _runs.append(Run(words(text), float(font_size) * scale, font, matrix[5]))

        page.extract_text(visitor_text=visit)
    return runs
