"""docs/screenshots/ holds tracked images that only `make screenshots` retakes:
a test run must never rewrite them (it did once, from the browser tests)."""

import fnmatch
import re
import tomllib
from pathlib import Path

from tests.browser import screenshots

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()


def test_the_test_suite_never_collects_the_screenshots_module():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    name = Path(screenshots.__file__).name
    assert not any(fnmatch.fnmatch(name, pattern) for pattern in config["python_files"])


def test_run_by_hand_the_screenshots_module_skips():
    """Without the variable `make screenshots` sets, every case skips."""
    assert not screenshots.WRITE  # a test run doesn't set it
    skip = [mark for mark in screenshots.pytestmark if mark.name == "skipif"]
    assert [mark.args for mark in skip] == [(True,)]
    recipe = re.search(r"^screenshots:.*\n\t(.*)$", MAKEFILE, re.MULTILINE).group(1)
    assert "NEWSROOM_SCREENSHOTS=1" in recipe
    assert "NEWSROOM_SCREENSHOTS" not in MAKEFILE.replace(recipe, "")


def test_no_test_module_names_the_screenshots_folder():
    writers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*.py")
        if "node_modules" not in path.parts
        and re.search(r"docs\W+screenshots", path.read_text())
        and path.name != "test_screenshots_guard.py"
    ]
    assert writers == ["tests/browser/screenshots.py"]
