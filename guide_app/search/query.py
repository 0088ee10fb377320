"""What a person typed, turned into a safe FTS5 query.

Nothing typed ever reaches FTS5 as syntax: the text is cut into word tokens, and each
token is quoted. On the way, typos are corrected against the content's own
vocabulary and everyday words are widened with the guide's synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
MAX_GROUPS = 12
MAX_TOKEN_CHARS = 40
_TOKEN = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(
    "a an and are as at be but by can do does for from how i if in into is it its me my of on or so "
    "that the their them then there these they this to was what when where which who why will with get got "
    "you your".split()
)


class _WithoutMarks(dict):
    """A str.translate table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Lower case without accents, as FTS5's unicode61 tokenizer sees text."""
    text = text.lower()
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS)


def tokens(text: str) -> list[str]:
    return [t[:MAX_TOKEN_CHARS] for t in _TOKEN.findall(fold(text))]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up (limit + 1) once past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Vocabulary:
    """The words of the content, for typo correction and prefix checks."""

    def __init__(self, counts: Counter[str] | dict[str, int]) -> None:
        self.counts = dict(counts)
        self._sorted = sorted(self.counts)
        self._grams: dict[str, list[str]] = {}
        for word in self._sorted:
            if correctable(word):
                for gram in trigrams(word):
                    self._grams.setdefault(gram, []).append(word)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(tokens(text))
        return cls(counts)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def has_prefix(self, prefix: str) -> bool:
        from bisect import bisect_left

        i = bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def neighbours(self, word: str, shortest: int, longest: int) -> Counter[str]:
        """Words of a length in [shortest, longest], with how many trigrams each shares with `word`."""
        shared: Counter[str] = Counter()
        for gram in trigrams(word):
            shared.update(w for w in self._grams.get(gram, ()) if shortest <= len(w) <= longest)
        return shared

    def frequency(self, words: list[str]) -> dict[str, int]:
        return {w: self.counts.get(w, 0) for w in words}

    def correct(self, word: str) -> str | None:
        return closest(self, word)


def correctable(word: str) -> bool:
    """Words the typo corrector knows and fixes: three letters or more, not a number."""
    return len(word) >= 3 and not word.isdigit()


def closest(vocabulary, word: str) -> str | None:
    """The closest content word within one edit (two for long words), if any.

    `vocabulary` offers neighbours() and frequency(): in memory (Vocabulary) or in the
    search index's tables, which a big pack needs.
    """
    if len(word) < 4 or word.isdigit():
        return None
    limit = 1 if len(word) < 7 else 2
    shared = vocabulary.neighbours(word, len(word) - limit, len(word) + limit)
    candidates = [candidate for candidate, _ in shared.most_common(200)]
    counts = vocabulary.frequency(candidates)
    best: tuple[int, int, str] | None = None
    for candidate in candidates:
        distance = edit_distance(word, candidate, limit)
        if distance <= limit:
            key = (distance, -counts.get(candidate, 0), candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None


@dataclass
class Group:
    """One thing the person asked for: its alternatives are OR-ed, groups are AND-ed."""

    alternatives: list[list[str]]
    prefix: bool = False  # the last word is still being typed

    def fts(self) -> str:
        parts = ['"' + " ".join(phrase) + '"' for phrase in self.alternatives]
        if self.prefix:
            parts.append('"' + " ".join(self.alternatives[0]) + '"*')
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


@dataclass
class Plan:
    groups: list[Group] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    suggestion: str = ""  # the query as corrected, for a "Did you mean" line

    def fts(self, mode: str = "AND") -> str:
        return f" {mode} ".join(group.fts() for group in self.groups)

    @property
    def terms(self) -> list[str]:
        """Every word searched for, to highlight in the opened page."""
        seen: dict[str, None] = {}
        for group in self.groups:
            for phrase in group.alternatives:
                for word in phrase:
                    seen.setdefault(word, None)
        return list(seen)


def _synonym_keys(synonyms: dict[str, list[str]]) -> list[tuple[list[str], list[list[str]]]]:
    keys = []
    for key, values in synonyms.items():
        key_tokens = tokens(key)
        if key_tokens:
            alternatives = [key_tokens] + [t for t in (tokens(v) for v in values) if t and t != key_tokens]
            keys.append((key_tokens, alternatives))
    keys.sort(key=lambda item: -len(item[0]))
    return keys


class QueryPlanner:
    """Turns typed text into a Plan, given the content's vocabulary and synonyms."""

    def __init__(self, vocabulary: Vocabulary, synonyms: dict[str, list[str]] | None = None) -> None:
        self.vocabulary = vocabulary
        self.synonyms = _synonym_keys(synonyms or {})
        self._synonym_words = {word for key, _ in self.synonyms for word in key}

    def _known(self, word: str) -> bool:
        return word in self.vocabulary or word in self._synonym_words

    def plan(self, text: str) -> Plan:
        text = text[:MAX_QUERY_CHARS]
        still_typing = bool(text) and not text[-1].isspace()
        words = tokens(text)
        plan = Plan()
        corrected: list[str] = []
        fixes: dict[str, str | None] = {}
        for index, word in enumerate(words):
            last = index == len(words) - 1
            if self._known(word) or word in STOPWORDS:
                corrected.append(word)
            elif last and still_typing and self.vocabulary.has_prefix(word):
                corrected.append(word)
            else:
                if word not in fixes:
                    fixes[word] = self.vocabulary.correct(word) or self._correct_lay_word(word)
                fix = fixes[word]
                if fix:
                    plan.corrections[word] = fix
                corrected.append(fix or word)
        plan.suggestion = " ".join(corrected) if plan.corrections else ""
        content_words = [w for w in corrected if w not in STOPWORDS]
        i = 0
        while i < len(corrected) and len(plan.groups) < MAX_GROUPS:
            for key, alternatives in self.synonyms:
                if corrected[i : i + len(key)] == key:
                    group = Group([list(a) for a in alternatives])
                    if group not in plan.groups:
                        plan.groups.append(group)
                    i += len(key)
                    break
            else:
                word = corrected[i]
                i += 1
                if word in STOPWORDS and content_words:
                    continue
                is_last = i == len(corrected)
                prefix = is_last and still_typing and len(word) >= 2 and word not in plan.corrections.values()
                group = Group([[word]], prefix=prefix)
                if group not in plan.groups:  # "near near near" asks for one thing
                    plan.groups.append(group)
        return plan

    def _correct_lay_word(self, word: str) -> str | None:
        if len(word) < 4:
            return None
        limit = 1 if len(word) < 7 else 2
        best = min(
            ((edit_distance(word, w, limit), w) for w in self._synonym_words),
            default=(limit + 1, ""),
        )
        return best[1] if best[0] <= limit else None
