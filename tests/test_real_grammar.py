"""The grammar of real texts (issue 16, the 编 part of issue 15): 编 and 分编 above 章 with the
code's own chapter convention, self-names through word boundaries, effective clauses of every
genre, items that are sentences, layout spaces, traditional markers and numbers beyond the grammar."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import FRONT, lint_docs  # noqa: E402

from baomi.fix import apply_edits  # noqa: E402
from baomi.parser import parse_text  # noqa: E402

FIRST = "第一条 为了加强管理，根据《中华人民共和国保守国家秘密法》，制定本制度。违反本制度的，依纪依法追究责任。"
LAST = "本制度自2025年1月1日起施行。"


def doc(body: str, title: str = "测试保密管理制度") -> str:
    return FRONT.format(id="BM-90", title=title, status="现行", extra="") + f"\n# {title}\n\n" + body


def lint(body, select, title="测试保密管理制度"):
    return [d for d in lint_docs(("a.md", doc(body, title)), select=select)]


def arts(n0: int, n: int) -> str:
    from baomi.numerals import to_chinese
    return "\n\n".join(f"第{to_chinese(i)}条 规定{i}。" for i in range(n0, n0 + n))


RESTART = (f"## 第一编 总则\n\n### 第一章 总则\n\n{FIRST}\n\n### 第二章 范围\n\n{arts(2, 1)}\n\n"
           f"## 第二编 分则\n\n### 第一章 定密\n\n{arts(3, 1)}\n\n### 第二章 附则\n\n第四条 {LAST}\n")
CONTINUOUS = RESTART.replace("### 第一章 定密", "### 第三章 定密").replace("### 第二章 附则", "### 第四章 附则")


def test_parts_parsed_with_their_chapters_and_articles():
    p = parse_text(doc(RESTART), "a.md", "a.md")
    assert [(x.kind, x.number, x.title) for x in p.parts] == [("编", 1, "总则"), ("编", 2, "分则")]
    assert [(c.part, c.number) for c in p.chapters] == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert [a.part for a in p.articles] == [1, 1, 2, 2]
    assert [len(x.chapters) for x in p.parts] == [2, 2]


def test_chapters_restart_per_part_or_run_on_by_the_codes_own_convention():
    for body in (RESTART, CONTINUOUS):
        assert lint(body, ["BM202", "BM212", "BM204"]) == []
    mixed = RESTART.replace("### 第二章 附则", "### 第三章 附则")
    d = lint(mixed, ["BM202"])
    assert [x.message for x in d] == ["第一章之后应为第二章，实为第三章（跳号）"]
    # continuous convention: a chapter of the second 编 out of sequence is reported
    d = lint(CONTINUOUS.replace("### 第四章 附则", "### 第六章 附则"), ["BM202"])
    assert [x.message for x in d] == ["第三章之后应为第四章，实为第六章（跳号）"]


def test_sub_parts_run_chapters_on_and_part_numbers_are_checked():
    body = (f"## 第一分编 通则\n\n### 第一章 总则\n\n{FIRST}\n\n## 第二分编 所有权\n\n### 第二章 一般规定\n\n"
            f"{arts(2, 1)}\n\n## 第三分编 用益物权\n\n### 第三章 附则\n\n第三条 {LAST}\n")
    assert lint(body, ["BM202", "BM212"]) == []
    d = lint(body.replace("第三分编", "第五分编"), ["BM212"])
    assert [x.message for x in d] == ["第二分编之后应为第三分编，实为第五分编（跳号）"]
    d = lint(RESTART.replace("第二编 分则", "第三编 分则"), ["BM212"])
    assert [x.message for x in d] == ["第一编之后应为第二编，实为第三编（跳号）"] and d[0].fix


def test_code_total_and_supplementary_at_the_part_level():
    assert lint(RESTART, ["BM101", "BM102"]) == []
    d = lint(RESTART.replace("第一编 总则", "第一编 通则"), ["BM101"])
    assert [x.message for x in d] == ["第一编应为“总则”，实为“通则”"]


def test_self_name_only_where_ben_begins_a_word():
    body = (f"## 第一章 总则\n\n{FIRST}\n\n第二条 建立成本制度，遵守基本准则和基本规则，依照本章程序办理。\n\n"
            f"## 第二章 附则\n\n第三条 {LAST}\n")
    assert lint(body, ["BM109"]) == []
    d = lint(body.replace("依照本章程序", "依照本规定"), ["BM109"])
    assert [x.message for x in d] == ["自称应为“本制度”（标题为“测试保密管理制度”），实为“本规定”"]


def test_effective_clause_of_any_genre_and_date_form():
    for title, last in (("保密法实施细则", "本实施细则自发布之日起施行。"), ("保密法实施细则", "本细则自印发之日起施行。"),
                        ("中华人民共和国国歌法", "本法自2017年10月1日起施行。"),
                        ("民族区域自治法", "本法由全国人民代表大会通过，自1984年10月1日起施行。"),
                        ("质量管理规范（试行）", "本规范自公布之日起施行。")):
        body = f"第一条 为了规范，根据宪法，制定{title[-2:]}。\n\n第二条 {last}\n"
        assert lint(body, ["BM108"], title) == [], (title, last)
    assert lint("第一条 为了规范。\n\n第二条 本制度由保密办负责解释。\n", ["BM108"])


def test_items_that_are_sentences_end_with_full_stop():
    body = (f"## 第一章 总则\n\n{FIRST}\n\n第二条 本制度下列用语的含义：\n\n（一）涉密载体，是指以文字记载国家秘密的载体。\n\n"
            "（二）海洋观测设施，是指观测站、浮标等设施。\n\n第三条 下列情形的处理：\n\n（一）发现泄密的，立即报告。"
            "报告应当书面作出；\n\n（二）其他情形。\n\n第四条 有关规定如下。\n\n（一）登记后入库。\n\n（二）定期清查。\n\n"
            f"## 第二章 附则\n\n第五条 {LAST}\n")
    assert lint(body, ["BM107", "BM106"]) == []
    d = lint(body.replace("（一）登记后入库。", "（一）登记后入库，"), ["BM107", "BM106"])
    assert {x.rule for x in d} == {"BM107", "BM106"}


def test_layout_spaces_are_kept_and_spread_headings_read():
    body = (f"## 第一章　　总　　则\n\n{FIRST}\n\n## 第二章 附 则\n\n第二条 {LAST}\n\n"
            "保密办公室　　　　2021年6月15日印发\n\n审议通过　2021年6月修订\n\n由 办公室 审批\n")
    d = lint(body, ["BM605", "BM101", "BM102"])
    at = doc(body).split("\n").index("由 办公室 审批") + 1
    assert [(x.rule, x.line) for x in d] == [("BM605", at), ("BM605", at)]   # only 由 办公室 审批


def test_traditional_marker_keeps_its_gap_when_fixed():
    text = doc(f"{FIRST}\n\n第三十五條 本制度自2025年1月1日起施行。\n")
    d = [x for x in lint_docs(("a.md", text)) if x.fix]
    new, _ = apply_edits(text, [e for x in d for e in x.fix])
    assert "第二条 本制度自2025年1月1日起施行。" in new       # 條 → 条, renumbered, the space kept
    assert "条本制度" not in new


def test_huge_numbers_are_diagnostics_not_crashes():
    from baomi.numerals import parse_chinese
    assert parse_chinese("999999999999") is None
    body = f"{FIRST}\n\n第999999999999条 {LAST}\n"
    d = lint_docs(("a.md", doc(body)))
    assert not [x for x in d if "内部出错" in x.message]
    assert any(x.rule == "BM201" and "无法识别" in x.message for x in d)
    from baomi.outline import policy_outline, render_text
    assert "第999999999999条" in render_text([policy_outline(parse_text(doc(body), "a.md", "a.md"))])


def test_zero_width_line_is_not_a_paragraph_of_the_article():
    """A line holding only U+200B between two 款 (公司法 in the collection) adds no 款."""
    pol = parse_text(doc("第一条 第一款。\n\n\u200b\n\n第二款。\n"), "x.md", "x.md")
    assert [p.text for p in pol.articles[0].paragraphs] == ["第一款。", "第二款。"]
    assert not pol.stray


def test_fix_keeps_meaningful_spaces_and_is_idempotent():
    """--fix keeps the spaces that are labels or layout (附件1 借阅登记表, 5.6.5 轻微伤, 落款 alignment),
    removes the wrong ones, changes no Han character, and a second --fix changes nothing."""
    body = (f"{FIRST}\n\n第二条 借阅时间由 办公室 审批，不得超过 3 天。\n\n第三条 {LAST}\n\n"
            "附件：1．借阅登记表\n\n## 附件1 借阅登记表\n\n5.6.5 登记的内容\n\n保密办公室　　　　2021年6月15日印发\n")
    text = doc(body)
    fixes = [e for x in lint_docs(("a.md", text)) if x.fix for e in x.fix]
    new, _ = apply_edits(text, fixes)
    for kept in ("## 附件1 借阅登记表", "5.6.5 登记的内容", "保密办公室　　　　2021年6月15日印发"):
        assert kept in new
    assert "借阅时间由办公室审批，不得超过3天。" in new
    han = re.compile(r"[\u3400-\u9fff]")
    assert han.findall(new) == han.findall(text)
    again = [e for x in lint_docs(("a.md", new)) if x.fix for e in x.fix]
    assert apply_edits(new, again)[0] == new
