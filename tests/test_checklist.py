"""Mandated clauses: coverage of the 自查自评 checklist, the rules that fail CI, and the table."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from baomi import config as cfgmod
from baomi.checklist import Clause, checklist_of, coverage, coverage_table, make_clause, normalize
from baomi.config import from_table
from baomi.corpus import Corpus
from baomi.lint import LintResult, lint, load_corpus, run_rules, selected_rules
from baomi.parser import parse_text

from helpers import POLICIES, ROOT, policy_text, write_policy

CFG = from_table({"today": "2026-01-01", "cache": False}, ROOT)
BASE = load_corpus(CFG)
CHECKLIST_RULES = selected_rules(CFG, ["checklist"])
ITEMS = checklist_of(CFG.data).items


def test_normalize_ignores_punctuation_space_and_width():
    assert normalize("上岗前，应当\n进行 保密审查（一）；") == "上岗前应当进行保密审查一"
    assert normalize("ＡＢＣ１２") == "ABC12"


def test_clause_groups_all_must_match():
    c = make_clause({"id": "x", "must": "m", "all": [["上岗前", "任职前"], ["审查"]]})
    assert c.matches(normalize("任职前，进行保密审查。"))
    assert not c.matches(normalize("上岗前进行保密教育。"))


def test_shipped_corpus_covers_every_item():
    cov = coverage(BASE)
    assert len(cov.items) == len(ITEMS) >= 50
    assert [i.id for i in cov.items if i.status != "covered"] == []
    assert cov.missing_clauses == 0
    assert run_rules(BASE, CHECKLIST_RULES, None) == []


def test_every_required_category_present_and_ten_of_them():
    required = [c.key for c in CFG.data.categories if c.required]
    assert len(required) == 10
    assert required and all(any(p.meta.get("category") == k and p.status == "现行" for p in BASE.policies)
                            for k in required)


def _clause_cases():
    cases = []
    for p in BASE.policies:
        if p.status != "现行":
            continue
        for cid in p.meta.get("covers") or []:
            for clause in ITEMS[str(cid)].clauses:
                cases.append(pytest.param(p.relpath, str(cid), clause.id, id=f"{cid}-{clause.id}-{p.path.stem}"))
    return cases


CASES = _clause_cases()


def test_generated_cases_reach_every_clause_of_the_data():
    """The deletion test below is generated from the data: every clause of every item is in it."""
    in_data = {c.id for it in ITEMS.values() for c in it.clauses}
    tested = {case.values[2] for case in CASES}
    assert len(in_data) >= 150
    assert tested == in_data


def _strip(policy, clause):
    """The policy re-parsed with every unit that satisfies `clause` deleted: innermost units first
    (a 公文式 section keeps its siblings), repeated while something still matches (a heading
    whose own title says it)."""
    for _ in range(5):
        hits = [u for u in policy.units() if clause.matches(normalize(u.text))]
        if not hits:
            return policy
        if policy.style == "公文式":
            hits = [h for h in hits if not any(c is not h.node and clause.matches(normalize(c.full_text()))
                                                for c in getattr(h.node, "children", []))] or hits
        policy = parse_text(_without_units(policy, hits), policy.path, policy.relpath)
    raise AssertionError(f"{policy.relpath}: cannot strip {clause.must}")


def _without_units(policy, keep_out: list) -> str:
    """The policy's text with the given units' lines removed."""
    lines = policy.text.split("\n")
    drop = set()
    for u in keep_out:
        drop.update(range(u.line, u.end_line + 1))
    return "\n".join(l for i, l in enumerate(lines, 1) if i not in drop)


@pytest.mark.parametrize("relpath,item_id,clause_id", CASES)
def test_deleting_a_mandated_clause_fails_lint_naming_the_item(relpath, item_id, clause_id):
    """Generated from the data: for every clause, delete what satisfies it and expect an error."""
    policy = BASE.by_path[relpath]
    item = ITEMS[item_id]
    clause = next(c for c in item.clauses if c.id == clause_id)
    assert any(clause.matches(normalize(u.text)) for u in policy.units()), \
        f"{relpath} claims {item_id} but no unit says {clause.must}"
    mutated = _strip(policy, clause)
    corpus = Corpus([mutated if p is policy else p for p in BASE.policies], data=CFG.data, config=CFG)
    diags = run_rules(corpus, CHECKLIST_RULES, None)
    label = item.label
    hit = [d for d in diags if d.rule == "BM403" and d.path == relpath and f"自查自评{label}" in d.message
           and f"“{clause.must}”" in d.message]
    assert hit, [d.message for d in diags]
    d = hit[0]
    if clause.required:
        assert d.severity == "error" and LintResult(diags, [relpath], corpus).exit_code() == 1
    else:       # advice: a warning that names its source, and the item stays covered
        assert d.severity == "warning" and "建议写明" in d.message and clause.basis in d.message
        assert not [x for x in hit if x.severity == "error"]
    # where it looked, and reported at the claim
    assert f"在 {relpath} 的 {len(mutated.units())} 个条文中未找到" in d.message
    covers = [str(c) for c in mutated.meta["covers"]]
    assert d.line == mutated.item_lines["covers"][covers.index(item_id)]
    assert mutated.lines[d.line - 1][d.column - 1:d.end_column - 1].strip("\"'") == item_id


def test_cli_lint_exits_1_when_a_clause_is_deleted(tmp_path):
    repo = tmp_path / "r"
    shutil.copytree(POLICIES, repo / "policies")
    (repo / "pyproject.toml").write_text(f'[tool.baomi]\nschemas = "{ROOT / "schemas"}"\ntoday = "2026-01-01"\n',
                                         encoding="utf-8")
    p = repo / "policies" / "shemi-renyuan.md"
    text = p.read_text(encoding="utf-8")
    start = text.index("第十条 涉密人员上岗前")
    end = text.index("\n", start)
    p.write_text(text[:start] + "第十条 涉密人员上岗前应当认真学习。" + text[end:], encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "baomi", "lint", "--select", "checklist"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stdout
    assert "自查自评（四）2" in proc.stdout and "缺少强制条款" in proc.stdout


BODY = """
# 测试保密管理制度

## 第一章 总则

第一条 为了加强保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。

## 第二章 附则

第二条 违反本制度规定的，依纪依法追究责任。

第三条 本制度自2025年3月1日起施行。
"""


def _lint(repo, text, select="checklist", name="t.md"):
    write_policy(repo, name, text)
    return lint([f"policies/{name}"], from_table({"today": "2026-01-01", "cache": False}, repo),
                select=[select]).diagnostics


def test_unknown_covers_id_is_an_error(repo):
    d = _lint(repo, policy_text(BODY, covers='["4.2", "4.20"]'))
    bad = [x for x in d if x.rule == "BM404"]
    assert len(bad) == 1 and "4.20" in bad[0].message


def test_claim_not_backed_by_text_is_an_error(repo):
    d = _lint(repo, policy_text(BODY, covers='["4.2"]'))
    missing = [x for x in d if x.rule == "BM403"]
    assert missing and all("自查自评（四）2" in x.message for x in missing)
    assert {x.line for x in missing} == {policy_text(BODY, covers='["4.2"]').split("\n").index('covers: ["4.2"]') + 1}


def test_sanctions_clause_required(repo):
    d = _lint(repo, policy_text(BODY.replace("第二条 违反本制度规定的，依纪依法追究责任。", "第二条 各部门应当遵守。")))
    assert [x.rule for x in d if x.rule == "BM405"] == ["BM405"]
    assert not [x for x in _lint(repo, policy_text(BODY)) if x.rule == "BM405"]


def test_review_overdue_is_a_warning(repo):
    d = _lint(repo, policy_text(BODY, review="2025-06-30"))
    w = [x for x in d if x.rule == "BM406"]
    assert len(w) == 1 and w[0].severity == "warning" and "2025-06-30" in w[0].message
    assert not [x for x in _lint(repo, policy_text(BODY, review="2027-06-30")) if x.rule == "BM406"]


def test_required_category_missing(repo):
    d = lint(None, from_table({"today": "2026-01-01", "cache": False}, repo), select=["BM401"]).diagnostics \
        if list((repo / "policies").glob("*.md")) else None
    write_policy(repo, "t.md", policy_text(BODY))
    d = lint(None, from_table({"today": "2026-01-01", "cache": False}, repo), select=["BM401"]).diagnostics
    assert len(d) == 10 - 1     # only 涉密人员 is present
    assert all("自查自评（二）1" in x.message for x in d)


def test_checklist_command_text_json_html(tmp_path):
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "baomi", "checklist"], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0
    assert "缺少强制条款：0 项" in proc.stdout and "（四）2" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "baomi", "checklist", "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120)
    doc = json.loads(proc.stdout)
    assert doc["summary"]["items"] == len(ITEMS) and doc["summary"]["covered"] == len(ITEMS)
    item = next(i for i in doc["items"] if i["id"] == "4.2")
    assert item["status"] == "covered" and item["policies"][0]["clauses"][0]["articles"]
    for it in doc["items"]:
        for pol in it["policies"]:
            lines = [a["line"] for a in pol["articles"]]
            assert lines == sorted(set(lines)) and lines        # each backing article once, in document order
    out = tmp_path / "c.html"
    subprocess.run([sys.executable, "-m", "baomi", "checklist", "--format", "html", "-o", str(out)], cwd=ROOT,
                   env=env, timeout=120, check=True)
    html = out.read_text(encoding="utf-8")
    assert "<table" in html and "（四）2" in html and "http" not in html


@pytest.fixture(scope="module")
def coverage_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "自查自评.docx"
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "baomi", "checklist", "--format", "docx", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


def test_docx_has_a_proper_table_with_blank_columns(coverage_docx):
    import docx

    from baomi.generate.checklist_docx import COLUMNS, FILL_IN
    from baomi.generate.docx_util import east_asia_font, is_header_row

    d = docx.Document(str(coverage_docx))
    table = d.tables[0]
    header = [c.text for c in table.rows[0].cells]
    # what a 自查自评表 must have, written out here (not taken from the code under test)
    assert header == ["序号", "检查内容", "制度覆盖情况", "覆盖制度和条文", "自查情况", "存在问题", "整改措施",
                      "责任部门", "完成时限"]
    assert header == list(COLUMNS)
    assert is_header_row(table.rows[0])
    assert len(table.rows) == 1 + len(ITEMS)
    labels = [r.cells[0].text for r in table.rows[1:]]
    assert labels[0] == ITEMS["1.1"].label and "（四）2" in labels
    for row in table.rows[1:]:
        assert row.cells[2].text == "已覆盖"
        assert "《" in row.cells[3].text
        for i, name in enumerate(COLUMNS):
            if name in FILL_IN:
                assert row.cells[i].text == ""
    runs = [r for r in table.rows[1].cells[1].paragraphs[0].runs if r.text.strip()]
    assert runs and all(east_asia_font(r) for r in runs)
    sec = d.sections[0]
    assert abs(sec.page_width.mm - 297) < 1 and abs(sec.page_height.mm - 210) < 1     # A4 landscape
    assert all(east_asia_font(r) for r in table.rows[0].cells[0].paragraphs[0].runs if r.text)
    text = "\n".join(p.text for p in d.paragraphs)
    assert f"共 {len(ITEMS)} 项，已覆盖 {len(ITEMS)} 项；缺少强制条款：0 项" in text


@pytest.mark.slow
def test_docx_converts_to_pdf_with_libreoffice(coverage_docx, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is installed by scripts/bootstrap.sh --dev in CI")
        pytest.skip("LibreOffice not installed")
    proc = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(coverage_docx)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, HOME=str(tmp_path)))
    pdf = tmp_path / (coverage_docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 10_000, proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


SANCTIONS = selected_rules(CFG, ["BM405"])
REQUIRED = selected_rules(CFG, ["BM401"])


@pytest.mark.parametrize("relpath", [p.relpath for p in BASE.policies if p.status == "现行"])
def test_deleting_the_sanctions_article_fails_lint(relpath):
    """Item （二）2, generated per policy: remove every article that satisfies the data's sanctions clause."""
    policy = BASE.by_path[relpath]
    clause = checklist_of(CFG.data).sanctions
    assert any(clause.matches(normalize(u.text)) for u in policy.units()), f"{relpath} has no sanctions article"
    mutated = _strip(policy, clause)
    corpus = Corpus([mutated if p is policy else p for p in BASE.policies], data=CFG.data, config=CFG)
    diags = run_rules(corpus, SANCTIONS, None)
    assert [(d.rule, d.path, d.severity) for d in diags] == [("BM405", relpath, "error")]
    assert "自查自评（二）2" in diags[0].message and f"{len(mutated.units())} 个条文中未找到" in diags[0].message


@pytest.mark.parametrize("category", [c.key for c in CFG.data.categories if c.required])
def test_repealing_a_required_category_fails_lint(category):
    """Item （二）1, generated per required category: its policies marked 废止 leave the category empty."""
    policies = []
    for p in BASE.policies:
        if p.meta.get("category") == category:
            p = parse_text(p.text.replace("\nstatus: 现行\n", "\nstatus: 废止\n", 1), p.path, p.relpath)
            assert p.status == "废止"
        policies.append(p)
    corpus = Corpus(policies, data=CFG.data, config=CFG)
    diags = run_rules(corpus, REQUIRED, None)
    assert len(diags) == 1 and f"没有类别为 {category} 的现行制度" in diags[0].message


def _defective_repo(tmp_path):
    """The shipped rule book with two defects: 涉密人员管理制度 no longer says 保密承诺书 (4.2
    claimed but not backed), and 定密管理制度 repealed (5.1 unclaimed)."""
    repo = tmp_path / "r"
    shutil.copytree(ROOT / "policies", repo / "policies")
    (repo / "pyproject.toml").write_text(f'[tool.baomi]\npolicies = "policies"\nschemas = "{ROOT / "schemas"}"\n'
                                         'cache = false\n', encoding="utf-8")
    personnel = repo / "policies" / "shemi-renyuan.md"
    personnel.write_text(personnel.read_text(encoding="utf-8").replace("保密承诺书", "承诺"), encoding="utf-8")
    dingmi = repo / "policies" / "dingmi.md"
    dingmi.write_text(re.sub(r"^status:.*$", "status: 废止", dingmi.read_text(encoding="utf-8"), count=1,
                             flags=re.M), encoding="utf-8")
    return repo


def test_docx_rows_for_missing_and_unclaimed_items(tmp_path):
    """A claim the text does not back (缺少强制条款, with what is missing) and an item nobody
    claims (未声明) are written as such, so the self-inspection starts from the truth."""
    import docx

    from baomi.generate.checklist_docx import write

    repo = _defective_repo(tmp_path)
    corpus = load_corpus(cfgmod.load(repo))
    out = write(coverage_table(corpus), tmp_path / "t.docx")
    rows = {r.cells[0].text: r for r in docx.Document(str(out)).tables[0].rows[1:]}
    missing = rows[ITEMS["4.2"].label]
    assert missing.cells[2].text == "缺少强制条款" and "上岗时签订保密承诺书" in missing.cells[3].text
    unclaimed = rows[ITEMS["5.1"].label]
    assert unclaimed.cells[2].text == "未声明"


def test_checklist_text_is_the_listing_rendered_as_text(tmp_path, monkeypatch):
    """`baomi checklist`'s text is `document.build.coverage_listing` printed by
    `document.text_render`: per area its name, per item 序号 and 状态 in aligned columns (display
    width, a CJK character two), the claiming policies, and under it at one indent what is missing
    (缺少), the advice not followed (建议写明) and who should claim an unclaimed item; the summary
    last. The same Document renders as HTML with the marks in their classes."""
    from baomi.document import Table, html_render, text_render
    from baomi.document.build import LISTING_HANG, coverage_listing

    repo = _defective_repo(tmp_path)
    for f in (repo / "policies").glob("*.md"):
        f.write_text(f.read_text(encoding="utf-8").replace("复审", "审看"), encoding="utf-8")
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "baomi", "checklist"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    monkeypatch.chdir(repo)                     # the paths in the text are relative to it
    cov = coverage_table(load_corpus(cfgmod.load(repo)))
    doc = coverage_listing(cov)
    assert proc.stdout == text_render.render(doc)
    lines = proc.stdout.splitlines()
    item = ITEMS["4.2"]
    row = next(x for x in lines if x.startswith(f"  {item.label} "))
    assert row.startswith(f"  {text_render.pad(item.label, 10)}  {text_render.pad('缺少强制条款', 12)}  《")
    under = lines[lines.index(row) + 1]
    assert under == " " * LISTING_HANG + "缺少：上岗时签订保密承诺书（policies/shemi-renyuan.md）"
    assert any(x.startswith(" " * LISTING_HANG + "建议写明：定期对保密制度进行复审（policies/") for x in lines)
    unclaimed = lines[lines.index(next(x for x in lines if x.startswith(f"  {ITEMS['5.1'].label} "))) + 1]
    assert unclaimed.startswith(" " * LISTING_HANG + "应由") and "类制度声明覆盖：" in unclaimed
    assert lines[0] == next(b.text for b in doc.blocks) and lines[-2] == "" and "缺少强制条款：" in lines[-1]
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == len({it["area"] for it in cov["items"]})
    assert sum(len(t.rows) for t in tables) == len(cov["items"])
    html = html_render.fragment(doc)
    assert '<span class="st-missing">缺少：上岗时签订保密承诺书' in html and 'class="st-advice"' in html
    assert 'class="st-unclaimed"' in html and "<th>" not in html
