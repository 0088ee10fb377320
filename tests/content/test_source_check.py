"""The article's published text travels with the guide; `check` reports what no page carries."""

from __future__ import annotations

import shutil

from guide_app.cli import main
from guide_app.content.check import check_pack
from guide_app.content.pack import load_pack
from guide_app.content.source_check import source_sentences
from guide_app.paths import default_content_dir
from tests.conftest import SOURCE_ARTICLE


def _copy(tmp_path):
    folder = tmp_path / "clonazepam"
    shutil.copytree(default_content_dir() / "clonazepam", folder)
    return folder


def test_the_source_is_inside_the_repository_and_declared_in_guide_toml(bundled_pack):
    guide = bundled_pack.guides[0]
    assert guide.data["source"] == "source.txt"
    assert SOURCE_ARTICLE == guide.folder / "source.txt" and SOURCE_ARTICLE.is_file()
    assert SOURCE_ARTICLE.read_text(encoding="utf-8").startswith("Clonazepam Addiction: Risks, Symptoms, and Treatment")


def test_every_sentence_but_the_declared_chrome_is_carried(bundled_pack):
    guide = bundled_pack.guides[0]
    sentences = source_sentences(SOURCE_ARTICLE.read_text(encoding="utf-8"), guide.data["source_left_out"])
    assert len(sentences) > 170
    texts = " ".join(s.text for s in sentences)
    assert "Click below" not in texts and "GeneratedTable" not in texts and "Related Articles" not in texts
    assert check_pack(bundled_pack) == []


def test_a_dropped_sentence_is_reported_as_file_and_line(tmp_path, capsys):
    folder = _copy(tmp_path)
    page = folder / "signs-and-symptoms.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(" Recovery is possible with the right resources and guidance.", ""),
        encoding="utf-8",
    )
    assert main(["check", "--content", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "clonazepam/source.txt:35: no page carries this sentence: "
        "'Recovery is possible with the right resources and guidance.'"
    ]


def test_a_left_out_entry_that_matches_no_line_and_chrome_no_longer_left_out(tmp_path):
    folder = _copy(tmp_path)
    toml = folder / "guide.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"Related Articles",', '"Related Articlez",'), "utf-8")
    problems = [(p.path.name, p.line, p.message) for p in check_pack(load_pack(folder))]
    line = next(n for n, text in enumerate(toml.read_text("utf-8").splitlines(), 1) if "Related Articlez" in text)
    assert ("guide.toml", line, "'source_left_out': no line of source.txt begins 'Related Articlez'") in problems
    assert ("source.txt", 185, "no page carries this sentence: 'Related Articles'") in problems
    assert len(problems) == 2


def test_a_missing_source_file_is_reported(tmp_path):
    folder = _copy(tmp_path)
    (folder / "source.txt").unlink()
    problems = check_pack(load_pack(folder))
    assert [(p.path.name, p.message) for p in problems] == [("guide.toml", "source file source.txt cannot be read")]
