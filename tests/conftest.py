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
