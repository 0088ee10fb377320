"""Where the app's files live: bundled resources and per-user folders.

Resources are found the same way from a source checkout, an installed wheel and a
PyInstaller bundle, never relative to the working directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from guide_app import APP_ID


def resources_dir() -> Path:
    """The folder holding guides, stylesheets, icons and data files."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "guide_app" / "resources"
    here = Path(__file__).resolve().parent
    installed = here / "resources"  # wheel: shipped as package data
    if installed.is_dir():
        return installed
    return here.parent / "resources"  # source checkout


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_content_dir() -> Path:
    return resource("guides")


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var, "")
    return Path(value) if os.path.isabs(value) else Path.home() / fallback


def user_config_dir() -> Path:
    """Per-user config folder, as QStandardPaths.AppConfigLocation would give it."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP_ID
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / APP_ID
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_ID


def user_cache_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP_ID / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_ID
    return _xdg("XDG_CACHE_HOME", ".cache") / APP_ID


def user_data_dir() -> Path:
    """Logs live here (never anything a kiosk visitor typed)."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / APP_ID / "data"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_ID
    return _xdg("XDG_DATA_HOME", ".local/share") / APP_ID


def default_config_path() -> Path:
    return user_config_dir() / "config.toml"
