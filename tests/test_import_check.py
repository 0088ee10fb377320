"""The quicker PySide6 import check gives PySide6's own answer for every module."""

from __future__ import annotations

import sys

import guide_app.ui.main_window  # noqa: F401 (modules that use PySide6, and many that do not)
from guide_app.ui.import_check import quicken_pyside_import_check


def test_quick_check_answers_as_pyside_does():
    quicken_pyside_import_check()
    quicken_pyside_import_check()  # twice: patched once
    quick = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert quick.quick and not getattr(quick.slow, "quick", False)
    modules = [m for m in list(sys.modules.values()) if m is not None]
    answers = {m.__name__: quick(m) for m in modules}
    assert answers == {m.__name__: quick.slow(m) for m in modules}
    assert answers["guide_app.ui.main_window"] and not answers["guide_app.search"]
