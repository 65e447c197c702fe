"""修订对照表: a temporary Git history (insert an article, reword one, delete one, renumber)
compared article by article, row by row; policies added, removed and repealed; the history
of one policy; the command line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import policy_text, write_policy

from baomi import config as cfgmod

BAOMI = [sys.executable, "-m", "baomi"]

V1 = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

第二条 本制度适用于本单位全体涉密人员。

## 第二章 管理要求

第三条 涉密人员应当妥善保管涉密载体，不得擅自携带涉密载体外出。

第四条 涉密人员发现泄密隐患的，应当立即报告保密办公室。

第五条 涉密人员应当遵守下列规定：

（一）不得在私人交往中涉及国家秘密；

（二）不得擅自接受境外媒体采访。

第六条 涉密人员不得在互联网上存储、处理国家秘密。

## 第三章 附则

第七条 本制度由保密办公室负责解释。

第八条 本制度自2025年3月1日起施行。
"""

V2 = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

第二条 本制度适用于本单位全体涉密人员和保密要害部门工作人员。

## 第二章 管理要求

第三条 涉密人员上岗前应当接受保密教育培训，并签订保密承诺书。

第四条 涉密人员应当妥善保管涉密载体，未经批准不得携带涉密载体外出。

第五条 涉密人员发现泄密隐患的，应当立即报告保密办公室。

第六条 涉密人员应当遵守下列规定：

（一）不得在私人交往中涉及国家秘密；

（二）不得擅自接受境外媒体采访。

## 第三章 附则

第七条 本制度由保密办公室负责解释。

第八条 本制度自2025年3月1日起施行。
"""

OTHER = """
# 其他保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

## 第二章 附则

第二条 本制度自2025年3月1日起施行。
"""


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="测试", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="测试", GIT_COMMITTER_EMAIL="t@example.org",
               GIT_AUTHOR_DATE="2025-03-01T10:00:00+08:00", GIT_COMMITTER_DATE="2025-03-01T10:00:00+08:00",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def history(repo):
    """v1: BM-91 (V1), BM-92, BM-93; v2: BM-91 (V2), BM-92 repealed, BM-93 removed, BM-94 added."""
    git(repo, "init", "-q", "-b", "main")
    write_policy(repo, "test.md", policy_text(V1, id="BM-91", title="测试保密管理制度"))
    write_policy(repo, "other.md", policy_text(OTHER, id="BM-92", title="其他保密管理制度"))
    write_policy(repo, "gone.md", policy_text(OTHER, id="BM-93", title="其他保密管理制度"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    git(repo, "tag", "v1")
    write_policy(repo, "test.md", policy_text(V2, id="BM-91", title="测试保密管理制度", revised="2025-06-01"))
    write_policy(repo, "other.md", policy_text(OTHER, id="BM-92", title="其他保密管理制度", status="废止"))
    (repo / "policies" / "gone.md").unlink()
    write_policy(repo, "new.md", policy_text(OTHER, id="BM-94", title="其他保密管理制度", status="草案"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v2：修订测试制度")
    git(repo, "tag", "v2")
    return repo


def _diff(repo, a="v1", b="v2", policy=None):
    from baomi.generate.diff import diff_revisions

    return diff_revisions(cfgmod.load(repo), a, b, policy)


def test_rows_article_by_article(history):
    cd = _diff(history)
    assert [p.id for p in cd.added] == ["BM-94"]
    assert [p.id for p in cd.removed] == ["BM-93"]
    assert [p.id for p in cd.repealed] == ["BM-92"]
    pd = next(p for p in cd.policies if p.policy_id == "BM-91")
    rows = [(r.kind, r.old.label if r.old else None, r.new.label if r.new else None) for r in pd.rows]
    assert rows == [
        ("修改", "第二条", "第二条"),
        ("新增", None, "第三条"),
        ("修改", "第三条", "第四条"),
        ("条号调整", "第四条", "第五条"),
        ("条号调整", "第五条", "第六条"),
        ("删除", "第六条", None),
    ]
    notes = [r.note for r in pd.rows]
    assert notes[0] == "修改"
    assert notes[1] == "新增"
    assert notes[2] == "修改；条号调整：第三条→第四条"
    assert notes[3] == "条号调整：第四条→第五条"
    assert notes[4] == "条号调整：第五条→第六条"
    assert notes[5] == "删除"
    assert any("修订日期" in n for n in pd.notes)
    # items stay with their article
    assert pd.rows[4].new.text.count("\n") == 2


def test_changes_are_highlighted_within_the_text(history):
    pd = next(p for p in _diff(history).policies if p.policy_id == "BM-91")
    scope, _, reword, renum, _, deleted = pd.rows
    assert ("ins", "和保密要害部门工作人员") in scope.new_parts
    assert not any(s == "del" for s, _ in scope.old_parts)
    assert ("del", "擅自") in reword.old_parts or any(s == "del" and "擅自" in t for s, t in reword.old_parts)
    assert any(s == "ins" and "未经批准" in t for s, t in reword.new_parts)
    for r in pd.rows:
        if r.old:
            assert "".join(t for s, t in r.old_parts if s != "ins") == r.old.text
        if r.new:
            assert "".join(t for s, t in r.new_parts if s != "del") == r.new.text
    assert all(s == "plain" for s, _ in renum.old_parts + renum.new_parts)
    assert deleted.old_parts == [("del", "涉密人员不得在互联网上存储、处理国家秘密。")]


def test_text_html_and_docx(history, tmp_path):
    import docx

    from baomi.generate import docx_util as du
    from baomi.generate.diff_render import render_html, render_text, write_docx

    cd = _diff(history)
    text = render_text(cd)
    assert "新增制度：BM-94" in text and "（草案）" in text
    assert "删除制度：BM-93" in text and "废止制度：BM-92" in text
    assert "[+和保密要害部门工作人员+]" in text
    assert "[-" in text and "【条号调整】第四条→第五条（条文未改动）" in text and "【修改】第四条（原第三条）" in text
    html = render_html(cd)
    assert "<ins>和保密要害部门工作人员</ins>" in html and "<del>" in html
    assert "<th>原条文</th><th>修订后条文</th><th>修订说明</th>" in html
    assert "http" not in html and "<script" not in html
    path = write_docx(cd, tmp_path / "d.docx")
    doc = docx.Document(str(path))
    table = doc.tables[0]
    assert du.is_header_row(table.rows[0])
    assert [du.cell_text(c) for c in table.rows[0].cells] == ["原条文", "修订后条文", "修订说明"]
    body = [[du.cell_text(c) for c in row.cells] for row in table.rows[1:]]
    assert [row[2] for row in body] == [r.note for r in next(p for p in cd.policies if p.policy_id == "BM-91").rows]
    assert body[1][0] == "" and body[1][1].startswith("第三条")
    assert body[5][1] == "" and body[5][0].startswith("第六条")
    runs = [r for p in table.rows[1].cells[1].paragraphs for r in p.runs]
    assert any(r.bold and r.underline and r.text == "和保密要害部门工作人员" for r in runs)
    struck = [r.text for p in table.rows[3].cells[0].paragraphs for r in p.runs if r.font.strike]
    assert struck and any("擅自" in t for t in struck)
    sec = doc.sections[0]
    assert sec.page_width > sec.page_height       # A4 landscape


def test_pure_move_is_not_delete_plus_insert(repo):
    from baomi.generate.diff import diff_policy
    from baomi.parser import parse_text

    keep = "涉密人员应当妥善保管涉密载体，不得擅自携带涉密载体外出。"
    report = "涉密人员发现泄密隐患的，应当立即报告保密办公室。"
    swapped = V1.replace(keep, "@").replace(report, keep).replace("@", report)   # 第三条 and 第四条 swap places
    a = parse_text(policy_text(V1), "a.md", "a.md")
    b = parse_text(policy_text(swapped), "a.md", "a.md")
    rows = diff_policy(a, b).rows
    assert [(r.kind, r.old.label, r.new.label) for r in rows] == [
        ("条号调整", "第四条", "第三条"), ("条号调整", "第三条", "第四条")]


def test_unchanged_policy_has_no_rows(repo):
    from baomi.generate.diff import diff_policy
    from baomi.parser import parse_text

    a = parse_text(policy_text(V1), "a.md", "a.md")
    assert diff_policy(a, a).rows == []


def test_policy_filter_and_history(history):
    from baomi.generate.diff import revision_diffs, revision_history

    cd = _diff(history, policy="BM-91")
    assert [p.policy_id for p in cd.policies] == ["BM-91"] and not cd.added and not cd.repealed
    git(history, "mv", "policies/test.md", "policies/renamed.md")
    git(history, "commit", "-q", "-m", "rename")
    config = cfgmod.load(history)
    hist = revision_history(config, "BM-91")
    assert [s for _, _, s in hist] == ["rename", "v2：修订测试制度", "v1"]
    assert all(d == "2025-03-01" for _, d, _ in hist)
    assert revision_history(config, "BM-91", history / "policies" / "renamed.md") == hist
    diffs = revision_diffs(config, "BM-91")
    assert diffs[0][1] is not None and not diffs[0][1].rows          # rename only
    assert [r.kind for r in diffs[1][1].rows] == ["修改", "新增", "修改", "条号调整", "条号调整", "删除"]
    assert diffs[2][1] is None                                       # first version
    assert revision_history(config, "BM-99") == []


def test_history_outside_git_is_empty(repo):
    from baomi.generate.diff import revision_history

    write_policy(repo, "test.md", policy_text(V1, id="BM-91"))
    assert revision_history(cfgmod.load(repo), "BM-91") == []


def run(args, cwd):
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, timeout=120)


def _one_line(proc):
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("baomi：") and "Traceback" not in proc.stderr
    return lines[0]


def test_cli(history):
    proc = run(["diff", "v1", "v2"], history)
    assert proc.returncode == 0, proc.stderr
    assert "【新增】第三条" in proc.stdout and "【删除】第六条" in proc.stdout
    proc = run(["diff", "v1", "v2", "--policy", "BM-91", "--format", "html", "-o", "d.html"], history)
    assert proc.returncode == 0 and "<del>" in (history / "d.html").read_text(encoding="utf-8")
    proc = run(["diff", "v1", "v2", "--format", "docx", "-o", "d.docx"], history)
    assert proc.returncode == 0 and (history / "d.docx").stat().st_size > 0
    # working tree against v2: nothing changed
    proc = run(["diff", "v2"], history)
    assert proc.returncode == 0 and "没有差异" in proc.stdout
    assert "修订版本" in _one_line(run(["diff", "nope", "v2"], history))
    assert "修订版本" in _one_line(run(["diff", "v1", "v2~5"], history))
    assert "BM-99" in _one_line(run(["diff", "v1", "v2", "--policy", "BM-99"], history))
    _one_line(run(["diff", "v1", "v2", "--format", "docx"], history))


def test_cli_outside_git(repo):
    assert "Git" in _one_line(run(["diff", "HEAD~1", "HEAD"], repo))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="保密涉密载体人员国家秘密，。；（一）", max_size=40),
       st.text(alphabet="保密涉密载体人员国家秘密，。；（一）", max_size=40))
def test_char_diff_reconstructs_both_sides(a, b):
    from baomi.generate.diff import char_diff

    old, new = char_diff(a, b)
    assert "".join(t for _, t in old) == a
    assert "".join(t for _, t in new) == b
    assert all(s in ("plain", "del") for s, _ in old) and all(s in ("plain", "ins") for s, _ in new)
    if a == b:
        assert all(s == "plain" for s, _ in old + new)


CODE_V1 = """\
# 测试保密管理制度

## 第一编 总则

### 第一章 任务

第一条 为了加强保密管理，制定本制度。

### 第二章 原则

第二条 保密工作坚持依法管理。

第三条 保密工作坚持积极防范。

## 第二编 分则

### 第一章 定密

第四条 定密应当依法进行。

### 第二章 附则

第五条 本制度自2025年1月1日起施行。
"""


def test_moved_article_names_its_chapter_in_a_code_whose_chapters_restart(repo):
    """Chapter numbers start again in each 编: the 修订说明 of an article moved from 第一编 第二章
    to 第一编 第一章 names 任务, not the 第一章 of 第二编 (定密) that a lookup by number found."""
    from baomi.generate.diff import diff_policy
    from baomi.parser import parse_text

    v2 = CODE_V1.replace("### 第二章 原则\n\n第二条 保密工作坚持依法管理。",
                         "第二条 保密工作坚持依法、科学管理。\n\n### 第二章 原则")
    a = parse_text(policy_text(CODE_V1), "a.md", "a.md")
    b = parse_text(policy_text(v2), "a.md", "a.md")
    rows = diff_policy(a, b).rows
    assert [(r.kind, r.new.label, r.note) for r in rows] == [
        ("修改", "第二条", "修改；条号调整：位置调整，移至“任务”一章")]
    # a move between chapters of the same title in two 编 is a move too
    same = CODE_V1.replace("第二章 附则", "第二章 原则")
    moved = same.replace("第三条 保密工作坚持积极防范。\n\n", "").replace(
        "第五条 本制度", "第三条 保密工作坚持积极防范、突出重点。\n\n第五条 本制度")
    rows = diff_policy(parse_text(policy_text(same), "a.md", "a.md"),
                       parse_text(policy_text(moved), "a.md", "a.md")).rows
    assert [(r.kind, r.new.label, r.note) for r in rows] == [
        ("修改", "第三条", "修改；条号调整：位置调整，移至“原则”一章")]


def test_a_clean_working_tree_is_named_as_the_last_commit(history):
    """`baomi diff v1` with nothing uncommitted compares with HEAD (v2) and says so; with an edit
    it names the uncommitted changes."""
    first = run(["diff", "v1"], history).stdout.split("\n")[0]
    assert "v2" in first and "无未提交的修改" in first and "尚未提交" not in first, first
    (history / "policies" / "test.md").write_text(
        (history / "policies" / "test.md").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    first = run(["diff", "v1"], history).stdout.split("\n")[0]
    assert "尚未提交的修改" in first, first


LISTING_V1_V2 = """\
修订对照表：2025年3月1日 v1（#） → 2025年3月1日 v2（#）

新增制度：BM-94 《其他保密管理制度》（草案）
删除制度：BM-93 《其他保密管理制度》
废止制度：BM-92 《其他保密管理制度》

BM-91 《测试保密管理制度》
  修订日期由“（无）”改为“2025-06-01”
  【修改】第二条
    原：本制度适用于本单位全体涉密人员。
    新：本制度适用于本单位全体涉密人员[+和保密要害部门工作人员+]。
  【新增】第三条
    新：[+涉密人员上岗前应当接受保密教育培训，并签订保密承诺书。+]
  【修改】第四条（原第三条）
    原：涉密人员应当妥善保管涉密载体，不得[-擅自-]携带涉密载体外出。
    新：涉密人员应当妥善保管涉密载体，[+未经批准+]不得携带涉密载体外出。
  【条号调整】第四条→第五条（条文未改动）
  【条号调整】第五条→第六条（条文未改动）
  【删除】第六条
    原：[-涉密人员不得在互联网上存储、处理国家秘密。-]

BM-92 《其他保密管理制度》
  状态由“现行”改为“废止”
"""


def test_text_listing_is_the_revision_listing_rendered_as_text(history):
    """`baomi diff`'s text is `revision_listing` printed by `document.text_render` (the one place
    text is made), laid out as before: a record per row, 原/新 under it; the same Document renders
    as HTML (<ins>/<del>, no text markers) and in Word."""
    import re

    from baomi.document import Group, Para, Run, form_docx, html_render, text_render
    from baomi.generate.diff_render import revision_listing

    cd = _diff(history)
    doc = revision_listing(cd)
    proc = run(["diff", "v1", "v2"], history)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == text_render.render(doc)
    assert re.sub(r"（[0-9a-f]{7}）", "（#）", proc.stdout) == LISTING_V1_V2
    pd = next(p for p in cd.policies if p.policy_id == "BM-91")
    rows = [g for b in doc.blocks if isinstance(b, Group) for g in b.blocks
            if isinstance(g, Group) and g.role == "diff-row"]
    assert [g.data["kind"] for g in rows] == [r.kind for r in pd.rows]
    new = rows[0].blocks[-1]
    assert isinstance(new, Para) and Run("和保密要害部门工作人员", "ins") in new.runs
    assert (new.text_indent, new.text_hang) == (4, 8)
    html = html_render.page(doc)
    assert "<ins>和保密要害部门工作人员</ins>" in html and "<del>擅自</del>" in html
    assert "[+" not in html and "[-" not in html
    word = form_docx.build(doc)
    paras = [p.text for p in word.paragraphs]
    assert "【修改】第四条（原第三条）" in paras and "新：本制度适用于本单位全体涉密人员和保密要害部门工作人员。" in paras
    inserted = [r for p in word.paragraphs for r in p.runs if r.text == "和保密要害部门工作人员"]
    assert inserted and all(r.underline for r in inserted)


def test_text_listing_hangs_the_lines_of_an_article_with_items(repo):
    """An article whose items changed: its further lines under 原/新 are indented past the label."""
    git(repo, "init", "-q", "-b", "main")
    write_policy(repo, "test.md", policy_text(V1, id="BM-91", title="测试保密管理制度"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    write_policy(repo, "test.md", policy_text(V1.replace("（二）不得擅自接受", "（二）不得接受"), id="BM-91",
                                              title="测试保密管理制度"))
    proc = run(["diff", "HEAD"], repo)
    assert proc.returncode == 0, proc.stderr
    assert ("  【修改】第五条\n"
            "    原：涉密人员应当遵守下列规定：\n"
            "        （一）不得在私人交往中涉及国家秘密；\n"
            "        （二）不得[-擅自-]接受境外媒体采访。\n"
            "    新：涉密人员应当遵守下列规定：\n"
            "        （一）不得在私人交往中涉及国家秘密；\n"
            "        （二）不得接受境外媒体采访。\n") in proc.stdout
