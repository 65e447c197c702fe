"""The renumbering fix: `baomi lint --fix` renumbers articles and rewrites every citation of a moved
article, here, in other policies and in the front matter, without changing what it points at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "structure"))

from kit import BODY_A, BODY_B, doc_a, doc_b, lint_docs  # noqa: E402

from baomi.config import from_table  # noqa: E402
from baomi.fix import apply_edits  # noqa: E402
from baomi.lint import load_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.baomi]\npolicies = "policies"\nschemas = "{(ROOT / "schemas").as_posix()}"\n'
        'today = "2026-01-01"\ncache = false\n', encoding="utf-8")
    return tmp_path


def _baomi(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "baomi", *args], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=60)


_NUMBERS = re.compile(r"第[零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?")


def _norm(text: str | None) -> str | None:
    """Article text with the citations' numbers blanked (they are what the fix rewrites)."""
    return _NUMBERS.sub("第#条", text) if text is not None else None


def _meanings(repo: Path, skip_source_text: str | None = None) -> list[tuple]:
    """Every article citation of the corpus as (source, kind, citing article text, cited article text)."""
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        c = load_corpus(from_table({"cache": False, "schemas": str(ROOT / "schemas")}, repo))
        c.ensure_references()
    finally:
        os.chdir(cwd)
    out = []
    for r in sorted(c.references, key=lambda r: (r.source.relpath, r.line, r.col)):
        if r.target_policy is None or r.article is None or r.relative is not None or not r.resolved:
            continue
        src = r.source_article.text() if r.source_article is not None else None
        if skip_source_text and src and skip_source_text in src:
            continue
        art = r.target_policy.article(*r.article)
        out.append((r.source.relpath, r.kind, _norm(src), _norm(art.text())))
    return out


def _blocks(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n")


def _find(blocks, label):
    return next(i for i, b in enumerate(blocks) if b.startswith(label + " "))


def test_insert_delete_move_then_fix(tmp_path):
    repo = _repo(tmp_path)
    before = _meanings(repo)
    assert len(before) > 30
    target = repo / "policies" / "shemi-renyuan.md"
    blocks = _blocks(target)
    deleted = blocks.pop(_find(blocks, "第二十五条"))                      # delete (not cited)
    b19 = blocks.pop(_find(blocks, "第十九条"))                            # move 第十九条 before 第十六条
    blocks.insert(_find(blocks, "第十六条"), b19)
    blocks.insert(_find(blocks, "第三条") + 1, "第四条 涉密人员应当按时参加保密提醒谈话。")   # insert
    target.write_text("\n\n".join(blocks), encoding="utf-8")

    broken = _baomi(repo, "lint", "--format", "json")
    assert broken.returncode == 1 and '"BM203"' in broken.stdout

    first = _baomi(repo, "lint", "--fix")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "已修复" in first.stderr
    assert "policies/jiaoyu-peixun.md" in first.stderr            # the other document was rewritten
    assert "引用 《涉密人员保密管理制度》第十条 → 《涉密人员保密管理制度》第十一条" in first.stderr
    assert "第十九条 → 第十七条" in first.stderr and "引用 第十九条 → 第十七条" in first.stderr   # its pledge entry

    after = _meanings(repo, skip_source_text=deleted.split(" ", 1)[1][:12])
    expected = [m for m in before if not (m[2] and deleted.split(" ", 1)[1][:12] in m[2])]
    assert after == expected                                        # every citation means the same article
    text = target.read_text(encoding="utf-8")
    assert "第四条 涉密人员应当按时参加保密提醒谈话。" in text
    assert "- article: 第十七条" in text and "- article: 第十八条" in text   # pledge entries follow their articles
    assert "《涉密人员保密管理制度》第十一条" in (repo / "policies" / "jiaoyu-peixun.md").read_text(encoding="utf-8")

    snapshot = {p.name: p.read_bytes() for p in (repo / "policies").glob("*.md")}
    second = _baomi(repo, "lint", "--fix")                          # idempotent
    assert second.returncode == 0 and "已修复" not in second.stderr
    assert {p.name: p.read_bytes() for p in (repo / "policies").glob("*.md")} == snapshot


def _fixed(a: str, b: str = BODY_B, extra=None):
    kw = {} if extra is None else {"extra": extra}
    docs = {"a.md": doc_a(a, **kw), "b.md": doc_b(b)}
    diags = lint_docs(*docs.items(), select=["numbering"])
    edits = [e for d in diags for e in d.fix]
    out = {}
    for name, text in docs.items():
        out[name], _ = apply_edits(text, [e for e in edits if e.path == f"policies/{name}"])
    return diags, out


def test_sub_article_keeps_its_form_and_follows_its_article():
    # 第二条 deleted (not cited anywhere … but 第二条至第四条 is: cite 第三条 instead)
    body = BODY_A.replace("第二条至第四条", "第三条至第四条").replace(
        "第二条 本制度适用于本单位全体涉密人员。\n\n", "")
    diags, out = _fixed(body)
    assert any(d.rule == "BM203" and d.fix for d in diags)
    a = out["a.md"]
    assert "第四条之一 第四条规定以外的事项" in a             # 第五条之一 → 第四条之一, still 之一
    assert "依照本制度第二条至第三条执行" in a                  # the range follows
    assert "《测试保密管理制度》第二条和第四条之一" in out["b.md"]
    assert "- article: 第二条" in a                             # pledge 第三条 → 第二条
    assert lint_docs(("a.md", a), ("b.md", out["b.md"]), select=["numbering", "xref"]) == []


def test_duplicate_that_is_cited_is_not_renumbered():
    body = BODY_A.replace("第四条 涉密人员离岗", "第三条 涉密人员离岗")
    diags, out = _fixed(body)
    (d,) = [d for d in diags if d.rule == "BM203"]
    assert not d.fix and "第三条重复且被引用" in d.message


def test_duplicate_not_cited_is_renumbered():
    body = BODY_A.replace("第二条 本制度适用于", "第一条 本制度适用于").replace("第二条至第四条", "第三条至第四条")
    diags, out = _fixed(body)
    assert "第二条 本制度适用于" in out["a.md"] and "第三条 涉密人员应当遵守" in out["a.md"]


def test_citation_of_a_deleted_article_blocks_the_fix():
    body = BODY_A.replace("第四条 涉密人员离岗的，依照保密法第四十六条的规定实行脱密期管理。\n\n", "")
    c = lint_docs(("a.md", doc_a(body)), ("b.md", doc_b()))
    (d,) = [d for d in c if d.rule == "BM203"]
    assert not d.fix and "引用的第四条不存在" in d.message
    assert any(x.rule == "BM301" for x in c)                  # the xref rule reports the dangling citation


def test_range_that_would_split_blocks_the_fix():
    # move 第三条 after 第四条: 第二条至第四条 would no longer be the same articles in a row … it would:
    # move 第五条 before 第三条 instead, so that the range 第二条至第四条 gains an article
    blocks = BODY_A.split("\n\n")
    i5 = next(i for i, b in enumerate(blocks) if b.startswith("第五条 "))
    five = blocks.pop(i5)
    i3 = next(i for i, b in enumerate(blocks) if b.startswith("第三条 "))
    blocks.insert(i3, five)
    diags, _ = _fixed("\n\n".join(blocks))
    fixes = [d for d in diags if d.rule == "BM203"]
    assert fixes and not any(d.fix for d in fixes)
    assert "不再是连续的条" in fixes[0].message


def test_chapter_renumbering():
    body = BODY_A.replace("## 第二章 管理", "## 第五章 管理").replace("## 第三章 附则", "## 第六章 附则")
    diags, out = _fixed(body)
    assert "## 第二章 管理" in out["a.md"] and "## 第三章 附则" in out["a.md"]


def test_a_title_without_book_marks_is_renumbered_with_the_others():
    """《保密工作责任制规定》第六条、第八条 and 保密工作责任制规定第七条 (no 书名号) all follow their
    articles: before, the bare one was left alone and silently pointed at the old 第八条."""
    from kit import FRONT
    a_body = ("\n# 保密工作责任制规定\n\n第一条 为了落实保密工作责任制，制定本规定。\n\n第二条 甲。\n\n第三条 乙。\n\n"
              "第五条 丙。\n\n第六条 丁。\n\n第七条 戊。\n\n第八条 本规定自2025年3月1日起施行。\n")
    b_body = ("\n# 测试培训制度\n\n第一条 为了规范保密培训，制定本制度。\n\n"
              "第二条 依照《保密工作责任制规定》第六条、第八条的规定办理；依照保密工作责任制规定第七条的规定考核。\n\n"
              "第三条 本制度自2025年3月1日起施行。\n")
    docs = {"a.md": FRONT.format(id="BM-90", title="保密工作责任制规定", status="现行", extra="") + a_body,
            "b.md": FRONT.format(id="BM-91", title="测试培训制度", status="现行", extra="") + b_body}
    diags = lint_docs(*docs.items(), select=["numbering"])
    assert any(d.rule == "BM203" and d.fix for d in diags)
    edits = [e for d in diags for e in d.fix]
    b, _ = apply_edits(docs["b.md"], [e for e in edits if e.path == "policies/b.md"])
    assert "《保密工作责任制规定》第五条、第七条的规定办理" in b
    assert "依照保密工作责任制规定第六条的规定考核" in b        # 戊, as before the fix
    # and the citation without 书名号 is reported, with the fix that adds them
    (d,) = [d for d in lint_docs(*docs.items(), select=["BM610"]) if d.path == "policies/b.md"]
    assert d.severity == "warning" and "《保密工作责任制规定》" in d.message
    fixed, _ = apply_edits(docs["b.md"], d.fix)
    assert "依照《保密工作责任制规定》第七条的规定考核" in fixed
