"""Handbook pages a member of staff reads (issue 22): the navigation keeps the editors' pages
apart, a policy page carries its 内部 mark, and role pages stay role-specific (what binds all
staff is listed once, on the 全体工作人员 page). Built with baomi's page generator, no MkDocs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo, set_front  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.lint import load_corpus  # noqa: E402
from baomi.site.index_pages import _role_closure, everyone_roles, role_mentions  # noqa: E402
from baomi.site.pages import build_site  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _site(repo: Path):
    cfg = load(repo)
    corpus = load_corpus(cfg)
    corpus.ensure_references()
    return cfg, corpus, build_site(corpus, cfg)


@pytest.fixture(scope="module")
def real():
    return _site(ROOT)


def _leaves(nav) -> list[str]:
    out = []
    for _, target in nav:
        out.extend(_leaves(target) if isinstance(target, list) else [target])
    return out


def test_lint_rule_pages_are_under_editors_only(real):
    _, _, site = real
    top = dict(site.nav)
    assert "编辑者" in top and "检查规则" not in top and "数据" not in top
    editors = dict(top["编辑者"])
    assert "检查规则" in editors and "数据" in editors
    rule_pages = [p.src for p in site.pages if p.src.startswith("rules/")]
    assert len(rule_pages) > 20
    staff = [s for title, target in site.nav if title != "编辑者"
             for s in (_leaves(target) if isinstance(target, list) else [target])]
    assert not [s for s in staff if s.startswith(("rules/", "data/"))]
    assert set(rule_pages) <= set(_leaves(top["编辑者"]))
    # how to revise and what the checks are is for editors; how to read and search is for staff
    assert "guide/editing.md" in _leaves(top["编辑者"]) and "guide/search.md" in staff


def test_policy_page_shows_its_mark(real):
    _, corpus, site = real
    pages = {p.src: p.markdown for p in site.pages}
    marked = [p for p in corpus.policies if p.meta.get("classification") == "内部" and p.status == "现行"]
    assert marked
    for p in marked:
        md = pages[Path(p.path).name]
        head = md.split("\n# ", 1)[0]                      # before the title: the top of the page
        assert re.search(r'<div class="bm-mark"[^>]*>.*<span class="bm-mark__level">内部</span>', head), p.relpath


def test_mark_names_the_unit_and_a_public_policy_has_none(tmp_path):
    repo = make_repo(tmp_path / "r")
    py = repo / "pyproject.toml"
    py.write_text(py.read_text(encoding="utf-8").replace(
        "[tool.baomi]\n", '[tool.baomi]\nunit = "某市统计局"\n', 1), encoding="utf-8")
    set_front(repo / "policies" / "jiaoyu-peixun.md", "classification", "公开")
    _, _, site = _site(repo)
    pages = {p.src: p.markdown for p in site.pages}
    assert '<span class="bm-mark__unit">某市统计局</span><span class="bm-mark__level">内部</span>' \
        in pages["shemi-renyuan.md"]
    assert "bm-mark" not in pages["jiaoyu-peixun.md"]


def test_articles_for_all_staff_are_listed_once(real):
    """保密守则 is addressed to 全体工作人员: its articles are on the 全体工作人员 page, and the
    other role pages link there instead of repeating them; what names a role stays on its page."""
    cfg, corpus, site = real
    pages = {p.src: p.markdown for p in site.pages}
    assert everyone_roles(cfg.data) == {"全体工作人员"}
    staff_src = "roles/quan-ti-gong-zuo-ren-yuan.md"
    staff = pages[staff_src]
    code = next(p for p in corpus.policies if p.relpath.endswith("baomi-shouze.md"))
    assert all(f"baomi-shouze/#{u.anchor}\"" in staff for u in code.units())
    mentioned = role_mentions(cfg.data)
    closure = _role_closure(cfg.data)
    role_srcs = [s for s in pages if s.startswith("roles/") and s not in ("roles/index.md", staff_src)]
    assert len(role_srcs) > 10
    staff_anchors = set(re.findall(r'href="\.\./\.\./([^"]+)"', staff))
    for src in role_srcs:
        md = pages[src]
        if any(f"baomi-shouze/#{u.anchor}\"" in md for u in code.units() if not mentioned(u.text)):
            pytest.fail(f"{src} 重复列出《保密守则》中适用于全体工作人员的条文")
        if "适用于全体工作人员的条文" in md:
            assert "](quan-ti-gong-zuo-ren-yuan.md)" in md, src
    # an article on the staff page shows again on a role page only when it names that role
    by_anchor = {}
    for p in corpus.policies:
        for u in p.units():
            by_anchor[f"{Path(p.path).stem}/#{u.anchor}"] = u
    for src in role_srcs:
        md = pages[src]
        key = next(r.key for r in cfg.data.roles if f"roles/{src.split('/')[1]}" == src
                   and md.startswith(f"# {r.name}\n"))
        for a in staff_anchors & set(re.findall(r'href="\.\./\.\./([^"]+)"', md)):
            u = by_anchor[a]
            assert mentioned(u.text) & (closure[key] - {"全体工作人员"}) or any(
                str(e.get("article")) == u.label and key in (e.get("roles") or [])
                for p in corpus.policies for e in (p.meta.get("pledge") or []) if isinstance(e, dict)), (src, a)
    leaders = pages["roles/ling-dao-gan-bu.md"]
    assert "适用于全体工作人员的条文" in leaders and leaders.count('class="bm-art"') > 0


def test_rule_pages_say_whether_a_fix_is_applied_or_only_offered(real):
    _, _, site = real
    md = {p.src: p.markdown for p in site.pages if p.src.startswith("rules/")}
    assert "可自动修复：是（baomi lint --fix）" in md["rules/bm601.md"]
    for code in ("bm410", "bm414", "bm415", "bm416", "bm905"):
        assert "可自动修复：提供修复，但不自动应用" in md[f"rules/{code}.md"] and "--unsafe-fixes" in md[f"rules/{code}.md"]
    assert "可自动修复：否" in md["rules/bm101.md"]
