"""The handbook in headless Chromium: staff questions, article anchors, no network, screenshots."""

from __future__ import annotations

from urllib.parse import unquote, urlparse

import pytest
from harness import search

pytestmark = pytest.mark.browser

# (query, policy title, article) — the article a member of staff asking this is looking for
QUESTIONS = [
    ("涉密计算机接入互联网", "信息系统和信息设备保密管理制度", "第十八条"),      # unspaced, three words
    ("借阅绝密文件", "国家秘密载体保密管理制度", "第二十条"),                  # unspaced, three words
    ("手机带入要害部位", "保密要害部门部位管理制度", "第十二条"),              # unspaced + synonyms
    ("因私出国审批", "涉密人员保密管理制度", "第十五条"),
    ("泄密事件报告", "泄密事件报告和查处办法", "第五条"),
    ("涉密会议 手机", "涉密会议和活动保密管理制度", "第八条"),                 # spaced words
    ("定密责任人", "定密管理制度", "第五条"),
    ("tuomiqi", "涉密人员保密管理制度", "第二十一条"),                         # full pinyin
    ("tmq", "涉密人员保密管理制度", "第二十一条"),                             # pinyin initials
    ("bmwyh", "保密工作责任制规定", "第六条"),                                 # initials of 保密委员会
    ("銷毀涉密載體", "国家秘密载体保密管理制度", "第二十六条"),                # Traditional
    ("保密審查", "宣传报道和信息公开保密审查制度", "第三条"),                  # Traditional
    ("U盘", "信息系统和信息设备保密管理制度", "第十四条"),                     # synonym → 移动存储介质
    ("复印绝密", "国家秘密载体保密管理制度", "第十三条"),                      # synonym 复印 → 复制
]


@pytest.mark.parametrize("query,title,label", QUESTIONS, ids=[q for q, _, _ in QUESTIONS])
def test_staff_question_finds_article(home, query, title, label):
    hits = search(home, query)
    top = [(h["title"], h["label"]) for h in hits[:5]]
    assert (title, label) in top, f"{query}: {top}"


def test_all_words_rank_above_some(home):
    """An unspaced query of several words: articles holding all of them come before articles
    holding only some (judged on the articles' full text, not on the snippets)."""
    from pathlib import Path

    from baomi.config import load
    from baomi.lint import load_corpus

    root = Path(__file__).resolve().parents[2]
    units = {(Path(p.path).stem, u.anchor): u.text for p in load_corpus(load(root)).policies for u in p.units()}
    words = ("涉密计算机", "接入", "互联网")
    hits = search(home, "涉密计算机接入互联网")
    full = []
    for h in hits:
        u = urlparse(h["href"])
        text = units[(unquote(u.path).strip("/").split("/")[-1], u.fragment)]
        full.append(all(w in text for w in words))
    assert full and full[0], hits[:3]
    assert full == sorted(full, reverse=True), full       # no partial match above a full one


def test_synonym_hit_is_highlighted(home):
    search(home, "U盘")
    marks = home.eval_on_selector_all(".bm-hit mark", "els => els.map(e => e.textContent)")
    assert "移动存储介质" in marks


def test_click_lands_on_article_anchor(page, base_url, artifacts):
    page.goto(base_url)
    hits = search(page, "tuomiqi")
    page.screenshot(path=str(artifacts / "search.png"))
    page.locator(".bm-hit").first.click()
    page.wait_for_load_state("load")
    frag = urlparse(page.url).fragment
    assert frag == urlparse(hits[0]["href"]).fragment and frag.startswith("art-")
    box = page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                        " return [r.top, r.bottom, innerHeight]; }", frag)
    assert 0 <= box[0] < box[2], box                      # the article is on screen
    assert page.locator(".bm-search__panel").is_hidden()


def _pages(site) -> list[str]:
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_crawl_makes_no_outside_request(chromium, built_site, base_url):
    ctx = chromium.new_context()
    seen: list[str] = []
    ctx.on("request", lambda r: seen.append(r.url))
    page = ctx.new_page()
    pages = _pages(built_site)
    assert len(pages) > 20
    for rel in pages:
        page.goto(base_url + rel, wait_until="load")
    search(page, "涉密计算机")
    ctx.close()
    outside = sorted({u for u in seen if not u.startswith(base_url) and not u.startswith("data:")})
    assert not outside, outside
    assert any("/search/meta.json" in u for u in seen)
    assert not any(u.endswith("search_index.json") for u in seen)   # no stock Material index


def test_index_is_loaded_lazily(page, base_url):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url, wait_until="load")
    assert not any("/search/" in u for u in requested)
    page.locator("#bm-search-input").focus()
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/search/meta.json'))")


def test_search_aids_never_show_on_pages(page, base_url):
    page.goto(base_url + "shemi-renyuan/")
    text = page.evaluate("document.body.innerText")
    assert "脱密期" in text
    for hidden in ("tuomiqi", "tmq", "銷毀", "u盘"):
        assert hidden not in text.lower()


def test_screenshots_home_policy_role(page, base_url, built_site, artifacts):
    page.goto(base_url)
    assert page.locator("#bm-search-input").is_visible()
    page.screenshot(path=str(artifacts / "home.png"))
    page.goto(base_url + "shemi-renyuan/#art-21")
    assert page.locator("#art-21 .bm-label").inner_text() == "第二十一条"
    assert page.locator(".bm-meta").is_visible()
    page.screenshot(path=str(artifacts / "policy.png"))
    role = next(p for p in _pages(built_site) if p.startswith("roles/") and p != "roles/")
    page.goto(base_url + role)
    assert page.locator(".bm-art").count() > 0
    page.screenshot(path=str(artifacts / "role.png"), full_page=False)


def test_article_links_resolve(page, base_url, built_site):
    """Every cross-reference and backlink points at an element that exists."""
    page.goto(base_url + "zaiti/")
    links = page.eval_on_selector_all("a.bm-xref, .bm-cited a", "els => els.map(a => a.href)")
    checked = 0
    for href in links:
        u = urlparse(href)
        if not u.fragment:
            continue
        rel = unquote(u.path).lstrip("/")
        html = (built_site / rel / "index.html") if not rel.endswith(".html") else built_site / rel
        if (u.path.rstrip("/").endswith("laws")):
            html = built_site / "laws" / "index.html"
        assert f'id="{unquote(u.fragment)}"' in html.read_text(encoding="utf-8"), href
        checked += 1
    assert checked > 0


def test_copy_link_puts_the_article_address_on_the_clipboard(chromium, base_url):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    p = ctx.new_page()
    try:
        p.goto(base_url + "shemi-renyuan/")
        art = p.locator("#art-10")
        art.hover()
        art.locator("a.bm-copy").click()
        p.wait_for_function("() => location.hash === '#art-10'")
        copied = p.evaluate("navigator.clipboard.readText()")
        assert copied == base_url + "shemi-renyuan/#art-10"
        assert "本条被引用" in p.locator("#art-10 .bm-cited").inner_text()
    finally:
        ctx.close()
