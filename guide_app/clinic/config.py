"""The clinic's config file: one commented TOML file a person edits by hand.

A broken or mistyped file never stops the app: it falls back to defaults for what
is wrong and reports each problem with file and line. The file is only ever read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from guide_app.errors import Problem

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")

# section -> key -> (type, default); the one place the file's shape is written down.
SCHEMA: dict[str, dict[str, tuple[type, Any]]] = {
    "clinic": {
        "name": (str, ""),
        "phone": (str, ""),
        "address": (str, ""),
        "hours": (str, ""),
        "emergency": (str, ""),
        "helplines": (list, []),
    },
    "kiosk": {
        "enabled": (bool, False),
        "admin_pin": (str, ""),
        "idle_reset_seconds": (int, 120),
        "countdown_seconds": (int, 15),
        "allow_print": (bool, False),
        "printed_copy": (str, ""),
        "hide_cursor": (bool, False),
        "on_screen_keyboard": (bool, True),
    },
    "print": {"page_size": (str, "")},
    "sheet": {"urgent_text": (str, "")},
    "display": {"theme": (str, "light"), "zoom": (int, 0)},
}
HELPLINE_KEYS = {"name": str, "phone": str, "note": str}
CHOICES = {("print", "page_size"): {"", "a4", "letter"}, ("display", "theme"): {"light", "dark", "high-contrast"}}
RANGES = {
    ("kiosk", "idle_reset_seconds"): (5, 86400),
    ("kiosk", "countdown_seconds"): (0, 120),
    ("display", "zoom"): (-5, 20),
}


class Helpline(NamedTuple):
    name: str
    phone: str = ""
    note: str = ""


@dataclass
class Config:
    path: Path | None = None
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    helplines: list[Helpline] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def get(self, section: str, key: str) -> Any:
        return self.values.get(section, {}).get(key, SCHEMA[section][key][1])

    def clinic(self, key: str) -> str:
        return str(self.get("clinic", key)).strip()

    @property
    def has_clinic(self) -> bool:
        return any(self.clinic(k) for k in ("name", "phone", "address", "hours")) or bool(self.helplines)

    @property
    def emergency(self) -> str:
        return self.clinic("emergency") or "your local emergency number"

    @property
    def kiosk(self) -> bool:
        return bool(self.get("kiosk", "enabled"))


def _line_of(text: str, key: str, after: str | None = None) -> int | None:
    lines = text.splitlines()
    start = 0
    if after:
        for number, line in enumerate(lines):
            if line.strip().startswith(f"[{after}]") or line.strip().startswith(f"[[{after}"):
                start = number
                break
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return None


def _type_name(kind: type) -> str:
    return {str: "text in quotes", bool: "true or false", int: "a whole number", list: "a list"}[kind]


def _check_helplines(config: Config, items: Any, text: str) -> None:
    path = config.path or "config"
    if not isinstance(items, list):
        config.problems.append(
            Problem(path, _line_of(text, "helplines"), "[[clinic.helplines]] must be a list of tables")
        )
        return
    for number, item in enumerate(items, 1):
        line = _line_of(text, "name", "clinic.helplines")
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            config.problems.append(Problem(path, line, f"helpline {number} needs a name in quotes; left out"))
            continue
        bad = [k for k, v in item.items() if k not in HELPLINE_KEYS or not isinstance(v, str)]
        if bad:
            config.problems.append(
                Problem(path, line, f"helpline {number}: unknown or non-text key(s) {', '.join(bad)} ignored")
            )
        config.helplines.append(
            Helpline(**{k: v.strip() for k, v in item.items() if k in HELPLINE_KEYS and isinstance(v, str)})
        )


def parse_config(text: str, path: Path | None = None) -> Config:
    config = Config(path=path)
    where = path or "config"
    import tomllib  # loaded when there is a config to read: start-up time

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        message = _TOML_LINE.sub("", str(error)).strip()
        line = int(found.group(1)) if found else None
        config.problems.append(Problem(where, line, f"not valid TOML ({message}); using the default settings"))
        return config
    for section, table in data.items():
        if section not in SCHEMA:
            config.problems.append(
                Problem(
                    where,
                    _line_of(text, section) or _section_line(text, section),
                    f"unknown section [{section}] ignored",
                )
            )
            continue
        if not isinstance(table, dict):
            config.problems.append(Problem(where, _line_of(text, section), f"[{section}] must be a table"))
            continue
        values: dict[str, Any] = {}
        for key, value in table.items():
            line = _line_of(text, key, section)
            if key not in SCHEMA[section]:
                config.problems.append(Problem(where, line, f"unknown setting '{key}' in [{section}] ignored"))
                continue
            kind, _default = SCHEMA[section][key]
            if key == "helplines" and section == "clinic":
                _check_helplines(config, value, text)
                continue
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                config.problems.append(
                    Problem(where, line, f"'{key}' in [{section}] must be {_type_name(kind)}; using the default")
                )
                continue
            if isinstance(value, str):
                value = value.strip()
            choices = CHOICES.get((section, key))
            if choices is not None and value.lower() not in choices:
                allowed = ", ".join(repr(c) for c in sorted(choices) if c)
                config.problems.append(Problem(where, line, f"'{key}' must be one of {allowed}; using the default"))
                continue
            bounds = RANGES.get((section, key))
            if bounds and not bounds[0] <= value <= bounds[1]:
                config.problems.append(
                    Problem(where, line, f"'{key}' must be between {bounds[0]} and {bounds[1]}; using the default")
                )
                continue
            values[key] = value.lower() if choices is not None else value
        config.values[section] = values
    return config


def _section_line(text: str, section: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f"[{section}") or line.strip().startswith(f"[[{section}"):
            return number
    return None


def load_config(path: Path | str | None, *, required: bool = False) -> Config:
    """Read the config at `path`; a missing optional file means neutral defaults."""
    if path is None:
        return Config()
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        config = Config(path=path)
        if required:
            config.problems.append(Problem(path, None, "config file not found; using the default settings"))
        return config
    except OSError as error:
        return Config(
            path=path, problems=[Problem(path, None, f"cannot read ({error.strerror}); using the default settings")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Config(path=path, problems=[Problem(path, line, "not UTF-8 text; using the default settings")])
    return parse_config(text, path)
