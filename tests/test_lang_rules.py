"""The language rules (BM5xx–BM8xx) through the lint engine: exact positions, fixes, prose only."""

from __future__ import annotations

import pytest

from baomi.config import from_table
from baomi.fix import fix as run_fix
from baomi.lint import lint
from baomi.rules import all_rules

from helpers import policy_text, write_policy

LANG = ["terminology", "punctuation", "script", "marking"]
CODES = ["BM501", "BM502", "BM601", "BM602", "BM603", "BM604", "BM605", "BM701", "BM801", "BM802", "BM803"]

HEAD = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

"""
TAIL = """
## 第二章 附则

第三条 本制度自2025年3月1日起施行。
"""


def doc(article: str, **front) -> str:
    return policy_text(HEAD + "第二条 " + article + "\n" + TAIL, **front)


def run(repo, text, select=LANG):
    write_policy(repo, "t.md", text)
    return lint(None, from_table({}, repo), select=list(select)).diagnostics


def test_all_language_rules_are_registered():
    rules = all_rules()
    for code in CODES:
        r = rules[code]
        assert r.category in LANG and r.summary and r.rationale and r.bad and r.good
    assert {rules[c].category for c in CODES} == set(LANG)


@pytest.mark.parametrize("code", CODES)
def test_rule_bad_example_is_reported_and_good_is_clean(repo, code):
    r = all_rules()[code]
    bad = [d for d in run(repo, doc(r.bad.replace("\n", "")), [code]) if d.rule == code]
    assert bad, f"{code} 的 bad 示例应被报告"
    assert all(d.fixable for d in bad) == r.fixable or not r.fixable or r.fix_applicability == "unsafe"
    if r.fixable and r.fix_applicability == "unsafe":      # offered, never taken by plain --fix
        assert all(d.unsafe_fixable and not d.fixable for d in bad)
    good = run(repo, doc(r.good.replace("\n", "")), [code])
    assert [d for d in good if d.rule == code] == []


def test_positions_are_exact(repo):
    text = doc("本制度适用于保密工作部门,其它部门参照执行。")
    d = run(repo, text)
    lines = text.split("\n")
    got = [(x.rule, lines[x.line - 1][x.column - 1:x.end_column - 1]) for x in d]
    assert got == [("BM501", "保密工作部门"), ("BM601", ","), ("BM501", "其它")]
    assert all(x.line == lines.index(next(l for l in lines if l.startswith("第二条"))) + 1 for x in d)


def test_code_urls_and_front_matter_are_not_touched(repo):
    text = doc("配置见`a,b(c)`和<https://example.cn/a,b>，保密办电话。", scope="本单位,全体人员(含借调)")
    assert run(repo, text, ["punctuation"]) == []


def test_marker_space_is_kept(repo):
    assert run(repo, doc("涉密人员应当遵守本制度。"), ["BM605"]) == []
    d = run(repo, doc("涉密人员 应当遵守本制度。"), ["BM605"])
    assert [(x.rule, x.column) for x in d] == [("BM605", 9)]


def test_traditional_document_is_checked_the_other_way(repo):
    body = "第二条 涉密人員應當遵守国家規定。"
    d = run(repo, policy_text(HEAD + body + "\n" + TAIL, script="繁体"), ["script"])
    # the whole Simplified head and tail are reported too; the Traditional words are not
    flagged = {x.message for x in d}
    assert any("“国”应为“國”" in m for m in flagged)
    assert not any("員" in m or "規" in m for m in flagged)
    d = run(repo, doc("涉密人員應當遵守国家規定。"), ["script"])
    assert sorted(x.message for x in d) == ["繁体字或异体字“員應當”应为“员应当”", "繁体字或异体字“規”应为“规”"]


def test_marking_rules_and_severities(repo):
    d = run(repo, doc("本文件标注秘密☆15年，另一份密级：内部资料。"), ["marking"])
    assert sorted((x.rule, x.severity) for x in d) == [("BM801", "error"), ("BM802", "warning"),
                                                       ("BM803", "error")]


def test_terminology_severity_comes_from_the_entry(repo):
    d = run(repo, doc("资料下料不明的，其它部门报告。"), ["terminology"])
    assert [(x.message[:8], x.severity) for x in d] == [("用语“下料不明”", "error"), ("用语“其它”应为", "warning")]


def test_fix_makes_the_text_clean(repo):
    p = write_policy(repo, "t.md", doc('本制度适用于保密工作部门,其它部门(含借调人员)参照执行;;开机密码不少于 10 位...'
                                       "涉密人員標注机密 * 五年。"))
    config = from_table({}, repo)
    report, result = run_fix(lambda: lint(None, config, select=LANG))
    assert report.count >= 8
    assert result.diagnostics == []
    text = p.read_text(encoding="utf-8")
    assert "第二条 本制度适用于保密行政管理部门，其他部门（含借调人员）参照执行；开机口令不少于10位……" \
           "涉密人员标注机密★5年。" in text


def test_shipped_rule_book_is_clean_for_the_language_rules(monkeypatch):
    from helpers import ROOT

    monkeypatch.chdir(ROOT)
    from baomi.config import load

    result = lint(None, load(ROOT), select=LANG)
    assert [(d.path, d.line, d.rule, d.message) for d in result.diagnostics] == []


def test_unconfirmed_law_in_basis_and_text(repo):
    d = run(repo, doc("依照《计算机信息系统国际联网保密管理规定》执行。",
                      basis="[保密法, 计算机信息系统保密管理暂行规定]"), ["BM502"])
    assert sorted((x.line > 10, "需核实" in x.message) for x in d) == [(False, True), (True, True)]
    assert run(repo, doc("依照《中华人民共和国保守国家秘密法》执行。"), ["BM502"]) == []
