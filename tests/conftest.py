"""Fixtures shared by every test. Plain helpers live in tests/helpers.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import FRONT, POLICIES, ROOT, front_matter, policy_text, write_policy  # noqa: E402,F401


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """An empty rule-book repository (pyproject with [tool.baomi]) as the working directory."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.baomi]\npolicies = "policies"\nschemas = "schemas"\ntoday = "2026-01-01"\n', encoding="utf-8")
    (tmp_path / "policies").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def _no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.setdefault("COLUMNS", "120")


BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Browser tests live in tests/browser/ and share its one Chromium.

    Playwright's sync API refuses to start a second instance while the session's is running
    (an earlier CI run failed on a module that opened its own), so a browser test elsewhere
    is a collection error, not a surprise at the end of a long run.
    """
    stray = [item.nodeid for item in items
             if item.get_closest_marker("browser") and BROWSER_DIR not in Path(str(item.path)).parents]
    if stray:
        raise pytest.UsageError("浏览器测试须放在 tests/browser/ 下并使用其中的 page 夹具：\n  "
                                + "\n  ".join(stray))
