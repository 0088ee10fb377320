"""The bundled guide carries the whole article, word for word, and nothing of the web page's chrome."""

from __future__ import annotations

import re

import pytest

from guide_app.content.check import check_pack
from guide_app.content.links import resolve_link
from guide_app.content.pack import load_pack
from tests.conftest import SOURCE_ARTICLE, write_pack

# Lines of the source that are web-page chrome, not article content.
CHROME = {"Sources:", "Related Articles", "Recovery Begins Here"}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("•", " ")).strip()


def article_sentences() -> list[str]:
    lines = SOURCE_ARTICLE.read_text(encoding="utf-8").splitlines()
    sentences = []
    for number, line in enumerate(lines, 1):
        line = line.strip().lstrip("•").strip()
        if not line or number == 60 or line in CHROME or line.startswith("Click below"):
            continue
        if number in range(61, 67):  # the factors table, flattened into one line a row
            sentences.extend(line.split(" ", 1) if number == 61 else [line])
            continue
        sentences.extend(s for s in re.split(r"(?<=[.?!])\s+(?=[A-Z])", line) if s)
    return sentences


def all_text(pack) -> str:
    return _normalise(" ".join(page.text for page in pack.pages()))


def test_every_sentence_of_the_article_is_in_the_pages(bundled_pack):
    text = all_text(bundled_pack)
    table_text = text.replace("\t", " ")
    missing = [s for s in article_sentences() if _normalise(s) not in table_text]
    assert not missing, f"{len(missing)} sentence(s) missing, e.g. {missing[:3]}"
    assert len(article_sentences()) > 120


def test_web_page_chrome_is_left_out(bundled_pack):
    text = all_text(bundled_pack)
    assert "GeneratedTable" not in text
    assert "Related Articles" not in text
    assert "Click below to get in touch" not in text
    assert "Sources:" not in text


def test_bundled_pack_checks_clean(bundled_pack):
    assert check_pack(bundled_pack) == []


def test_pages_are_the_article_sections_in_order(bundled_pack):
    ids = [p.id for p in bundled_pack.pages()]
    assert ids[:10] == [
        "overview",
        "what-is-clonazepam",
        "risks",
        "signs-and-symptoms",
        "seeking-treatment",
        "detox",
        "behavioral-therapies",
        "aftercare",
        "faqs",
        "summary",
    ]
    assert "about" in ids


def test_factors_table_is_a_real_table(bundled_pack):
    html = bundled_pack.page("seeking-treatment").html
    assert "<table>" in html and html.count("<tr>") == 6
    assert "<td>Cost and Insurance Coverage</td>" in html


def test_each_faq_question_is_its_own_heading(bundled_pack):
    sections = bundled_pack.page("faqs").sections
    questions = [s.title for s in sections if s.level == 2]
    assert len(questions) == 5 and all(q.endswith("?") for q in questions)


def test_subsection_anchors_are_stable(bundled_pack):
    detox = bundled_pack.page("detox")
    assert [s.anchor for s in detox.sections] == [
        "top",
        "detox-process-and-withdrawal-symptoms",
        "medical-supervision-and-support",
    ]


def test_links_between_pages_resolve(tmp_path):
    pack = load_pack(
        write_pack(
            tmp_path,
            {
                "one": "# One\n\nSee [two](two.md#more) and [site](https://example.org) and [here](#x).\n",
                "two": "# Two\n\n## More {#more}\n\nText.\n",
            },
        )
    )
    one = pack.page("one")
    assert resolve_link(pack, one, "two.md#more").page_id == "two"
    assert resolve_link(pack, one, "two.md#more").anchor == "more"
    assert resolve_link(pack, one, "https://example.org").kind == "external"
    assert resolve_link(pack, one, "#x").page_id == "one"
    assert resolve_link(pack, one, "../../etc/passwd").kind == "invalid"
    assert resolve_link(pack, one, "/etc/passwd").kind == "invalid"


def test_broken_link_and_missing_image_are_reported_with_line(tmp_path):
    pack = load_pack(
        write_pack(
            tmp_path,
            {
                "one": "# One\n\nA [bad link](nowhere.md).\n\n![x](missing.png)\n",
            },
        )
    )
    problems = check_pack(pack)
    messages = [(p.line, p.message) for p in problems]
    assert any(line == 3 and "nowhere.md" in m for line, m in messages)
    assert any(line == 5 and "missing.png" in m for line, m in messages)


def test_a_broken_page_does_not_hide_the_others(tmp_path):
    root = write_pack(tmp_path, {"good": "# Good\n\nFine.\n", "bad": "# Bad\n"})
    (root / "demo" / "bad.md").write_bytes(b"# Bad\n\n\xff\xfe not text\n")
    pack = load_pack(root)
    problems = check_pack(pack)
    assert pack.page("good").text.endswith("Fine.")
    assert any("UTF-8" in p.message and p.line == 3 for p in problems)


@pytest.mark.parametrize(
    "toml, message",
    [
        ('id = "x"\n[[pages]\n', "not valid TOML"),
        ('id = "x"\n', "no [[pages]]"),
        ('id = "x"\n[[pages]]\nid = "Bad Id"\n', "lower-case"),
        ('id = "x"\n[[pages]]\nid = "a"\nfile = "nope.md"\n', "does not exist"),
    ],
)
def test_broken_guide_toml_is_reported(tmp_path, toml, message):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "guide.toml").write_text(toml)
    pack = load_pack(tmp_path)
    assert any(message in p.message for p in pack.problems), pack.problems


def test_duplicate_page_ids_keep_the_first(tmp_path):
    write_pack(tmp_path, {"same": "# First\n"}, guide_id="a")
    write_pack(tmp_path, {"same": "# Second\n"}, guide_id="b")
    pack = load_pack(tmp_path)
    assert pack.page("same").text.startswith("First")
    assert any("used twice" in p.message for p in pack.problems)


def test_small_guide_files_are_read_from_kept_copies_until_they_change(tmp_path):
    """Kept copies spare loading the TOML reader at start-up; an edited file is read afresh."""
    import os
    import shutil

    from guide_app.paths import default_content_dir

    guide = tmp_path / "guide"
    shutil.copytree(default_content_dir() / "clonazepam", guide)
    cache = tmp_path / "cache"
    first = load_pack(guide, cache_dir=cache)
    assert len(list((cache / "guides").glob("*.marshal"))) == 2  # guide.toml and the synonyms
    again = load_pack(guide, cache_dir=cache)
    assert [p.id for p in again.pages()] == [p.id for p in first.pages()]
    assert again.synonyms() == first.synonyms() and first.synonyms()
    synonyms = guide / "synonyms.toml"
    synonyms.write_text('[synonyms]\nzqxword = ["rehab"]\n', encoding="utf-8")
    os.utime(synonyms, ns=(1, 1))
    assert load_pack(guide, cache_dir=cache).synonyms() == {"zqxword": ["rehab"]}
