"""The article as published (the guide's source file) against its pages: what no page carries.

A guide may name its source text in guide.toml (`source = "source.txt"`), with the passages
deliberately left out (`source_left_out`: the beginnings of lines, such as a web page's
chrome). `guide-app check` then reports, as file:line, every sentence of the source that no
page of the guide carries word for word, and every left-out entry that matches no line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide_app.content.pack import Guide, Pack
from guide_app.errors import ContentError, Problem

SOURCE_KEY = "source"
LEFT_OUT_KEY = "source_left_out"
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9“\"'(])")
_BULLET = "•"


def plain(text: str) -> str:
    """Text compared word for word: the same words, whatever the spacing or the quote marks."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.replace(_BULLET, " ").split())


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str


def source_sentences(text: str, left_out: list[str] = ()) -> list[Sentence]:
    """Every sentence of the source, with its line; lines that begin with a `left_out` entry are skipped."""
    sentences = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip().lstrip(_BULLET).strip()
        if not line or any(line.startswith(entry) for entry in left_out):
            continue
        sentences += [Sentence(number, s) for s in _SENTENCE_END.split(line) if s.strip()]
    return sentences


def guide_text(guide: Guide) -> str:
    """Every page of the guide as one plain run of words (a page that cannot be read adds nothing)."""
    parts = []
    for page in guide.pages:
        try:
            parts.append(page.text)
        except ContentError:
            pass  # reported for that page itself
    return plain(" ".join(parts))


def _key_line(path, key: str, quoted: str = "") -> int | None:
    """The line of `key` in guide.toml, or of the quoted text `quoted` after it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    start = next((n for n, line in enumerate(lines, 1) if line.strip().startswith(key)), None)
    if start is None or not quoted:
        return start
    return next((n for n, line in enumerate(lines[start - 1 :], start) if f'"{quoted}"' in line), start)


def check_source(guide: Guide) -> list[Problem]:
    """Sentences of the guide's source that no page carries, and left-out entries that match nothing."""
    toml = guide.folder / "guide.toml"
    name = guide.data.get(SOURCE_KEY)
    if not isinstance(name, str):
        return []
    path = guide.folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        why = "not UTF-8 text" if isinstance(error, UnicodeDecodeError) else "cannot be read"
        return [Problem(toml, _key_line(toml, SOURCE_KEY), f"source file {name} {why}")]
    left_out = guide.data.get(LEFT_OUT_KEY, [])
    if not isinstance(left_out, list) or not all(isinstance(entry, str) and entry.strip() for entry in left_out):
        return [Problem(toml, _key_line(toml, LEFT_OUT_KEY), f"'{LEFT_OUT_KEY}' must be a list of text in quotes")]
    left_out = [entry.strip() for entry in left_out]
    problems = []
    lines = [raw.strip().lstrip(_BULLET).strip() for raw in text.splitlines()]
    for entry in left_out:
        if not any(line.startswith(entry) for line in lines):
            problems.append(
                Problem(
                    toml,
                    _key_line(toml, LEFT_OUT_KEY, entry),
                    f"'{LEFT_OUT_KEY}': no line of {name} begins {entry[:50]!r}",
                )
            )
    carried = guide_text(guide)
    for sentence in source_sentences(text, left_out):
        if plain(sentence.text) not in carried:
            problems.append(Problem(path, sentence.line, f"no page carries this sentence: {sentence.text[:70]!r}"))
    return problems


def check_sources(pack: Pack) -> list[Problem]:
    pack.finish_loading()
    return [problem for guide in pack.guides for problem in check_source(guide)]
