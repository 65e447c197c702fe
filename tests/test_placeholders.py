"""Placeholders are not rules (issue 16): one notion of "unfilled" (schemas/placeholders.yaml),
BM131 an error in a 现行 policy and a warning in a 草案, and never checklist coverage."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from helpers import ROOT

from baomi.data import Data
from baomi.text.placeholder import placeholders

BAOMI = [sys.executable, "-m", "baomi"]


@pytest.fixture(scope="module")
def ph():
    return placeholders(Data([ROOT / "schemas"]))


@pytest.mark.parametrize("text", [
    "【待补充】", "【待补充：自查自评（四）1要求写明——确定涉密岗位】", "本制度自（待定）起施行。",
    "本制度适用于本单位（待补充适用范围）。", "本单位全体工作人员（请按实际修改适用范围）",
    "本制度由XX部门负责解释。", "自××年××月××日起施行。", "由某某办公室负责。", "由ＸＸ处负责。",
])
def test_unfilled(ph, text):
    assert ph.unfilled(text)


@pytest.mark.parametrize("text", [
    "权属待定的载体，由保密办公室登记。",                         # 待定 as an ordinary word
    "申请材料不齐全、待补充的，应当一次告知。",
    "本规定自二○○四年十月一日起施行。",                          # ○ is a zero, not a blank
    "格式为：×1械注×2××××3×4××5××××6。",                     # a number format
    "××××3为首次注册年份；",
    "化妆品生产许可证编号的编排方式为：X妆XXXXXXXX。",            # describes a format
    "交通警察应当使用的规范用语是：依据《道路交通安全法》第XX条的规定，对你处以XX元的罚款。",
    "使用XXL号防护服。",
])
def test_not_unfilled(ph, text):
    assert not ph.unfilled(text)


def test_template_placeholders_are_all_recognised(ph):
    """What `baomi new` writes as a placeholder is unfilled by the shared matcher."""
    src = (ROOT / "tools" / "baomi" / "scaffold.py").read_text(encoding="utf-8")
    found = re.findall(r"【待补充[^】]*】|（待[^）]*）|（请[^）]*）", src)
    assert len(found) >= 4
    for f in found:
        assert ph.unfilled(f.replace("{", "").replace("}", "")), f


def _lint(repo, *args):
    proc = subprocess.run(BAOMI + ["lint", "--format", "json", *args], cwd=repo, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["diagnostics"]


@pytest.fixture
def draft(repo):
    """A `baomi new` draft with every placeholder left as it is."""
    (repo / "schemas").mkdir(exist_ok=True)
    proc = subprocess.run(BAOMI + ["new", "--category", "涉密人员", "--title", "涉密人员保密管理细则",
                                   "-o", "policies/draft.md"], cwd=repo, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return repo / "policies" / "draft.md"


def test_draft_warns_and_current_errs(repo, draft):
    text = draft.read_text(encoding="utf-8")
    lines = text.split("\n")
    diags = [d for d in _lint(repo, "policies/draft.md") if d["rule"] == "BM131"]
    assert diags and all(d["severity"] == "warning" for d in diags)
    pending = [i + 1 for i, l in enumerate(lines) if "【待补充" in l or "（待" in l or "（请按实际" in l]
    assert sorted({d["line"] for d in diags}) == pending
    effective = next(i + 1 for i, l in enumerate(lines) if "（待定）" in l)
    d = next(d for d in diags if d["line"] == effective)
    assert d["column"] == lines[effective - 1].index("（待定）") + 1 and "（待定）" in d["message"]

    text = text.replace("status: 草案", "status: 现行")
    text = re.sub(r"^owner: .*$", "owner: 待补充", text, flags=re.M)
    draft.write_text(text, encoding="utf-8")
    diags = [d for d in _lint(repo, "policies/draft.md") if d["rule"] == "BM131"]
    assert diags and all(d["severity"] == "error" for d in diags)
    owner_line = text.split("\n").index("owner: 待补充") + 1
    assert any(d["line"] == owner_line and "owner" in d["message"] for d in diags)


def test_placeholder_articles_never_cover(repo, draft):
    text = draft.read_text(encoding="utf-8").replace("status: 草案", "status: 现行")
    draft.write_text(text, encoding="utf-8")
    proc = subprocess.run(BAOMI + ["checklist", "--format", "json"], cwd=repo, capture_output=True, text=True,
                          timeout=120)
    data = json.loads(proc.stdout)
    claims = [c for i in data["items"] for c in i["policies"] if c["path"].endswith("draft.md")]
    assert claims, data
    for c in claims:
        assert not c["ok"]
        for cl in c["clauses"]:
            assert cl["articles"] == [] and not cl["ok"]
    # filling one placeholder in makes it count
    filled = re.sub(r"【待补充：[^】]*依法确定涉密岗位】", "各部门确定涉密岗位，报保密委员会审批。", text)
    assert filled != text
    draft.write_text(filled, encoding="utf-8")
    data = json.loads(subprocess.run(BAOMI + ["checklist", "--format", "json"], cwd=repo, capture_output=True,
                                     text=True, timeout=120).stdout)
    hits = [a for i in data["items"] for c in i["policies"] if c["path"].endswith("draft.md")
            for cl in c["clauses"] for a in cl["articles"]]
    assert hits


def test_repealed_is_not_checked(repo, draft):
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: 草案", "status: 废止"), encoding="utf-8")
    assert [d for d in _lint(repo, "policies/draft.md") if d["rule"] == "BM131"] == []


@pytest.mark.parametrize("code", ["BM130", "BM131"])
def test_rule_examples(code):
    """The documented bad example is reported, the good one is not."""
    from pathlib import Path

    from baomi.corpus import Corpus
    from baomi.parser import parse_text
    from baomi.rules import get_rule

    rule = get_rule(code)
    data = Data([ROOT / "schemas"])
    found = []
    for example in (rule.bad, rule.good):
        text = example if example.startswith("---") else "# 标题\n\n" + example
        pol = parse_text(text + "\n", Path("x.md"), "x.md")
        found.append(list(rule.check(pol, Corpus([pol], data=data))))
    assert found[0] and not found[1]


def test_the_matcher_is_compiled_once_per_data_set_and_kept_off_it(tmp_path):
    """One matcher per data set, none stored on the data object; another data set with its own
    placeholders.yaml gets its own matcher."""
    a = Data([ROOT / "schemas"])
    before = set(vars(a))
    assert placeholders(a) is placeholders(a)
    assert set(vars(a)) == before            # nothing stuck onto the data object
    (tmp_path / "placeholders.yaml").write_text("words: [回头再写]\nbrackets: ['【】']\n", encoding="utf-8")
    b = Data([tmp_path])
    assert placeholders(b) is not placeholders(a)
    assert placeholders(b).unfilled("【回头再写】") and not placeholders(a).unfilled("【回头再写】")
