"""Page generation: anchors, metadata, links, publishing guard (no MkDocs involved)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import make_repo, set_front  # noqa: E402

from baomi.config import load  # noqa: E402
from baomi.lint import load_corpus  # noqa: E402
from baomi.site.pages import build_site  # noqa: E402
from baomi.site.urls import page_url, relative, src_link  # noqa: E402


def test_relative_urls():
    assert relative("a/", "b/#art-3") == "../b/#art-3"
    assert relative("a/", "a/#art-3") == "#art-3"
    assert relative("roles/x/", "laws/#law-保密法") == "../../laws/#law-保密法"
    assert relative("", "a/") == "a/"
    assert relative("a/", "") == "../"
    assert page_url("roles/index.md") == "roles/" and page_url("index.md") == ""
    assert page_url("x.md", directory_urls=False) == "x.html"
    assert src_link("roles/index.md", "roles/a.md") == "a.md"
    assert src_link("index.md", "guide/index.md") == "guide/index.md"


def _site(repo: Path, **kw):
    cfg = load(repo)
    corpus = load_corpus(cfg)
    corpus.ensure_references()
    return corpus, build_site(corpus, cfg, **kw)


@pytest.fixture(scope="module")
def real():
    root = Path(__file__).resolve().parents[1]
    return _site(root)


def test_every_article_and_item_has_its_anchor(real):
    corpus, site = real
    pages = {p.src: p for p in site.pages}
    n = 0
    for pol in corpus.policies:
        page = pages.get(Path(pol.path).name)
        if page is None:
            continue
        for art in pol.articles:
            assert f'id="{art.anchor}"' in page.markdown
            n += 1
            for k, para in enumerate(art.paragraphs):
                for item in para.items:
                    assert f'id="{art.item_anchor(k, item)}"' in page.markdown
    assert n > 100


def test_policy_page_has_metadata_panel(real):
    corpus, site = real
    pol = next(p for p in corpus.policies if p.status == "现行" and p.style == "条款式")
    page = next(p for p in site.pages if p.src == Path(pol.path).name)
    for label in ("编号", "归口部门", "适用范围", "状态", "施行日期", "修订日期", "上位法依据", "自查自评事项"):
        assert f"<dt>{label}</dt>" in page.markdown
    assert pol.meta["id"] in page.markdown
    # covered checklist items link to the coverage page
    for c in pol.meta.get("covers") or []:
        assert f'checklist/#item-{c}"' in page.markdown


def test_generated_pages_exist(real):
    _, site = real
    srcs = {p.src for p in site.pages}
    for s in ("index.md", "roles/index.md", "checklist.md", "laws.md", "rules/index.md", "guide/index.md"):
        assert s in srcs
    assert any(s.startswith("roles/") and s != "roles/index.md" for s in srcs)
    assert any(re.match(r"rules/bm\d{3}\.md$", s) for s in srcs)


def test_records_are_articles_with_anchors(real):
    corpus, site = real
    assert site.records
    for r in site.records[:50]:
        assert r.url.endswith("/") and (r.anchor.startswith("art-") or r.anchor.startswith("sec-"))
        assert r.text


def test_text_is_escaped(tmp_path):
    repo = make_repo(tmp_path / "r")
    f = next(p for p in sorted((repo / "policies").glob("*.md")) if "\n第二条 " in p.read_text(encoding="utf-8"))
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("第二条 ", "第二条 <script>alert(1)</script>", 1), encoding="utf-8")
    _, site = _site(repo)
    md = next(p.markdown for p in site.pages if p.src == f.name)
    assert "<script>alert" not in md and "&lt;script&gt;alert(1)" in md


def test_guard_drafts_repealed_and_classified(tmp_path):
    repo = make_repo(tmp_path / "r")
    files = sorted((repo / "policies").glob("*.md"))
    draft, repealed, secret, marked = files[:4]
    set_front(draft, "status", "草案")
    set_front(repealed, "status", "废止")
    set_front(secret, "classification", "机密")
    body = marked.read_text(encoding="utf-8")
    marked.write_text(body.replace("\n# ", "\n机密★5年\n\nZQXJ-PLANTED-TOKEN\n\n# ", 1), encoding="utf-8")
    _, site = _site(repo)
    srcs = {p.src for p in site.pages}
    assert draft.name not in srcs and secret.name not in srcs and marked.name not in srcs
    assert repealed.name in srcs
    urls = {r.url for r in site.records}
    assert page_url(repealed.name) not in urls                # 废止: not searchable
    everything = "".join(p.markdown for p in site.pages) + "".join(r.text for r in site.records)
    assert "ZQXJ-PLANTED-TOKEN" not in everything
    home = next(p.markdown for p in site.pages if p.src == "index.md")
    assert "已废止制度" in home
    withheld = dict(site.withheld)
    assert set(withheld) >= {f"policies/{draft.name}", f"policies/{secret.name}", f"policies/{marked.name}"} or \
        len(withheld) >= 3
    _, with_drafts = _site(repo, drafts=True)
    assert draft.name in {p.src for p in with_drafts.pages}


def test_checklist_page_shows_what_the_text_proves(tmp_path):
    """The page reflects the clause check, not only the covers claims; drafts stay unnamed."""
    repo = make_repo(tmp_path / "r")
    personnel = repo / "policies" / "shemi-renyuan.md"
    personnel.write_text(personnel.read_text(encoding="utf-8").replace("保密承诺书", "承诺"), encoding="utf-8")
    set_front(repo / "policies" / "dingmi.md", "status", "草案")
    corpus, site = _site(repo)
    page = next(p for p in site.pages if p.src == "checklist.md").markdown
    row = re.search(r'<tr id="item-4\.2">.*?</tr>', page, re.S).group(0)
    assert "缺少强制条款" in row and "缺：上岗时签订保密承诺书" in row
    assert 'href="../shemi-renyuan/#art-' in row                  # the articles that do satisfy it
    # per clause, the article that satisfies it
    assert re.search(r'<li>上岗前进行保密审查：<a href="\.\./shemi-renyuan/#art-\d+">第[一二三四五六七八九十]+条</a>', row), row
    assert "缺少强制条款：0 项" not in page and "共 58 项" in page
    assert "《定密管理制度》" not in page and "dingmi" not in page   # a draft is not published (its title, its link)
    dingmi = re.search(r'<tr id="item-5\.1">.*?</tr>', page, re.S).group(0)
    assert "未声明" in dingmi


def test_the_guide_tells_how_to_print_a_pledge(real):
    _, site = real
    guide = next(p for p in site.pages if p.src == "guide/index.md").markdown
    section = guide[guide.index("## 打印保密承诺书"):]
    for step in ("“保密承诺书”", "打印", "A4", "下载 Word 文档", "签名", "脱密期"):
        assert step in section, step


def test_repealed_policy_is_bannered_and_off_the_role_pages(tmp_path):
    repo = make_repo(tmp_path / "r")
    _, before = _site(repo)
    title = "涉密人员保密管理制度"
    roles_before = [p.src for p in before.pages if p.src.startswith("roles/") and f"## {title}" in p.markdown]
    assert roles_before, "the personnel rules bind some role"
    set_front(repo / "policies" / "shemi-renyuan.md", "status", "废止")
    _, after = _site(repo)
    page = next(p.markdown for p in after.pages if p.src == "shemi-renyuan.md")
    assert "本制度已废止" in page
    assert [p.src for p in after.pages if p.src.startswith("roles/") and f"## {title}" in p.markdown] == []


def test_every_resolved_citation_is_a_link(real):
    """Each citation the corpus index resolved (in an article, to a published target) is a link."""
    from collections import Counter
    from html import unescape

    corpus, site = real
    pages = {p.src: p.markdown for p in site.pages}
    total = 0
    for pol in corpus.policies:
        md = pages.get(Path(pol.path).name)
        if md is None:
            continue
        want = Counter(r.text for r in corpus.references
                       if r.source is pol and r.resolved and r.source_article is not None and r.kind != "pledge"
                       and (r.kind == "law" and r.target_law or r.target_policy is not None and r.article))
        have = Counter(unescape(t) for t in re.findall(r'<a class="bm-xref" href="[^"]+">([^<]+)</a>', md))
        assert not (want - have), (pol.relpath, want - have)
        total += sum(want.values())
    assert total > 40


def test_role_pages_follow_the_words_of_roles_yaml(real):
    """An article binds a role when it names it by a word of roles.yaml (key or `mentions`),
    longest word first; a policy addressed to one role binds it in the articles naming none."""
    corpus, site = real
    pages = {p.src: p.markdown for p in site.pages}
    staff = pages["roles/quan-ti-gong-zuo-ren-yuan.md"]
    key_dept = pages["roles/bao-mi-yao-hai-bu-men-gong-zuo-ren-yuan.md"]
    code = next(p for p in corpus.policies if p.relpath.endswith("baomi-shouze.md"))
    assert all(f"baomi-shouze/#{u.anchor}" in staff for u in code.units())      # the 守则, whole
    yaohai = next(p for p in corpus.policies if p.relpath.endswith("yaohai-buwei.md"))
    only_key = [u for u in yaohai.units() if "保密要害部门工作人员" in u.text
                and "工作人员" not in u.text.replace("保密要害部门工作人员", "")
                and not any(w in u.text for w in ("涉密人员", "全体", "领导", "外来人员"))]
    assert only_key
    for u in only_key:
        assert f"yaohai-buwei/#{u.anchor}\"" in key_dept
        assert f"yaohai-buwei/#{u.anchor}\"" not in staff                       # not 工作人员 as well
    mentions = next(p for p in corpus.policies if p.relpath.endswith("dangan.md"))
    by_word = [u for u in mentions.units() if "档案人员" in u.text or "档案工作人员" in u.text]
    for u in by_word:                                                          # a `mentions` word
        assert f"dangan/#{u.anchor}\"" in pages["roles/dang-an-guan-li-ren-yuan.md"]


def test_rule_pages_are_lookup_only_records(real):
    # a rule code typed into the search box leads to its rule page (编辑者 › 检查规则)
    corpus, site = real
    rules = [r for r in site.records if r.lookup_only]
    assert rules and all(re.fullmatch(r"BM\d{3}", r.pid) and r.url == f"rules/{r.pid.lower()}/" for r in rules)
    assert any(r.pid == "BM201" and r.title.startswith("BM201 ") for r in rules)
    assert all(r.anchor.startswith(("art-", "sec-")) for r in site.records if not r.lookup_only)
