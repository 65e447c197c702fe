"""The command line as users and CI call it: exit codes, Chinese errors, no tracebacks."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, policy_text, write_policy

BAOMI = [sys.executable, "-m", "baomi"]

GOOD = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

## 第二章 附则

第二条 本制度自2025年3月1日起施行。
"""


def run(args, cwd, **kw):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=120, **kw)


def assert_one_chinese_line(proc):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("baomi：")


def test_missing_path(repo):
    assert_one_chinese_line(run(["lint", "nope.md"], repo))


def test_directory_without_markdown(repo):
    (repo / "empty").mkdir()
    (repo / "empty" / "a.txt").write_text("x")
    assert_one_chinese_line(run(["lint", "empty"], repo))


def test_bad_option(repo):
    proc = run(["lint", "--bogus"], repo)
    assert_one_chinese_line(proc)
    assert "没有选项" in proc.stderr and "--bogus" in proc.stderr


def test_bad_format_value(repo):
    assert_one_chinese_line(run(["lint", "--format", "xml"], repo))


def test_unknown_config_key(repo):
    (repo / "pyproject.toml").write_text('[tool.baomi]\npolicies = "policies"\nfoo = 1\n', encoding="utf-8")
    proc = run(["lint"], repo)
    assert_one_chinese_line(proc)
    assert "foo" in proc.stderr and "未知配置项" in proc.stderr


def test_bad_config_value(repo):
    (repo / "pyproject.toml").write_text('[tool.baomi]\nseverity = { BM203 = "fatal" }\n', encoding="utf-8")
    r = run(["lint"], repo)
    assert_one_chinese_line(r)
    assert "BM203" in r.stderr + r.stdout and "fatal" in r.stderr + r.stdout   # names what is wrong


@pytest.mark.parametrize("args, config", [
    (["lint", "--select", "nonsense"], ""),
    (["lint", "--ignore", "BM999"], ""),
    (["lint"], 'select = ["BM999"]\n'),
    (["lint"], 'severity = { BM999 = "warning" }\n'),
])
def test_a_key_that_names_no_rule_is_a_usage_error(repo, args, config):
    """A typo must not switch the linter off and pass CI."""
    (repo / "pyproject.toml").write_text('[tool.baomi]\npolicies = "policies"\n' + config, encoding="utf-8")
    proc = run(args, repo)
    assert_one_chinese_line(proc)
    assert "不是规则代码、名称或类别" in proc.stderr


def test_select_takes_comma_lists(repo):
    write_policy(repo, "t.md", policy_text("# 测试保密管理制度\n\n第一条 为了加强保密管理,制定本制度。\n"))
    one = run(["lint", "--select", "punctuation", "--select", "structure", "--format", "json"], repo)
    both = run(["lint", "--select", "punctuation,structure", "--format", "json"], repo)
    assert one.stdout == both.stdout and "BM601" in both.stdout


def test_broken_toml(repo):
    (repo / "pyproject.toml").write_text('[tool.baomi\n', encoding="utf-8")
    assert_one_chinese_line(run(["lint"], repo))


def test_unreadable_file_is_a_diagnostic(repo, monkeypatch):
    from baomi.config import from_table
    from baomi.lint import lint

    write_policy(repo, "a.md", policy_text(GOOD))
    import pathlib

    real = pathlib.Path.read_bytes

    def deny(self):
        if self.name == "a.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", deny)
    diags = lint(None, from_table({}, repo), select=["encoding"]).diagnostics
    assert [d.rule for d in diags] == ["BM001"] and "无法读取" in diags[0].message


def test_exit_codes(repo):
    write_policy(repo, "a.md", policy_text(GOOD))
    assert run(["lint", "--select", "frontmatter"], repo).returncode == 0
    write_policy(repo, "b.md", policy_text(GOOD, status="试行", id="BM-91", title="乙"))
    proc = run(["lint", "--select", "frontmatter", "--format", "json"], repo)
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["summary"]["errors"] >= 1


def test_output_file(repo):
    write_policy(repo, "a.md", policy_text(GOOD))
    proc = run(["lint", "--select", "frontmatter", "--format", "sarif", "--output", "out/lint.sarif"], repo)
    assert proc.returncode == 0
    assert json.loads((repo / "out" / "lint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_outline_json(repo):
    write_policy(repo, "a.md", policy_text(GOOD))
    proc = run(["outline", "policies/a.md", "--format", "json"], repo)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    pol = doc["policies"][0]
    assert {"path", "id", "title", "style", "chapters", "articles"} <= set(pol)
    assert pol["style"] == "条款式"
    assert [c["number"] for c in pol["chapters"]] == [1, 2]
    a = pol["articles"][0]
    assert {"number", "sub", "chapter", "line", "paragraphs", "items"} <= set(a)
    assert (a["number"], a["sub"], a["chapter"]) == (1, 0, 1)


def test_a_usage_error_has_one_hint(repo):
    """Never （用 baomi explain 列出全部规则）（用 baomi --help 查看用法）: a message that already
    says what to run keeps its own hint; any other gets the --help of the command used."""
    proc = run(["explain", "BM999"], repo)
    assert_one_chinese_line(proc)
    assert proc.stderr.count("（用 ") == 1 and "baomi explain 列出全部规则" in proc.stderr, proc.stderr
    proc = run(["lint", "--formt", "json"], repo)
    assert_one_chinese_line(proc)
    assert proc.stderr.count("（用 ") == 1 and proc.stderr.rstrip().endswith("（用 baomi lint --help 查看用法）"), proc.stderr
    proc = run(["no-such-command"], repo)
    assert proc.returncode == 2 and proc.stderr.rstrip().endswith("（用 baomi --help 查看用法）"), proc.stderr


def test_explain(repo):
    proc = run(["explain", "BM013"], repo)
    assert proc.returncode == 0 and "BM013" in proc.stdout and "错误示例" in proc.stdout
    proc = run(["explain", "frontmatter-missing-key"], repo)
    assert proc.returncode == 0 and "BM013" in proc.stdout
    assert_one_chinese_line(run(["explain", "BM999"], repo))
    assert "提供不安全的修复，须用 --fix --unsafe-fixes 应用" in run(["explain", "BM416"], repo).stdout
    assert "可以自动修复" in run(["explain", "BM601"], repo).stdout


def test_shipped_corpus_lints_clean_strict():
    proc = run(["lint", "--strict"], ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_shipped_corpus_json_and_sarif_and_outline():
    proc = run(["lint", "--format", "json"], ROOT)
    doc = json.loads(proc.stdout)
    assert doc["summary"]["files"] >= 14
    proc = run(["lint", "--format", "sarif"], ROOT)
    assert json.loads(proc.stdout)["runs"][0]["tool"]["driver"]["name"] == "baomi"
    proc = run(["outline", "--format", "json"], ROOT)
    doc = json.loads(proc.stdout)
    styles = {p["style"] for p in doc["policies"]}
    assert styles == {"条款式", "公文式"}


def test_outline_of_an_unreadable_file_says_why(repo):
    write_policy(repo, "gbk.md", policy_text(GOOD).encode("gb18030"))
    proc = run(["outline", "policies/gbk.md"], repo)
    assert proc.returncode == 1 and "GB18030" in proc.stdout and "policies/gbk.md:" in proc.stdout
    proc = run(["outline", "--format", "json", "policies/gbk.md"], repo)
    doc = json.loads(proc.stdout)
    assert [p["kind"] for p in doc["policies"][0]["problems"]] == ["encoding"]


UNSAFE = GOOD.replace("制定本制度。", "制定本制度。各部门应当做好保秘工作,严格控制保密规模。")


def test_fix_applies_safe_fixes_only_and_unsafe_ones_on_request(repo):
    """ruff's applicability: --fix takes the safe fix (the comma), leaves the unsafe ones (a typo
    and a spun term put back to the legal term) offered; --fix --unsafe-fixes takes them too."""
    path = write_policy(repo, "a.md", policy_text(UNSAFE))
    sel = ["--select", "BM410,BM415,BM601"]
    proc = run(["lint", "--format", "json", *sel], repo)
    diags = json.loads(proc.stdout)["diagnostics"]
    by_rule = {d["rule"]: d for d in diags}
    assert by_rule["BM601"]["fixable"] is True and by_rule["BM601"]["fix"]["applicability"] == "safe"
    for code, term in (("BM410", "保密工作"), ("BM415", "保密范围")):
        d = by_rule[code]
        assert d["fixable"] is False and d["fix"]["applicability"] == "unsafe"
        assert [e["content"] for e in d["fix"]["edits"]] == [term]
    text = run(["lint", *sel], repo).stdout
    assert "可用 --unsafe-fixes 修复" in text and "2 处有不安全的修复" in text

    proc = run(["lint", "--fix", *sel], repo)
    body = path.read_text(encoding="utf-8")
    assert "保秘工作，严格控制保密规模" in body          # the comma fixed, nothing else
    assert "另有 2 处不安全的修复未应用" in proc.stderr

    run(["lint", "--fix", "--unsafe-fixes", *sel], repo)
    assert "保密工作，严格控制保密范围。" in path.read_text(encoding="utf-8")
    assert run(["lint", *sel], repo).returncode == 0


def test_unsafe_fixes_needs_fix(repo):
    write_policy(repo, "a.md", policy_text(GOOD))
    assert_one_chinese_line(run(["lint", "--unsafe-fixes"], repo))


def test_a_missing_option_reads_as_chinese_without_clicks_full_stop(tmp_path):
    """click writes 「缺少选项 '--output' / '-o'.」 with an ASCII full stop of its own."""
    r = run(["export", "--format", "docx"], tmp_path)
    assert r.returncode == 2 and "缺少选项" in r.stderr, r.stderr
    assert "'.（" not in r.stderr and not re.search(r"'\.", r.stderr), r.stderr
