"""Rule tests as data: one case file per rule, tests/rules/BMxxx.yaml, run by this one runner.

A case file (see tests/rules/README.md for the format) lists pass, fail and fix cases: a body
snippet (wrapped here in valid front matter) or a whole file, or several files for cross-file
rules; the lines where the rule must report, a part of its message, and the text after its fixes.
Only the findings of the case file's own rule are compared: other rules may say what they like
about a snippet. The rule's own `bad` and `good` examples (its documentation) run too: bad must
produce that rule's finding, good must not. Every registered rule must have a case file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import FRONT, POLICIES, ROOT

from baomi.config import from_table
from baomi.corpus import Corpus
from baomi.fix import apply_edits
from baomi.lint import run_rules, selected_rules
from baomi.parser import parse_bytes
from baomi.rules import all_rules

CASES = Path(__file__).resolve().parent / "rules"
CFG = from_table({"today": "2026-01-01", "cache": False}, ROOT)
RULES = all_rules()


def front(overrides: dict | None = None, extra: str = "") -> str:
    """The default front matter (tests/helpers.FRONT), keys overridden (None drops one), raw lines added."""
    meta = dict(FRONT)
    meta.update(overrides or {})
    lines = ["---"] + [f"{k}: {v}" for k, v in meta.items() if v is not None]
    lines += [ln for ln in extra.split("\n") if ln.strip()]
    return "\n".join(lines) + "\n---\n\n"


def merge_front(lines: str) -> str:
    """Front matter with `lines` (key: value …) in place of the default's keys of the same name."""
    keys = {ln.split(":", 1)[0].strip() for ln in lines.split("\n") if ":" in ln}
    return front({k: None for k in keys}, lines)


class Doc:
    """One file of a case: its name, its whole text, and where its body starts."""

    def __init__(self, spec: dict, default_name: str = "a.md"):
        self.name = spec.get("name", default_name)
        if "file" in spec:
            self.head, body = "", spec["file"]
        else:
            self.head = front(spec.get("front"), spec.get("front_extra", ""))
            body = spec.get("body", "")
        self.text = self.head + body
        self.offset = self.head.count("\n")      # body line 1 is file line offset + 1

    def line(self, body_line: int) -> int:
        return body_line + self.offset


def _docs(case: dict) -> list[Doc]:
    if case.get("base") == "policies":
        # the shipped rule book, edited: for the rules that judge the whole corpus (coverage)
        texts = {f.name: f.read_text(encoding="utf-8") for f in sorted(POLICIES.glob("*.md"))}
        for e in case.get("edits", []):
            assert e["old"] in texts[e["name"]], f"{e['name']} 中没有 {e['old']!r}"
            texts[e["name"]] = texts[e["name"]].replace(e["old"], e["new"])
        return [Doc({"file": t}, name) for name, t in texts.items()] + [Doc(f) for f in case.get("files", [])]
    if "files" in case:
        return [Doc(f, f"f{i}.md") for i, f in enumerate(case["files"])]
    return [Doc({k: v for k, v in case.items() if k != "name"})]     # a case's name names the case


def lint_docs(docs: list[Doc], code: str):
    pols = [parse_bytes(d.text.encode("utf-8"), ROOT / "policies" / d.name, f"policies/{d.name}", CFG.data.validator)
            for d in docs]
    found = run_rules(Corpus(pols, data=CFG.data, config=CFG), selected_rules(CFG, [code]), None)
    return [d for d in found if d.rule == code]


def _expected(case: dict, docs: list[Doc]) -> list[tuple[str, int]]:
    """`at`: body lines (file lines for `file:` docs), or a front-matter key (the line of its
    last occurrence); "name:line" or "name:key" for several files."""
    by_name = {d.name: d for d in docs}
    out = []
    for a in case.get("at", []):
        name, _, where = str(a).rpartition(":")
        doc = by_name[name] if name else docs[0]
        if where.lstrip("-").isdigit():
            line = doc.line(int(where))
        else:
            keyed = [i for i, ln in enumerate(doc.text.split("\n"), 1) if ln.startswith(f"{where}:")]
            assert keyed, f"{doc.name} 的前置元数据中没有 {where}"
            line = keyed[-1]
        out.append((f"policies/{doc.name}", line))
    return sorted(out)


def load_cases():
    out = []
    for path in sorted(CASES.glob("BM*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, case in enumerate(data.get("cases") or []):
            out.append(pytest.param(path.stem, case, id=f"{path.stem}-{i}-{case.get('name', '')}"))
    return out


@pytest.mark.parametrize("code,case", load_cases())
def test_case(code, case):
    assert code in RULES, f"tests/rules/{code}.yaml：没有注册代码为 {code} 的规则"
    kind = next((k for k in ("pass", "fail") if k in case), None)
    assert kind, f"tests/rules/{code}.yaml：每个用例应写 pass: 或 fail: 之一"
    spec = dict(case)
    if isinstance(case[kind], str):
        spec.setdefault("body", case[kind])
    docs = _docs(spec)
    found = lint_docs(docs, code)
    shown = [f"{d.path}:{d.line} {d.message}" for d in found]
    if kind == "pass":
        assert found == [], f"{code} 不应报告，实为：{shown}"
        return
    assert found, f"{code} 应报告，实为没有报告"
    if "at" in case:
        assert sorted((d.path, d.line) for d in found) == _expected(case, docs), shown
    if "message" in case:
        assert any(case["message"] in d.message for d in found), shown
    if "fixed" in case:
        doc = docs[0]
        edits = [e for d in found for e in d.fix if e.path == f"policies/{doc.name}"]
        assert edits, f"{code} 应提供修复，实为没有"
        # every fix is as sure as its rule says: an unsafe rule's fixes are never taken by --fix
        want = RULES[code].fix_applicability
        assert {d.applicability for d in found if d.fix} == {want}, shown
        assert [d.fixable for d in found if d.fix] == [want == "safe"] * len([d for d in found if d.fix])
        out, _ = apply_edits(doc.text, edits)
        assert out == doc.head + case["fixed"]


def _example_doc(code: str, text: str) -> list[Doc]:
    how = _example_mode(code)
    others = [Doc(f, f"f{i}.md") for i, f in enumerate(how.get("with", []))] if isinstance(how, dict) else []
    return _example_main(code, how, text) + others


def _example_main(code: str, how, text: str) -> list[Doc]:
    if how == "body":
        return [Doc({"body": text})]
    if how == "front":
        return [Doc({"file": merge_front(text)})]
    if how == "file":
        return [Doc({"file": text})]
    if isinstance(how, dict) and "body" in how:
        return [Doc({"body": how["body"].replace("{example}", text)})]
    if isinstance(how, dict) and "file" in how:
        return [Doc({"file": how["file"].replace("{example}", text)})]
    raise AssertionError(f"tests/rules/{code}.yaml：examples 应为 body、front、file，或含 {{example}} 的 body/file 模板")


def _example_mode(code: str):
    data = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8")) or {}
    return data.get("examples", "body")


def _with_case_file():
    return [c for c in RULES if (CASES / f"{c}.yaml").exists()]


@pytest.mark.parametrize("code", _with_case_file())
def test_own_examples(code):
    """The rule's documented bad example produces its finding; the good one does not. A rule
    whose examples describe a situation rather than show text says so (`examples: {describes:
    why}`) and must then have both pass and fail cases of its own."""
    how = _example_mode(code)
    rule = RULES[code]
    if isinstance(how, dict) and "describes" in how:
        data = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8"))
        kinds = {k for c in data.get("cases") or [] for k in ("pass", "fail") if k in c}
        assert how["describes"].strip() and kinds == {"pass", "fail"}, code
        return
    bad = lint_docs(_example_doc(code, rule.bad), code)
    assert bad, f"{code} 的 bad 示例应产生该规则的诊断，实为没有：{rule.bad!r}"
    good = lint_docs(_example_doc(code, rule.good), code)
    assert good == [], f"{code} 的 good 示例不应产生该规则的诊断，实为：{[d.message for d in good]}"


def test_every_rule_has_a_case_file():
    missing = [c for c in RULES if not (CASES / f"{c}.yaml").exists()]
    assert not missing, "".join(
        f"\n规则 {c}（{RULES[c].name}，{type(RULES[c]).__module__}）没有用例文件：请添加 tests/rules/{c}.yaml"
        "（格式见 tests/rules/README.md）" for c in missing)
    unknown = [p.name for p in CASES.glob("BM*.yaml") if p.stem not in RULES]
    assert not unknown, f"这些用例文件没有对应的规则：{unknown}"


def test_every_case_file_has_fail_and_pass_cases():
    for code in _with_case_file():
        data = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8")) or {}
        kinds = {k for c in data.get("cases") or [] for k in ("pass", "fail") if k in c}
        assert kinds == {"pass", "fail"}, f"tests/rules/{code}.yaml 应至少有一个 pass 和一个 fail 用例"
        if RULES[code].fixable:
            assert any("fixed" in c for c in data["cases"]), f"tests/rules/{code}.yaml：可修复的规则应有 fixed 用例"
