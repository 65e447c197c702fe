"""Cross-references: extraction, resolution, the index both ways, and rules BM301–BM315."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import BODY_A, BODY_B, corpus, doc_a, doc_b, lint_docs  # noqa: E402

from baomi.fix import apply_edits  # noqa: E402


def only(diags, code):
    return [d for d in diags if d.rule == code]


def run(a=BODY_A, b=BODY_B, a_status="现行", b_status="现行", extra=None):
    kw = {} if extra is None else {"extra": extra}
    return lint_docs(("a.md", doc_a(a, status=a_status, **kw)), ("b.md", doc_b(b, status=b_status)))


def refs(a=BODY_A, b=BODY_B):
    c = corpus(("a.md", doc_a(a)), ("b.md", doc_b(b)))
    c.ensure_references()
    return c


def test_index_both_ways():
    c = refs()
    a, b = c.policies
    by_text = {(r.source.relpath, r.text): r for r in c.references}
    r = by_text[("policies/b.md", "《测试保密管理制度》第三条")]
    assert r.resolved and r.target_policy is a and r.article == (3, 0) and r.kind == "policy"
    r2 = by_text[("policies/b.md", "第五条之一")]
    assert r2.target_policy is a and r2.article == (5, 1)      # the list inherits the title
    cited = {ref.source.relpath for ref in c.cited_by[("BM-90", "art-3")]}
    assert cited == {"policies/a.md", "policies/b.md"}          # pledge, 前款, 第三条第二款 … and b.md
    assert any(ref.kind == "pledge" for ref in c.cited_by[("BM-90", "art-3")])
    # 本制度第二条至第四条: the article inside the range is cited too
    assert any(ref.range_end == (4, 0) for ref in c.cited_by[("BM-90", "art-3")])
    assert c.cited_by[("BM-90", "art-5_1")][0].source is b


def test_chains_paragraphs_items_and_relative():
    c = refs()
    got = [(r.text, r.article, r.paragraph, r.item, r.relative) for r in c.references
           if r.source.relpath == "policies/a.md" and r.kind == "internal"]
    assert ("前款", (3, 0), 1, None, "前款") in got
    assert ("本制度第三条第一款第（二）项", (3, 0), 1, 2, None) in got
    assert ("第三条第二款", (3, 0), 2, None, None) in got
    assert ("本制度第二条", (2, 0), None, None, None) in got and ("第四条", (4, 0), None, None, None) in got


def test_lists_with_dun_and_he():
    body = BODY_A.replace("第六条 本制度由保密办公室负责解释。",
                          "第六条 第二条、第四条和第五条之一的规定，第三条第一款、第二款，由保密办公室负责解释。")
    c = refs(body)
    arts = [(r.text, r.article, r.paragraph) for r in c.references if r.line and r.source_article
            and r.source_article.number == 6]
    assert arts == [("第二条", (2, 0), None), ("第四条", (4, 0), None), ("第五条之一", (5, 1), None),
                    ("第三条第一款", (3, 0), 1), ("第二款", (3, 0), 2)]
    assert all(r.resolved for r in c.references)


def test_words_that_look_like_citations():
    body = BODY_A.replace("第六条 本制度由保密办公室负责解释。",
                          "第六条 本条例所称保密法律法规，由保密办公室负责解释。本制度第一时间公布。")
    c = refs(body)
    six = [r for r in c.references if r.source_article is not None and r.source_article.number == 6
           and r.source.relpath == "policies/a.md"]
    assert six == []


CASES = [
    ("BM301", "a", ("依照本制度第六条处理", "依照本制度第九条处理"), "引用的第九条在本文件中不存在（本文件共七条）"),
    ("BM301", "b", ("》第三条和", "》第八条和"), "引用的第八条在《测试保密管理制度》中不存在"),
    ("BM302", "a", ("依照第三条第二款处理", "依照第三条第三款处理"), "本文件第三条只有二款，没有所引用的第三款"),
    ("BM303", "a", ("第三条第一款第（二）项", "第三条第一款第（五）项"), "第三条第一款只有三项，没有所引用的第（五）项"),
    ("BM304", "a", ("第二条 本制度适用于", "第二条 违反前款规定的，本制度适用于"), "“前款”应指同一条中前面的款，它本身是第一款"),
    ("BM304", "a", ("违反前款规定的", "违反前两款规定的"), "它是第二款，前面只有一款"),
    ("BM304", "a", ("依照本制度第六条处理", "依照本制度第九章处理"), "引用的第九章在本文件中不存在（共三章）"),
    ("BM305", "a", ("违反前款规定的", "违反本条第二款规定的"), "“本条第二款”应指本条的另一款，实为它自己所在的第二款"),
    ("BM306", "a", ("依照本制度第六条处理", "依照本制度之第六条处理"), "应写作“本制度第六条”，实为“本制度之第六条”"),
    ("BM308", "a", ("第二条至第四条", "第四条至第二条"), "范围应从小到大（第二条至第四条），实为“第四条至第二条”"),
    ("BM310", "b", ("《测试保密管理制度》第三条", "《测试保密制度》第三条"), "汇编中没有标题为《测试保密制度》的制度，是否指《测试保密管理制度》？"),
    ("BM312", "a", ("保密法第四十六条", "保密法第七十条"), "保密法共六十五条，没有所引用的第七十条"),
    # the sentence (涉密人员离岗的……脱密期管理) says what 2010 第三十八条 says, not what 2024 第三十八条 says
    ("BM313", "a", ("保密法第四十六条", "保密法第三十八条"),
     "保密法第三十八条是修订前的条号（所在句子与2010年文本第三十八条“涉密人员离岗离职实行脱密期管理"),
    ("BM313", "a", ("保密法第四十六条", "保密法第三十八条"), "现行条号应为第四十六条"),
    ("BM314", "b", ("《中华人民共和国保守国家秘密法》", "《中华人民共和国保密法》"), "《中华人民共和国保密法》不是法规库（schemas/laws.yaml）中登记的名称，应为《中华人民共和国保守国家秘密法》"),
    ("BM315", "a", ("《中华人民共和国保守国家秘密法》（以下简称保密法）", "保密法"),
     "首次提及应使用全称《中华人民共和国保守国家秘密法》并注明（以下简称保密法），实为简称“保密法”"),
]


@pytest.mark.parametrize("code,which,change,message", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_bad_and_good(code, which, change, message):
    old, new = change
    body = BODY_A if which == "a" else BODY_B
    assert old in body
    assert only(run(), code) == []
    bad = body.replace(old, new, 1)
    diags = run(a=bad) if which == "a" else run(b=bad)
    found = only(diags, code)
    assert len(found) == 1, [d.message for d in diags]
    assert found[0].category == "xref"
    assert message in found[0].message, found[0].message


def test_pledge_article_must_exist():
    extra = "pledge:\n  - article: 第九条\n    roles: [涉密人员]\n    kinds: [上岗]\n"
    (d,) = only(run(extra=extra), "BM301")
    assert d.message.startswith("承诺条目 article 所指的第九条在本文件中不存在") and d.line == 15


def test_redundant_first_paragraph():
    body = BODY_A.replace("\n\n违反前款规定的，依照本制度第六条处理。", "")
    (d,) = only(run(a=body), "BM307")
    assert d.severity == "warning"
    assert "第三条只有一款，应写作“本制度第三条第（二）项”，实为“本制度第三条第一款第（二）项”" in d.message


def test_repealed_target_from_current_policy():
    (d,) = only(run(a_status="废止"), "BM311")
    assert d.path == "policies/b.md" and "已废止的《测试保密管理制度》" in d.message
    assert only(run(a_status="废止", b_status="废止"), "BM311") == []


def test_old_style_fix():
    text = doc_a(BODY_A.replace("依照本制度第六条处理", "依照本制度之第六条处理"))
    (d,) = only(lint_docs(("a.md", text), ("b.md", doc_b())), "BM306")
    out, _ = apply_edits(text, d.fix)
    assert "依照本制度第六条处理" in out


def test_repealed_old_document_is_not_a_dangling_title():
    body = BODY_A.replace("起施行。", "起施行。2019年印发的《涉密人员管理制度》同时废止。")
    assert run(a=body) == []


def test_unregistered_name_prefix_is_not_checked_as_internal():
    body = BODY_A.replace("第六条 本制度由", "第六条 依照宪法第九十条和本制度第二条，本制度由")
    assert run(a=body) == []


def test_short_name_after_full_name_is_fine():
    assert only(run(), "BM315") == []


def test_a_policy_name_with_another_genre_word_is_an_unknown_policy():
    """《测试培训规定》 for 《测试培训制度》 is a mistyped policy title (error), not an unknown law."""
    body = BODY_A.replace("第六条 本制度由", "第六条 依照《测试培训规定》第一条，本制度由")
    diags = run(a=body)
    assert [d.rule for d in diags] == ["BM310"] and "测试培训制度" in diags[0].message
    body = BODY_A.replace("第六条 本制度由", "第六条 依照《测试规定》第一条，本制度由")
    assert [d.rule for d in run(a=body)] == ["BM314"]      # too short a name to tell: a law, maybe


# --- a bare 第K项, and one policy's failure never stopping another's (issue 15) ----------------

BROKEN_B = BODY_B.replace("第三条 本制度自", "第三条 依照本制度第九十九条，本制度自")


def line_of(text, needle):
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_a_bare_item_in_one_policy_does_not_stop_the_others():
    """违反第二项规定的 in a.md used to stop resolution for the whole corpus: b.md's dangling
    本制度第九十九条 went unreported and the backlinks were lost (only 'BM301 内部出错' at a.md:1)."""
    a = BODY_A.replace("违反前款规定的，依照本制度第六条处理。", "违反前款规定的，依照本制度第六条处理；违反第二项规定的，从重处理。")
    diags = run(a=a, b=BROKEN_B)
    assert not [d for d in diags if "内部出错" in d.message], [d.message for d in diags]
    (d,) = only(diags, "BM301")
    assert d.path == "policies/b.md" and d.line == line_of(doc_b(BROKEN_B), "第九十九条")
    assert d.message == "引用的第九十九条在本文件中不存在（本文件共三条）"
    c = refs(a, BROKEN_B)
    # backlinks intact: b.md still cites a.md's 第三条, and the bare 第二项 points at 第三条's 款 1
    assert any(r.source.relpath == "policies/b.md" for r in c.cited_by[("BM-90", "art-3")])
    (bare,) = [r for r in c.references if r.text == "第二项"]
    assert bare.resolved and bare.article == (3, 0) and bare.item == 2 and bare.item_paragraph == 0


def _bare(sentence, at="违反前款规定的，依照本制度第六条处理。"):
    body = BODY_A.replace(at, sentence)
    assert body != BODY_A
    c = refs(body)
    return body, [r for r in c.references if r.source.relpath == "policies/a.md" and r.line
                  == line_of(doc_a(body), sentence[:8])]


def test_bare_item_after_the_list_is_an_item_of_the_preceding_paragraph():
    _, got = _bare("有第三项情形的，依照本制度第六条处理。")
    (r,) = [r for r in got if r.item]
    assert (r.article, r.item, r.item_paragraph, r.resolved) == ((3, 0), 3, 0, True)


def test_bare_item_beyond_the_list_is_a_finding():
    body = BODY_A.replace("违反前款规定的，依照本制度第六条处理。", "有第五项情形的，依照本制度第六条处理。")
    (d,) = only(run(a=body), "BM303")
    assert d.message == "“第五项”指第三条第一款的项，本文件第三条第一款只有三项，没有所引用的第（五）项"
    assert d.line == line_of(doc_a(body), "有第五项情形的")


def test_bare_item_in_an_article_without_items_is_a_finding():
    body = BODY_A.replace("第二条 本制度适用于本单位全体涉密人员。", "第二条 违反第二项规定的，本制度适用于本单位全体涉密人员。")
    diags = run(a=body)
    (d,) = only(diags, "BM304")
    assert d.message == "“第二项”应指本条中已经列出的项，实为第二条在它之前没有项"
    assert [x.rule for x in diags] == ["BM304"]


def test_bare_item_among_siblings_and_in_the_sentence_of_a_citation():
    # （三） citing its sibling （一）
    _, got = _bare("（三）未按第（一）项规定登记的，及时报告。", at="（三）及时报告。")
    (r,) = got
    assert (r.article, r.item, r.resolved) == ((3, 0), 1, True)
    # an earlier citation of the same sentence says whose items: 第五条 citing 第三条第一款's
    body = BODY_A.replace("第五条 违反本制度第三条第一款第（二）项规定的，依照第三条第二款处理。",
                          "第五条 违反本制度第三条第一款规定，有第三项情形的，依照第三条第二款处理。")
    c = refs(body)
    (r,) = [r for r in c.references if r.text == "第三项"]
    assert (r.article, r.item, r.item_paragraph, r.source_article.number, r.resolved) == ((3, 0), 3, 0, 5, True)
    assert run(a=body) == []


def test_bare_item_that_is_not_a_citation_or_not_ours():
    # 第一项工作 counts, it does not cite; after a law's article, the items are the law's
    for sentence in ("第一项工作是登记，依照本制度第六条处理。", "依照保密法第四十六条，有第九项情形的，从重处理。"):
        body, got = _bare(sentence)
        assert [r for r in got if r.item] == []
        assert run(a=body) == []


def test_item_ranges_compare_items_not_articles():
    body = BODY_A.replace("违反本制度第三条第一款第（二）项规定的", "违反本制度第三条第一款第（一）项至第（三）项规定的")
    assert only(run(a=body), "BM308") == []
    body = BODY_A.replace("违反本制度第三条第一款第（二）项规定的", "违反本制度第三条第一款第（三）项至第（一）项规定的")
    (d,) = only(run(a=body), "BM308")
    assert d.message == "范围应从小到大（第（一）项至第三条第一款第（三）项），实为“第三条第一款第（三）项至第（一）项”"


def test_previous_article_and_words_that_look_like_relative_citations():
    body = BODY_A.replace("第四条 涉密人员离岗的，", "第四条 违反前条第一款第（三）项的，涉密人员离岗的，")
    c = refs(body)
    (r,) = [r for r in c.references if r.text == "前条第一款第（三）项"]
    assert (r.article, r.paragraph, r.item, r.relative, r.resolved) == ((3, 0), 1, 3, "前条", True)
    assert run(a=body) == []
    body = BODY_A.replace("第二条 本制度适用于", "第二条 具备基本条件的人员和资本款项管理，本制度适用于")
    assert run(a=body) == []


def test_amendment_wording_speaks_of_another_texts_numbers():
    body = BODY_A.replace("第六条 本制度由保密办公室负责解释。",
                          "第六条 宪法第十四条增加一款，作为第四款；第三款相应地改为第五款。本制度由保密办公室负责解释。")
    assert run(a=body) == []


def test_a_failing_line_is_reported_there_and_stops_nothing_else(monkeypatch):
    from baomi import xref

    real = xref._scan_span
    bad_text = "违反前款规定的，依照本制度第六条处理。"

    def scan(scan_, span, here):
        if span.text == bad_text:
            raise RuntimeError("boom")
        return real(scan_, span, here)

    monkeypatch.setattr(xref, "_scan_span", scan)
    diags = run(b=BROKEN_B)
    crash = [d for d in diags if "内部出错" in d.message]
    assert [(d.path, d.line, d.rule) for d in crash] == [("policies/a.md", line_of(doc_a(), bad_text), "BM301")]
    assert "RuntimeError: boom" in crash[0].message
    # b.md's dangling citation is still found, and a.md's other lines still resolve
    assert [d.path for d in only(diags, "BM301") if d not in crash] == ["policies/b.md"]
    c = refs(b=BROKEN_B)
    assert any(r.text == "本制度第三条第一款第（二）项" and r.resolved for r in c.references)


def test_references_are_marked_done_only_once_resolved(monkeypatch):
    from baomi import xref

    c = corpus(("a.md", doc_a()), ("b.md", doc_b()))
    real = xref.resolve
    monkeypatch.setattr(xref, "resolve", lambda corpus: (_ for _ in ()).throw(RuntimeError("later")))
    with pytest.raises(RuntimeError):
        c.ensure_references()
    monkeypatch.setattr(xref, "resolve", real)
    c.ensure_references()
    n = len(c.references)
    assert n and c.cited_by[("BM-90", "art-3")]
    c.ensure_references()
    assert len(c.references) == n


# --- names: a 简称 clause, declared short names, titles without 《》, close law names ---------------

FIVE = ("\n# 测试保密管理制度\n\n第一条 为了加强管理，制定本制度。\n\n第二条 甲。\n\n第三条 乙。\n\n第四条 {}\n\n"
        "第五条 本制度自2025年3月1日起施行。\n")


def _five(sentence, extra=""):
    return lint_docs(("a.md", doc_a(FIVE.format(sentence) + extra, extra="")))


@pytest.mark.parametrize("clause", ["（以下简称保密法）", "（简称保密法）", "（下称保密法）", "（以下简称“保密法”）",
                                    "(以下简称保密法)", "（以下简称《保密法》）"])
def test_a_short_name_clause_does_not_break_the_chain(clause):
    """《保守国家秘密法》（以下简称保密法）第七条 is the law's 第七条, not a missing one of the policy's."""
    assert only(_five(f"根据《中华人民共和国保守国家秘密法》{clause}第七条，制定本条。"), "BM301") == []
    diags = [d for d in _five(f"根据《中华人民共和国保守国家秘密法》{clause}第九十九条，制定本条。")
             if d.rule.startswith("BM3")]
    assert [d.rule for d in diags] == ["BM312"] and "共六十五条，没有所引用的第九十九条" in diags[0].message


def test_a_declared_short_name_is_the_law_for_the_rest_of_the_policy():
    decl = "根据《中华人民共和国保守国家秘密法实施条例》（以下简称实施条例），制定本条。"
    c = corpus(("a.md", doc_a(FIVE.format(decl + "依照实施条例第九十九条的规定执行。"), extra="")))
    c.ensure_references()
    (r,) = [r for r in c.references if r.text == "实施条例第九十九条"]
    assert r.kind == "law" and r.target_law == "保密法实施条例" and r.named == "short"
    (d,) = only(_five(decl + "依照实施条例第九十九条的规定执行。"), "BM312")
    assert "共七十四条" in d.message
    # BM313: 2014 第三十二条 (the inspection topics) is 第五十八条 now
    old = "保密行政管理部门依法对机关、单位执行保密法律法规的保密工作责任制落实情况进行检查，依照实施条例第三十二条的规定。"
    (d,) = only(_five(decl + old), "BM313")
    assert "现行条号应为第五十八条" in d.message
    # before its declaration a short name is nobody's
    assert only(_five("依照实施条例第九十九条的规定执行。" + decl), "BM312") == []


def test_a_declared_short_name_of_a_policy():
    b = BODY_B.replace("第二条 培训不合格的，依照《测试保密管理制度》第三条和第五条之一的规定办理。",
                       "第二条 根据《测试保密管理制度》（以下简称管理制度），培训不合格的，依照管理制度第三条和第九条的规定办理。")
    c = refs(b=b)
    got = [(r.text, r.target_policy.title if r.target_policy else None, r.article) for r in c.references
           if r.source.relpath == "policies/b.md" and r.article]
    assert ("管理制度第三条", "测试保密管理制度", (3, 0)) in got and ("第九条", "测试保密管理制度", (9, 0)) in got
    (d,) = only(run(b=b), "BM301")
    assert "引用的第九条在《测试保密管理制度》中不存在" in d.message


def test_a_title_of_the_corpus_without_book_marks_is_a_citation_of_it():
    b = BODY_B.replace("依照《测试保密管理制度》第三条", "依照测试保密管理制度第三条")
    c = refs(b=b)
    (r,) = [r for r in c.references if r.text == "测试保密管理制度第三条"]
    assert r.resolved and r.target_policy is c.policies[0] and r.named == "bare" and r.title == "测试保密管理制度"
    diags = run(b=b)
    assert [d.rule for d in diags] == ["BM610"] and diags[0].severity == "warning"
    # a policy's own name (本制度) and a longer name ending like a title are not taken for it
    b = BODY_B.replace("依照《测试保密管理制度》第三条和第五条之一", "依照本测试保密管理制度第三条")
    assert not any(r.named == "bare" for r in refs(b=b).references)


@pytest.mark.parametrize("name", ["中华人民共和国监察法", "中华人民共和国水法", "中华人民共和国森林法",
                                  "中华人民共和国草原法", "中华人民共和国渔业法", "中华人民共和国生物安全法",
                                  "中华人民共和国国家情报法", "中华人民共和国档案法实施办法"])
def test_a_real_law_not_registered_is_not_taken_for_a_misspelling(name):
    body = BODY_B.replace("《中华人民共和国保守国家秘密法》", f"《中华人民共和国保守国家秘密法》和《{name}》")
    (d,) = only(run(b=body), "BM314")
    assert d.severity == "info" and "应为" not in d.message and "核实名称后登记即可" in d.message


@pytest.mark.parametrize("name,meant", [("中华人民共和国保守秘密法", "中华人民共和国保守国家秘密法"),
                                        ("中华人民共和国保密法", "中华人民共和国保守国家秘密法"),
                                        ("中华人民共和国数据安全保护法", "中华人民共和国数据安全法"),
                                        ("中华人民共和国保守国家密秘法", "中华人民共和国保守国家秘密法")])
def test_a_misspelt_registered_law_gets_its_name(name, meant):
    body = BODY_B.replace("《中华人民共和国保守国家秘密法》", f"《{name}》")
    (d,) = only(run(b=body), "BM314")
    assert d.severity == "warning" and f"应为《{meant}》" in d.message


def test_a_short_name_declared_in_book_marks():
    """（以下简称《条例》）: the 《条例》 of the clause is the declaration, not an unknown law; used later
    in 《》 it is BM315's (NORMS: a declared short name goes without 《》)."""
    diags = _five("根据《中华人民共和国保守国家秘密法实施条例》（以下简称《条例》）第九十九条，制定本条。"
                  "依照《条例》第五十八条、条例第九十九条的规定。")
    got = [(d.rule, d.column) for d in diags if d.rule.startswith("BM3")]
    assert [r for r, _ in got] == ["BM312", "BM315", "BM312"], got
