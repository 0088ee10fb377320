"""The clinic config: read, never written; mistakes fall back to defaults with file and line."""

from __future__ import annotations

from guide_app.clinic.config import Config, load_config, parse_config
from guide_app.clinic.details import get_help_markdown
from guide_app.paths import resource


def test_example_config_is_valid_and_complete():
    config = load_config(resource("config", "example-config.toml"))
    assert config.problems == []
    assert config.clinic("name") and config.clinic("phone") and config.helplines


def test_missing_default_config_means_neutral_defaults(tmp_path):
    config = load_config(tmp_path / "absent.toml")
    assert config.problems == [] and not config.has_clinic
    assert config.emergency == "your local emergency number"
    assert config.get("kiosk", "idle_reset_seconds") == 120


def test_missing_named_config_is_reported(tmp_path):
    assert load_config(tmp_path / "absent.toml", required=True).problems


def test_corrupt_toml_warns_with_line_and_is_never_rewritten(tmp_path):
    path = tmp_path / "config.toml"
    original = '[clinic]\nname = "Clinic"\nphone = 555\n[kiosk\n'
    path.write_text(original)
    config = load_config(path)
    assert len(config.problems) == 1
    assert config.problems[0].line == 4 and "not valid TOML" in config.problems[0].message
    assert not config.has_clinic
    assert path.read_text() == original


def test_wrong_types_and_unknown_keys_keep_the_rest(tmp_path):
    config = parse_config(
        '[clinic]\nname = "Hill Clinic"\nphone = 5550100\ncolour = "red"\n'
        '[kiosk]\nidle_reset_seconds = "soon"\n[print]\npage_size = "a3"\n',
        tmp_path / "c.toml",
    )
    lines = sorted((p.line, p.message.split(";")[0]) for p in config.problems)
    assert [line for line, _ in lines] == [3, 4, 6, 8]
    assert config.clinic("name") == "Hill Clinic" and config.clinic("phone") == ""
    assert config.get("kiosk", "idle_reset_seconds") == 120
    assert config.get("print", "page_size") == ""


def test_get_help_page_uses_only_the_config():
    text = get_help_markdown(
        parse_config(
            '[clinic]\nname = "Hill *Clinic*"\nphone = "555"\nemergency = "Dial 112"\n'
            '[[clinic.helplines]]\nname = "Line"\nphone = "800"\n'
        )
    )
    assert "Hill \\*Clinic\\*" in text and "555" in text and "Dial 112" in text and "Line" in text
    neutral = get_help_markdown(Config())
    assert "Ask a member of the clinic staff" in neutral and "your local emergency number" in neutral
    assert "Phone" not in neutral
