"""Packaging: the wheel carries the resources, the window can be timed, the desktop files are whole."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from guide_app import APP_ID, APP_NAME

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built (not editable) from a copy of the sources, as `pip install .` would build it."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("guide_app", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "--disable-pip-version-check",
            "-w",
            out,
            source,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    [built] = out.glob("clinic_guide-*.whl")
    return built


def test_wheel_ships_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = ROOT / "resources"
    wanted = {
        "guide_app/resources/" + path.relative_to(resources).as_posix()
        for path in resources.rglob("*")
        if path.is_file() and path.suffix not in {".ico", ".icns"}  # build-time icons for Windows and macOS
    }
    assert wanted - names == set()
    assert "guide_app/resources/guides/clonazepam/guide.toml" in names


def test_installed_wheel_finds_its_resources_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import guide_app, guide_app.paths as p; "
        "assert guide_app.__file__.startswith(sys.argv[1]), guide_app.__file__; "
        "print(p.resources_dir()); from guide_app.cli import main; "
        "sys.exit(main(['check']) or main(['search', 'benzo', '--limit', '1']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(site)], capture_output=True, text=True, timeout=60, cwd=elsewhere
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == str(site / "guide_app" / "resources")
    assert lines[1].startswith("OK: 1 guide(s)")
    assert "[what-is-clonazepam#top]" in lines[2]


def test_app_quits_after_its_first_window_when_asked(tmp_path):
    env = dict(os.environ, GUIDE_APP_EXIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "guide_app"], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_desktop_entry_runs_the_command_with_the_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "guide-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == APP_NAME
    assert desktop["Exec"] == APP_ID and desktop["Icon"] == APP_ID and desktop["StartupWMClass"] == APP_ID
    assert (ICONS / f"{APP_ID}.svg").is_file()


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_size(size):
    header = (ICONS / f"{APP_ID}-{size}.png").read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (size, size)


def test_windows_and_macos_icons_hold_png_images():
    ico = (ICONS / f"{APP_ID}.ico").read_bytes()
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 7)
    icns = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic09" in icns and b"\x89PNG" in icns


def test_spec_holds_no_machine_path():
    spec = (PACKAGING / "guide_app.spec").read_text(encoding="utf-8")
    for fragment in ("/usr/", "/lib/", "/opt/", "/home/", "/work/", ".venv", "site-packages", "C:\\"):
        assert fragment not in spec


def test_application_carries_name_organisation_version_and_icon(qapp):
    from guide_app import ORG_NAME, __version__
    from guide_app.ui.app import make_application

    app = make_application()
    assert (app.applicationName(), app.applicationDisplayName()) == (APP_ID, APP_NAME)
    assert app.organizationName() == ORG_NAME and app.applicationVersion() == __version__
    assert app.desktopFileName() == APP_ID
    assert not app.windowIcon().pixmap(64, 64).isNull()
