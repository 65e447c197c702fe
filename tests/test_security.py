"""The publishing guard (上网不涉密、涉密不上网), raw HTML and external links."""

import pytest

from baomi.config import from_table
from baomi.guard import markings_in_line, secret_level_value
from baomi.lint import lint

from helpers import policy_text, write_policy

BODY = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

## 第二章 附则

第二条 本制度自2025年3月1日起施行。
"""


@pytest.mark.parametrize("line", [
    "机密★5年", "绝密★长期", "秘密★10年", "机密 ★ 5年", "机密☆5年", "机密*5年", "机密＊五年",
    "秘密", "绝密", "密级：机密", "密级:秘密★", "**机密★20年**", "本方案为机密★10年，不得外传。",
])
def test_markings_found(line):
    assert markings_in_line(line), line


@pytest.mark.parametrize("line", [
    "标注格式为“密级★保密期限”，例如“机密★5年”。",
    "国家秘密的密级分为绝密、机密、秘密三级。",
    "不得泄露国家秘密。", "工作秘密", "商业秘密", "个人隐私和商业秘密不得公开。",
    "涉密人员不得携带秘密载体外出。", "机密级以上的文件不得复制。",
])
def test_mentions_are_not_markings(line):
    assert markings_in_line(line) == []


@pytest.mark.parametrize("value,level", [("机密", "机密"), ("绝密★长期", "绝密"), ("密级：秘密", "秘密"),
                                         ("内部", None), ("公开", None), ("工作秘密", None), (5, None)])
def test_secret_level_value(value, level):
    assert secret_level_value(value) == level


def diags(repo, text, select="security"):
    write_policy(repo, "t.md", text)
    return lint(None, from_table({}, repo), select=[select]).diagnostics


def test_classified_front_matter_is_a_security_error(repo):
    d = diags(repo, policy_text(BODY, classification="机密"))
    assert [x.rule for x in d] == ["BM901"] and x_severity(d) == {"error"}


def test_marking_in_text_is_a_security_error(repo):
    d = diags(repo, policy_text("机密★10年\n" + BODY))
    assert [x.rule for x in d] == ["BM902"]


def _line_of(text, needle):
    return text.split("\n").index(needle) + 1


def test_each_marking_of_two_paragraphs_is_reported_at_its_own_line_on_one_line(repo):
    text = policy_text(BODY.replace("## 第二章", "密级：秘密★\n\n绝密★30年\n\n## 第二章"))
    d = diags(repo, text)
    assert [(x.rule, x.line, x.column) for x in d] == [
        ("BM902", _line_of(text, "密级：秘密★"), 1), ("BM902", _line_of(text, "绝密★30年"), 1)]
    assert "“绝密★30年”" in d[1].message
    assert all(x.end_line == x.line for x in d)
    assert not any(c in x.message for x in d for c in "\n\r\u2028")


def test_the_original_of_a_marking_is_quoted_on_one_line_in_closed_brackets(repo):
    text = policy_text(BODY.replace("## 第二章", "机密 ★ 5年\n\n为做好工作，机\n密★10年。\n\n## 第二章"))
    d = [x for x in diags(repo, text)]
    msgs = [x.message for x in d]
    assert [x.line for x in d] == [_line_of(text, "机密 ★ 5年"), _line_of(text, "为做好工作，机")]
    assert "国家秘密标志“机密★5年”（原文“机密 ★ 5年”）：" in msgs[0]
    assert "国家秘密标志“机密★10年”（原文“机⏎密★10年”）：" in msgs[1]
    for m in msgs:
        assert m.count("（") == m.count("）") and m.count("“") == m.count("”") and "\n" not in m


def test_a_marking_in_a_front_matter_comment_is_reported_at_its_line(repo):
    text = policy_text(BODY, owner="保密办公室  # 秘密★10年")
    (x,) = diags(repo, text)
    assert (x.rule, x.line, x.column) == ("BM902", _line_of(text, "owner: 保密办公室  # 秘密★10年"), 17)
    assert x.message.startswith("前置元数据的注释中发现国家秘密标志“秘密★10年”")
    # a comment on lines of its own, the marking split over two of them
    text = policy_text(BODY, covers="[]\n# 本方案机\n# 密★5年")
    (x,) = diags(repo, text)
    assert (x.line, x.column) == (_line_of(text, "# 本方案机"), 6) and "“机密★5年”" in x.message


@pytest.mark.parametrize("owner", ['"保密办公室 # 秘密★10年"', "|\n  保密办公室\n  # 秘密★10年"])
def test_a_hash_inside_a_front_matter_value_is_no_comment(repo, owner):
    text = policy_text(BODY, owner=owner)
    (x,) = diags(repo, text)          # reported once, as the value it is
    assert x.message.startswith("前置元数据“owner”中") and x.line == _line_of(text, "owner: " + owner.split("\n")[0])


def test_the_comments_of_a_front_matter_that_is_no_yaml_are_still_judged(repo):
    text = policy_text(BODY, owner="[保密办公室  # 秘密★10年")      # a flow sequence never closed
    d = [x for x in diags(repo, text) if x.rule == "BM902"]
    assert [(x.line, x.column) for x in d] == [(_line_of(text, "owner: [保密办公室  # 秘密★10年"), 18)]
    assert d[0].message.startswith("前置元数据的注释中")


def test_a_policy_with_a_marking_in_a_front_matter_comment_is_never_published():
    from baomi.guard import policy_is_classified
    from baomi.parser import parse_text
    from baomi.site.guard import refusal

    text = policy_text(BODY, owner="保密办公室  # 秘密★10年")
    pol = parse_text(text, "policies/t.md", "policies/t.md")
    assert policy_is_classified(pol)
    assert refusal(pol) == f"含有国家秘密标志（前置元数据的注释第{_line_of(text, 'owner: 保密办公室  # 秘密★10年')}行）"
    assert refusal(parse_text(policy_text(BODY), "policies/t.md", "policies/t.md")) is None


def test_a_comment_without_a_marking_is_fine(repo):
    assert diags(repo, policy_text(BODY, classification="内部  # 原文标有“内部”（第1行）",
                                   owner="保密办公室  # 国家秘密的密级分为绝密、机密、秘密三级")) == []


def test_quoted_example_is_fine(repo):
    body = BODY.replace("制定本制度。", "制定本制度。标注格式为“机密★5年”。")
    assert diags(repo, policy_text(body)) == []


def test_raw_html_is_a_security_error(repo):
    d = diags(repo, policy_text(BODY + "\n<script>alert(1)</script>\n"))
    assert [x.rule for x in d] == ["BM903"]
    d = diags(repo, policy_text(BODY.replace("施行。", "施行<img src=x onerror=alert(1)>。")))
    assert [x.rule for x in d] == ["BM903"]


def test_external_link_is_reported(repo):
    d = diags(repo, policy_text(BODY.replace("施行。", "施行，见[网站](https://example.com/a)。")))
    assert [(x.rule, x.severity) for x in d] == [("BM904", "warning")]


def x_severity(d):
    return {x.severity for x in d}
