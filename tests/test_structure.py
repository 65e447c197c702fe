"""Structure rules BM101–BM110: each with a bad and a good case on a small two-policy corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import BODY_A, doc_a, doc_b, lint_a, lint_docs  # noqa: E402

from baomi.fix import apply_edits  # noqa: E402


def only(diags, code):
    return [d for d in diags if d.rule == code]


def test_clean_corpus_is_clean():
    assert lint_a() == []


FIRST = "第一条 为了加强涉密人员管理，根据《中华人民共和国保守国家秘密法》（以下简称保密法），制定本制度。"

CASES = [
    ("BM101", ("## 第一章 总则", "## 第一章 管理要求"), "第一章应为“总则”，实为“管理要求”"),
    ("BM102", ("## 第三章 附则", "## 第三章 其他"), "最后一章应为“附则”，实为“其他”"),
    ("BM103", (f"## 第一章 总则\n\n{FIRST}", f"{FIRST}\n\n## 第一章 总则"),
     "第一条应在某一章之内，实在第一章之前"),
    ("BM104", ("### 第二节 离岗\n\n", "### 第二节 离岗\n\n以下规定适用于离岗人员。\n\n"),
     "段落应属于某一条（作为款或项），实在条文之外"),
    ("BM105", ("# 测试保密管理制度", "# 测试保密制度"), "一级标题应为“测试保密管理制度”（与 title 一致），实为“测试保密制度”"),
    ("BM106", ("应当遵守下列规定：", "应当遵守下列规定。"), "项之前的引语应以“：”结束，实为“。”"),
    ("BM107", ("（一）按照规定登记；", "（一）按照规定登记，"), "（一）是项，应以“；”结束，实为“，”"),
    ("BM107", ("（三）及时报告。", "（三）及时报告；"), "（三）是最后一项，应以“。”结束，实为“；”"),
    ("BM108", ("第七条 本制度自2025年3月1日起施行。", "第七条 本制度由保密委员会监督执行。"),
     "最后一条应写明施行日期（本制度自……起施行。），实为“第七条 本制度由保密委员会监督执行"),
    ("BM109", ("第二条 本制度适用于", "第二条 本办法适用于"), "自称应为“本制度”（标题为“测试保密管理制度”），实为“本办法”"),
    # 按照《……》 still names the basis (the 《》 law): only the purpose's 为了 is missing
    ("BM110", ("第一条 为了加强涉密人员管理，根据", "第一条 加强涉密人员管理，按照"),
     "第一条应写明目的和依据（为了……，根据……，制定本制度。），缺少“为了……”（目的）"),
]


@pytest.mark.parametrize("code,change,message", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_bad_and_good(code, change, message):
    old, new = change
    assert old in BODY_A
    assert only(lint_a(), code) == []                       # good
    found = only(lint_a(BODY_A.replace(old, new, 1)), code)  # bad
    assert len(found) == 1, found
    assert found[0].category == "structure"
    assert message in found[0].message


def test_last_item_may_be_followed_by_another_paragraph():
    # 第三条: its items end with 。 and 违反前款规定的 follows as a further 款: clean
    assert "（三）及时报告。\n\n违反前款" in BODY_A
    assert only(lint_a(), "BM107") == []


def test_subitems_end_with_semicolon_unless_last_of_the_paragraph():
    bad = BODY_A.replace("1. 纸介质载体；", "1. 纸介质载体。")
    found = only(lint_a(bad), "BM107")
    assert [d.message for d in found] == ["1.是项，应以“；”结束，实为“。”"]


def test_effective_clause_elsewhere_is_named():
    bad = BODY_A.replace("第六条 本制度由保密办公室负责解释。", "第六条 本制度自2025年3月1日起施行。").replace(
        "第七条 本制度自2025年3月1日起施行。", "第七条 本制度由保密办公室负责解释。")
    (d,) = only(lint_a(bad), "BM108")
    assert "施行日期写在第六条" in d.message


def test_repeal_clause_may_follow_effective_clause():
    ok = BODY_A.replace("起施行。", "起施行。2019年印发的《涉密人员管理规定》同时废止。")
    assert lint_a(ok) == []


@pytest.mark.parametrize("code,old,new,fixed", [
    ("BM106", "应当遵守下列规定：", "应当遵守下列规定。", "应当遵守下列规定："),
    ("BM107", "（一）按照规定登记；", "（一）按照规定登记", "（一）按照规定登记；"),
    ("BM109", "第二条 本制度适用于", "第二条 本办法适用于", "第二条 本制度适用于"),
])
def test_fixes(code, old, new, fixed):
    text = doc_a(BODY_A.replace(old, new, 1))
    (d,) = only(lint_docs(("a.md", text), ("b.md", doc_b())), code)
    out, applied = apply_edits(text, d.fix)
    assert applied and fixed in out
    assert only(lint_docs(("a.md", out), ("b.md", doc_b())), code) == []


def test_self_name_follows_title_kind():
    body = BODY_A.replace("本制度", "本办法").replace("# 测试保密管理制度", "# 测试保密管理办法")
    text = doc_a(body).replace("title: 测试保密管理制度", "title: 测试保密管理办法")
    assert only(lint_docs(("a.md", text)), "BM109") == []


def test_gongwen_document_has_no_article_rules():
    body = "\n# 测试保密守则\n\n为了保守国家秘密，制定本守则。\n\n一、基本要求\n\n（一）遵守规定。\n\n二、附则\n\n（一）本守则自2025年3月1日起施行。\n"
    text = doc_a(body, extra="").replace("测试保密管理制度", "测试保密守则")
    diags = lint_docs(("a.md", text), select=["structure", "numbering"])
    assert diags == []


def test_chapters_under_a_level_a_plug_in_adds_follow_a_code():
    """Chapters under a tier above 章 follow a code's conventions whatever the tier: under a toy
    level 卷 (no 编), the first 章 of a 卷 is its own 一般规定 (no 总则 asked, BM101) and the 附则
    may stand outside the chapters (BM102), as under 编 (the check was `policy.parts`: 编 only)."""
    from helpers import volume_level

    body = ("# 测试保密管理制度\n\n## 第一卷 总纲\n\n### 第一章 人员\n\n第一条 为了加强管理，制定本制度。\n\n"
            "### 第二章 附则\n\n第二条 本制度自2025年1月1日起施行。\n\n## 第二卷 分则\n\n### 第一章 定密\n\n"
            "第三条 定密应当依法进行。\n\n### 第二章 登记\n\n第四条 登记应当及时。\n")
    with volume_level():
        diags = lint_docs(("a.md", doc_a(body)), select=["BM101", "BM102"])
    assert only(diags, "BM101") == [] and only(diags, "BM102") == []
    # the same text without the plug-in has no 卷: its chapters are those of a plain text
    plain = lint_docs(("a.md", doc_a(body)), select=["BM101", "BM102"])
    assert only(plain, "BM101") and only(plain, "BM102")
