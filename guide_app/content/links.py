"""Where a link in a page leads, and which image files a page may load: only its own guide's."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from guide_app.content.pack import Pack, Page


class Target(NamedTuple):
    """Where a link in a page leads."""

    kind: str  # "page", "external", "app" or "invalid"
    page_id: str = ""
    anchor: str = ""
    url: str = ""


def resolve_link(pack: Pack, page: Page | None, href: str) -> Target:
    """Resolve `href` written in `page`: another page's file, an anchor, app: or http(s)."""
    href = href.strip()
    lowered = href.lower()
    if lowered.startswith(("http://", "https://", "mailto:", "tel:")):
        return Target("external", url=href)
    if lowered.startswith("app:"):
        return Target("app", url=href[4:])
    path_part, _, anchor = href.partition("#")
    if not path_part:
        return Target("page", page.id if page else "", anchor) if page else Target("invalid", url=href)
    if ":" in path_part or path_part.startswith(("/", "\\")) or ".." in path_part.split("/"):
        return Target("invalid", url=href)
    folder = page.folder if page else None
    if folder is not None:
        candidate = pack.page_at((folder / path_part).resolve())
        if candidate is not None:
            return Target("page", candidate.id, anchor)
    if pack.has_page(path_part.removesuffix(".md")):
        return Target("page", path_part.removesuffix(".md"), anchor)
    return Target("invalid", url=href)


def image_path(folder: Path | None, src: str) -> Path | None:
    """The file an image link names, if it lies inside `folder` (no ../, no absolute path, no URL)."""
    if folder is None or ":" in src or src.startswith(("/", "\\")):
        return None
    path = (folder / src).resolve()
    return path if path.is_relative_to(folder.resolve()) and path.is_file() else None
