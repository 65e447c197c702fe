"""The law registry against the statute texts (schemas/laws.yaml, schemas/law_texts.json), the
article alignment, and BM313: a law's old article number is judged by what the citing sentence says."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import BODY_A, doc_a, doc_b, lint_docs  # noqa: E402

from baomi.data import Data, packaged_dir  # noqa: E402
from baomi.laws import cite, facts  # noqa: E402
from baomi.laws.align import align_articles  # noqa: E402
from baomi.laws.registry import check, compute, default_corpus  # noqa: E402
from helpers import ROOT  # noqa: E402

DATA = Data([packaged_dir()])
LAWS = {e.key: e for e in DATA.laws}
CORPUS = default_corpus(ROOT)
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus/laws（法律法规文本）不在本机：无法从文本重新计算法规库")


# --- the alignment (pure) --------------------------------------------------------------------

def test_alignment_pairs_identical_then_similar_then_expanded_articles():
    old = [(1, "为了保守国家秘密，制定本法。"), (2, "国家秘密受法律保护。"),
           (3, "涉密人员离岗离职实行脱密期管理。"), (4, "本法自2010年10月1日起施行。")]
    new = [(1, "为了保守国家秘密，维护国家安全，制定本法。"), (2, "国家秘密受法律保护。"), (3, "国家鼓励保密科技研究。"),
           (4, "涉密人员离岗离职应当遵守国家保密规定。机关、单位应当开展保密教育提醒，实行脱密期管理。"
               "涉密人员离岗离职实行脱密期管理的，不得违反规定就业。"),
           (5, "本法自2024年5月1日起施行。")]
    got = align_articles(old, new)
    assert got[2] == (2, 1.0)
    assert got[1][0] == 1 and got[4][0] == 5
    assert got[3][0] == 4          # expanded: covered by the new article, in the gap between 2 and 5
    assert all(v is None or v[0] != 3 for v in got.values())   # the new article 3 has no old one


def test_alignment_leaves_unrelated_articles_unpaired():
    got = align_articles([(1, "涉密计算机不得接入互联网。")], [(1, "国家加强保密人才培养和队伍建设。")])
    assert got == {1: None}


# --- the registry against the texts ---------------------------------------------------------

@needs_corpus
def test_registry_matches_the_texts():
    raw = json.loads((ROOT / "schemas" / "law_texts.json").read_text(encoding="utf-8"))
    assert check(DATA.laws, raw, CORPUS) == []


@needs_corpus
def test_check_reports_a_wrong_fact():
    e = LAWS["保密法实施条例"]
    wrong = replace(e, article_count=45, version=replace(e.version, effective="2024-10-01"),
                    old_numbers=replace(e.old_numbers, map={**e.old_numbers.map, 32: 32}))
    laws = tuple(wrong if x.key == e.key else x for x in DATA.laws)
    bad = check(laws, None, CORPUS)
    assert e.article_count == 74 and e.old_map[32] == 58      # the shared registry is not touched
    assert any("保密法实施条例.article_count" in b and "74" in b for b in bad), bad
    assert any("保密法实施条例.old_numbers" in b for b in bad), bad
    assert any("effective" in b and "2024-09-01" in b for b in bad), bad


@needs_corpus
def test_known_moves_are_what_the_alignment_finds():
    law = compute(LAWS["保密法"], CORPUS)
    assert (law["article_count"], law["chapters"]) == (65, 6)
    assert law["old_numbers"]["article_count"] == 53 and law["old_numbers"]["version"] == "2010-04-29"
    mp = law["old_numbers"]["map"]
    assert [mp[n] for n in (10, 15, 17, 35, 38)] == [14, 20, 22, 43, 46]
    reg = compute(LAWS["保密法实施条例"], CORPUS)
    assert reg["article_count"] == 74 and reg["old_numbers"]["article_count"] == 45
    assert reg["old_numbers"]["map"][32] == 58


def test_registry_says_which_facts_are_proven():
    assert LAWS["档案法"].verified is True and LAWS["档案法"].texts.current.endswith("档案法(2020-06-20).md")
    assert LAWS["公务员法"].verified is True
    assert LAWS["网络安全法"].verified is False and "version" in LAWS["网络安全法"].unverified
    v = LAWS["泄密案件查处办法"].version
    assert (v.adopted, v.revised, v.effective, v.document) == ("2017-12-29", "", "2018-01-01", "国家保密局令2017年第2号")
    assert "status" in LAWS["国家秘密定密管理暂行规定"].unverified
    renamed = {r.old: r for r in LAWS["保密法"].renamed_terms}
    assert renamed["保密工作部门"].new == "保密行政管理部门" and renamed["保密工作部门"].extra["since"] == "2010-04-29"
    assert facts.mark(LAWS["泄密案件查处办法"], "version") == "（未经核实）"
    assert facts.mark(LAWS["保密法"], "article_count") == ""


# --- BM313 on what the sentence says --------------------------------------------------------

def bm313(sentence: str):
    body = BODY_A.replace("涉密人员离岗的，依照保密法第四十六条的规定实行脱密期管理。", sentence)
    assert body != BODY_A
    return [d.message for d in lint_docs(("a.md", doc_a(body)), ("b.md", doc_b())) if d.rule == "BM313"]


@pytest.mark.parametrize("sentence", [
    "确定国家秘密的密级，应当遵守定密权限（保密法第十七条）。",
    "国家鼓励和支持保密科学技术研究和应用（保密法第十条）。",
    "涉密信息系统应当按照国家保密规定和标准规划、建设、运行、维护（保密法第三十条）。",
    "机关、单位应当依法对拟公开的信息进行保密审查，遵守国家保密规定（保密法第三十五条）。",
    "举办会议或者其他活动涉及国家秘密的，主办单位应当采取保密措施（保密法第三十八条）。",
    "国家秘密的保密期限已满的，自行解密（保密法第二十二条）。",
    "依照保密法第十五条的规定执行。",
])
def test_valid_2024_citations_are_not_old_numbers(sentence):
    assert bm313(sentence) == []


@pytest.mark.parametrize("sentence,new", [
    ("国家秘密的密级分为绝密、机密、秘密三级（保密法第十条）。", "第十四条"),
    ("依照保密法第十七条的规定，对国家秘密载体做出国家秘密标志。", "第二十二条"),
    ("涉密人员按照涉密程度分为核心涉密人员、重要涉密人员和一般涉密人员（保密法第三十五条）。", "第四十三条"),
    ("涉密人员离岗离职实行脱密期管理（保密法第三十八条）。", "第四十六条"),
    ("依照2010年修订的保密法第三十八条的规定处理。", "第四十六条"),
])
def test_old_content_or_stated_old_version_is_flagged(sentence, new):
    (m,) = bm313(sentence)
    assert f"现行条号应为{new}" in m and "是修订前的条号" in m


def test_regulation_2014_numbers():
    (m,) = bm313("自查自评的内容包括保密工作责任制落实情况、保密制度建设情况、涉密人员管理情况"
                 "（保密法实施条例第三十二条）。")
    assert "2014年文本第三十二条" in m and "现行条号应为第五十八条" in m
    # 2024 第三十二条 (涉密信息系统分级保护) is valid in its own right
    assert bm313("涉密信息系统按照涉密程度分为绝密级、机密级、秘密级（保密法实施条例第三十二条）。") == []
    e = LAWS["保密法实施条例"]
    old, new = facts.article_texts(type("C", (), {"data": DATA})(), "保密法实施条例")
    how, _, _ = cite.judge("对保密宣传教育培训情况、国家秘密载体管理情况进行检查（保密法实施条例第三十二条）。",
                           old.get("32"), new.get("32"), e.old_numbers.version[:4])
    assert how == "content"
    assert facts.old_numbers(e)[32] == 58


def test_one_alignment_for_the_registry_and_the_revision_table():
    """The registry's map is the revision table's alignment read as a map (baomi.generate.align)."""
    from baomi.generate.align import align_articles as rows

    old = [(1, "为了保守国家秘密，制定本法。"), (2, "国家秘密的密级分为绝密、机密、秘密三级。"),
           (3, "违反本法规定，有下列行为之一的，依法给予处分；构成犯罪的，依法追究刑事责任：非法获取、持有国家秘密载体的；"
               "买卖、转送或者私自销毁国家秘密载体的；通过普通邮政、快递等无保密措施的渠道传递国家秘密载体的。")]
    new = [(1, "为了保守国家秘密，制定本法。"), (2, "国家秘密的密级分为绝密、机密、秘密三级。"),
           (3, "违反本法规定，有下列情形之一，根据情节轻重，依法给予处分：非法获取、持有国家秘密载体的；"
               "买卖、转送或者私自销毁国家秘密载体的；通过普通邮政、快递等无保密措施的渠道传递国家秘密载体的。"),
           (4, "违反本法规定，构成犯罪的，依法追究刑事责任。")]
    got = align_articles(old, new)
    table = {r.old[0]: r.new[0] for r in rows(old, new) if r.old is not None and r.new is not None}
    assert {k: v[0] for k, v in got.items() if v} == table
    # a short new article wholly contained in a long old one is not its counterpart (2010 第四十八条
    # became 2024 第五十七条, not the one-line 第六十二条)
    assert got[3][0] == 3


@needs_corpus
def test_the_2014_procurement_article_is_found_in_2024():
    """2014 实施条例第二十六条 (采购) was extended into 2024 第四十九条 (采购 and 委托)."""
    assert LAWS["保密法实施条例"].old_map[26] == 49
