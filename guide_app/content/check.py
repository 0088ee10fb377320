"""Everything `guide-app check` verifies in a content pack, as a list of problems."""

from __future__ import annotations

from pathlib import Path

from guide_app.comparison.programs import check_programs
from guide_app.content.links import image_path, resolve_link
from guide_app.content.pack import Pack, Page
from guide_app.content.source_check import check_sources
from guide_app.errors import ContentError, Problem
from guide_app.printing.sheet import check_sheets

APP_LINKS = {"compare", "sheet", "get-help"}


def _line_of(page: Page, needle: str) -> int | None:
    lines = page.markdown().splitlines()
    for candidate in (f"({needle})", f"({needle} ", needle):  # a Markdown link target first
        for number, line in enumerate(lines, 1):
            if candidate in line:
                return number
    return None


def check_page(pack: Pack, page: Page) -> list[Problem]:
    problems: list[Problem] = []
    where = page.path or page.id
    try:
        rendered = page.rendered()
    except ContentError as error:
        return [error.problem]
    if not page.markdown().strip():
        return [Problem(where, 1, "page is empty")]
    anchors = [s.anchor for s in rendered.sections if s.anchor]
    for anchor in {a for a in anchors if anchors.count(a) > 1}:
        problems.append(Problem(where, _line_of(page, f"#{anchor}"), f"anchor #{anchor} is used twice"))
    for link in rendered.links:
        line = _line_of(page, link.href)
        if link.kind == "img":
            if not _image_ok(page, link.href):
                problems.append(Problem(where, line, f"image {link.href!r} is missing or outside the guide folder"))
            continue
        target = resolve_link(pack, page, link.href)
        if target.kind == "invalid":
            problems.append(Problem(where, line, f"link {link.href!r} leads to no page of this pack"))
        elif target.kind == "app" and target.url not in APP_LINKS:
            problems.append(Problem(where, line, f"unknown app link {link.href!r}"))
        elif target.kind == "page" and target.anchor:
            other = pack.page(target.page_id)
            try:
                if other.section(target.anchor) is None:
                    problems.append(
                        Problem(where, line, f"link {link.href!r}: no section #{target.anchor} on page {other.id!r}")
                    )
            except ContentError:
                pass  # reported for that page itself
    return problems


def _image_ok(page: Page, src: str) -> bool:
    return image_path(page.folder, src) is not None


def check_pack(pack: Pack) -> list[Problem]:
    problems = list(pack.problems)
    for page in pack.pages():
        problems.extend(check_page(pack, page))
    problems.extend(check_programs(pack))
    problems.extend(check_sheets(pack))
    problems.extend(check_sources(pack))
    problems.extend(_check_emergency_pages(pack))
    return problems


def _check_emergency_pages(pack: Pack) -> list[Problem]:
    """guide.toml's `emergency_pages` must list page ids of that guide."""
    problems = []
    for guide in pack.guides:
        listed = guide.data.get("emergency_pages", [])
        ids = {page.id for page in guide.pages}
        if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
            problems.append(Problem(guide.folder / "guide.toml", None, "'emergency_pages' must list page ids"))
            continue
        for page_id in listed:
            if page_id not in ids:
                problems.append(Problem(guide.folder / "guide.toml", None, f"'emergency_pages': no page {page_id!r}"))
    return problems


def format_problems(problems: list[Problem], root: Path | None = None) -> list[str]:
    lines = []
    for problem in problems:
        path = Path(problem.path)
        if root is not None:
            try:
                path = path.resolve().relative_to(root.resolve().parent)
            except ValueError:
                pass
        lines.append(str(Problem(path, problem.line, problem.message)))
    return lines
