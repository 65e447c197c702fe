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


# --- the 自查自评 coverage table ---------------------------------------------------------------

def _cov(title: str = "甲保密管理制度") -> dict:
    art = {"label": "第二条", "anchor": "art-2", "line": 9}
    pol = {"title": title, "path": "policies/a.md", "ok": False, "articles": [art],
           "clauses": [{"must": "上岗前进行保密审查", "ok": True, "articles": [art]},
                       {"must": "签订保密承诺书", "ok": False},
                       {"must": "定期复审", "ok": False, "severity": "warning", "basis": "指南"}]}
    items = [{"area": "涉密人员管理", "area_label": "（四）", "area_id": "4", "id": "4.2", "label": "（四）2",
              "text": "上岗审查和承诺", "status": "missing", "status_text": "缺少强制条款", "policies": [pol]},
             {"area": "涉密人员管理", "area_label": "（四）", "area_id": "4", "id": "4.3", "label": "（四）3",
              "text": "离岗管理", "status": "unclaimed", "status_text": "未声明", "policies": [],
              "category": "涉密人员"}]
    return {"items": items, "summary": {"items": 2, "covered": 0, "missing_clauses": 1, "unclaimed": 1}}


def test_coverage_table_blocks_detail_and_compact():
    from baomi.document import Cell, Items, Table
    from baomi.document.build import coverage_table

    t = coverage_table(_cov(), link=lambda path, anchor: f"../a/#{anchor}")
    assert isinstance(t, Table) and t.role == "cov" and t.header and t.fill == 0
    assert t.rows[0] == ["序号", "检查内容", "制度覆盖情况", "覆盖制度和条文"]
    assert t.row_roles == ["", "area", "", ""] and t.row_ids == ["", "area-4", "item-4.2", "item-4.3"]
    area = t.rows[1][0]
    assert isinstance(area, Cell) and area.span == 4 and area.lines == ["（四）涉密人员管理"]
    label, text, status, refs = t.rows[2]
    assert (label.role, plain(label), text) == ("label", "（四）2", "上岗审查和承诺")
    assert (status.role, plain(status)) == ("status-missing", "缺少强制条款")
    title, clauses = refs.lines
    assert title == "《甲保密管理制度》" and isinstance(clauses, Items)
    ok, missing, advice = clauses.lines
    assert [(r.text, r.href) for r in ok] == [("上岗前进行保密审查：", None), ("第二条", "../a/#art-2")]
    assert [(r.text, r.style) for r in missing] == [("缺：签订保密承诺书", "missing")]
    assert [(r.text, r.style) for r in advice] == [("建议：定期复审（指南）", "advice")]
    assert plain(t.rows[3][3]) == "应由涉密人员类制度声明覆盖"
    # print: no area rows, the columns to fill in, one line per policy
    p = coverage_table(_cov(), areas=False, fill=True, detail=False)
    assert len(p.rows) == 3 and p.fill == 5 and len(p.rows[0]) == 9 and p.rows[0][4] == "自查情况"
    assert plain(p.rows[1][3]) == "《甲保密管理制度》第二条（缺：签订保密承诺书）（建议：定期复审）"
    assert p.rows[1][4:] == [""] * 5
    assert plain(p.rows[2][3]) == "（应由涉密人员类制度声明覆盖）"


def test_coverage_html_and_docx_render_the_same_table(tmp_path):
    docx = pytest.importorskip("docx")
    from baomi.generate import checklist_docx, checklist_html

    frag = checklist_html.fragment(_cov(), link=lambda path, anchor: f"../a/#{anchor}")
    assert frag.startswith('<p class="bm-cov-summary">共 2 项，已覆盖 0 项；缺少强制条款：1 项；未声明：1 项</p>')
    assert '<tr class="area" id="area-4"><td colspan="4">（四）涉密人员管理</td></tr>' in frag
    assert ('<tr id="item-4.2"><td class="lbl">（四）2</td><td>上岗审查和承诺</td>'
            '<td class="st st-missing">缺少强制条款</td><td>《甲保密管理制度》<ul class="bm-clauses">'
            '<li>上岗前进行保密审查：<a href="../a/#art-2">第二条</a></li>'
            '<li><span class="st-missing">缺：签订保密承诺书</span></li>') in frag
    assert '<span class="st-unclaimed">应由涉密人员类制度声明覆盖</span>' in frag
    d = docx.Document(str(checklist_docx.write(_cov(), tmp_path / "c.docx", unit="测试单位")))
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows[0][:4] == ["序号", "检查内容", "制度覆盖情况", "覆盖制度和条文"] and len(rows) == 3
    assert rows[1][:4] == ["（四）2", "上岗审查和承诺", "缺少强制条款",
                           "《甲保密管理制度》第二条（缺：签订保密承诺书）（建议：定期复审）"]
    assert any(p.text.startswith("单位：测试单位") for p in d.paragraphs)


def test_coverage_html_escapes_a_hostile_title():
    from baomi.generate import checklist_html

    cov = _cov(HOSTILE)
    cov["items"][0]["text"] = HOSTILE
    cov["items"][1]["category"] = HOSTILE
    for html in (checklist_html.fragment(cov, link=lambda path, anchor: "javascript:alert(1)"),
                 checklist_html.page(cov, title=HOSTILE)):
        assert "<script" not in html and "javascript:" not in html
        assert html.count("&lt;script&gt;") >= 3


# --- the 修订对照表 --------------------------------------------------------------------------------

DIFF_V1 = """
# {title}

第一条 为了加强保密管理，制定本制度。

第二条 涉密人员不得擅自复制涉密载体。

第三条 本制度自2025年3月1日起施行。
"""


def _policy_diff(title: str = "甲保密管理制度"):
    from helpers import policy_text

    from baomi.generate.diff import diff_policy
    from baomi.parser import parse_text

    v1 = DIFF_V1.format(title=title)
    v2 = v1.replace("不得擅自复制", "未经批准不得复制").replace("第二条 涉密", "第二条 本单位新增的规定。\n\n第三条 涉密") \
        .replace("第三条 本制度", "第四条 本制度")
    old = parse_text(policy_text(v1, id="BM-91", title=title), "a.md", "a.md")
    new = parse_text(policy_text(v2, id="BM-91", title=title, revised="2026-01-01"), "a.md", "a.md")
    return diff_policy(old, new)


def test_revision_table_blocks():
    from baomi.document import Heading, Items, Table
    from baomi.generate.diff_render import UNCHANGED, policy_blocks

    pd = _policy_diff()
    head, notes, table = policy_blocks(pd)
    assert isinstance(head, Heading) and head.text == "BM-91 《甲保密管理制度》"
    assert isinstance(notes, Items) and notes.role == "diff-notes" and any("修订日期" in n for n in notes.lines)
    assert isinstance(table, Table) and table.role == "diff" and table.header
    assert table.rows[0] == ["原条文", "修订后条文", "修订说明"]
    assert table.row_roles == ["", "新增", "修改", "条号调整"]
    added, changed, renum = table.rows[1:]
    assert added[0] == [] and added[1][0] == Run("第二条", "bold") and added[2] == "新增"
    old, new, note = changed
    assert old[0] == Run("第二条", "bold") and new[0] == Run("第三条", "bold")
    assert any(r.style == "del" and "擅自" in r.text for r in old)
    assert any(r.style == "ins" and "未经批准" in r.text for r in new)
    assert note.startswith("修改；条号调整")
    assert plain(renum[1]) == f"第四条{UNCHANGED}"            # the number only: the text is unchanged
    assert not any(isinstance(b, Heading) for b in policy_blocks(pd, heading=False))


def test_revision_table_html_and_docx(tmp_path):
    docx = pytest.importorskip("docx")
    from baomi.document import Document, form_docx
    from baomi.generate.diff_render import policy_blocks, render_policy_html

    pd = _policy_diff()
    html = render_policy_html(pd)
    assert html.startswith("<h2>BM-91 《甲保密管理制度》</h2>\n<ul class=\"bm-diff-notes\"><li>")
    assert '<tr class="bm-kind-修改" data-kind="修改"><td><strong>第二条</strong>' in html
    assert "<ins>未经批准</ins>" in html and "<del>擅自</del>" in html
    assert "\n\n" not in html
    d = docx.Document(str(form_docx.render(Document("修订对照表", policy_blocks(pd), landscape=True),
                                           tmp_path / "d.docx")))
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows[0] == ["原条文", "修订后条文", "修订说明"] and rows[1][0] == "" and rows[2][2].startswith("修改")
    assert d.paragraphs[0].text == "BM-91 《甲保密管理制度》"


def test_revision_table_html_escapes_a_hostile_title_and_text():
    from baomi.generate.diff_render import render_policy_html

    html = render_policy_html(_policy_diff("甲<script>alert(1)</script>制度"))
    assert "<script" not in html and "&lt;script&gt;" in html


def test_text_renderer_of_tables_and_lists():
    from baomi.document import Cell, Document, Items, Table, text_render

    doc = Document("t", [Items(["甲", "乙"], role="diff-notes"),
                         Table([["序号", "内容"], ["1", Cell(["《甲》", Items([[Run("缺：", "missing"), Run("x", "ins")]])])]])])
    assert text_render.render(doc) == "甲\n乙\n序号｜内容\n1｜《甲》\n    缺：[+x+]\n"


def test_text_renderer_aligned_columns_indents_and_gaps():
    """The layout a terminal listing needs, said in the model: aligned columns counted in display
    columns (a CJK character two), a row indent, the further lines of a cell and of a paragraph
    hung at their own indent, a blank line for a `Gap`."""
    from baomi.document import Cell, Document, Gap, Table, text_render

    table = Table([["（一）1", "已覆盖", Cell(["《甲》第二条", [Run("缺少：某项", "missing")]])],
                   ["12345678901", "x", "—"]],
                  header=False, text_widths=[8, 4], text_indent=2, text_hang=6)
    doc = Document("t", [Para("标题", "caption"), table, Para("原：一\n二", "plain", text_indent=4, text_hang=8),
                         Gap(), Para("末\n行", "plain", text_indent=1)])
    assert text_render.render(doc) == ("标题\n"
                                       "  （一）1   已覆盖  《甲》第二条\n"
                                       "      缺少：某项\n"
                                       "  12345678901  x     —\n"
                                       "\n"
                                       "    原：一\n"
                                       "        二\n"
                                       "\n"
                                       " 末\n"
                                       " 行\n")
    assert text_render.width("（一）1") == 7 and text_render.pad("已覆盖", 8) == "已覆盖  "


def test_text_layout_fields_do_not_change_html_or_docx(tmp_path):
    """`text_indent`/`text_hang`/`text_widths` and `Gap` are for plain text only: the HTML and the
    Word form of a document are the same with and without them."""
    from baomi.document import Document, Gap, Table, form_docx, html_render

    def doc(text_layout: bool) -> Document:
        kw = {"text_indent": 4, "text_hang": 8} if text_layout else {}
        tw = {"text_widths": [6], "text_indent": 2, "text_hang": 20} if text_layout else {}
        blocks = [Para("甲\n乙", "plain", **kw), Table([["一", "二"]], header=False, **tw)]
        return Document("t", blocks + ([Gap()] if text_layout else []) + [Para("丙", "lead")])

    assert html_render.page(doc(True)) == html_render.page(doc(False))
    assert html_render.fragment(doc(True)) == html_render.fragment(doc(False))
    xml = []
    for flag in (True, False):
        path = tmp_path / f"{flag}.docx"
        form_docx.build(doc(flag)).save(str(path))
        import zipfile

        xml.append(zipfile.ZipFile(path).read("word/document.xml"))
    assert xml[0] == xml[1]
