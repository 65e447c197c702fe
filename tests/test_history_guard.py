"""涉密不上网 in the history (issue 14): a revision whose file was classified, or carried a
国家秘密 marking, at that revision is never rendered — not in the 修订对照表 and 修订记录 of a
policy page, not in `baomi diff` (text, html, docx) — and neither is a commit subject that
carries a marking. A unique token is planted next to each marking and every output byte is
searched for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402
from leak_scan import leaks, token  # noqa: E402

from baomi.generate.diff import SUBJECT_WITHHELD, WITHHELD  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git 未安装")

BAOMI = [sys.executable, "-m", "baomi"]
T_FRONT = token("front")      # in an article of a policy committed with classification: 机密
T_TEXT = token("text")        # next to a marking in an article of a policy marked 内部
T_SUBJ = token("subj")        # in a commit subject that carries a marking
T_TAG = token("tag")          # in a tag name that carries a marking
TOKENS = (T_FRONT, T_TEXT, T_SUBJ, T_TAG)


def git(repo: Path, *args: str, date: str = "2026-03-05T10:00:00+08:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="保密办", GIT_AUTHOR_EMAIL="bmb@example.org",
               GIT_COMMITTER_NAME="保密办", GIT_COMMITTER_EMAIL="bmb@example.org",
               GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date,
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    proc = subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def run(args, cwd):
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """初始版本 → 涉密人员制度 made 机密 with a 机密★10年 article (T_FRONT) → put back →
    载体制度 (内部) given a 绝密★长期 line (T_TEXT) → put back → a clean edit of 定密制度 whose
    subject carries 秘密★5年 (T_SUBJ), tagged with a marked tag name (T_TAG)."""
    r = make_repo(tmp_path_factory.mktemp("secret") / "repo")
    git(r, "init", "-q", "-b", "main")
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "初始版本", date="2026-01-10T09:00:00+08:00")
    git(r, "tag", "v1")
    person = r / "policies" / "shemi-renyuan.md"
    carrier = r / "policies" / "zaiti.md"
    dingmi = r / "policies" / "dingmi.md"
    p0, c0 = person.read_text(encoding="utf-8"), carrier.read_text(encoding="utf-8")
    assert p0.count("classification: 内部") == 1 and p0.count("第十八条 ") == 1
    person.write_text(p0.replace("classification: 内部", "classification: 机密")
                      .replace("第十八条 ", f"第十八条 机密★10年 {T_FRONT}离岗人员名单及去向核查方案如下。", 1),
                      encoding="utf-8")
    git(r, "commit", "-q", "-am", "涉密人员制度：补充离岗核查", date="2026-02-01T09:00:00+08:00")
    person.write_text(p0, encoding="utf-8")
    git(r, "commit", "-q", "-am", "涉密人员制度：撤回离岗核查", date="2026-02-02T09:00:00+08:00")
    first = next(line for line in c0.split("\n") if line.startswith("第三条 "))
    carrier.write_text(c0.replace(first, first + f"\n\n绝密★长期 {T_TEXT}", 1), encoding="utf-8")
    git(r, "commit", "-q", "-am", "载体制度：补充", date="2026-02-03T09:00:00+08:00")
    carrier.write_text(c0, encoding="utf-8")
    git(r, "commit", "-q", "-am", "载体制度：撤回补充", date="2026-02-04T09:00:00+08:00")
    d0 = dingmi.read_text(encoding="utf-8")
    assert d0.count("review: 2028-03-01") == 1
    dingmi.write_text(d0.replace("review: 2028-03-01", "review: 2029-03-01"), encoding="utf-8")
    git(r, "commit", "-q", "-am", f"定密制度 秘密★5年 {T_SUBJ} 修订", date="2026-03-05T10:00:00+08:00")
    git(r, "tag", f"机密★10年-{T_TAG}")
    return r


def _page(out: Path, name: str) -> str:
    found = [p for p in out.rglob("*.html") if p.parent.name == name or p.stem == name]
    assert len(found) == 1, found
    return found[0].read_text(encoding="utf-8")


def _build(repo: Path, tmp: Path):
    out = tmp / "site"
    proc = run(["build", "-o", str(out)], repo)
    return proc, out


@pytest.fixture(scope="module")
def built(repo, tmp_path_factory):
    return _build(repo, tmp_path_factory.mktemp("out"))


def test_build_publishes_no_withheld_revision(built):
    proc, out = built
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert leaks(TOKENS, paths=[out], texts=[proc.stdout, proc.stderr]) == []
    html = _page(out, "shemi-renyuan")
    # the revisions are listed, the classified one without its subject, its tables replaced
    assert "涉密人员制度：补充离岗核查" not in html and "涉密人员制度：撤回离岗核查" in html
    assert WITHHELD in html
    assert html.count(WITHHELD) >= 3      # its row, its table, the next revision's table
    assert "初始版本" in html
    assert "离岗人员名单" not in html


def test_text_marking_and_subject_marking_withheld_too(built):
    _, out = built
    html = _page(out, "zaiti")
    assert "载体制度：补充" not in html.replace("载体制度：撤回补充", "") and WITHHELD in html
    html = _page(out, "dingmi")
    assert SUBJECT_WITHHELD in html and "秘密★5年" not in html
    # the file itself was clean: its table is shown
    assert 'class="bm-revision"' in html


@pytest.mark.parametrize("fmt", ["text", "html", "docx"])
def test_diff_in_every_format(repo, tmp_path, fmt):
    outputs, texts = [], []
    revs = ["v1", "HEAD~5", "HEAD~4", "HEAD~3", "HEAD~2", "HEAD~1", "HEAD"]
    pairs = [(a, b) for i, a in enumerate(revs) for b in revs[i + 1:]] + [("HEAD~4", None), ("v1", None)]
    for k, (a, b) in enumerate(pairs):
        args = ["diff", a] + ([b] if b else [])
        for extra in ([], ["--policy", "BM-03"]):
            target = tmp_path / f"{k}-{len(extra)}.{fmt}"
            proc = run(args + extra + ["--format", fmt, "-o", str(target)], repo)
            assert proc.returncode == 0, (args, proc.stderr)
            outputs.append(target)
            texts += [proc.stdout, proc.stderr]
    assert leaks(TOKENS, paths=outputs, texts=texts) == []
    if fmt == "text":
        one = (tmp_path / f"{pairs.index(('HEAD~5', 'HEAD~4'))}-0.text").read_text(encoding="utf-8")
        assert WITHHELD in one and "第十八条" not in one
        # the later, clean revision compared with the first one: a normal table
        clean = (tmp_path / f"{pairs.index(('v1', 'HEAD~3'))}-0.text").read_text(encoding="utf-8")
        assert WITHHELD not in clean and "没有差异" in clean


def test_diff_header_names_date_tag_and_subject(repo):
    proc = run(["diff", "v1", "HEAD~3"], repo)
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.split("\n")[0]
    v1 = git(repo, "rev-parse", "--short=7", "v1")
    h3 = git(repo, "rev-parse", "--short=7", "HEAD~3")
    assert first == f"修订对照表：2026年1月10日 v1（{v1}） → 2026年2月2日“涉密人员制度：撤回离岗核查”（{h3}）"
    head = run(["diff", "HEAD~1", "HEAD"], repo).stdout.split("\n")[0]
    # HEAD's only tag and its subject carry markings: date and hash only
    assert head.endswith(f"→ 2026年3月5日（{git(repo, 'rev-parse', '--short=7', 'HEAD')}）"), head
    assert "工作区" in run(["diff", "HEAD"], repo).stdout.split("\n")[0]


def test_revision_api_withholds(repo):
    from baomi.config import load
    from baomi.generate.diff import revision_diffs, revision_history

    cfg = load(repo)
    subjects = [r.subject for r in revision_history(cfg, "BM-03")]
    assert subjects == ["涉密人员制度：撤回离岗核查", f"（{WITHHELD}）", "初始版本"]
    diffs = revision_diffs(cfg, "BM-03")
    assert [bool(pd and pd.withheld) for _, pd in diffs] == [True, True, False]
    assert all(not pd.rows and not pd.notes for _, pd in diffs if pd is not None)


def test_judged_per_revision_not_by_today(tmp_path):
    """A policy that is clean today but was marked in an old revision, and one marked only in a
    subject: judged on each revision's own text."""
    from baomi.generate.diff import diff_policy, marked_text, withheld
    from baomi.parser import parse_text

    from helpers import policy_text

    clean = parse_text(policy_text("# 测试保密管理制度\n\n第一条 为了加强保密管理，制定本制度。\n"), "a.md", "a.md")
    marked = parse_text(policy_text("# 测试保密管理制度\n\n第一条 机密★10年 为了加强保密管理，制定本制度。\n"),
                        "a.md", "a.md")
    front = parse_text(policy_text("# 测试保密管理制度\n\n第一条 为了加强保密管理，制定本制度。\n",
                                   classification="机密"), "a.md", "a.md")
    assert not withheld(clean) and withheld(marked) and withheld(front)
    for other in (marked, front):
        for a, b in ((other, clean), (clean, other)):
            pd = diff_policy(a, b)
            assert pd.withheld == WITHHELD and pd.rows == [] and pd.notes == []
    assert marked_text("修订 机密★10年") and not marked_text("修订定密制度：国家秘密的密级分为绝密级、机密级和秘密级")
