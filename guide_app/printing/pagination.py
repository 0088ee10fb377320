"""Where a handout's pages break: whole sentences, list items, table rows and boxes on each page.

Plain arithmetic over the laid-out body (no Qt here; `handout.py` measures the units): the body is
one tall column, cut into pages only between units, filled greedily so that the fewest pages are
used. A heading stays with what follows it; a table that fits on a page (a box) is never split; a
longer table breaks between rows and repeats its header rows on the next page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Unit:
    """A piece of the body that never breaks: a run of whole sentences, a list item, a table row."""

    top: float
    bottom: float
    keep_with_next: bool = False  # a heading, a table's header rows, the rows of a box
    break_before: bool = False  # "page-break-before: always"
    blank: bool = False  # an empty line: dropped at the top of a page
    heading: bool = False
    header: tuple[float, float] | None = None  # a table row: its table's header rows, repeated on a new page
    edge: float = 0.0  # how far borders stand outside [top, bottom]


@dataclass(frozen=True)
class Slice:
    """One page's part of the body: the band [top, bottom], under its table's repeated header (if any)."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None
    edge_top: float = 0.0
    edge_bottom: float = 0.0

    @property
    def header_height(self) -> float:
        return self.header[1] - self.header[0] if self.header is not None else 0.0

    @property
    def height(self) -> float:
        return self.header_height + self.bottom - self.top


def paginate(units: list[Unit], room: Callable[[int], float]) -> list[Slice]:
    """Cut the body into pages; `room(n)` is the height the body may use on page n (from 0)."""
    units = list(units)
    pages: list[Slice] = []
    i = 0
    while True:
        while i < len(units) and units[i].blank:
            i += 1
        if i >= len(units):
            break
        height = room(len(pages))
        first = units[i]
        header = first.header
        top = first.top
        available = height - (header[1] - header[0] if header is not None else 0.0)
        j = i
        while j < len(units):
            unit = units[j]
            if j > i and unit.break_before:
                break
            if not unit.blank and unit.bottom - top > available:
                break
            j += 1
        if j == i:  # taller than a whole page: cut it where the page ends
            cut = top + available
            pages.append(Slice(top, cut, header, first.edge, 0.0))
            units[i] = replace(first, top=cut, header=None, break_before=False)
            continue
        if j < len(units) and not units[j].break_before:
            k = j
            while k - 1 > i and units[k - 1].keep_with_next:
                k -= 1
            if k > i and not units[k - 1].keep_with_next:
                j = k
            else:  # the whole page is one chain kept together: break before its last heading, if any
                j = next((h for h in range(j, i, -1) if units[h].heading), j)
        last = j - 1
        while last > i and units[last].blank:
            last -= 1
        pages.append(Slice(top, units[last].bottom, header, first.edge, units[last].edge))
        i = j
    return pages
