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
    ("BM314", "b", ("《中华人民共和国保守国家秘密法》", "《中华人民共和国保密法》"), "《中华人民共和国保密法》应为法规库"),
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
