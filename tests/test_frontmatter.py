"""Front-matter problems are reported at the line of the offending key, in Chinese."""

import json

import pytest

from baomi.config import from_table
from baomi.lint import lint

from helpers import front_matter, policy_text, write_policy

BODY = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

## 第二章 附则

第二条 本制度自2025年3月1日起施行。
"""


def run(repo, text, name="t.md"):
    write_policy(repo, name, text)
    cfg = from_table({"today": "2026-01-01"}, repo)
    return [d for d in lint([f"policies/{name}"], cfg, select=["frontmatter", "encoding"]).diagnostics]


def line_of(text, needle):
    return next(i for i, l in enumerate(text.split("\n"), 1) if l.startswith(needle))


def test_valid_front_matter_is_clean(repo):
    assert run(repo, policy_text(BODY)) == []


def test_missing_front_matter(repo):
    diags = run(repo, BODY.lstrip())
    assert [d.rule for d in diags] == ["BM010"]
    assert diags[0].line == 1


def test_missing_key_reported(repo):
    text = policy_text(BODY, owner=None)
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM013"]
    assert "owner" in diags[0].message and "缺少" in diags[0].message
    assert diags[0].line == 1 and text.split("\n")[0] == "---"     # at the front matter's opening ---


def test_unknown_key_at_its_line(repo):
    text = policy_text(BODY, onwer="保密办公室")
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM014"]
    assert diags[0].line == line_of(text, "onwer:")
    assert "onwer" in diags[0].message


def test_wrong_type_at_its_line(repo):
    text = policy_text(BODY, roles="涉密人员")
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM015"]
    assert diags[0].line == line_of(text, "roles:")
    assert "列表" in diags[0].message


def test_bad_enum_value(repo):
    text = policy_text(BODY, status="试行")
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM016"]
    assert diags[0].line == line_of(text, "status:")
    assert "试行" in diags[0].message and "现行" in diags[0].message


def test_unknown_role_from_vocabulary(repo):
    text = policy_text(BODY, roles="[涉密人员, 火星人]")
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM016"]
    assert "火星人" in diags[0].message


@pytest.mark.parametrize("value", ["2025年3月1日", "20250301", "'2025-3-1'"])
def test_bad_date_format(repo, value):
    text = policy_text(BODY, effective=value)
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM017"]
    assert diags[0].line == line_of(text, "effective:")


def test_date_that_does_not_exist(repo):
    text = policy_text(BODY, review="'2027-02-30'")
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM017"]
    assert "不存在" in diags[0].message


def test_duplicate_key(repo):
    text = front_matter() .replace("status: 现行", "status: 现行\nstatus: 草案") + BODY
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM012"]
    assert diags[0].line == text.split("\n").index("status: 草案") + 1
    assert "status" in diags[0].message


def test_yaml_syntax_error_line(repo):
    text = front_matter(roles="[涉密人员") + BODY
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM011"]
    assert 2 <= diags[0].line <= 15


YAML_ERRORS = [
    # (what is broken, front-matter override, a word the Chinese message must hold)
    ("unclosed flow list", dict(roles="[涉密人员"), "方括号列表"),
    ("unclosed flow map", dict(roles="{a: 1"), "花括号映射"),
    ("colon in a plain value", dict(scope="适用于: 全体人员"), "冒号"),
    ("value starting with @", dict(owner="@保密办"), "加引号"),
    ("tab indentation", dict(scope="全体\n\t人员: x"), "制表符"),
    ("unclosed quote", dict(title='"测试保密管理制度'), "引号"),
    ("bad escape", dict(title='"测试\\q制度"'), "转义"),
]


@pytest.mark.parametrize("case,override,word", YAML_ERRORS, ids=[c[0] for c in YAML_ERRORS])
def test_yaml_syntax_errors_are_told_in_chinese_with_line_and_column(repo, case, override, word):
    import re

    text = front_matter(**override) + BODY
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM011"], [(d.rule, d.message) for d in diags]
    d = diags[0]
    assert d.message.startswith("YAML 语法错误：") and word in d.message, d.message
    # no English words of the parser are left
    assert not re.search(r"[A-Za-z]{4,}", d.message.replace("YAML", "")), d.message
    assert 2 <= d.line <= text.split("\n").index("---", 1) + 1 and d.column >= 1


def test_the_start_of_an_unclosed_list_is_named_at_its_line(repo):
    text = front_matter(roles="[涉密人员") + BODY
    (d,) = run(repo, text)
    start = text.split("\n").index("roles: [涉密人员") + 1
    assert f"从第{start}行第8列开始" in d.message, d.message


def test_an_unknown_parser_problem_keeps_its_original_text():
    from baomi.yamlerrors import describe, problem_text

    assert problem_text("something the table never saw") == "something the table never saw"
    assert problem_text("did not find expected ',' or ']'").startswith("方括号列表")
    assert problem_text("expected ',' or ']', but got '<scalar>'").startswith("方括号列表")   # pure-Python parser

    class Err(Exception):
        problem, context, context_mark, problem_mark = "a brand-new problem", None, None, None

    assert describe(Err()) == "a brand-new problem"


def test_a_date_out_of_range_is_told_in_chinese(repo):
    text = policy_text(BODY, effective="2025-13-01")
    diags = run(repo, text)
    (d,) = [d for d in diags if d.rule == "BM017"]
    assert "月份" in d.message and "month" not in d.message, d.message


def test_unclosed_front_matter(repo):
    text = "---\nid: BM-90\n\n# 标题\n"
    diags = run(repo, text)
    assert [d.rule for d in diags] == ["BM011"]


def test_lone_surrogate_in_yaml_is_not_a_crash(repo):
    text = policy_text(BODY, scope='"本单位\\ud800人员"')
    diags = run(repo, text)
    # the value is kept (with a replacement character) and the file is otherwise valid
    assert all(d.category == "frontmatter" for d in diags)


def test_duplicate_ids_across_files(repo):
    write_policy(repo, "a.md", policy_text(BODY, id="BM-91", title="甲保密管理制度").replace("测试保密管理制度", "甲保密管理制度"))
    write_policy(repo, "b.md", policy_text(BODY, id="BM-91", title="乙保密管理制度").replace("测试保密管理制度", "乙保密管理制度"))
    cfg = from_table({"today": "2026-01-01"}, repo)
    diags = lint(None, cfg, select=["BM018"]).diagnostics
    assert [d.path for d in diags] == ["policies/b.md"]
    assert "BM-91" in diags[0].message


def test_encoding_problem_is_a_diagnostic(repo):
    write_policy(repo, "gbk.md", policy_text(BODY).encode("gb18030"))
    cfg = from_table({}, repo)
    diags = [d for d in lint(None, cfg).diagnostics if d.path == "policies/gbk.md"]
    assert [(d.rule, d.category) for d in diags] == [("BM001", "encoding")]
    assert "GB18030" in diags[0].message


def test_every_unknown_key_is_reported_at_its_line(repo):
    text = policy_text(BODY, onwer="保密办公室", author="张三")
    diags = run(repo, text)
    assert [(d.rule, d.line) for d in diags] == [("BM014", line_of(text, "onwer:")),
                                                   ("BM014", line_of(text, "author:"))]


def test_a_duplicate_key_does_not_hide_the_other_problems(repo):
    text = policy_text(BODY, owner=None).replace("\nreview:", "\nreview: 2028-03-01\nreview:", 1)
    rules = sorted(d.rule for d in run(repo, text))
    assert "BM012" in rules, rules                           # the duplicate
    assert "BM013" in rules, rules                           # and the missing owner
