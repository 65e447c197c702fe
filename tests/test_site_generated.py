"""The handbook's generated documents, built from the shipped rule book: 保密承诺书 pages and their
.docx, the 自查自评表 download, the 数据 section and the front-matter schema (issues 3, 7, 8)."""

from __future__ import annotations

import html
import json
import posixpath
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.lint import load_corpus  # noqa: E402
from baomi.site.build import build  # noqa: E402

pytestmark = pytest.mark.slow
# (the cold build time is a benchmark figure: benchmarks/bench_site.py --shipped)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped corpus (not in Git: a copy) built once, with empty caches; (repo, seconds)."""
    repo = make_repo(tmp_path_factory.mktemp("repo"))
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(cache))
        t0 = time.perf_counter()
        assert build(load(repo), quiet=True) == 0
        seconds = time.perf_counter() - t0
    return repo, seconds


@pytest.fixture(scope="module")
def corpus(built):
    c = load_corpus(load(built[0]))
    c.ensure_references()
    return c


def _page(site: Path, url_path: str) -> Path:
    """The HTML file served for a site URL path (directory URLs)."""
    p = site / url_path.lstrip("/")
    return p / "index.html" if url_path.endswith("/") or p.is_dir() else p


def _ids(page: Path, cache: dict) -> set[str]:
    if page not in cache:
        cache[page] = set(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))
    return cache[page]


def test_one_pledge_page_and_docx_per_form(built, corpus):
    from docx import Document

    from baomi.generate.pledge import pledge_forms

    site = built[0] / "site"
    forms = pledge_forms(corpus)
    assert len(forms) >= 10
    index = (site / "pledges" / "index.html").read_text(encoding="utf-8")
    for f in forms:
        page = site / "pledges" / f.slug / "index.html"
        text = page.read_text(encoding="utf-8")
        assert f"<h1>{html.escape(f.title)}</h1>" in text
        assert "打印" in text and 'class="bm-noprint bm-pledge-tools"' in text
        assert f'href="../{f.slug}.docx"' in text
        assert f'href="{f.slug}/"' in index
        for ob in f.obligations:
            assert html.escape(ob.citation) in text
        doc = Document(str(site / "pledges" / f"{f.slug}.docx"))
        body = "\n".join(p.text for p in doc.paragraphs)
        assert f.title in body
        assert all(ob.citation in body for ob in f.obligations)
        assert doc.tables, f.slug
    kinds = {f.kind for f in forms}
    assert kinds == {"上岗", "在岗", "离岗"}


def test_every_pledge_citation_links_to_an_existing_anchor(built, corpus):
    site = built[0] / "site"
    ids: dict = {}
    n = 0
    for page in (site / "pledges").glob("*/index.html"):
        text = page.read_text(encoding="utf-8")
        cites = re.findall(r'<p class="bm-src">（<a href="([^"]+)">([^<]+)</a>）</p>', text)
        items = text.count("<li data-policy=")
        assert cites and len(cites) == items, page
        for href, label in cites:
            path, _, anchor = href.partition("#")
            assert anchor, href
            here = "/" + page.parent.relative_to(site).as_posix() + "/"
            target = _page(site, posixpath.normpath(posixpath.join(here, path)) + "/")
            assert target.is_file(), (page, href)
            assert anchor in _ids(target, ids), (page, href, label)
            title = html.unescape(label).partition("》")[0].lstrip("《")
            assert f"<h1" in target.read_text(encoding="utf-8") and title in target.read_text(encoding="utf-8")
            n += 1
    assert n > 100


def test_pledge_section_in_navigation_and_print_css(built):
    site = built[0] / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "保密承诺书" in home and 'href="pledges/"' in home
    css = (site / "assets" / "baomi" / "baomi.css").read_text(encoding="utf-8")
    printing = css[css.index("@media print"):]
    assert "size: A4" in printing and ".md-sidebar" in printing and ".bm-noprint" in printing
    gen = (site / "assets" / "baomi" / "generated.css").read_text(encoding="utf-8")
    assert ".bm-pledge" in gen and "table.bm-diff" in gen
    page = next((site / "pledges").glob("*/index.html")).read_text(encoding="utf-8")
    assert "assets/baomi/generated.css" in page


def test_checklist_docx_downloadable(built):
    from docx import Document

    site = built[0] / "site"
    page = (site / "checklist" / "index.html").read_text(encoding="utf-8")
    m = re.search(r'href="([^"]+\.docx)" download', page)
    assert m, "自查自评对照页面应有 Word 下载链接"
    target = Path(posixpath.normpath(str(site / "checklist" / m.group(1))))
    doc = Document(str(target))
    assert doc.tables and len(doc.tables[0].rows) > 50


def test_not_in_git_no_revision_block(built):
    site = built[0] / "site"
    for page in ("shemi-renyuan", "zaiti", "baomi-shouze"):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        assert "bm-history" not in text and "修订记录" not in text


def test_data_pages_list_every_checklist_item_and_term(built):
    from baomi.data import Data

    repo = built[0]
    site = repo / "site"
    data = load(repo).data
    page = (site / "data" / "checklist" / "index.html").read_text(encoding="utf-8")
    from baomi.checklist import checklist_of

    items = checklist_of(data).items
    assert len(items) > 50
    for iid, item in items.items():
        assert f'id="item-{iid}"' in page, iid
        for clause in item.clauses:
            assert html.escape(clause.must, quote=False) in page, clause.id
    terms = (site / "data" / "terms" / "index.html").read_text(encoding="utf-8")
    entries = data.load("terms")["terms"]
    assert len(entries) >= 60
    for e in entries:
        shown = e.get("wrong") or e.get("pattern")
        assert html.escape(shown) in terms, shown
    roles = (site / "data" / "roles" / "index.html").read_text(encoding="utf-8")
    for r in data.roles:
        assert f'id="role-{r.key}"' in roles
    laws = (site / "data" / "laws" / "index.html").read_text(encoding="utf-8")
    for r in next(e for e in data.laws if e.key == "保密法").renumbered:
        assert html.escape(r.topic) in laws
    assert "第十条</td><td>第十四条" in laws and "第三十八条</td><td>第四十六条" in laws
    syn = (site / "data" / "synonyms" / "index.html").read_text(encoding="utf-8")
    assert "移动存储介质" in syn and "U盘" in syn
    cats = (site / "data" / "categories" / "index.html").read_text(encoding="utf-8")
    assert all(html.escape(c.name) in cats for c in data.categories)
    # the schema as the package returns it, and how to use it in VS Code
    schema = json.loads((site / "data" / "policy.schema.json").read_text(encoding="utf-8"))
    assert schema == Data([repo / "schemas"]).schema()
    index = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="policy.schema.json"' in index and "yaml.schemas" in index and ".vscode/settings.json" in index
