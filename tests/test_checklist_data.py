"""The checklist data itself: well formed for the matching engine, and loadable in several parts."""

from __future__ import annotations

import re

import pytest

from baomi.checklist import checklist_of, coverage, make_clause, normalize
from baomi.config import from_table
from baomi.data import Data
from baomi.lint import lint

from helpers import ROOT, policy_text, write_policy

DATA = Data([ROOT / "schemas"])
ITEMS = checklist_of(DATA).items
# the items as written (the checks on the file's own content below)
RAW_ITEMS = {str(i.get("id")): i for a in DATA.checklist["areas"] for i in a.get("items") or []}
LABEL = re.compile(r"^（[一二三四五六七八九十]+）(\d+)?$")   # （十四） has a single unnumbered item


def test_every_item_is_usable_by_the_engine():
    cats = {c.key for c in DATA.categories}
    problems = []
    clause_ids: list[str] = []
    for iid, item in RAW_ITEMS.items():
        where = f"item {iid}"
        if not LABEL.match(str(item.get("label", ""))):
            problems.append(f"{where}: label {item.get('label')!r}")
        if item.get("category") not in cats:
            problems.append(f"{where}: category {item.get('category')!r}")
        if not str(item.get("text", "")).strip() or not str(item.get("source", "")).strip():
            problems.append(f"{where}: text/source")
        clauses = item.get("clauses") or []
        if not clauses:
            problems.append(f"{where}: no clause")
        for raw in clauses:
            clause_ids.append(str(raw.get("id")))
            if not str(raw.get("id", "")).startswith(f"{iid}-"):
                problems.append(f"{where}: clause id {raw.get('id')!r}")
            if not str(raw.get("must", "")).strip():
                problems.append(f"{where}: clause {raw.get('id')} has no must")
            groups = raw.get("all") or []
            if not 1 <= len(groups) <= 4:
                problems.append(f"{where}: clause {raw.get('id')} has {len(groups)} groups")
            for g in groups:
                if not isinstance(g, list) or not g or any(not normalize(str(a)) for a in g):
                    problems.append(f"{where}: clause {raw.get('id')} group {g!r}")
    assert problems == []
    assert len(clause_ids) == len(set(clause_ids)), "clause ids must be unique"


def test_item_ids_are_unique_across_areas_and_files():
    ids = [str(i.get("id")) for a in DATA.checklist["areas"] for i in a.get("items") or []]
    assert len(ids) == len(set(ids)) == len(ITEMS)


def test_labels_follow_the_area():
    for item in ITEMS.values():
        assert item.label.startswith(item.area.label), item.id
        if item.label == item.area.label:        # unnumbered: the area's only item
            assert len(item.area.items) == 1, item.id
    labels = [i.label for i in ITEMS.values()]
    assert len(labels) == len(set(labels))


def test_sanctions_clause_comes_from_the_data():
    clause = checklist_of(DATA).sanctions
    assert clause is not None and clause.must
    raw = DATA.checklist["sanctions_clause"]["all"]
    assert clause.groups == tuple(tuple(normalize(a) for a in g) for g in raw)
    # the words corpus.md lists are accepted
    for text in ("违反本制度规定的，依纪依法追究有关人员的责任。", "违反本制度的，对有关人员给予处分。",
                 "对成绩突出的集体和个人给予表彰奖励，对违规行为实行奖惩。"):
        assert clause.matches(normalize(text)), text
    # a bare 处分 or 奖惩, with no violation or merit named, is not a sanctions clause
    for text in ("对有关人员给予处分。", "实行奖惩。"):
        assert not clause.matches(normalize(text)), text


PART_MAIN = """\
version: 2024
sanctions_clause:
  must: 责任追究
  all:
    - [追究责任]
areas:
  - id: "1"
    label: （一）
    title: 甲
    items:
      - id: "1.1"
        label: （一）1
        text: 甲项
        source: 测试
        category: 涉密人员
        clauses:
          - id: "1.1-a"
            must: 写明甲
            all:
              - [甲甲]
"""

PART_B = """\
sanctions_clause:
  must: 不应覆盖主文件
  all:
    - [不会用到]
areas:
  - id: "8"
    label: （八）
    title: 乙
    items:
      - id: "8.1"
        label: （八）1
        text: 乙项
        source: 测试
        category: 涉密人员
        clauses:
          - id: "8.1-a"
            must: 写明乙
            all:
              - [乙乙]
"""

BODY = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

第二条 涉密人员应当甲甲。

## 第二章 附则

第三条 违反本制度规定的，依纪依法追究责任。

第四条 本制度自2025年3月1日起施行。
"""


@pytest.fixture
def split_repo(repo):
    schemas = repo / "schemas"
    schemas.mkdir()
    (schemas / "checklist.yaml").write_text(PART_MAIN, encoding="utf-8")
    (schemas / "checklist-b.yaml").write_text(PART_B, encoding="utf-8")
    return repo


def test_checklist_parts_are_merged(split_repo):
    data = Data([split_repo / "schemas"])
    assert [p.name for p in data.checklist_files] == ["checklist.yaml", "checklist-b.yaml"]
    assert list(checklist_of(data).items) == ["1.1", "8.1"]
    assert checklist_of(data).items["8.1"].area.title == "乙"
    assert data.checklist["sanctions_clause"]["must"] == "责任追究"      # the main file's header wins
    assert data.checklist["version"] == 2024


def test_items_of_a_part_are_checked_and_reported_in_that_part(split_repo):
    cfg = from_table({"today": "2026-01-01", "cache": False, "schemas": "schemas"}, split_repo)
    write_policy(split_repo, "t.md", policy_text(BODY, covers='["1.1", "8.1"]'))
    diags = lint(None, cfg, select=["BM402", "BM403", "BM404"]).diagnostics
    assert [(d.rule, "自查自评（八）1" in d.message) for d in diags] == [("BM403", True)]
    write_policy(split_repo, "t.md", policy_text(BODY, covers='["1.1"]'))
    result = lint(None, cfg, select=["BM402"])
    d = result.diagnostics
    assert len(d) == 1 and "自查自评（八）1" in d[0].message
    # the only 涉密人员 policy does not say 乙乙 either: the finding says so
    assert "写明乙" in d[0].message and "《测试保密管理制度》" in d[0].message
    cov = coverage(result.corpus)
    assert [i.status for i in cov.items] == ["covered", "unclaimed"]


def test_unclaimed_item_without_any_policy_of_its_category_is_reported_in_the_part(split_repo):
    cfg = from_table({"today": "2026-01-01", "cache": False, "schemas": "schemas"}, split_repo)
    write_policy(split_repo, "t.md", policy_text(BODY, category="定密", covers='["1.1"]'))
    d = lint(None, cfg, select=["BM402"]).diagnostics
    assert len(d) == 1
    assert d[0].path == "schemas/checklist-b.yaml"
    lines = (split_repo / "schemas" / "checklist-b.yaml").read_text(encoding="utf-8").split("\n")
    assert lines[d[0].line - 1].strip() == '- id: "8.1"'
    assert "没有类别为涉密人员的现行制度" in d[0].message


def test_make_clause_normalises_alternatives():
    c = make_clause({"id": "x", "must": "m", "all": [["上岗前，", "任职　前"], ["审查"]]})
    assert c.groups == (("上岗前", "任职前"), ("审查",))


def test_the_handbook_sees_every_part(split_repo):
    """The coverage page and search vocabulary read the merged checklist, not file names."""
    from baomi.site.index_pages import checklist_areas, checklist_items

    (split_repo / "schemas" / "checklist-b.yaml").rename(split_repo / "schemas" / "checklist-zz.yaml")
    data = Data([split_repo / "schemas"])
    assert [a.title for a in checklist_areas(data)] == ["甲", "乙"]
    assert list(checklist_items(data)) == ["1.1", "8.1"]
