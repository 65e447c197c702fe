"""Revision history on policy pages: Git log of the rule book, 修订对照表 against the previous
revision, renames followed, nothing (and no failure) outside Git."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.generate.diff import Revision  # noqa: E402
from baomi.lint import load_corpus  # noqa: E402
from baomi.site import history  # noqa: E402
from baomi.site.pages import build_site  # noqa: E402

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git 未安装")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=保密办", "-c", "user.email=bmb@example.org",
                           "-c", "commit.gpgsign=false", *args],
                          check=True, capture_output=True, text=True).stdout


def _pages(repo: Path) -> dict[str, str]:
    cfg = load(repo)
    corpus = load_corpus(cfg)
    corpus.ensure_references()
    return {p.src: p.markdown for p in build_site(corpus, cfg).pages}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The shipped rule book in a new Git repository: 初始版本, then one article reworded and one
    added in 涉密人员保密管理制度, then the carrier policy renamed."""
    r = make_repo(tmp_path_factory.mktemp("git") / "repo")
    git(r, "init", "-q", "-b", "main")
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "初始版本")
    f = r / "policies" / "shemi-renyuan.md"
    text = f.read_text(encoding="utf-8")
    assert text.count("第十八条 ") == 1
    text = text.replace("第十八条 ", "第十八条 经保密办公室同意，", 1)
    f.write_text(text, encoding="utf-8")
    git(r, "commit", "-q", "-am", "涉密人员制度：离岗谈话须经保密办公室同意")
    git(r, "mv", "policies/zaiti.md", "policies/zaiti-guanli.md")
    git(r, "commit", "-q", "-m", "载体制度改名")
    return r


@needs_git
def test_revision_block_on_policy_page(repo):
    md = _pages(repo)["shemi-renyuan.md"]
    assert "## 修订记录 {#revisions .bm-history-h}" in md
    assert "涉密人员制度：离岗谈话须经保密办公室同意" in md and "初始版本" in md
    block = md[md.index('<details class="bm-revision"'):]
    assert 'data-kind="修改"' in block and "<ins>经保密办公室同意，</ins>" in block
    assert "第十八条" in block and "修改1条" in block
    head = git(repo, "rev-parse", "HEAD~1").strip()
    assert f'data-commit="{head}"' in md
    # a policy changed only in the first commit: history, but no table (nothing to compare with)
    other = _pages(repo)["dingmi.md"]
    assert "初始版本" in other and 'class="bm-revision"' not in other and "涉密人员制度" not in other


@needs_git
def test_rename_followed(repo):
    md = _pages(repo)["zaiti-guanli.md"]
    assert "载体制度改名" in md and "初始版本" in md
    assert md.count("<tr><td class=\"bm-rev-date\">") == 2


@needs_git
def test_history_in_one_log_call(repo, monkeypatch):
    calls = []
    real = history._git

    def counting(top, *args, **kw):
        calls.append(args[0])
        return real(top, *args, **kw)

    monkeypatch.setattr(history, "_git", counting)
    cfg = load(repo)
    files = sorted((repo / "policies").glob("*.md"))
    hs = history.histories(cfg.root, cfg.policies, files)
    assert len(hs) == len(files)
    assert calls.count("log") == 1 and calls.count("cat-file") == 1 and len(calls) <= 3


def test_outside_git_nothing_and_no_failure(tmp_path, monkeypatch):
    r = make_repo(tmp_path / "plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    md = _pages(r)
    policies = [md[f.name] for f in (r / "policies").glob("*.md")]
    assert policies and all("修订记录" not in v and "bm-history" not in v for v in policies)
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))       # no git at all
    assert history.histories(r, r / "policies", sorted((r / "policies").glob("*.md"))) == {}


def test_follow_renames_and_additions():
    def rev(n):
        return Revision(f"c{n}", f"2025-01-0{n}", f"s{n}")

    log = [(rev(4), [("M", "p/b.md")]),
           (rev(3), [("R", "p/a.md", "p/b.md")]),
           (rev(2), [("M", "p/a.md"), ("A", "p/c.md")]),
           (rev(1), [("A", "p/a.md"), ("A", "p/b.md")])]     # an older, unrelated p/b.md
    got = history.follow(log, ["p/b.md", "p/c.md"])
    assert [(r.commit, path) for r, path in got["p/b.md"]] == [
        ("c4", "p/b.md"), ("c3", "p/b.md"), ("c2", "p/a.md"), ("c1", "p/a.md")]
    assert [r.commit for r, _ in got["p/c.md"]] == ["c2"]


def test_parse_log():
    raw = "\x1eabc\x1f2025-03-01\x1f修订\n\nM\tpolicies/a.md\nR087\tpolicies/b.md\tpolicies/c.md\n"
    (r, changes), = history.parse_log(raw)
    assert r == Revision("abc", "2025-03-01", "修订")
    assert changes == [("M", "policies/a.md"), ("R", "policies/b.md", "policies/c.md")]
