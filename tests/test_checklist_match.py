"""Clause matching on parsed units, the findings' wording and position, and the table's outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from baomi.checklist import coverage, coverage_table, summary_line
from baomi.generate.checklist_docx import write_coverage_docx
from baomi.generate.checklist_html import coverage_fragment, coverage_page
from baomi.config import from_table
from baomi.lint import lint

from helpers import POLICIES, ROOT, policy_text, write_policy

CHECKLIST = """\
version: 2024
sanctions_clause:
  must: 责任追究
  all:
    - [追究责任, 给予处分]
areas:
  - id: "4"
    label: （四）
    title: 涉密人员管理情况
    items:
      - id: "4.2"
        label: （四）2
        text: 涉密人员上岗前进行审查和培训并签订保密承诺书
        source: 测试
        category: 涉密人员
        clauses:
          - id: "4.2-a"
            must: 上岗前进行保密审查
            all:
              - [上岗前, 任职前]
              - [审查]
          - id: "4.2-c"
            must: 签订保密承诺书
            all:
              - [签订, 签署]
              - [保密承诺书]
"""


def body(*articles: str) -> str:
    arts = "\n\n".join(f"第{n}条 {t}" for n, t in zip("二三四五六七八九", articles))
    n_last = "二三四五六七八九十"[len(articles)]
    return f"""
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

{arts}

## 第二章 附则

第{n_last}条 违反本制度规定的，依纪依法追究责任。
"""


@pytest.fixture
def crepo(repo):
    (repo / "schemas").mkdir()
    (repo / "schemas" / "checklist.yaml").write_text(CHECKLIST, encoding="utf-8")
    return repo


def cfg(repo):
    return from_table({"today": "2026-01-01", "cache": False, "schemas": "schemas"}, repo)


def run(repo, *articles, covers='["4.2"]', **meta):
    write_policy(repo, "t.md", policy_text(body(*articles), covers=covers, **meta))
    return lint(None, cfg(repo), select=["checklist"])


def missing(result):
    return sorted(d.message.split("写明“")[1].split("”")[0] for d in result.diagnostics if d.rule == "BM403")


def test_one_article_says_everything(crepo):
    r = run(crepo, "涉密人员上岗前应当经过保密审查，并签订保密承诺书。")
    assert [d for d in r.diagnostics if d.rule != "BM401"] == []      # one policy: nine categories lack one
    assert coverage(r.corpus).items[0].status == "covered"


def test_line_breaks_punctuation_width_and_brackets_are_ignored(crepo):
    r = run(crepo, "涉密人员上岗\n前，应当经保密\n审查；签\n订《保密承诺书》。")
    assert missing(r) == []
    r = run(crepo, "涉密人员任职前应当经过审查，签署“保密  承诺书”。")      # the second alternative of a group
    assert missing(r) == []


def test_paragraphs_and_items_of_one_article_count_together(crepo):
    art = "涉密人员上岗前应当：\n\n（一）接受保密审查；\n\n（二）签订保密承诺书。\n\n未经审查的，不得上岗。"
    assert missing(run(crepo, art)) == []


def test_groups_must_meet_in_one_article(crepo):
    r = run(crepo, "涉密人员上岗前应当接受保密教育。", "组织人事部门负责审查和签订保密承诺书。")
    assert missing(r) == ["上岗前进行保密审查"]
    d = next(d for d in r.diagnostics if d.rule == "BM403")
    assert "在 policies/t.md 的 4 个条文中未找到" in d.message
    assert "上岗前/任职前；审查" in d.message
    assert "自查自评（四）2" in d.message and "测试保密管理制度" in d.message


def test_a_deleted_obligation_is_reported_at_the_covers_entry(crepo):
    r = run(crepo, "涉密人员上岗前应当接受保密审查。", covers='["4.2"]')
    d = [x for x in r.diagnostics if x.rule == "BM403"]
    assert len(d) == 1 and "签订保密承诺书" in d[0].message and d[0].severity == "error"
    lines = (crepo / "policies" / "t.md").read_text(encoding="utf-8").split("\n")
    assert lines[d[0].line - 1] == 'covers: ["4.2"]'
    assert lines[d[0].line - 1][d[0].column - 1:d[0].end_column - 1] == '"4.2"'
    assert r.exit_code() == 1


def test_block_list_covers_position(crepo):
    text = policy_text(body("涉密人员上岗前应当接受保密审查。"), covers='\n  - "4.2"')
    write_policy(crepo, "t.md", text)
    d = [x for x in lint(None, cfg(crepo), select=["BM403"]).diagnostics]
    assert len(d) == 1 and text.split("\n")[d[0].line - 1] == '  - "4.2"'


def test_unknown_covers_id_points_at_the_entry(crepo):
    r = run(crepo, "涉密人员上岗前应当经过保密审查，并签订保密承诺书。", covers='["4.2", "4.9"]')
    d = [x for x in r.diagnostics if x.rule == "BM404"]
    assert len(d) == 1 and '"4.9"' in d[0].message
    line = (crepo / "policies" / "t.md").read_text(encoding="utf-8").split("\n")[d[0].line - 1]
    assert line[d[0].column - 1:d[0].end_column - 1] == '"4.9"'


def test_draft_claims_do_not_cover(crepo):
    r = run(crepo, "涉密人员上岗前应当经过保密审查，并签订保密承诺书。", status="草案")
    assert coverage(r.corpus).items[0].status == "unclaimed"
    assert not [d for d in r.diagnostics if d.rule == "BM403"]


def test_unclaimed_item_is_reported_at_the_policy_of_its_category(crepo):
    r = run(crepo, "涉密人员上岗前应当经过保密审查。", covers="[]")
    d = [x for x in r.diagnostics if x.rule == "BM402"]
    assert len(d) == 1
    assert "自查自评（四）2" in d[0].message and "《测试保密管理制度》" in d[0].message
    assert "签订保密承诺书" in d[0].message and "上岗前进行保密审查" not in d[0].message.split("补写")[1]


def test_gongwen_section_with_everything_under_it_is_one_unit(crepo):
    gw = """
# 测试保密管理制度

为了做好保密工作，制定本制度。

## 一、上岗要求

（一）涉密人员上岗前应当接受审查；

（二）签订保密承诺书。

## 二、责任

违反本制度的，追究责任。
"""
    write_policy(crepo, "t.md", policy_text(gw, covers='["4.2"]'))
    r = lint(None, cfg(crepo), select=["checklist"])
    assert [d for d in r.diagnostics if d.rule in ("BM403", "BM405")] == []
    arts = coverage(r.corpus).items[0].claims[0].results[1].units
    assert arts[0][0] == "sec-1"


def test_sanctions_words_come_from_the_data(crepo):
    ok = run(crepo, "涉密人员上岗前应当经过保密审查，并签订保密承诺书。")
    assert not [d for d in ok.diagnostics if d.rule == "BM405"]
    text = policy_text(body("涉密人员上岗前应当经过保密审查，并签订保密承诺书。").replace("依纪依法追究责任", "严肃处理"),
                       covers='["4.2"]')
    write_policy(crepo, "t.md", text)
    d = [x for x in lint(None, cfg(crepo), select=["BM405"]).diagnostics]
    assert len(d) == 1 and "自查自评（二）2" in d[0].message and "3 个条文" in d[0].message
    # the same text passes when the office's data accepts 处理
    (crepo / "schemas" / "checklist.yaml").write_text(CHECKLIST.replace("[追究责任, 给予处分]", "[追究责任, 处理]"),
                                                      encoding="utf-8")
    assert not lint(None, cfg(crepo), select=["BM405"]).diagnostics


def test_summary_line():
    assert summary_line({"items": 58, "covered": 57, "missing_clauses": 2, "unclaimed": 0}) == \
        "共 58 项，已覆盖 57 项；缺少强制条款：2 项"
    assert summary_line({"items": 58, "covered": 56, "missing_clauses": 0, "unclaimed": 2}).endswith("；未声明：2 项")


def test_table_api_for_the_handbook(crepo, tmp_path):
    r = run(crepo, "涉密人员上岗前应当接受保密审查。")
    table = coverage_table(r.corpus)
    item = table["items"][0]
    assert item["status"] == "missing" and item["status_text"] == "缺少强制条款"
    assert [c["must"] for c in item["clauses"]] == ["上岗前进行保密审查", "签订保密承诺书"]
    pol = item["policies"][0]
    assert pol["path"] == "policies/t.md" and not pol["ok"]
    assert pol["clauses"][0]["articles"] == [{"label": "第二条", "anchor": "art-2", "line": pol["clauses"][0]["articles"][0]["line"]}]
    assert [a["anchor"] for a in pol["articles"]] == ["art-2"]
    assert item["area_label"] == "（四）" and item["area_id"] == "4"
    frag = coverage_fragment(r.corpus, link=lambda path, anchor: f"../{path[:-3]}/#{anchor}")
    assert 'href="../policies/t/#art-2"' in frag and "缺：签订保密承诺书" in frag
    assert "<html" not in frag and "共 1 项，已覆盖 0 项；缺少强制条款：1 项" in frag
    page = coverage_page(r.corpus)
    assert page.lstrip().lower().startswith("<!doctype html") and "<style" in page
    for external in ("http://", "https://", "<link", "<script src", "@import", "url("):
        assert external not in page
    out = write_coverage_docx(r.corpus, tmp_path / "t.docx", unit="测试单位")
    assert out.exists() and out.stat().st_size > 5000


def _copy(tmp_path):
    repo = tmp_path / "r"
    shutil.copytree(POLICIES, repo / "policies")
    (repo / "pyproject.toml").write_text(f'[tool.baomi]\nschemas = "{ROOT / "schemas"}"\ntoday = "2026-01-01"\n'
                                         "cache = false\n", encoding="utf-8")
    return repo


def test_checklist_command_exits_1_and_counts_the_missing_clauses(tmp_path):
    repo = _copy(tmp_path)
    p = repo / "policies" / "shemi-renyuan.md"
    text = p.read_text(encoding="utf-8")
    start = text.index("第十条 涉密人员上岗前")
    p.write_text(text[:start] + "第十条 涉密人员上岗前应当认真学习。" + text[text.index("\n", start):], encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "baomi", "checklist"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1
    last = proc.stdout.strip().split("\n")[-1]
    n = int(last.split("缺少强制条款：")[1].split(" 项")[0])
    assert n >= 1 and last.startswith("共 ") and "已覆盖" in last
    row = next(line for line in proc.stdout.split("\n") if line.strip().startswith("（四）2"))
    assert "缺少强制条款" in row
    assert "缺少：上岗前进行保密审查（policies/shemi-renyuan.md）" in proc.stdout
