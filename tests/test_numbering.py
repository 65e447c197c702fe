"""Numbering rules BM201–BM211: bad and good cases, messages naming expected and found, fixes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import BODY_A, doc_a, doc_b, lint_a, lint_docs  # noqa: E402

from baomi.fix import apply_edits  # noqa: E402


def only(diags, code):
    return [d for d in diags if d.rule == code]


CASES = [
    ("BM201", ("第二条 本制度", "第2条 本制度"), "序号应写作“第二条”，实为“第2条”"),
    ("BM201", ("## 第三章 附则", "## 第03章 附则"),
     "序号应写作“第三章”，实为“第03章”"),
    ("BM202", ("## 第三章 附则", "## 第四章 附则"), "第二章之后应为第三章，实为第四章（跳号）"),
    ("BM203", ("第七条 本制度自", "第九条 本制度自"), "第六条之后应为第七条，实为第九条（跳号）"),
    ("BM204", ("### 第二节 离岗", "### 第三节 离岗"), "第一节之后应为第二节，实为第三节（跳号）"),
    ("BM205", ("第五条之一 ", "第五条之二 "), "第五条之二应紧接在第五条之一之后，实在第五条之后"),
    ("BM206", ("（三）及时报告。", "（四）及时报告。"), "（二）之后应为（三），实为（四）（跳号）"),
    ("BM207", ("（一）按照规定登记；", "(一)按照规定登记；"), "项的序号应写作“（一）”，实为“(一)”"),
    ("BM207", ("（一）按照规定登记；", "（一）、按照规定登记；"), "项的序号应写作“（一）”，实为“（一）、”"),
    ("BM208", ("2. 光介质载体；", "3. 光介质载体；"), "1.之后应为2.，实为3.（跳号）"),
    ("BM210", ("2. 光介质载体；", "2、光介质载体；"), "序号应写作“2.”，实为“2、”"),
]


@pytest.mark.parametrize("code,change,message", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_bad_and_good(code, change, message):
    old, new = change
    assert old in BODY_A
    assert only(lint_a(), code) == []
    found = only(lint_a(BODY_A.replace(old, new, 1)), code)
    assert len(found) == 1, found
    assert found[0].category == "numbering"
    assert message in found[0].message, found[0].message


def test_articles_do_not_restart_per_chapter():
    bad = BODY_A.replace("第三条 涉密人员应当遵守", "第一条 涉密人员应当遵守")
    msgs = [d.message for d in only(lint_a(bad), "BM203")]
    assert msgs[0].startswith("第二条之后应为第三条，实为第一条（顺序颠倒）")


def test_repeat_is_reported_at_the_offending_line():
    bad = BODY_A.replace("第四条 涉密人员离岗", "第三条 涉密人员离岗")
    (d,) = only(lint_a(bad), "BM203")
    assert d.message.startswith("第三条之后应为第四条，实为第三条（重复）")
    assert doc_a(bad).split("\n")[d.line - 1].startswith("第三条 涉密人员离岗")


def test_sub_article_is_not_a_gap():
    assert only(lint_a(), "BM203") == [] and only(lint_a(), "BM205") == []


def test_sections_restart_in_each_chapter():
    body = BODY_A.replace("## 第三章 附则\n", "## 第三章 附则\n\n### 第一节 解释\n")
    assert only(lint_a(body), "BM204") == []
    body = BODY_A.replace("## 第三章 附则\n", "## 第三章 附则\n\n### 第三节 解释\n")
    (d,) = only(lint_a(body), "BM204")
    assert "应为第一节，实为第三节" in d.message


@pytest.mark.parametrize("old,new,fixed", [
    ("第二条 本制度", "第2条 本制度", "第二条 本制度"),
    ("（一）按照规定登记；", "(一)、按照规定登记；", "（一）按照规定登记；"),
    ("2. 光介质载体；", "2、光介质载体；", "2. 光介质载体；"),
])
def test_form_fixes(old, new, fixed):
    text = doc_a(BODY_A.replace(old, new, 1))
    diags = [d for d in lint_docs(("a.md", text), ("b.md", doc_b())) if d.fix]
    out, _ = apply_edits(text, [e for d in diags for e in d.fix])
    assert fixed in out
    assert lint_docs(("a.md", out), ("b.md", doc_b())) == []


def test_numeral_form_variants():
    for raw, right in (("一十", "十"), ("10", "十"), ("二十〇", "二十")):
        body = BODY_A.replace("第一条 为了", "第一条 为了")
        body = body.replace("第七条 本制度自", "第七条 本制度自")
        bad = body.replace("第二条 本制度", "第二条 本制度")
        found = only(lint_a(bad.replace("## 第二章 管理", f"## 第{raw}章 管理")), "BM201")
        assert len(found) == 1 and f"实为“第{raw}章”" in found[0].message and f"“第{right}章”" in found[0].message


GONGWEN = """
# 测试保密守则

为了保守国家秘密，根据《中华人民共和国保守国家秘密法》，制定本守则。

一、基本要求

（一）遵守保密法律法规。

（二）参加保密培训：

1. 按时参加；

2. 考试合格。

二、附则

（一）本守则自2025年3月1日起施行。
"""


def _gw(body):
    text = doc_a(body, extra="").replace("测试保密管理制度", "测试保密守则")
    return lint_docs(("a.md", text), select=["numbering"])


def test_gongwen_clean():
    assert _gw(GONGWEN) == []


@pytest.mark.parametrize("code,old,new,message", [
    ("BM209", "（一）遵守保密法律法规。\n\n（二）参加保密培训：", "1. 遵守保密法律法规。\n\n（二）参加保密培训：",
     "一、之下应为“（一）”层次，实为“1.”（越级）"),
    ("BM210", "二、附则", "二.附则", "序号应写作“二、”，实为“二.”"),
    ("BM210", "（二）参加", "（二）、参加", "序号应写作“（二）”，实为“（二）、”"),
    ("BM210", "2. 考试合格", "2、考试合格", "序号应写作“2.”，实为“2、”"),
    ("BM211", "二、附则", "三、附则", "一、之后应为二、，实为三、（跳号）"),
    ("BM211", "（二）参加", "（三）参加", "（一）之后应为（二），实为（三）（跳号）"),
])
def test_gongwen_rules(code, old, new, message):
    assert old in GONGWEN
    found = [d for d in _gw(GONGWEN.replace(old, new, 1)) if d.rule == code]
    assert len(found) == 1 and message in found[0].message, found


# --- the levels above 章, whatever the style plug-in adds ------------------------------------------

def _volumes(body: str, select):
    from helpers import volume_level

    with volume_level():
        return lint_docs(("a.md", doc_a(body)), select=select)


def test_bian_numbers_restart_in_each_volume_of_a_plug_in():
    """BM212 numbers each level within the tier it stands in: 编 restart in each 卷 (they were
    checked across the whole text, so 第二卷's 第一编 was reported), and the 卷 are numbered too."""
    from helpers import VOLUMES

    assert only(_volumes(VOLUMES, ["BM212"]), "BM212") == []
    d = only(_volumes(VOLUMES.replace("### 第一编 附则", "### 第二编 附则"), ["BM212"]), "BM212")
    assert [x.message for x in d] == ["第二卷的编序号第一个应为第一编，实为第二编（跳号）"]
    assert [e.text for e in d[0].fix] == ["第一编"]
    d = only(_volumes(VOLUMES.replace("第二卷 附编", "第三卷 附编"), ["BM212"]), "BM212")
    assert [x.message for x in d] == ["第一卷之后应为第二卷，实为第三卷（跳号）"]


def test_bian_and_fenbian_still_numbered_as_before():
    """Without 卷: the 编 of the whole text, the 分编 of each 编, a 分编 outside any 编 by itself."""
    from helpers import CODE

    d = only(lint_docs(("a.md", doc_a(CODE.replace("第二编 分则", "第三编 分则"))), select=["BM212"]), "BM212")
    assert [x.message for x in d] == ["第一编之后应为第二编，实为第三编（跳号）"]
    sub = CODE.replace("## 第二编 分则\n", "## 第二编 分则\n\n### 第二分编 定密\n")
    d = only(lint_docs(("a.md", doc_a(sub)), select=["BM212"]), "BM212")
    assert [x.message for x in d] == ["第二编的分编序号第一个应为第一分编，实为第二分编（跳号）"]


def test_numeral_form_of_a_plug_in_level():
    """BM201 takes the units from the plug-in's Levels: 第一十卷 is read as a 卷 marker and
    written 第十卷 (the kinds were a table of 编, 分编, 章, 节, 条)."""
    from helpers import VOLUMES

    d = only(_volumes(VOLUMES.replace("第二卷 附编", "第一十卷 附编"), ["BM201"]), "BM201")
    assert [x.message for x in d] == ["序号应写作“第十卷”，实为“第一十卷”"]
    assert only(_volumes(VOLUMES, ["BM201"]), "BM201") == []
