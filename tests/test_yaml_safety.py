"""YAML anchors, aliases and deep nesting are refused before anything is composed.

An alias bomb (nine levels of nine aliases) used to make lint, outline and build run for
minutes; a list nested 30,000 deep killed the process (C-stack recursion in the composer).
Each case must now end in well under a second with a diagnostic at the offending line: a
BM020 finding for front matter, exit 2 with file:line for a data file in schemas/.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from baomi.config import from_table
from baomi.data import Data, DataError
from baomi.frontmatter import parse
from baomi.lint import lint
from baomi.yamlsafe import MAX_DEPTH, hazard

from helpers import ROOT, front_matter, policy_text, write_policy

BODY = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

## 第二章 附则

第二条 本制度自2025年3月1日起施行。
"""

DEEP = 30_000


def laughs(key: str = "x", levels: int = 9, width: int = 9) -> tuple[str, int]:
    """A billion-laughs YAML mapping entry per level; returns (text, 0-based line of the first anchor)."""
    lines = [f"{key}0: &{key}0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"{key}{i}: &{key}{i} [" + ", ".join([f"*{key}{i - 1}"] * width) + "]")
    return "\n".join(lines), 0


def flow_deep(n: int = DEEP) -> str:
    return "[" * n + "]" * n


def block_deep(n: int = DEEP) -> str:
    return "- " * n + "x"


def indented_deep(n: int = 3000) -> str:
    return "\n" + "\n".join("  " * i + "- " for i in range(n)) + "x"


def run(repo, text, name="t.md"):
    write_policy(repo, name, text)
    cfg = from_table({"today": "2026-01-01"}, repo)
    return lint([f"policies/{name}"], cfg, select=["frontmatter", "encoding"]).diagnostics


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def insert_after_title(value_line: str) -> tuple[str, int]:
    """A valid policy with `value_line` (one or more lines) after the title; (text, its first line)."""
    fm = front_matter()
    head, rest = fm.split("\ntitle: ", 1)
    title, tail = rest.split("\n", 1)
    text = f"{head}\ntitle: {title}\n{value_line}\n{tail}\n" + BODY.lstrip("\n")
    line = text.split("\n").index(value_line.split("\n")[0]) + 1
    return text, line


CASES = {
    "billion-laughs": (lambda: insert_after_title(laughs()[0]), "锚点（&x0）", 0),
    "flow-30000": (lambda: insert_after_title("deep: " + flow_deep()), "嵌套过深", 0),
    "block-30000": (lambda: insert_after_title("deep:\n" + block_deep()), "嵌套过深", 1),
    "indented-3000": (lambda: insert_after_title("deep:" + indented_deep()), "嵌套过深", 1 + MAX_DEPTH - 1),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bombs_and_deep_nesting_in_front_matter_end_fast_with_bm020(repo, case):
    make, words, line_delta = CASES[case]
    text, line = make()
    run(repo, policy_text(BODY), name="warm.md")                 # imports and rule loading, not timed
    diags, took = timed(lambda: run(repo, text))
    assert took < 1.0, f"{case}: {took:.2f} s"
    assert [d.rule for d in diags] == ["BM020"], [(d.rule, d.message) for d in diags]
    d = diags[0]
    assert d.category == "frontmatter" and d.severity == "error" and d.path == "policies/t.md"
    assert words in d.message and "前置元数据" in d.message
    assert d.line == line + line_delta, (d.line, line, d.message)


def test_flow_depth_is_reported_at_the_first_too_deep_bracket():
    text = "---\nid: BM-90\ndeep: " + flow_deep() + "\n---\n"
    fm = parse(text)
    assert [(p.kind, p.line, p.col) for p in fm.problems] == [("unsafe-yaml", 3, len("deep: ") + MAX_DEPTH)]   # the root mapping is level 1


@pytest.mark.parametrize("yaml, kind, line, col", [
    ("roles: &r [涉密人员]\npledge:\n  - roles: *r", "anchor", 2, 8),
    ("title: 测试\nroles: *r", "alias", 3, 8),                 # an alias without its anchor, too
    ("title: &t 测试", "anchor", 2, 8),                          # an anchor on a scalar
])
def test_anchor_or_alias_at_its_line_and_column(yaml, kind, line, col):
    fm = parse(f"---\n{yaml}\n---\n\n# 标题\n")
    assert [(p.kind, p.line, p.col) for p in fm.problems] == [("unsafe-yaml", line, col)]
    assert ("锚点" if kind == "anchor" else "别名") in fm.problems[0].message
    assert fm.meta == {} and fm.body_start == yaml.count("\n") + 4       # the body still starts after ---


def test_depth_up_to_the_limit_is_accepted():
    nested = "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1)      # the root mapping is level 1
    fm = parse(f"---\nx: {nested}\n---\n")
    assert fm.problems == []
    value = fm.meta["x"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == [1]
    too = "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    assert [p.kind for p in parse(f"---\nx: {too}\n---\n").problems] == ["unsafe-yaml"]


def test_the_shipped_policies_have_no_hazard():
    for p in sorted((ROOT / "policies").glob("*.md")):
        assert [q for q in parse(p.read_text(encoding="utf-8")).problems if q.kind == "unsafe-yaml"] == [], p


def test_a_syntax_error_is_still_a_syntax_error(repo):
    text = front_matter(roles="[涉密人员") + BODY
    assert [d.rule for d in run(repo, text)] == ["BM011"]


def test_the_hazard_scan_itself_is_fast_on_huge_input():
    for text in (flow_deep(), block_deep(), laughs()[0], "- " * 200_000 + "x"):
        h, took = timed(lambda: hazard(text))
        assert h is not None and took < 0.5, took


# --- data files (schemas/) --------------------------------------------------------------------

@pytest.mark.parametrize("content, line, words", [
    ("roles:\n  - key: 甲\n    x: &r0 [" + ", ".join(['"lol"'] * 9) + "]\n  - key: 乙\n    x: [" + ", ".join(["*r0"] * 9) + "]\n",
     3, "锚点（&r0）"),
    ("roles:\n  - key: 涉密人员\n    extra: " + flow_deep() + "\n", 3, "嵌套过深"),
    ("roles:\n  - key: 涉密人员\n    extra:\n      " + block_deep() + "\n", 4, "嵌套过深"),
    ("roles:\n  - &a {key: 涉密人员}\n  - *a\n", 2, "锚点"),
])
def test_data_file_hazards_are_a_data_error_with_file_and_line(tmp_path, content, line, words):
    d = tmp_path / "schemas"
    d.mkdir()
    (d / "roles.yaml").write_text(content, encoding="utf-8")
    data = Data([d])
    t0 = time.perf_counter()
    with pytest.raises(DataError) as err:
        data.roles
    assert time.perf_counter() - t0 < 1.0
    msg = str(err.value)
    assert f"roles.yaml:{line}:" in msg and words in msg and "数据文件" in msg, msg


def test_a_data_file_syntax_error_names_file_and_line(tmp_path):
    d = tmp_path / "schemas"
    d.mkdir()
    (d / "roles.yaml").write_text("roles:\n  - key: 甲\n  - [未闭合\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        Data([d]).roles
    assert "roles.yaml:4:" in str(err.value) and "无法解析" in str(err.value), str(err.value)
    assert "方括号列表" in str(err.value) and "did not find" not in str(err.value), str(err.value)   # in Chinese


def test_a_data_bomb_makes_lint_exit_2_quickly(repo, tmp_path):
    (repo / "schemas").mkdir()
    text = "categories:\n  - key: 涉密人员\n    note: &a [" + ", ".join(['"lol"'] * 9) + "]\n"
    for i in range(1, 9):
        text += f"  - key: k{i}\n    note: &a{i} [" + ", ".join(["*a" if i == 1 else f"*a{i - 1}"] * 9) + "]\n"
    (repo / "schemas" / "categories.yaml").write_text(text, encoding="utf-8")
    write_policy(repo, "t.md", policy_text(BODY))
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "baomi", "lint", "--quiet"], cwd=repo,
                          capture_output=True, text=True, timeout=60)
    took = time.perf_counter() - t0
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "categories.yaml:3:" in proc.stderr and "锚点" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert took < 10, took                  # process start-up included; the scan itself is milliseconds


def test_a_deep_front_matter_does_not_kill_lint_outline_or_build_start(repo):
    """In a subprocess: the old failure was a segfault, which would take the test run with it."""
    text, _ = insert_after_title("deep: " + flow_deep())
    write_policy(repo, "t.md", text)
    for args in (["lint", "--quiet"], ["outline", "policies/t.md"]):
        proc = subprocess.run([sys.executable, "-m", "baomi", *args], cwd=repo, capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode in (0, 1, 2) and proc.returncode >= 0, (args, proc.returncode, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr
    lint_out = subprocess.run([sys.executable, "-m", "baomi", "lint"], cwd=repo, capture_output=True,
                              text=True, timeout=60).stdout
    assert "BM020" in lint_out and "嵌套过深" in lint_out, lint_out
