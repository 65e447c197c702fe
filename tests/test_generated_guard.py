"""Generated documents apply the publishing guard (issue 14): `baomi pledge` and `baomi checklist`
(text, json, html, docx) never carry a classified or marked policy's title or text; `--output`
naming a folder that does not exist yet (trailing slash) is a folder, for every command; the
checklist cites 公文式 sections without a doubled 顿号 (issue 22)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402
from leak_scan import leaks, token  # noqa: E402

BAOMI = [sys.executable, "-m", "baomi"]
T_TITLE, T_BODY, T_MARK = token("title"), token("body"), token("mark")


def run(args, cwd):
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The shipped rule book plus two copies of 涉密人员保密管理制度 (pledge entries, covers):
    one with classification 机密 and a token in its title, one 内部 with a 机密★10年 line."""
    r = make_repo(tmp_path_factory.mktemp("gen") / "repo")
    src = (r / "policies" / "shemi-renyuan.md").read_text(encoding="utf-8")
    a = (src.replace("id: BM-03", "id: BM-81").replace("classification: 内部", "classification: 机密")
         .replace("title: 涉密人员保密管理制度", f"title: {T_TITLE}涉密人员管理制度")
         .replace("第十条 ", f"第十条 {T_BODY}", 1))
    b = (src.replace("id: BM-03", "id: BM-82").replace("title: 涉密人员保密管理制度", "title: 另一涉密人员管理制度")
         .replace("第十条 ", f"第十条 机密★10年 {T_MARK}", 1))
    (r / "policies" / "secret-a.md").write_text(a, encoding="utf-8")
    (r / "policies" / "secret-b.md").write_text(b, encoding="utf-8")
    return r


def test_pledge_and_checklist_never_carry_a_withheld_policy(repo, tmp_path):
    outs, texts = [], []
    cmds = [["pledge", "--format", "html", "-o", str(tmp_path / "p-html") + "/"],
            ["pledge", "--format", "docx", "-o", str(tmp_path / "p-docx") + "/"],
            ["pledge", "--role", "涉密人员", "--kind", "离岗", "--format", "docx", "-o", str(tmp_path / "one.docx")],
            ["pledge", "--role", "涉密人员", "--kind", "上岗"]]
    for fmt in ("text", "json", "html", "docx"):
        cmds.append(["checklist", "--format", fmt, "-o", str(tmp_path / f"c-{fmt}") + "/"])
    cmds.append(["checklist"])
    for args in cmds:
        proc = run(args, repo)
        assert proc.returncode in (0, 1), (args, proc.stderr)
        assert "Traceback" not in proc.stderr and "2 份制度未列入" in proc.stderr, (args, proc.stderr)
        texts += [proc.stdout, proc.stderr]
    outs = [tmp_path]
    assert leaks((T_TITLE, T_BODY, T_MARK), paths=outs, texts=texts) == []
    # the published policies are still there
    assert (tmp_path / "c-text" / "自查自评表.txt").read_text(encoding="utf-8").count("涉密人员保密管理制度") >= 1
    assert "另一涉密人员管理制度" not in (tmp_path / "c-text" / "自查自评表.txt").read_text(encoding="utf-8")
    assert any((tmp_path / "p-docx").glob("*.docx")) and any((tmp_path / "p-html").glob("*.html"))
    assert "涉密人员保密管理制度" in texts[6]


def test_checklist_cites_sections_without_doubled_comma(tmp_path):
    import docx

    r = make_repo(tmp_path / "repo")
    text = run(["checklist"], r).stdout
    run(["checklist", "--format", "html", "-o", "c.html"], r)
    run(["checklist", "--format", "docx", "-o", "c.docx"], r)
    html = (r / "c.html").read_text(encoding="utf-8")
    cells = "\n".join(c.text for t in docx.Document(str(r / "c.docx")).tables for row in t.rows for c in row.cells)
    for out in (text, html, cells):
        assert "、、" not in out
    assert "《保密守则》四（二）" in text and "四（二）" in cells
    # the handbook page uses the same fragment, with links: the policy, then per clause its article
    assert re.search(r"《保密守则》<ul class=\"bm-clauses\"><li>[^<]*：四（二）", html), html


@pytest.mark.parametrize("args,name", [
    (["checklist", "-o", "out/new/"], "自查自评表.txt"),
    (["checklist", "--format", "docx", "-o", "out/new/"], "自查自评表.docx"),
    (["lint", "-o", "out/new/"], "baomi-lint.txt"),
    (["lint", "--format", "codequality", "-o", "out/new/"], "gl-code-quality-report.json"),
    (["outline", "-o", "out/new/"], "outline.txt"),
    (["pledge", "--role", "涉密人员", "--kind", "离岗", "-o", "out/new/"], None),
    (["diff", "HEAD", "-o", "out/new/"], "修订对照表.txt"),
    (["new", "-c", "涉密人员", "-t", "测试新建保密管理制度", "-o", "out/new/"], None),
])
def test_output_folder_with_trailing_slash(tmp_path, args, name):
    r = make_repo(tmp_path / "repo")
    if args[0] == "diff":
        for g in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "v1"]):
            subprocess.run(["git", "-C", str(r), *g], check=True, capture_output=True)
    proc = run(args, r)
    assert proc.returncode in (0, 1), proc.stderr
    folder = r / "out" / "new"
    assert folder.is_dir(), proc.stderr
    files = list(folder.iterdir())
    assert len(files) == 1 and (name is None or files[0].name == name), files
    assert files[0].stat().st_size > 0


def test_output_never_into_policies_or_schemas(tmp_path):
    r = make_repo(tmp_path / "repo")
    before = sorted(p.name for p in (r / "policies").iterdir())
    for args in (["checklist", "-o", "policies/x.txt"], ["lint", "-o", "schemas/"], ["build", "-o", "policies"],
                 ["build", "-o", "."]):
        proc = run(args, r)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert "目录" in proc.stderr
    assert sorted(p.name for p in (r / "policies").iterdir()) == before
