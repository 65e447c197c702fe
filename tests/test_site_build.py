"""`baomi build`: lint first, atomic swap, nothing classified in the output, nothing external."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.site.build import build  # noqa: E402

pytestmark = pytest.mark.slow
TOKEN = "ZQXJ-PLANTED-7731"


def _plant_marking(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n# ", f"\n机密★5年\n\n{TOKEN}\n\n# ", 1), encoding="utf-8")


def _leftovers(repo: Path) -> list[str]:
    return [p.name for p in repo.iterdir() if p.name.startswith(".site")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = make_repo(tmp_path_factory.mktemp("repo"))
    assert build(load(repo), quiet=True) == 0
    return repo


def test_build_writes_site_and_index(built):
    site = built / "site"
    assert (site / "index.html").is_file()
    assert (site / "search" / "meta.json").is_file()
    assert (site / "assets" / "baomi" / "search.js").is_file()
    assert not _leftovers(built)


def test_site_is_offline(built):
    """No page loads anything from another host; no Google Fonts, no generator link."""
    external = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)=["'](?:https?:)?//""", re.I)
    for page in (built / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "squidfunk.github.io" not in html
    css_js = "".join(p.read_text(encoding="utf-8", errors="ignore")
                     for p in (built / "site" / "assets" / "baomi").glob("*.*"))
    assert "http://" not in css_js and "https://" not in css_js and "@import" not in css_js


def test_lint_error_keeps_previous_site(built, capsys):
    site = built / "site"
    keep = site / "keep-me.txt"
    keep.write_text("previous", encoding="utf-8")
    victim = sorted((built / "policies").glob("*.md"))[1]
    original = victim.read_text(encoding="utf-8")
    _plant_marking(victim)
    try:
        assert build(load(built), quiet=True) == 1
        out = capsys.readouterr()
        assert "BM902" in out.out or "国家秘密标志" in out.out
        assert keep.read_text(encoding="utf-8") == "previous"
        assert not _leftovers(built)
        assert TOKEN not in "".join(p.read_text(encoding="utf-8", errors="ignore")
                                    for p in site.rglob("*") if p.is_file())
    finally:
        victim.write_text(original, encoding="utf-8")
    assert build(load(built), quiet=True) == 0
    assert not keep.exists()                     # the new site replaced the old one whole
    assert not _leftovers(built)


def test_classified_never_published_even_without_lint(tmp_path):
    """The page generator filters by itself: skip the lint and the token still never appears."""
    repo = make_repo(tmp_path / "r")
    _plant_marking(sorted((repo / "policies").glob("*.md"))[2])
    assert build(load(repo), quiet=True, lint=False) == 0
    for f in (repo / "site").rglob("*"):
        if f.is_file():
            assert TOKEN.encode() not in f.read_bytes(), f


def test_failed_build_keeps_previous_site(built, monkeypatch):
    from baomi.site import mkdocs_adapter

    keep = built / "site" / "keep-me-too.txt"
    keep.write_text("previous", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("模拟中断")

    monkeypatch.setattr(mkdocs_adapter, "build_into", boom)
    assert build(load(built), quiet=True) == 1
    assert keep.exists()
    assert not _leftovers(built)


def test_plain_mkdocs_build_with_the_plugin(tmp_path):
    """`mkdocs build` alone (plugin `baomi` in mkdocs.yml) lints first and builds the same handbook;
    with a lint error it stops with the same messages as `baomi lint`."""
    import os
    import subprocess

    repo = make_repo(tmp_path / "r")
    env = dict(os.environ, NO_COLOR="1", NO_MKDOCS_2_WARNING="1")
    mk = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out"]
    proc = subprocess.run(mk, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (repo / "out" / "index.html").is_file() and (repo / "out" / "search" / "meta.json").is_file()
    assert 'id="art-10"' in (repo / "out" / "shemi-renyuan" / "index.html").read_text(encoding="utf-8")
    f = repo / "policies" / "dingmi.md"
    f.write_text(f.read_text(encoding="utf-8").replace("\n第三条 ", "\n第四条 ", 1), encoding="utf-8")
    lint = subprocess.run([sys.executable, "-m", "baomi", "lint", "-q"], cwd=repo, capture_output=True, text=True,
                          env=env)
    proc = subprocess.run(mk, cwd=repo, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode != 0 and "制度检查发现错误" in proc.stderr
    assert lint.returncode == 1 and "BM203" in lint.stdout
    for line in lint.stdout.splitlines():
        if line.startswith("policies/"):
            assert line in proc.stderr, line


def test_build_reports_progress_page_by_page(tmp_path):
    """`baomi build` shows a bar of pages written; the adapter calls back once per page."""
    from baomi.site.mkdocs_adapter import build_into

    repo = make_repo(tmp_path / "r")
    calls = []
    build_into(repo, tmp_path / "out", progress=lambda done, total: calls.append((done, total)))
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total > 100
    assert [d for d, _ in calls] == list(range(1, total + 1))


def test_progress_line_on_a_terminal_only(monkeypatch):
    from baomi.site import build as b

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert b._Stage(quiet=False).bar is None                  # piped (CI): nothing drawn
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert b._Stage(quiet=True).bar is None                   # --quiet
    stage = b._Stage(quiet=False)
    stage("检查制度……")
    stage.pages(3, 10)
    task = stage.bar.tasks[0]
    assert (task.completed, task.total, task.description) == (3, 10, "生成手册页面")
    stage.stop()
    stage.stop()                                              # idempotent
