"""What the app opens: the content pack, the clinic config, and the search index."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from guide_app.clinic.config import Config, load_config
from guide_app.clinic.details import get_help_page
from guide_app.content.pack import Pack, load_pack
from guide_app.paths import default_config_path, default_content_dir, user_cache_dir

if TYPE_CHECKING:  # SQLite loads once the window shows
    from guide_app.search.index import SearchIndex

# A pack of more pages lists its first guide's pages before the window shows, the rest after.
LIST_FIRST_GUIDE_OVER = 5000


@dataclass
class Library:
    pack: Pack
    config: Config
    cache_dir: Path | None = None
    _index: SearchIndex | None = field(default=None, repr=False)
    first_page_kept: bool = False  # the window's first page came from first_page.py's copy

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
        """`open`, with the first page as kept by the last run (first_page.py): the window needs
        neither Markdown nor SQLite to show it. The index opens once the window shows."""
        from guide_app.content.first_page import recall

        library = cls.open(content_dir, config_path, defer_over=LIST_FIRST_GUIDE_OVER)
        home = library.pack.home
        if home is not None:
            html = recall(library.cache_dir, library.pack.page(home))
            if html is not None:
                library.first_page_kept = True
                library.pack.html_cache = lambda page_id: html if page_id == home else None
        return library

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            from guide_app.search.index import SearchIndex

            self.set_index(SearchIndex.for_pack(self.pack, self.cache_dir))
        assert self._index is not None
        return self._index

    def open_cached_index(self) -> bool:
        """Open the index an earlier run built, if any: cheap, and it holds the rendered
        pages, so pages show without loading the Markdown renderer."""
        if self._index is None:
            from guide_app.search.index import SearchIndex

            index = SearchIndex.cached(self.pack, self.cache_dir)
            if index is not None:
                self.set_index(index)
        return self._index is not None

    def set_index(self, index: SearchIndex) -> None:
        self._index = index
        self.pack.html_cache = index.page_html
        self.keep_first_page()

    def keep_first_page(self) -> None:
        """Keep the first page's HTML for the next start-up, unless this one used a copy still good."""
        home = self.pack.home
        if self.first_page_kept or home is None or self.cache_dir is None:
            return
        from guide_app.content.first_page import recall, remember

        page = self.pack.page(home)
        if recall(self.cache_dir, page) is None:  # command-line runs open the index too: write only when stale
            remember(self.cache_dir, page, self.pack.page_html(page))
        self.first_page_kept = True
