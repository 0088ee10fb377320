"""The comparison on paper: its HTML, and the handout (clinic block, source, page numbers) around it.

QtGui only, through guide_app.printing.handout; no widgets, so `guide-app compare --pdf` needs no display.
Sizes come from the handout's stylesheet, in points, for normal and large print alike.
"""

from __future__ import annotations

import html
from pathlib import Path

from guide_app.clinic.config import Config
from guide_app.comparison.table import DIFFERS, NOT_STATED, QUESTIONS_HEADING, Comparison, quote
from guide_app.printing.handout import (
    Source,
    default_page_size,
    ensure_application,
    page_size_of,
    paint_handout,
    write_pdf,
)

LABEL_WIDTH = 22  # percent of the page's width for the row labels
FACTOR_WIDTH = 24
CARD_LABEL_WIDTH = 40  # large print: each program as a two-column table
TABLE = '<table width="100%" border="1" cellspacing="0">'


def _cell_html(comparison: Comparison, text: str, stated: bool) -> str:
    return f"<td>{html.escape(text)}</td>" if stated else f"<td><i>{html.escape(text)}</i></td>"


def _grid(comparison: Comparison) -> str:
    """The table as on screen: programs side by side (or, transposed, one under another)."""
    e = html.escape
    columns = comparison.column_count()
    first = LABEL_WIDTH if columns > 1 else LABEL_WIDTH + 8
    width = f"{(100 - first) / columns:.1f}%"

    def head(text: str, mark: bool, attrs: str = "") -> str:
        return f"<th{attrs}>{e(text)}{' ' + DIFFERS if mark else ''}</th>"

    header = "".join(
        head(comparison.column_label(c), comparison.marked(c, False), f' width="{width}"') for c in range(columns)
    )
    rows = [f'<tr><th width="{first}%"></th>{header}</tr>']
    for r in range(comparison.row_count()):
        cells = "".join(
            _cell_html(comparison, quote(item), item.stated) for item in (comparison.cell(r, c) for c in range(columns))
        )
        rows.append(f"<tr>{head(comparison.row_label(r), comparison.marked(r, True))}{cells}</tr>")
    return TABLE + "".join(rows) + "</table>"


def _cards(comparison: Comparison) -> str:
    """Large print: one short table a program, a page each, so no program is split over two pages."""
    e = html.escape
    parts = []
    for number, program in enumerate(comparison.programs):
        rows = "".join(
            f'<tr><th width="{CARD_LABEL_WIDTH}%">{e(a.label)}{" " + DIFFERS if comparison.marked_attribute(a) else ""}'
            f"</th>{_cell_html(comparison, quote(program.cell(a.id)), program.cell(a.id).stated)}</tr>"
            for a in comparison.attributes
        )
        style = ' style="page-break-before: always"' if number else ""
        parts.append(f"<h2{style}>{e(comparison.program_label(program))}</h2>{TABLE}{rows}</table>")
    return "".join(parts)


def comparison_html(
    comparison: Comparison, *, questions: bool = True, questions_on_new_page: bool = False, cards: bool = False
) -> str:
    """The comparison as it shows, for paper; `cards` lays each program out on its own (large print)."""
    e = html.escape
    parts = [f"<h1>{e(comparison.table.title)}</h1>"]
    programs = comparison.programs
    sections = sorted({c.source.describe() for p in programs for c in p.cells.values() if c.source.page})
    where = f"From {e(' and '.join(sections))}. “{NOT_STATED}” means the article does not say."
    if sections and cards:  # large print: the first program still fits on the first page
        parts.append('<p class="small">Words in quotation marks are the article’s own.</p>')
    elif sections:
        parts.append(f'<p class="small">Words in quotation marks are the article’s own. {where}</p>')
    labels = {a.id: a.label for a in comparison.attributes}
    for chosen, items in comparison.reason_lines():
        parts.append(f'<p class="small"><b>Chosen: {e(chosen.label)}</b> (under “{e(labels[chosen.attribute])}”)</p>')
        parts.append('<ul class="small">' + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul>")
    if not programs and comparison.ruled_out():
        parts.append("<p>By the guide’s own words, no program shown here fits every choice.</p>")
    elif not programs:
        parts.append("<p>No program is shown.</p>")
    else:
        parts.append(_cards(comparison) if cards else _grid(comparison))
        if sections and cards:
            parts.append(f'<p class="small">{where}</p>')
        if comparison.emphasise:
            parts.append(f'<p class="small">{DIFFERS} marks where the programs shown differ.</p>')
    if questions and comparison.table.questions:
        style = ' style="page-break-before: always"' if questions_on_new_page else ""
        parts.append(f"<h2{style}>{QUESTIONS_HEADING}</h2>")
        parts.append(f'<p class="small">From {e(comparison.table.questions[0].source.describe())}.</p>')
        if cards:  # paragraphs, which break between lines, rather than table rows split over pages
            parts += [f"<h3>{e(q.factor)}</h3><p>{e(q.description)}</p>" for q in comparison.table.questions]
        else:
            items = "".join(
                f'<tr><th width="{FACTOR_WIDTH}%">{e(q.factor)}</th><td>{e(q.description)}</td></tr>'
                for q in comparison.table.questions
            )
            parts.append(TABLE + items + "</table>")
    return "\n".join(parts)


def landscape(comparison: Comparison, large_print: bool) -> bool:
    """The grid across the long side when it has three columns or more; large print, a program a page, upright."""
    return comparison.prefers_landscape() and not large_print


def source_of(comparison: Comparison) -> Source | None:
    table = comparison.table
    return Source(table.guide_title, table.author, table.published) if table.guide_title else None


def _options(comparison: Comparison, config: Config | None, large_print: bool) -> dict:
    return {
        "title": comparison.table.title,
        "config": config,
        "landscape": landscape(comparison, large_print),
        "large_print": large_print,
        "source": source_of(comparison),
    }


def _page_count(body: str, page_size, options: dict) -> int:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(page_size)
    try:
        return paint_handout(body, writer, **options)
    finally:
        del writer
        buffer.close()


def handout_body(
    comparison: Comparison, config: Config | None, *, large_print: bool = False, page_size: str | None = None
) -> str:
    """The body to print, as it shows now; the questions start a page of their own rather than split."""
    options = _options(comparison, config, large_print)
    size = page_size_of(page_size or default_page_size(config))
    ensure_application()
    body = comparison_html(comparison, cards=large_print)
    if not comparison.table.questions or not comparison.programs:
        return body
    alone = comparison_html(comparison, questions=False, cards=large_print)
    if _page_count(body, size, options) > _page_count(alone, size, options):
        return comparison_html(comparison, questions_on_new_page=True, cards=large_print)
    return body


def write_comparison_pdf(
    comparison: Comparison, out: Path, config: Config | None, *, page_size: str | None = None, large_print: bool = False
) -> int:
    body = handout_body(comparison, config, large_print=large_print, page_size=page_size)
    return write_pdf(body, out, page_size=page_size, **_options(comparison, config, large_print))
