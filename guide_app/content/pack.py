"""Content packs: guides, their pages and the sections inside each page.

A pack is a folder of guides; a guide is a folder with a `guide.toml` and Markdown
pages (docs/content-format.md). Loading keeps whatever is valid and records a
`Problem` for the rest, so one broken file never hides the whole guide.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from guide_app.content.toml_cache import keep_header, read_cached, read_header
from guide_app.errors import ContentError, PageNotFound, Problem

if TYPE_CHECKING:  # the renderer loads on the first page rendered, not at start-up
    from guide_app.content.render import Rendered, Section

GUIDE_FILE = "guide.toml"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _sha256():
    """SHA-256 from CPython's own module: hashlib would load OpenSSL, some 3.5 MiB of resident
    memory for the life of the window, for this one digest (the same digest either way)."""
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        try:
            from _sha256 import sha256  # Python 3.11
        except ImportError:
            from hashlib import sha256
    return sha256()


@dataclass(eq=False)
class Page:
    """One page: metadata at load time, Markdown read and rendered on first use."""

    id: str
    title: str
    _path: Path | str | None  # the file; a str until first used (a pack may hold 100,000 pages)
    guide: Guide | None = None
    source: str | None = None  # Markdown given directly (the app's own pages)
    _rendered: Rendered | None = field(default=None, repr=False)

    @property
    def path(self) -> Path | None:
        if isinstance(self._path, str):
            self._path = Path(self._path)
        return self._path

    def stamp(self) -> tuple[int, int] | None:
        """The page file's size and time (None: no file, or unreadable): what tells a kept copy
        of the page is still this page."""
        if self.path is None:
            return None
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns

    def markdown(self) -> str:
        if self.source is None:
            self.source = self._read()
        return self.source

    def _read(self) -> str:
        assert self.path is not None
        try:
            return self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            line = self.path.read_bytes()[: error.start].count(b"\n") + 1
            raise ContentError(self.path, line, "not UTF-8 text; save it as UTF-8") from None
        except OSError as error:
            raise ContentError(self.path, None, f"cannot read: {error.strerror}") from None

    def rendered(self) -> Rendered:
        if self._rendered is None:
            from guide_app.content.render import render_markdown

            self._rendered = render_markdown(self.markdown())
        return self._rendered

    def render(self) -> Rendered:
        """Rendered without keeping it or its source: indexing a big pack must not hold every page."""
        if self._rendered is not None:
            return self._rendered
        from guide_app.content.render import render_markdown

        return render_markdown(self.source if self.source is not None else self._read())

    @property
    def html(self) -> str:
        return self.rendered().html

    @property
    def sections(self) -> list[Section]:
        return self.rendered().sections

    @property
    def text(self) -> str:
        return self.rendered().text

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None


@dataclass(eq=False)
class Guide:
    id: str
    title: str
    folder: Path
    author: str = ""
    published: str = ""
    home: str = ""
    pages: list[Page] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    data: dict[str, object] = field(default_factory=dict)
    _unloaded: tuple[dict, str] | None = field(default=None, repr=False)  # guide.toml, pages not listed yet
    # Only guide.toml's kept header read (toml_cache.read_header): (pages listed, the first one's id).
    _unread: tuple[int, str] | None = field(default=None, repr=False)

    @property
    def pages_pending(self) -> bool:
        """Its pages wait for Pack.finish_loading (a big pack's other guides, while the window opens)."""
        return self._unloaded is not None or self._unread is not None

    @property
    def start(self) -> str:
        """The page to open for the guide itself: its home, else its first page."""
        if self.home:
            return self.home
        if self.pages:
            return self.pages[0].id
        if self._unread is not None:
            return self._unread[1]
        entries = self._unloaded[0].get("pages") if self._unloaded else None
        first = entries[0] if isinstance(entries, list) and entries and isinstance(entries[0], dict) else {}
        return first.get("id", "") if isinstance(first.get("id"), str) else ""

    def data_file(self, name: str) -> Path | None:
        """A data file named in guide.toml (programs, symptoms, ...), if any."""
        value = self.data.get(name)
        return self.folder / value if isinstance(value, str) else None


@dataclass(eq=False)
class Pack:
    folder: Path
    guides: list[Guide] = field(default_factory=list)
    app_pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Pages rendered by an earlier run (the search index keeps them): page id -> HTML, or None.
    html_cache: Callable[[str], str | None] | None = field(default=None, repr=False)
    _by_id: dict[str, Page] = field(default_factory=dict, repr=False)
    _by_path: dict[str, Page] = field(default_factory=dict, repr=False)
    _loading: tuple[set[str], Path | None] | None = field(default=None, repr=False)  # ids seen, cache
    # finish_loading may run in the window's index thread while the window looks a page up.
    _loading_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def pages(self) -> Iterator[Page]:
        self.finish_loading()
        yield from self._listed_pages()

    def _listed_pages(self) -> Iterator[Page]:
        for guide in self.guides:
            yield from guide.pages
        yield from self.app_pages

    def finish_loading(self) -> int:
        """List the pages of the guides load_pack left for later; returns the problems that added."""
        if self._loading is None:
            return 0
        with self._loading_lock:  # a second caller waits for the first to finish
            if self._loading is None:
                return 0
            seen, cache_dir = self._loading
            before = len(self.problems)
            for guide in self.guides:
                if guide.pages_pending:
                    _load_pages(guide, self.problems, seen, cache_dir)
            self._loading = None
            return len(self.problems) - before

    def page(self, page_id: str) -> Page:
        page = self._by_id.get(page_id)
        if page is None or not (page.guide in self.guides or page in self.app_pages):
            self._by_id = {p.id: p for p in self._listed_pages()}  # first use, or the pages changed
            page = self._by_id.get(page_id)
            if page is None and self._loading is not None:
                self.finish_loading()
                self._by_id = {p.id: p for p in self._listed_pages()}
                page = self._by_id.get(page_id)
        if page is None:
            raise PageNotFound(page_id)
        return page

    def has_page(self, page_id: str) -> bool:
        try:
            self.page(page_id)
        except PageNotFound:
            return False
        return True

    def page_at(self, path: Path) -> Page | None:
        """The page read from the file at `path` (resolved), if any."""
        if len(self._by_path) != sum(len(g.pages) for g in self.guides):
            self._by_path = {os.fspath(p._path): p for p in self.pages() if p._path is not None}
        return self._by_path.get(os.fspath(path))

    def page_html(self, page: Page) -> str:
        """The page's HTML, from an earlier run when kept, so start-up renders no Markdown.

        Only a guide's pages: their files are what the index's fingerprint covers."""
        if page._rendered is None and page.guide is not None and self.html_cache is not None:
            cached = self.html_cache(page.id)
            if cached is not None:
                return cached
        return page.html

    @property
    def home(self) -> str | None:
        for guide in self.guides:
            if guide.home and any(p.id == guide.home for p in guide.pages):
                return guide.home
            if guide.pages:
                return guide.pages[0].id
        return next((p.id for p in self.app_pages), None)

    def add_app_page(self, page: Page) -> None:
        self.app_pages = [p for p in self.app_pages if p.id != page.id] + [page]
        self._by_id.pop(page.id, None)

    def synonyms(self) -> dict[str, list[str]]:
        merged: dict[str, list[str]] = {}
        for guide in self.guides:
            for key, values in guide.synonyms.items():
                merged.setdefault(key, []).extend(v for v in values if v not in merged.get(key, []))
        return merged

    def fingerprint(self) -> str:
        """A hash of every file's name, size and time: changes when the content does."""
        digest = _sha256()
        for guide in self.guides:
            lines = []
            try:
                entries = sorted(os.scandir(guide.folder), key=lambda entry: entry.name)
            except OSError:
                entries = []
            for entry in entries:
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                lines.append(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
            digest.update("".join(lines).encode())
        for page in self.app_pages:
            digest.update(f"{page.id}\0{page.source}\n".encode())
        return digest.hexdigest()[:24]


def _page_line(text: str, page_id: object) -> int | None:
    """The line of a [[pages]] entry, for a problem with it."""
    return _line_of(text, f'"{page_id}"') if isinstance(page_id, str) else _line_of(text, "[[pages]]")


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def _read_toml(path: Path) -> tuple[dict, str]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(path, None, f"cannot read: {error.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path, raw[: error.start].count(b"\n") + 1, "not UTF-8 text") from None
    import tomllib  # only when no kept copy can be read (guide_app.content.toml_cache): start-up time

    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        message = _TOML_LINE.sub("", str(error)).strip()
        raise ContentError(path, int(found.group(1)) if found else None, f"not valid TOML: {message}") from None


def _string(table: dict, key: str, path: Path, text: str, problems: list[Problem], default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        problems.append(Problem(path, _line_of(text, key), f"'{key}' must be text in quotes"))
        return default
    return value


def load_synonyms(path: Path, problems: list[Problem], cache_dir: Path | None = None) -> dict[str, list[str]]:
    try:
        data, text = read_cached(path, _read_toml, cache_dir)
    except ContentError as error:
        problems.append(error.problem)
        return {}
    table = data.get("synonyms", {})
    if not isinstance(table, dict):
        problems.append(Problem(path, _line_of(text, "synonyms"), "[synonyms] must be a table"))
        return {}
    synonyms: dict[str, list[str]] = {}
    for key, values in table.items():
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(Problem(path, _line_of(text, key), f"synonyms for {key!r} must be a list of text"))
            continue
        synonyms[key.lower()] = [v.lower() for v in values]
    return synonyms


def load_guide(
    folder: Path, problems: list[Problem], seen_ids: set[str], cache_dir: Path | None = None
) -> Guide | None:
    guide = _guide_header(folder, problems, cache_dir)
    if guide is not None:
        _load_pages(guide, problems, seen_ids, cache_dir)
    return guide


def _guide_header(
    folder: Path, problems: list[Problem], cache_dir: Path | None, header_only: bool = False
) -> Guide | None:
    """The guide as guide.toml describes it, its pages not loaded yet (see _load_pages). With
    `header_only`, from the header kept by an earlier run when there is one (the pages unread)."""
    path = folder / GUIDE_FILE
    kept = read_header(path, cache_dir) if header_only else None
    if kept is not None:  # kept only from a header without problems, and this file is the same
        header, count, first = kept
        guide = _guide_from(header, folder, path, "", problems)
        guide._unread = (count, first)
        return guide
    try:
        data, text = read_cached(path, _read_toml, cache_dir)
    except ContentError as error:
        problems.append(error.problem)
        return None
    before = len(problems)
    guide = _guide_from(data, folder, path, text, problems)
    guide._unloaded = (data, text)
    if header_only and len(problems) == before:
        entries = data.get("pages")
        count = len(entries) if isinstance(entries, list) else 0
        keep_header(path, cache_dir, {k: v for k, v in data.items() if k != "pages"}, count, guide.start)
    return guide


def _guide_from(data: dict, folder: Path, path: Path, text: str, problems: list[Problem]) -> Guide:
    guide_id = _string(data, "id", path, text, problems, folder.name) or folder.name
    guide = Guide(
        id=guide_id,
        title=_string(data, "title", path, text, problems, guide_id) or guide_id,
        folder=folder,
        author=_string(data, "author", path, text, problems),
        published=_string(data, "published", path, text, problems),
        home=_string(data, "home", path, text, problems),
    )
    for key in ("programs", "symptoms", "source"):
        if key in data:
            guide.data[key] = _string(data, key, path, text, problems)
    for key in ("source_left_out", "emergency_pages"):  # lists, checked by guide-app check
        if key in data:
            guide.data[key] = data[key]
    return guide


def _load_pages(guide: Guide, problems: list[Problem], seen_ids: set[str], cache_dir: Path | None) -> None:
    """Check and list the pages of a guide _guide_header read (page ids unique across `seen_ids`)."""
    if guide._unread is not None:  # only the kept header was read: now the whole file
        try:
            guide._unloaded = read_cached(guide.folder / GUIDE_FILE, _read_toml, cache_dir)
        except ContentError as error:  # changed or removed since the header was read
            problems.append(error.problem)
            guide._unloaded = ({}, "")
        guide._unread = None
    assert guide._unloaded is not None
    (data, text), guide._unloaded = guide._unloaded, None
    loaded: list[Page] = []  # set at once: the window may look at the guide meanwhile (finish_loading)
    folder = guide.folder
    path = folder / GUIDE_FILE
    entries = data.get("pages", [])
    if not isinstance(entries, list) or not entries:
        problems.append(Problem(path, _line_of(text, "pages"), "no [[pages]] listed"))
        entries = []
    real_folder = folder.resolve()
    folder_prefix = str(real_folder) + os.sep  # joined by hand: os.path.join is slow over 100,000 pages
    try:  # one listing instead of a stat (and a resolve) per page: packs may hold 100,000 pages
        listing = {entry.name: entry for entry in os.scandir(real_folder)}
    except OSError:
        listing = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(Problem(path, _line_of(text, "pages"), f"page {number} must be a [[pages]] table"))
            continue
        page_id = entry.get("id")
        if not isinstance(page_id, str) or not _ID.match(page_id):
            problems.append(
                Problem(
                    path,
                    _page_line(text, page_id),
                    f"page {number}: 'id' must be lower-case letters, digits and dashes",
                )
            )
            continue
        if page_id in seen_ids:
            problems.append(
                Problem(path, _page_line(text, page_id), f"page id {page_id!r} is used twice; skipped the second")
            )
            continue
        file_name = entry.get("file")
        if file_name is None:
            file_name = page_id + ".md"
        title = entry.get("title", page_id)
        if not isinstance(file_name, str) or not isinstance(title, str):
            problems.append(
                Problem(path, _page_line(text, page_id), f"page {page_id!r}: 'file' and 'title' must be text")
            )
            continue
        listed = listing.get(file_name)
        page_path: Path | str
        if listed is not None and not listed.is_symlink() and listed.is_file():
            page_path = folder_prefix + file_name  # a plain file right in the folder: inside it
        else:
            page_path = (folder / file_name).resolve()
            if not page_path.is_relative_to(real_folder):
                problems.append(
                    Problem(path, _page_line(text, page_id), f"page {page_id!r}: file must be inside the guide folder")
                )
                continue
            if not page_path.is_file():
                problems.append(
                    Problem(path, _page_line(text, page_id), f"page {page_id!r}: file {file_name} does not exist")
                )
                continue
        seen_ids.add(page_id)
        loaded.append(Page(page_id, title, page_path, guide))
    guide.pages = guide.pages + loaded
    synonyms_file = data.get("synonyms")
    if isinstance(synonyms_file, str):
        guide.synonyms = load_synonyms(folder / synonyms_file, problems, cache_dir)
    if guide.home and not any(p.id == guide.home for p in guide.pages):
        problems.append(Problem(path, _line_of(text, "home"), f"home page {guide.home!r} is not among the pages"))


def load_pack(folder: Path | str, cache_dir: Path | None = None, *, defer_over: int | None = None) -> Pack:
    """Load every guide in `folder` (or `folder` itself if it is one guide).

    `cache_dir` keeps parsed copies of guide.toml and synonyms files between runs. With
    `defer_over`, a pack of more pages than that lists only its first guide's pages (the window's
    first page is there); the others wait for Pack.finish_loading, or for a page looked up there."""
    root = Path(folder)
    pack = Pack(root)
    if not root.is_dir():
        pack.problems.append(Problem(root, None, "content folder does not exist"))
        return pack
    if (root / GUIDE_FILE).is_file():
        folders = [root]
    else:
        folders = sorted(p for p in root.iterdir() if (p / GUIDE_FILE).is_file())
    if not folders:
        pack.problems.append(Problem(root, None, f"no guide found (a guide is a folder with a {GUIDE_FILE})"))
    seen: set[str] = set()
    if defer_over is None:
        for guide_folder in folders:
            guide = load_guide(guide_folder, pack.problems, seen, cache_dir)
            if guide is not None:
                pack.guides.append(guide)
        return pack
    pack.guides = [g for g in (_guide_header(f, pack.problems, cache_dir, True) for f in folders) if g is not None]
    listed = sum(_listed(g) for g in pack.guides)
    for guide in pack.guides:
        if listed > defer_over and any(g.pages for g in pack.guides):
            pack._loading = (seen, cache_dir)  # the rest, once the window shows
            break
        _load_pages(guide, pack.problems, seen, cache_dir)
    return pack


def _listed(guide: Guide) -> int:
    """How many pages the guide lists in its guide.toml (its pages not loaded yet)."""
    if guide._unread is not None:
        return guide._unread[0]
    entries = guide._unloaded[0].get("pages") if guide._unloaded is not None else None
    return len(entries) if isinstance(entries, list) else 0
