"""Fixtures for the browser tests: the handbook of policies/ built once, served locally."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from harness import browser, chromium_path, make_repo, serve  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    from baomi.config import load
    from baomi.site.build import build

    repo = make_repo(tmp_path_factory.mktemp("handbook"))
    assert build(load(repo), quiet=True, lint=False) == 0
    return repo / "site"


@pytest.fixture(scope="session")
def base_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    if chromium_path() is None:
        pytest.fail("找不到 /usr/bin/chromium（apt-get install -y chromium）")
    with browser() as b:
        yield b


@pytest.fixture
def page(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    p = ctx.new_page()
    yield p
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def home(chromium, base_url):
    """The handbook's home page in a desktop window (one per test module)."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    p = ctx.new_page()
    p.goto(base_url)
    yield p
    ctx.close()
