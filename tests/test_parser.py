"""The parser: both document styles, positions, run-on paragraphs, masking."""

from baomi.model import MASK
from baomi.parser import parse_text

from helpers import policy_text

CLAUSE = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

第二条 涉密人员应当遵守下列规定：

（一）不得携带涉密载体外出；

（二）不得在互联网上处理国家秘密，详见 https://example.invalid/a 和 `code`：

1. 不得使用个人邮箱；

2. 不得使用即时通信工具。

违反前款规定的，依纪依法处理。

### 第一节 细则

第二条之一 补充规定。
第三条 本条与上一条写在同一段落中。

## 第二章 附则

第四条 本制度自2025年3月1日起施行。
"""

GONGWEN = """
# 保密守则

为了做好保密工作，制定本守则。

## 一、基本要求

（一）不该说的秘密不说；

（二）不该问的秘密不问。

## 二、载体管理

（一）涉密载体应当：

1. 登记编号；

2. 专柜存放。

（1）细目一

三、其他要求

全体工作人员应当遵守本守则。
"""


def parse(body):
    return parse_text(policy_text(body), "x.md", "x.md")


def test_clause_style_structure():
    p = parse(CLAUSE)
    assert p.style == "条款式"
    assert p.h1 == "测试保密管理制度"
    assert [(c.number, c.title) for c in p.chapters] == [(1, "总则"), (2, "附则")]
    assert [a.label for a in p.articles] == ["第一条", "第二条", "第二条之一", "第三条", "第四条"]
    assert [a.chapter for a in p.articles] == [1, 1, 1, 1, 2]
    art2 = p.articles[1]
    assert len(art2.paragraphs) == 2
    items = art2.paragraphs[0].items
    assert [i.number for i in items] == [1, 2]
    assert [s.number for s in items[1].subitems] == [1, 2]
    assert art2.paragraphs[1].text == "违反前款规定的，依纪依法处理。"
    assert p.articles[2].sub == 1 and p.articles[2].section == 1
    assert p.articles[2].anchor == "art-2_1"
    assert p.sections[0].title == "细则"


def test_positions_are_file_positions():
    text = policy_text(CLAUSE)
    p = parse_text(text, "x.md", "x.md")
    lines = text.split("\n")
    for a in p.articles:
        assert lines[a.line - 1][a.col - 1:].startswith(a.marker.raw)
    for c in p.chapters:
        assert lines[c.line - 1][c.marker.col - 1:].startswith("第")
    for span in p.prose:
        src = lines[span.line - 1][span.col - 1: span.col - 1 + len(span.text)]
        assert len(src) == len(span.text)
        assert all(a == b or a == MASK for a, b in zip(span.text, src))


def test_run_on_paragraph_is_split_at_markers():
    p = parse(CLAUSE)
    a3 = p.article(3)
    assert a3 is not None and a3.paragraphs[0].text == "本条与上一条写在同一段落中。"
    assert p.article(2, 1).paragraphs[0].text == "补充规定。"


def test_markers_are_excluded_from_prose_and_code_is_masked():
    p = parse(CLAUSE)
    texts = [s.text for s in p.prose]
    assert not any(t.startswith("第一条") for t in texts)
    url_line = next(s for s in p.prose if "详见" in s.text)
    assert "https" not in url_line.text and "code" not in url_line.text
    assert MASK in url_line.text
    assert p.links and p.links[0][2] == "https://example.invalid/a"


def test_gongwen_style_tree():
    p = parse(GONGWEN)
    assert p.style == "公文式"
    assert [h.title for h in p.headings] == ["基本要求", "载体管理", "其他要求"]
    assert [c.number for c in p.headings[0].children] == [1, 2]
    carrier = p.headings[1].children[0]
    assert carrier.title == "涉密载体应当："
    assert [c.number for c in carrier.children] == [1, 2]
    assert carrier.children[1].children[0].level == 4
    assert p.intro[0].text == "为了做好保密工作，制定本守则。"
    assert p.headings[2].paragraphs[0].text == "全体工作人员应当遵守本守则。"
    units = p.units()
    assert units[0].anchor == "sec-1" and "不该说的秘密不说" in units[0].text
    assert any(u.anchor == "sec-2-1-2" for u in units)


def test_variant_markers_are_recorded_for_numbering_rules():
    p = parse("""
# 测试保密管理制度

## 第一章 总则

第1条 为了……，制定本制度。

第一十条 测试：

(一)半角括号；

（二）、多了顿号。
""")
    raws = [m.raw for m in p.markers]
    assert "第1条" in raws and "第一十条" in raws and "(一)" in raws and "（二）、" in raws
    assert [a.number for a in p.articles] == [1, 10]


def test_crlf_and_bom_positions():
    from baomi.parser import parse_bytes

    text = policy_text(CLAUSE)
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    p = parse_bytes(data, "x.md", "x.md")
    q = parse_text(text, "x.md", "x.md")
    assert [(a.label, a.line, a.col) for a in p.articles] == [(a.label, a.line, a.col) for a in q.articles]


def test_raw_html_is_recorded():
    p = parse(CLAUSE + "\n<script>alert(1)</script>\n\n第五条 见<b>粗体</b>。\n")
    assert any("<script>" in h[2] for h in p.html)
    assert any("<b>" in h[2] for h in p.html)


def test_empty_and_garbage_bodies_do_not_crash():
    for body in ["", "\n\n", "#", "第", "（", "1.", "> 第一条", "| a | b |\n|---|---|\n| 第一条 | x |"]:
        parse_text(policy_text(body), "x.md", "x.md")
