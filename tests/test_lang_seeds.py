"""The two shared seeds, wrapped as policies (tests/fixtures/lang/policies/), through the
language rules: the findings we expect, no others, and clean text after --fix."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

from baomi.config import from_table
from baomi.fix import fix as run_fix
from baomi.lint import lint

FIXTURES = Path(__file__).parent / "fixtures" / "lang" / "policies"
LANG = ["terminology", "punctuation", "script", "marking"]

# Every finding except the (many) half-width marks: (file, line, column, rule, text found).
EXPECTED = [
    ("seed-002.md", 22, 19, "BM604", " ..."),           # 剩下 ... → 剩下……
    ("seed-002.md", 28, 882, "BM501", "做出"),           # 做出安排 → 作出安排
    ("seed-002.md", 28, 1472, "BM501", "涉密资质"),      # → 保密资质 (保密法第四十一条)
    ("seed-002.md", 28, 3050, "BM501", "做为"),
    ("seed-002.md", 28, 3385, "BM501", "部份"),
    ("seed-002.md", 28, 3844, "BM501", "国际互联网"),
    ("seed-002.md", 36, 23, "BM605", " "),               # 号-1 客服
    ("seed-003.md", 30, 14, "BM501", "下料不明"),
    ("seed-003.md", 40, 19, "BM501", "密级文件"),        # info, no fix
    ("seed-003.md", 50, 18, "BM501", "密级文件"),
    ("seed-003.md", 68, 49, "BM501", "投搞"),
    ("seed-003.md", 72, 3, "BM501", "其它"),
    ("seed-003.md", 72, 15, "BM501", "撰搞"),
    ("seed-003.md", 82, 60, "BM501", "元月"),
    ("seed-003.md", 84, 32, "BM501", "党的国家秘密"),
]
# Half-width , . ; : ? ! (BM601) and ( ) " (BM602) per file.
EXPECTED_COUNTS = {
    ("seed-002.md", "BM601"): 201, ("seed-002.md", "BM602"): 54,
    ("seed-003.md", "BM601"): 123, ("seed-003.md", "BM602"): 16,
}
# A sample of them at exact positions.
EXPECTED_SAMPLE = [
    ("seed-003.md", 18, 9, "BM601", ","),      # 为了保守国家秘密,维护
    ("seed-003.md", 20, 5, "BM602", "("),      # 机要(保密)职责
    ("seed-003.md", 20, 8, "BM602", ")"),
    ("seed-003.md", 68, 51, "BM602", ")"),     # 投搞),内容
    ("seed-003.md", 68, 52, "BM601", ","),
    ("seed-002.md", 20, 8, "BM601", ","),      # 整理文档很辛苦,赏杯茶钱
]


def _setup(tmp_path, monkeypatch) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.baomi]\npolicies = "policies"\n', encoding="utf-8")
    shutil.copytree(FIXTURES, tmp_path / "policies")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(result, root: Path):
    texts = {}
    out = []
    for d in result.diagnostics:
        name = Path(d.path).name
        lines = texts.setdefault(name, (root / "policies" / name).read_text(encoding="utf-8").split("\n"))
        out.append((name, d.line, d.column, d.rule, lines[d.line - 1][d.column - 1:d.end_column - 1]))
    return out


def test_seed_findings_are_exactly_the_expected_ones(tmp_path, monkeypatch):
    root = _setup(tmp_path, monkeypatch)
    result = lint(None, from_table({}, root), select=LANG)
    found = _found(result, root)
    assert [f for f in found if f[3] not in ("BM601", "BM602")] == EXPECTED
    counts = Counter((f[0], f[3]) for f in found if f[3] in ("BM601", "BM602"))
    assert dict(counts) == EXPECTED_COUNTS
    for sample in EXPECTED_SAMPLE:
        assert sample in found, sample
    # nothing on the seeds' many correct uses of the vocabulary
    for name, _, _, rule, text in found:
        assert text not in ("泄露", "下落不明", "撰稿", "绝密", "机密", "秘密", "内部"), (name, rule, text)


def test_seeds_lint_clean_after_fix(tmp_path, monkeypatch):
    root = _setup(tmp_path, monkeypatch)
    config = from_table({}, root)
    report, result = run_fix(lambda: lint(None, config, select=LANG))
    assert report.count > 400
    remaining = [d for d in result.diagnostics if d.fixable]
    assert remaining == []
    # what cannot be fixed safely stays reported (密级文件: 涉密文件 or 国家秘密文件?)
    assert sorted({d.message[:8] for d in result.diagnostics}) == ["用语“密级文件”"]
    text = (root / "policies" / "seed-003.md").read_text(encoding="utf-8")
    assert "下落不明" in text and "撰稿" in text and "投稿" in text and "其它" not in text
    assert "机要（保密）职责" in text
    # independent check: no half-width punctuation left next to a Chinese character
    han = "\u4e00-\u9fff"
    for name in ("seed-002.md", "seed-003.md"):
        body = (root / "policies" / name).read_text(encoding="utf-8").split("---", 2)[2]
        assert not re.search(rf"[{han}][,;:?!()]|[,;:?!()][{han}]", body), name
