"""The generated forms and tables as neutral documents (`baomi.document`): the blocks a pledge
form is built of, and what the HTML, text and Word renderers make of them — escaping included."""

from __future__ import annotations

import pytest

from baomi.document import Break, Field, Fields, Group, Para, Run, Title, plain
from baomi.generate.pledge import Form, Obligation, pledge_document

HOSTILE = '<script>alert("x")</script>&'


def _ob(title: str, article: str, lines: list[str], anchor: str = "art-3") -> Obligation:
    return Obligation("BM-91", title, "a.md", article, anchor, lines, 10)


def _form(title: str = "涉密人员离岗保密承诺书", policy: str = "甲保密管理制度", **kw) -> Form:
    return Form(
        role="涉密人员", role_name="涉密人员", kind="离岗", title=title,
        preamble="本人自愿遵守以下保密义务：",
        obligations=[_ob(policy, "第三条", ["本人离岗前应当清退涉密载体；", "（一）不得带走；"]),
                     _ob(policy, "第四条", ["本人在脱密期内不得违反规定就业。"], "art-4")],
        confirmations=["本人已接受离岗保密提醒谈话。", "本人已清退全部涉密载体。"],
        person_fields=["姓名", "部门"], level_label="涉密等级",
        level_options=[("核心", False), ("重要", True), ("一般", False)],
        extra_fields=["脱密期起始日期"], closing="本人如违反上述承诺，愿意承担相应责任。",
        signature_fields=["承诺人签名", "日期"], unit_heading="单位填写", unit_fields=["经办人", "审核人"],
        **kw)


def _only(blocks, kind, **attrs):
    found = [b for b in blocks if isinstance(b, kind) and all(getattr(b, k) == v for k, v in attrs.items())]
    assert len(found) == 1, (kind.__name__, attrs, blocks)
    return found[0]


def test_a_pledge_document_has_the_blocks_of_the_form():
    form = _form(unit="某某单位")
    doc = pledge_document(form, link=lambda ob: f"../../a/#{ob.anchor}")
    assert doc.title == form.title
    (g,) = doc.blocks
    assert isinstance(g, Group) and g.role == "pledge" and g.anchor.startswith("pledge-")
    unit, title, head, preamble, obligations, end = g.blocks
    assert (unit.role, unit.text) == ("form-unit", "某某单位")
    assert isinstance(title, Title) and title.text == form.title
    assert isinstance(head, Fields) and head.layout == "grid"
    assert [f.label for f in head.fields] == ["姓名", "部门", "涉密等级", "脱密期起始日期"]
    level = _only(head.fields, Field, label="涉密等级")
    assert level.kind == "choice" and level.boxes() == ["□核心", "☑重要", "□一般"]
    assert _only(head.fields, Field, label="脱密期起始日期").kind == "date"
    assert (preamble.role, preamble.text) == ("preamble", form.preamble)
    # one group per obligation: its lines (the first with 一、二、…), its citation; the last line
    # keeps with the citation
    assert obligations.role == "obligations" and len(obligations.blocks) == 2
    first = obligations.blocks[0]
    assert first.data == {"policy": "BM-91", "anchor": "art-3"}
    *lines, cite = first.blocks
    assert [p.text for p in lines] == ["一、本人离岗前应当清退涉密载体；", "（一）不得带走；"]
    assert [p.keep_with_next for p in lines] == [False, True]
    assert cite.role == "citation" and cite.text == "（《甲保密管理制度》第三条）"
    assert [r.href for r in cite.runs if r.href] == ["../../a/#art-3"]
    assert obligations.blocks[1].blocks[0].text.startswith("二、")
    # the end of the form: kept together, on the page of the last obligation
    assert end.role == "end" and end.together and end.with_previous
    checks = [b for b in end.blocks if isinstance(b, Para) and b.role == "check"]
    assert [c.text for c in checks] == [f"□\u3000{c}" for c in form.confirmations]
    assert _only(end.blocks, Para, role="closing").text == form.closing
    sign = _only(end.blocks, Fields, layout="lines")
    assert [(f.label, f.kind) for f in sign.fields] == [("承诺人签名", "blank"), ("日期", "date")]
    box = _only(end.blocks, Fields, layout="box")
    assert box.heading == "单位填写" and [f.label for f in box.fields] == ["经办人", "审核人"]


def test_several_forms_one_a_page():
    doc = pledge_document([_form(), _form(title="涉密人员上岗保密承诺书")])
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Group", "Break", "Group"] and doc.title == "保密承诺书"
    assert doc.titles() == ["涉密人员离岗保密承诺书", "涉密人员上岗保密承诺书"]


def test_html_renderer_escapes_every_text_and_link():
    from baomi.document import html_render
    from baomi.generate.pledge import render_fragment, render_html

    form = _form(title=HOSTILE, policy=HOSTILE, unit=HOSTILE)
    form.confirmations.append(HOSTILE)
    form.person_fields.append(HOSTILE)
    page = render_html(form, link=lambda ob: 'javascript:alert("x")')
    frag = render_fragment(form, link=lambda ob: '"><script>alert(1)</script>')
    for html in (page, frag):
        assert "<script" not in html and "javascript:" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html
    assert f"<title>{html_render.esc(HOSTILE)}</title>" in page
    # a cell, a run and an id from hostile data
    from baomi.document import Cell, Document, Table

    doc = Document(title="t", blocks=[Table([["<b>", "x"], [Cell(["<i>", [Run("<u>", "ins")]]), "y"]],
                                            role="coverage", row_ids=["", 'i"d'])])
    out = html_render.fragment(doc)
    assert "<b>" not in out and "<i>" not in out and "<u>" not in out
    assert "&lt;i&gt;<br><ins>&lt;u&gt;</ins>" in out and 'id="i-x22-d"' in out


def test_html_renderer_structure_of_a_form():
    from baomi.generate.pledge import render_fragment

    form = _form()
    html = render_fragment(form, link=lambda ob: f"../p/#{ob.anchor}")
    assert html.startswith('<article class="bm-pledge" id="pledge-')
    assert html.count("<li data-policy=") == 2
    assert '<p class="bm-src">（<a href="../p/#art-3">《甲保密管理制度》第三条</a>）</p>' in html
    assert '<td class="bm-level"><span class="bm-box">□核心</span><span class="bm-box">☑重要</span>' in html
    assert '<div class="bm-end bm-keep">' in html
    assert "\n\n" not in html                     # the handbook passes the block past Markdown whole


def test_text_renderer():
    from baomi.generate.pledge import render_text

    text = render_text(_form())
    lines = text.splitlines()
    assert lines[0] == "涉密人员离岗保密承诺书"
    assert "涉密等级：□核心 ☑重要 □一般" in lines
    assert "一、本人离岗前应当清退涉密载体；" in lines and "（《甲保密管理制度》第四条）" in lines
    assert any(x.startswith("日期：") and "年" in x for x in lines)
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_word_renderer_keeps_the_end_with_the_last_obligation(tmp_path):
    docx = pytest.importorskip("docx")
    from baomi.generate.pledge import write_docx

    form = _form()
    doc = docx.Document(str(write_docx(form, tmp_path / "f.docx")))
    paras = doc.paragraphs
    texts = [p.text for p in paras]
    last_cite = texts.index("（《甲保密管理制度》第四条）")
    sign = texts.index("日期：" + "\u3000\u3000年\u3000\u3000月\u3000\u3000日")
    # from the last citation to the spacer above the unit's box every paragraph keeps with the next
    assert all(paras[i].paragraph_format.keep_with_next for i in range(last_cite, sign + 2)), texts
    assert paras[last_cite - 1].paragraph_format.keep_with_next        # a line with its citation
    assert not paras[texts.index("本人自愿遵守以下保密义务：")].paragraph_format.keep_with_next
    level = [c.text for c in doc.tables[0].rows[1].cells]
    assert "□核心\u00a0☑重要\u00a0□一般" in level
    assert plain([Run("a"), Run("b", "ins")]) == "ab"


def test_break_and_group_in_html():
    from baomi.document import Document, html_render

    out = html_render.fragment(Document("t", [Group([Para("x")], role="end", together=True), Break()]))
    assert out == '<div class="bm-end bm-keep">\n<p>x</p>\n</div>\n<div class="bm-break"></div>'
