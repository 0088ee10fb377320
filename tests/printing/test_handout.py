"""Printed handouts read back with pypdf: page sizes, footer, clinic block, sizes in points, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from guide_app.clinic.config import load_config, parse_config
from guide_app.content.pack import load_pack
from guide_app.paths import default_content_dir, resource
from tests.pdfs import page_sizes, pdf_pages, pdf_text, text_runs

PAGE_POINTS = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
ATTRIBUTION = "Source: “Clonazepam Addiction: Risks, Symptoms, and Treatment”, Rosewood Recovery Team, July 10, 2024"


# A QApplication first: the PDF writer would otherwise make a bare QGuiApplication, and no widget
# test after these could run.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def pack():
    return load_pack(default_content_dir())


@pytest.fixture(scope="module")
def example_config():
    return load_config(resource("config", "example-config.toml"))


def write(
    tmp_path,
    body: str,
    name: str = "out.pdf",
    *,
    config=None,
    page_size=None,
    large_print=False,
    printed=None,
    **fields,
) -> tuple[Path, int]:
    from guide_app.printing.handout import Handout, fixed, write_pdf

    out = tmp_path / name
    fields.setdefault("title", "Test handout")
    item = Handout(body=fixed(body), **fields)
    pages = write_pdf(item, out, config, page_size=page_size, large_print=large_print, printed=printed)
    return out, pages


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_page_size_in_points(tmp_path, size):
    out, pages = write(tmp_path, "<h1>Hello</h1><p>One paragraph.</p>", page_size=size)
    assert pages == 1
    width, height = page_sizes(out)[0]
    assert abs(width - PAGE_POINTS[size][0]) <= 1 and abs(height - PAGE_POINTS[size][1]) <= 1


def test_landscape_turns_the_page(tmp_path):
    out, _ = write(tmp_path, "<p>Wide table</p>", page_size="a4", landscape=True)
    width, height = page_sizes(out)[0]
    assert abs(width - 841.9) <= 1 and abs(height - 595.3) <= 1


def test_footer_has_source_and_print_date_but_no_page_number_on_one_page(tmp_path, pack):
    from guide_app.printing.handout import Source

    source = Source.of_guide(pack.guides[0])
    out, _ = write(tmp_path, "<p>Short.</p>", source=source, printed=date(2025, 3, 7), page_size="a4")
    text = pdf_text(out)
    assert ATTRIBUTION in text
    assert "Printed 7 March 2025" in text
    assert "Page 1" not in text


def test_attribution_defaults_to_the_bundled_guide_toml(tmp_path):
    out, _ = write(tmp_path, "<p>Short.</p>")
    assert ATTRIBUTION in pdf_text(out)


def test_long_handout_numbers_every_page(tmp_path):
    body = "".join(f"<p>Paragraph {n}: " + "words " * 60 + "</p>" for n in range(40))
    out, pages = write(tmp_path, body, page_size="letter")
    texts = pdf_pages(out)
    assert pages == len(texts) > 2
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text
        assert "Rosewood Recovery Team" in text


def test_clinic_block_is_on_the_first_page_with_every_field(tmp_path, example_config):
    body = "".join(f"<p>Paragraph {n}: " + "words " * 60 + "</p>" for n in range(25))
    out, pages = write(tmp_path, body, config=example_config, page_size="a4")
    texts = pdf_pages(out)
    assert pages > 1
    first = texts[0]
    for expected in (
        "Riverside Community Clinic",
        "Phone: 555-0100",
        "Address: 12 River Street, Springfield",
        "Hours: Monday to Friday, 8 am to 6 pm",
        "Example helpline: 555-0199 · Free and confidential, 24 hours a day",
    ):
        assert expected in first
    assert "Riverside" not in texts[-1]


def test_no_config_prints_no_clinic_block_and_no_empty_labels(tmp_path):
    out, _ = write(tmp_path, "<p>Body.</p>", config=None)
    text = pdf_text(out)
    for label in ("Phone:", "Address:", "Hours:", "Clinic"):
        assert label not in text


def test_missing_fields_are_left_out(tmp_path):
    config = parse_config('[clinic]\nphone = "555-0123"\n\n[[clinic.helplines]]\nname = "Night line"\n')
    out, _ = write(tmp_path, "<p>Body.</p>", config=config)
    text = pdf_text(out)
    assert "Phone: 555-0123" in text and "Night line" in text
    assert "Address" not in text and "Hours" not in text and "Night line:" not in text


def test_clinic_text_is_printed_literally(tmp_path):
    config = parse_config('[clinic]\nname = "A & B <Clinic>"\nphone = "555 <b>0</b>"\n')
    out, _ = write(tmp_path, "<p>Body.</p>", config=config)
    text = pdf_text(out)
    assert "A & B <Clinic>" in text and "555 <b>0</b>" in text


def test_every_size_is_in_points_on_a_1200_dpi_device(tmp_path):
    body = "<h1>Title</h1><h2>Part</h2><p>Body text.</p><table><tr><th>Head</th><td>Cell</td></tr></table>"
    out, _ = write(tmp_path, body, page_size="a4")
    sizes = {run.text: round(run.size, 1) for run in text_runs(out)}
    assert sizes["Title"] == 20.0 and sizes["Part"] == 14.0
    assert sizes["Body text."] == 11.0 and sizes["Cell"] == 11.0
    assert min(sizes.values()) >= 8.5


def test_large_print_is_18_point_sans_serif_with_wide_lines_and_bold_that_stands_out(tmp_path):
    body = "<h1>Title</h1><p><b>A question?</b> " + "zebra " * 80 + "</p>"
    out, _ = write(tmp_path, body, large_print=True, page_size="a4")
    runs = text_runs(out)
    assert runs and min(run.size for run in runs) >= 18.0
    assert all("AtkinsonHyperlegible" in run.font for run in runs)
    fonts = {run.text: run.font for run in runs}
    assert "Bold" in fonts["Title"] and "Bold" in fonts["A question?"]
    assert all("Bold" not in run.font for run in runs if "zebra" in run.text)  # the answer in regular
    baselines = sorted((run.y for run in runs if "zebra" in run.text), reverse=True)
    assert len(baselines) >= 3
    assert min(a - b for a, b in zip(baselines, baselines[1:], strict=False)) >= 1.5 * 18


def test_normal_print_lines_are_closer(tmp_path):
    out, _ = write(tmp_path, "<p>" + "zebra " * 80 + "</p>", page_size="a4")
    baselines = sorted((run.y for run in text_runs(out) if "zebra" in run.text), reverse=True)
    assert len(baselines) >= 2 and max(a - b for a, b in zip(baselines, baselines[1:], strict=False)) < 1.5 * 18


def test_unwritable_folder_is_one_clear_error_and_writes_nothing(tmp_path):
    from guide_app.printing.handout import PdfPathError

    with pytest.raises(PdfPathError, match="does not exist"):
        write(tmp_path, "<p>x</p>", name="missing/out.pdf")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(PdfPathError, match="is a file"):
        write(tmp_path, "<p>x</p>", name="a-file/out.pdf")
    with pytest.raises(PdfPathError, match="is a folder"):
        write(tmp_path, "<p>x</p>", name=".")


def test_failed_write_keeps_the_old_file_and_leaves_no_scraps(tmp_path, monkeypatch):
    from guide_app.printing import handout

    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"%PDF- the old one")

    def refuse(*_args, **_kwargs):
        raise handout.PrintError("the printer did not accept the job")

    monkeypatch.setattr(handout, "paint", refuse)
    with pytest.raises(handout.PdfPathError, match="did not accept"):
        handout.write_pdf(handout.Handout("t", handout.fixed("<p>x</p>")), out, None)
    assert out.read_bytes() == b"%PDF- the old one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_page_html_drops_app_links_and_writes_out_web_addresses(pack):
    from guide_app.content.pack import Page
    from guide_app.printing.handout import page_html

    detox = page_html(pack.page("detox"))
    assert "Printable withdrawal symptoms sheet" not in detox and "app:" not in detox and "<a " not in detox
    page = Page("x", "X", None, None, source="See [the site](https://example.org/a) and [FAQs](faqs.md).\n")
    html = page_html(page)
    assert "the site (https://example.org/a)" in html and "FAQs" in html and "<a " not in html


def _page_size_in(env_lang: str, config: str | None, tmp_path: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_PAPER", "LANGUAGE", "DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the command line must find its own way without a display
    env.update(LANG=env_lang, LC_ALL=env_lang)
    out = tmp_path / f"{env_lang}.pdf"
    command = [sys.executable, "-m", "guide_app", "sheet", "--pdf", str(out)]
    if config:
        path = tmp_path / "config.toml"
        path.write_text(config)
        command += ["--config", str(path)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    width, _height = page_sizes(out)[0]
    return "letter" if abs(width - 612) <= 1 else "a4"


def test_default_page_size_follows_the_locale_and_the_config(tmp_path):
    assert _page_size_in("en_US.UTF-8", None, tmp_path) == "letter"
    assert _page_size_in("en_GB.UTF-8", None, tmp_path) == "a4"
    assert _page_size_in("en_US.UTF-8", '[print]\npage_size = "a4"\n', tmp_path) == "a4"


def test_default_page_size_reads_the_config_first():
    from guide_app.printing.handout import default_page_size

    assert default_page_size(parse_config('[print]\npage_size = "letter"\n')) == "letter"
    assert default_page_size(parse_config('[print]\npage_size = "A4"\n')) == "a4"
    assert default_page_size(None) in ("a4", "letter")
