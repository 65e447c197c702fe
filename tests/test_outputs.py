"""JSON as SPEC, SARIF 2.1.0 valid against the official schema, GitLab Code Quality."""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from baomi.config import from_table
from baomi.lint import lint
from baomi.output import render

from helpers import policy_text, write_policy

BROKEN = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，制定本制度。
"""


@pytest.fixture
def broken_result(repo):
    write_policy(repo, "a.md", policy_text(BROKEN, status="试行", onwer="x"))
    write_policy(repo, "b.md", "no front matter\n")
    return lint(None, from_table({}, repo))


def test_json_shape_exactly_as_spec(broken_result):
    doc = json.loads(render("json", broken_result))
    assert set(doc) == {"tool", "version", "summary", "diagnostics"}
    assert doc["tool"] == "baomi"
    assert set(doc["summary"]) == {"files", "errors", "warnings"}
    assert doc["summary"]["files"] == 2
    assert doc["summary"]["errors"] == sum(1 for d in doc["diagnostics"] if d["severity"] == "error") > 0
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity",
            "message", "fixable", "fix"}
    for d in doc["diagnostics"]:
        assert set(d) == keys
        assert d["fix"] is None or d["fix"]["applicability"] in ("safe", "unsafe")
        assert d["fixable"] == (d["fix"] is not None and d["fix"]["applicability"] == "safe")
        assert d["path"].startswith("policies")
        assert d["line"] >= 1 and d["column"] >= 1
        assert d["rule"].startswith("BM") and d["severity"] in ("error", "warning", "info")


SARIF_SCHEMA_CACHE = Path(__file__).parent / ".cache" / "sarif-2.1.0.json"


def _sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema, as shipped in Microsoft's @microsoft/jest-sarif npm package."""
    if not SARIF_SCHEMA_CACHE.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("npm is needed in CI to fetch the official SARIF schema")
            pytest.skip("npm not available to fetch the official SARIF schema")
        work = SARIF_SCHEMA_CACHE.parent
        work.mkdir(parents=True, exist_ok=True)
        out = subprocess.run([npm, "pack", "@microsoft/jest-sarif@1.0.0-beta.0", "--silent"], cwd=work,
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            pytest.fail(f"npm pack failed: {out.stderr[-500:]}")
        tgz = work / out.stdout.strip().splitlines()[-1]
        with tarfile.open(tgz) as tf:
            member = tf.extractfile("package/lib/schemas/sarif-2.1.0-rtm.5.json")
            SARIF_SCHEMA_CACHE.write_bytes(member.read())
        tgz.unlink()
    return json.loads(SARIF_SCHEMA_CACHE.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_official_schema(broken_result):
    import jsonschema

    doc = json.loads(render("sarif", broken_result))
    schema = _sarif_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls(schema).validate(doc)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert len(run["results"]) == len(broken_result.diagnostics)
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1


def test_sarif_of_clean_run_is_valid(repo):
    import jsonschema

    result = lint(None, from_table({}, repo)) if list((repo / "policies").glob("*.md")) else None
    write_policy(repo, "ok.md", policy_text(BROKEN))
    result = lint(None, from_table({}, repo), select=["frontmatter"])
    doc = json.loads(render("sarif", result))
    schema = _sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    assert doc["runs"][0]["results"] == []


def test_codequality_shape(broken_result):
    items = json.loads(render("codequality", broken_result))
    assert isinstance(items, list) and len(items) == len(broken_result.diagnostics)
    fps = set()
    for it in items:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(it)
        assert it["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert it["location"]["lines"]["begin"] >= 1
        fps.add(it["fingerprint"])
    assert len(fps) == len(items)


def test_text_format(broken_result):
    import re

    out = render("text", broken_result)
    first = out.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert path.startswith("policies") and line.isdigit() and col.isdigit()
    assert re.match(r" (错误|警告|提示) BM\d{3} \[[a-z]+\] ", rest), rest
    assert out.splitlines()[-1].startswith("检查 2 个文件")


def test_text_states_each_severity_in_words(broken_result):
    """Without colour (a CI log) an error and a warning must still look different: each line
    carries its severity, and it is the diagnostic's."""
    import re

    word = {"error": "错误", "warning": "警告", "info": "提示"}
    lines = render("text", broken_result).splitlines()[:-1]
    assert len(lines) == len(broken_result.diagnostics)
    for ln, d in zip(lines, broken_result.diagnostics):
        m = re.match(r"^(.+?):(\d+):(\d+): (\S+) (BM\d{3}) ", ln)
        assert m and m.group(5) == d.rule and m.group(4) == word[d.severity], ln
    assert {d.severity for d in broken_result.diagnostics} >= {"error", "warning"}


def test_sarif_of_a_real_messy_rule_book_is_valid(tmp_path, monkeypatch):
    """Seed 003 (a real rule book copied from the web) imported and linted: findings of many
    families, with fixes and Chinese text, still valid SARIF."""
    import jsonschema

    from baomi.config import load
    from baomi.importer.run import run
    from helpers import ROOT

    (tmp_path / "policies").mkdir()
    shutil.copytree(ROOT / "policies", tmp_path / "policies", dirs_exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(f'[tool.baomi]\npolicies = "policies"\nschemas = "{ROOT / "schemas"}"\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run([str(ROOT / "tests" / "fixtures" / "import" / "003_265fa073009eb01b.txt")], config=load(tmp_path), lint=False)
    result = lint(None, load(tmp_path))
    assert len({d.category for d in result.diagnostics}) >= 3 and any(d.fix for d in result.diagnostics)
    doc = json.loads(render("sarif", result))
    schema = _sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    assert len(doc["runs"][0]["results"]) == len(result.diagnostics)


def test_colour_on_a_terminal_is_the_plain_text_plus_ansi(broken_result):
    import re

    plain = render("text", broken_result)
    coloured = render("text", broken_result, color=True)
    assert coloured != plain and "\x1b[31m" in coloured          # errors in red
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_cli_colours_only_a_terminal(repo):
    """NO_COLOR, a pipe or --output: never ANSI codes (CI logs, files)."""
    import subprocess
    import sys

    write_policy(repo, "a.md", policy_text(BROKEN, status="试行"))
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "baomi", "lint"], cwd=repo, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "\x1b[" not in proc.stdout


def test_codequality_fingerprints_survive_an_edit_above(repo):
    """GitLab marks a finding new when its fingerprint is new: inserting a line above the findings
    must keep every fingerprint (they name file, rule, message and line text, not the line number),
    while a finding on a changed line gets a new one."""
    body = BROKEN + "\n第二条 本制度所称涉密载体，是指以文字、数据等方式记载国家秘密信息的介质。\n" \
                    "\n第三条 签定保密协议，签定保密承诺书。\n"
    write_policy(repo, "a.md", policy_text(body))
    before = json.loads(render("codequality", lint(None, from_table({}, repo))))
    assert before, "the sample must have findings"
    moved = body.replace("## 第一章 总则\n", "## 第一章 总则\n\n\n\n")
    write_policy(repo, "a.md", policy_text(moved))
    after = json.loads(render("codequality", lint(None, from_table({}, repo))))
    assert [it["location"]["lines"]["begin"] for it in after] != [it["location"]["lines"]["begin"] for it in before]
    assert sorted(it["fingerprint"] for it in after) == sorted(it["fingerprint"] for it in before)
    assert len({it["fingerprint"] for it in after}) == len(after)   # two 签定 findings on one line differ
    changed = moved.replace("第三条 签定保密协议", "第三条 另行签定保密协议")
    write_policy(repo, "a.md", policy_text(changed))
    again = json.loads(render("codequality", lint(None, from_table({}, repo))))
    assert set(it["fingerprint"] for it in again) != set(it["fingerprint"] for it in before)


FIXES = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理,制定本制度。各部门应当做好保秘工作。
"""


@pytest.fixture
def fix_result(repo):
    write_policy(repo, "a.md", policy_text(FIXES))
    return lint(None, from_table({}, repo), select=["BM410", "BM601"])


def test_json_fix_says_how_sure_it_is(fix_result):
    diags = {d["rule"]: d for d in json.loads(render("json", fix_result))["diagnostics"]}
    safe, unsafe = diags["BM601"], diags["BM410"]
    assert safe["fixable"] is True and safe["fix"]["applicability"] == "safe"
    assert unsafe["fixable"] is False and unsafe["fix"]["applicability"] == "unsafe"
    (edit,) = unsafe["fix"]["edits"]
    assert edit["content"] == "保密工作" and edit["path"] == unsafe["path"]
    assert (edit["line"], edit["column"], edit["end_column"]) == (unsafe["line"], unsafe["column"], unsafe["end_column"])


def test_sarif_fixes_valid_and_carry_applicability(fix_result):
    import jsonschema

    doc = json.loads(render("sarif", fix_result))
    schema = _sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    by_rule = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    assert by_rule["BM601"]["fixes"][0]["properties"]["applicability"] == "safe"
    fix = by_rule["BM410"]["fixes"][0]
    assert fix["properties"]["applicability"] == "unsafe" and "--unsafe-fixes" in fix["description"]["text"]
    rep = fix["artifactChanges"][0]["replacements"][0]
    assert rep["insertedContent"]["text"] == "保密工作"
    assert rep["deletedRegion"]["startLine"] == by_rule["BM410"]["locations"][0]["physicalLocation"]["region"]["startLine"]


def test_text_marks_safe_and_unsafe_fixes(fix_result):
    lines = render("text", fix_result).splitlines()
    assert any("BM601" in ln and ln.endswith("(可自动修复)") for ln in lines)
    assert any("BM410" in ln and "可用 --unsafe-fixes 修复" in ln for ln in lines)
    assert "1 处可用 --fix 自动修复" in lines[-1] and "1 处有不安全的修复" in lines[-1]
