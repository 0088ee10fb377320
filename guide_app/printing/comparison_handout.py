"""The comparison on paper: its HTML, and the handout (clinic block, source, page numbers) around it.

`comparison/table.py` knows nothing of paper; this module reads it. QtGui only, through printing/handout.py;
no widgets, so `guide-app compare --pdf` needs no display.
Sizes come from the handout's stylesheet, in points, for normal and large print alike.
"""

from __future__ import annotations

import html

from guide_app.clinic.config import Config
from guide_app.comparison.table import DIFFERS, NOT_STATED, QUESTIONS_HEADING, Comparison, quote
from guide_app.printing.handout import Handout, Source

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
    """Large print: one short table a program (a box, never split over two pages)."""
    e = html.escape
    parts = []
    for program in comparison.programs:
        rows = "".join(
            f'<tr><th width="{CARD_LABEL_WIDTH}%">{e(a.label)}{" " + DIFFERS if comparison.marked_attribute(a) else ""}'
            f"</th>{_cell_html(comparison, quote(program.cell(a.id)), program.cell(a.id).stated)}</tr>"
            for a in comparison.attributes
        )
        parts.append(f"<h2>{e(comparison.program_label(program))}</h2>{TABLE}{rows}</table>")
    return "".join(parts)


def comparison_html(comparison: Comparison, *, questions: bool = True, cards: bool = False) -> str:
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
        parts.append(f"<h2>{QUESTIONS_HEADING}</h2>")
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


def source_of(comparison: Comparison) -> Source | None:
    table = comparison.table
    return Source(table.guide_title, table.author, table.published) if table.guide_title else None


def comparison_handout(comparison: Comparison, config: Config | None = None) -> Handout:
    """The comparison as it shows when printed (programs, choices, orientation), as a handout.

    Landscape when the grid has three columns or more; large print, a program a page, upright.
    """
    return Handout(
        title=comparison.table.title,
        body=lambda large_print: comparison_html(comparison, cards=large_print),
        file_name="treatment-programs.pdf",
        source=source_of(comparison),
        landscape=comparison.prefers_landscape(),
        upright_in_large_print=True,
    )
