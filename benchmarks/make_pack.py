"""Generate a synthetic content pack of N pages, in the documented format, for scale tests.

    .venv/bin/python benchmarks/make_pack.py N OUT [--per-guide 2000] [--seed 7]

Pages read like the bundled article without being it: paragraphs recombine the
article's own sentences (with some of their words swapped for others of the article
and for made-up words, so the vocabulary grows with the pack as a real library's
does), under "##" headings with stable anchors, with links to other pages and their
sections. Big packs are split into several guides (--per-guide pages each); the first
guide carries the bundled synonyms so everyday words work. The same N and seed give
the same pack. Nothing here is medical content: it is filler for measuring.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "guides" / "clonazepam"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
SUBJECT = {"clonazepam", "klonopin", "benzodiazepine", "benzodiazepines", "clonazepam's"}
SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo zan ter lin mor pex quil dra tho vin sel".split()


def article_sentences() -> tuple[list[str], list[str]]:
    """Sentences and headings of the bundled guide's pages (plain text, no Markdown marks)."""
    sentences: list[str] = []
    headings: list[str] = []
    for path in sorted(SOURCE.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\{#[^}]*\}|\[([^\]]*)\]\([^)]*\)|[*_`>|]", r"\1", line).strip(" -#\t")
            if not line or line.startswith(("---", ":--")):
                continue
            if len(line) < 70 and not line.endswith("."):
                headings.append(line)
                continue
            sentences.extend(s.strip() for s in _SENTENCE.split(line) if len(s.strip()) > 20)
    return sentences, headings


class Writer:
    """Makes up text from the article's sentences, with a vocabulary that grows with the pack."""

    def __init__(self, pages: int, seed: int) -> None:
        self.random = random.Random(seed)
        self.sentences, self.headings = article_sentences()
        words = sorted({w.lower() for s in self.sentences for w in _WORD.findall(s)})
        # Heaps' law, roughly: a library of N pages uses some 40 * sqrt(N * 250) distinct words.
        invented = int(40 * (pages * 250) ** 0.5)
        seen: set[str] = set(words)
        self.invented: list[str] = []
        while len(self.invented) < invented:
            word = "".join(self.random.choice(SYLLABLES) for _ in range(self.random.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                self.invented.append(word)
        self.article_words = words

    def word(self) -> str:
        """A made-up word, the first ones far more often than the last (Zipf-like)."""
        n = len(self.invented)
        return self.invented[min(n - 1, int(n ** self.random.random()) - 1)]

    def start_page(self) -> None:
        """Each page is about something of its own: a few words it uses again and again."""
        self.topic = [self.word() for _ in range(6)]

    def swap(self, word: str) -> str:
        """Another word in the same place: mostly the page's topic, keeping capitals and punctuation."""
        core = word.strip(".,:;?!()'\"")
        if not core.isalpha():
            return word
        new = self.random.choice(self.topic) if self.random.random() < 0.7 else self.word()
        if core[0].isupper():
            new = new.capitalize()
        return word.replace(core, new)

    def sentence(self) -> str:
        words = self.random.choice(self.sentences).split(" ")
        for i, word in enumerate(words):
            core = word.strip(".,:;?!()'\"").lower()
            # The article's own subject becomes the page's subject; other long words change now and then.
            if (core in SUBJECT and self.random.random() < 0.9) or (len(core) >= 6 and self.random.random() < 0.25):
                words[i] = self.swap(word)
        return " ".join(words)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(2, 5)))

    def title(self) -> str:
        words = self.random.choice(self.headings).split(" ")
        base = " ".join(self.swap(w) if w.strip("?:,").lower() in SUBJECT else w for w in words)
        return f"{base} {self.random.choice(self.topic).capitalize()}" if self.random.random() < 0.7 else base


def anchor_of(title: str, used: set[str]) -> str:
    anchor = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"
    candidate, n = anchor, 2
    while candidate in used:
        candidate, n = f"{anchor}-{n}", n + 1
    used.add(candidate)
    return candidate


def page_markdown(writer: Writer, title: str, sections: list[tuple[str, str]], links: list[str]) -> str:
    rnd = writer.random
    parts = [f"# {title} {{#top}}", writer.paragraph()]
    for heading, anchor in sections:
        parts.append(f"## {heading} {{#{anchor}}}")
        for _ in range(rnd.randint(1, 3)):
            parts.append(writer.paragraph())
        if links and rnd.random() < 0.5:
            parts.append(f"See also [{writer.title().lower()}]({links.pop()}).")
    if links:
        parts.append("Related: " + ", ".join(f"[page {n + 1}]({link})" for n, link in enumerate(links)) + ".")
    return "\n\n".join(parts) + "\n"


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_pack(pages: int, out: Path, per_guide: int = 2000, seed: int = 7) -> Path:
    """Write the pack into `out` (emptied first); returns `out`."""
    if out.exists():
        shutil.rmtree(out)
    writer = Writer(pages, seed)
    rnd = writer.random
    guides = max(1, -(-pages // per_guide))
    number = 0
    for g in range(guides):
        count = min(per_guide, pages - number)
        guide_id = f"guide-{g + 1:03d}"
        folder = out / guide_id
        folder.mkdir(parents=True)
        ids = [f"p{number + i + 1:06d}" for i in range(count)]
        plans = []
        for page_id in ids:
            writer.start_page()
            used: set[str] = {"top"}
            headings = [writer.title() for _ in range(rnd.randint(2, 5))]
            plans.append((page_id, writer.title(), [(h, anchor_of(h, used)) for h in headings], writer.topic))
        lines = [f"id = {toml_string(guide_id)}", f"title = {toml_string(f'Synthetic guide {g + 1}')}"]
        lines.append(f"home = {toml_string(ids[0])}")
        if g == 0:
            shutil.copy(SOURCE / "synonyms.toml", folder / "synonyms.toml")
            lines.append('synonyms = "synonyms.toml"')
        for page_id, title, sections, topic in plans:
            writer.topic = topic
            links = []
            for _ in range(rnd.randint(1, 3)):
                other_id, _, other_sections, _ = plans[rnd.randrange(len(plans))]
                link = f"{other_id}.md"
                if other_sections and rnd.random() < 0.5:
                    link += "#" + rnd.choice(other_sections)[1]
                links.append(link)
            (folder / f"{page_id}.md").write_text(page_markdown(writer, title, sections, links), encoding="utf-8")
            lines += ["", "[[pages]]", f"id = {toml_string(page_id)}", f"title = {toml_string(title)}"]
        (folder / "guide.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        number += count
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=int, help="how many pages")
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--per-guide", type=int, default=2000, help="pages per guide (default 2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args()
    if args.pages < 1:
        parser.error("N must be at least 1")
    make_pack(args.pages, args.out, args.per_guide, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*.md"))
    print(f"{args.pages} pages in {args.out} ({size / 2**20:.1f} MiB of Markdown)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
