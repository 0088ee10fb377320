"""What the app opens: the content pack, the clinic config, and the search index."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guide_app.clinic import get_help_page
from guide_app.config import Config, load_config
from guide_app.content import Pack, load_pack
from guide_app.paths import default_config_path, default_content_dir, user_cache_dir
from guide_app.search import SearchIndex

# Up to this many pages, the cached index (which holds the rendered pages) opens before the
# window; a bigger pack's fingerprint costs more than rendering the first page.
OPEN_INDEX_FIRST_UP_TO = 5000


@dataclass
class Library:
    pack: Pack
    config: Config
    cache_dir: Path | None = None
    _index: SearchIndex | None = field(default=None, repr=False)
    _earlier: SearchIndex | None = field(default=None, repr=False)  # see open_for_window

    @classmethod
    def open(
        cls,
        content_dir: Path | str | None = None,
        config_path: Path | str | None = None,
        cache_dir: Path | None | bool = True,
        *,
        defer_over: int | None = None,
    ) -> Library:
        """`config_path` None means the user's default location, if the file exists."""
        if config_path is None:
            config = load_config(default_config_path())
        else:
            config = load_config(config_path, required=True)
        cache = user_cache_dir() if cache_dir is True else (cache_dir or None)
        pack = load_pack(Path(content_dir) if content_dir else default_content_dir(), cache, defer_over=defer_over)
        pack.add_app_page(get_help_page(config))
        return cls(pack, config, cache)

    @classmethod
    def open_for_window(cls, content_dir: Path | str | None, config_path: Path | str | None) -> Library:
        """`open`, and what spares the first page the Markdown renderer: in a pack of up to
        OPEN_INDEX_FIRST_UP_TO pages, the cached index; in a bigger one (whose fingerprint, a stat
        of every file, waits until the window shows), the last index built, for pages whose
        files have not changed since."""
        library = cls.open(content_dir, config_path, defer_over=OPEN_INDEX_FIRST_UP_TO)
        if library.pack._loading is None and sum(len(g.pages) for g in library.pack.guides) <= OPEN_INDEX_FIRST_UP_TO:
            library.open_cached_index()
        else:
            library._earlier = SearchIndex.latest(library.pack, library.cache_dir)
            if library._earlier is not None:
                pack, earlier = library.pack, library._earlier
                pack.html_cache = lambda page_id: earlier.unchanged_page_html(pack.page(page_id))
        return library

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self.set_index(SearchIndex.for_pack(self.pack, self.cache_dir))
        assert self._index is not None
        return self._index

    def open_cached_index(self) -> bool:
        """Open the index an earlier run built, if any: cheap, and it holds the rendered
        pages, so the first page shows without loading the Markdown renderer."""
        if self._index is None:
            index = SearchIndex.cached(self.pack, self.cache_dir)
            if index is not None:
                self.set_index(index)
        return self._index is not None

    def set_index(self, index: SearchIndex) -> None:
        self._index = index
        self.pack.html_cache = index.page_html
        if self._earlier is not None:
            self._earlier.connection.close()
            self._earlier = None
