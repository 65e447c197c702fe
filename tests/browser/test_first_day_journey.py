"""A unit's first day, scripted as one test (issue 22): a new office runs baomi as a user would,
each step on what the step before left behind:

init (a Git repository named after the unit) → import its Word rules (a .docx made with
python-docx) → lint --fix → new → build → serve (a free port; the pages are fetched) → search
(Chromium types a query into the served handbook and sees the imported article).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from harness import search, set_front

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
UNIT = "某市统计局"
TITLE = "某市统计局统计数据保密管理办法"
ARTICLES = [
    ("第一章 总则", None),
    ("第一条 为了加强统计数据的保密管理,根据《中华人民共和国保守国家秘密法》,结合本局实际,制定本办法。", None),
    ("第二条 本办法适用于本局各内设机构和全体工作人员。", None),
    ("第二章 数据管理", None),
    ("第三条 涉密统计数据应当存储在涉密计算机中，不得存储在连接互联网的计算机中。", None),
    ("第四条 统计数据在正式公布前属于内部信息，工作人员不得提前泄露。", None),
    ("第五条 违反本办法泄露统计数据的，依纪依法追究责任。", None),
    ("第三章 附则", None),
    ("第六条 本办法自2025年7月1日起施行。", None),
]


def _env() -> dict:
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, NO_COLOR="1", NO_MKDOCS_2_WARNING="1",
                PYTHONPATH=str(ROOT / "tools") + (os.pathsep + path if path else ""))


def baomi(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "baomi", *args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, ""
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _word_file(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(TITLE, style="Title")
    for text, _ in ARTICLES:
        d.add_paragraph(text)
    d.save(str(path))
    return path


def test_first_day(tmp_path, chromium, artifacts):
    # init: a repository of the unit's own, a Git history, no sample rules (--empty)
    proc = baomi(["init", "office", "--unit", UNIT, "--empty"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    repo = tmp_path / "office"
    assert (repo / ".git").is_dir() and "import" in (repo / "README.md").read_text(encoding="utf-8")
    assert not list((repo / "policies").glob("*.md"))

    # import: the unit's Word rules become a structured policy (a 草案 to be reviewed)
    proc = baomi(["import", str(_word_file(tmp_path / "统计数据保密管理办法.docx"))], repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [imported] = list((repo / "policies").glob("*.md"))
    text = imported.read_text(encoding="utf-8")
    assert f"title: {TITLE}" in text and "第三条" in text and "status: 草案" in text
    assert "," in text                                          # the half-width commas of the .docx

    # lint --fix: the punctuation is corrected, nothing left that is an error
    proc = baomi(["lint", "--fix"], repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    fixed = imported.read_text(encoding="utf-8")
    assert "保密管理，根据" in fixed and "保密管理,根据" not in fixed
    # the reviewer fills in the owner and adopts it
    set_front(imported, "owner", "办公室")
    set_front(imported, "status", "现行")
    assert baomi(["lint", str(imported.relative_to(repo))], repo).returncode == 0

    # new: a second policy from the category's skeleton, a draft with the next id
    proc = baomi(["new", "-c", "涉密人员", "-t", "涉密人员保密管理制度"], repo)
    assert proc.returncode == 0, proc.stderr
    drafts = [p for p in (repo / "policies").glob("*.md") if p != imported]
    assert len(drafts) == 1 and "status: 草案" in drafts[0].read_text(encoding="utf-8")
    assert "id: BM-02" in drafts[0].read_text(encoding="utf-8")

    # build: the handbook bears the unit's name; the adopted policy is in it with its mark, the
    # draft is not
    proc = baomi(["build"], repo, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = repo / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{UNIT}保密制度汇编</title>" in home
    page = (site / imported.stem / "index.html").read_text(encoding="utf-8")
    assert "涉密统计数据应当存储在涉密计算机中" in page
    assert f'<span class="bm-mark__unit">{UNIT}</span><span class="bm-mark__level">内部</span>' in page
    assert not (site / drafts[0].stem / "index.html").exists()

    # serve: says where, and previews the draft too (marked)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "baomi", "serve", "--port", str(port)], cwd=repo, env=_env(),
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stderr.readline()
        url = f"http://127.0.0.1:{port}/"
        assert url in first, first
        deadline = time.monotonic() + 120
        status, html = _get(url + imported.stem + "/", deadline)
        assert status == 200 and "涉密统计数据" in html
        status, html = _get(url + drafts[0].stem + "/", deadline)
        assert status == 200 and "本制度为草案" in html

        # search: a member of staff types a question into the served handbook
        for viewport in ({"width": 1366, "height": 900}, {"width": 390, "height": 844}):
            ctx = chromium.new_context(viewport=viewport, locale="zh-CN")
            try:
                p = ctx.new_page()
                p.goto(url, wait_until="load")
                name = p.evaluate("() => { const t = document.querySelector('.md-header__topic .md-ellipsis');"
                                  " return [t.textContent.trim(), t.scrollWidth <= t.clientWidth]; }")
                assert name == [f"{UNIT}保密制度汇编", True], name          # the unit's name, whole
                hits = search(p, "统计数据存储", timeout=30_000)
                assert any(h["title"] == TITLE and h["label"] == "第三条" for h in hits[:5]), hits[:5]
                p.screenshot(path=str(artifacts / f"first-day-search-{viewport['width']}x{viewport['height']}.png"))
                p.locator(".bm-hit", has_text="第三条").first.click()
                p.wait_for_load_state("load")
                assert p.url.split("#")[0].rstrip("/").endswith(imported.stem)
                assert p.locator(".bm-art:target .bm-label").inner_text() == "第三条"
            finally:
                ctx.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stderr.close()
