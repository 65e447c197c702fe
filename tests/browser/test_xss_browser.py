"""No injected script runs in the handbook (real Chromium).

The handbook is built from a repository whose front matter, file names, headings, article text
and copies of schemas/*.yaml carry script payloads (tests/xss_repo.py). Every page is opened;
a payload that ran would have called alert() (a dialog) or set window.__xss. The DOM must hold
no element carrying an event-handler attribute, no injected <script>, and no link whose address
is javascript:, data: or vbscript:. The search box must show the hostile text as text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from harness import search, serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import xss_repo  # noqa: E402

pytestmark = pytest.mark.browser

# every attribute that holds an address, and every element; checked in the page itself
DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const at of el.attributes) {
      const name = at.name.toLowerCase();
      if (name.startsWith('on')) bad.push(['handler', el.tagName, name, at.value]);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'].includes(name)) {
        let proto = null;
        try { proto = new URL(at.value, location.href).protocol; } catch (e) { proto = 'invalid'; }
        if (!['http:', 'https:', 'file:'].includes(proto)) bad.push(['url', el.tagName, name, at.value]);
      }
    }
  }
  for (const s of document.scripts) {
    if ((s.textContent || '').includes('__xss') || (s.textContent || '').includes('alert(')) {
      bad.push(['script', 'SCRIPT', '', s.textContent.slice(0, 80)]);
    }
  }
  for (const el of document.querySelectorAll('svg[onload], img[onerror]')) bad.push(['element', el.tagName, '', '']);
  return bad;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from baomi.config import load
    from baomi.site.build import build

    repo = xss_repo.make_hostile_repo(tmp_path_factory.mktemp("xss") / "repo")
    assert build(load(repo), quiet=True, lint=False) == 0
    site = repo / "site"
    with serve(site) as url:
        yield site, url


@pytest.fixture
def watched(page):
    """The page, with every dialog (alert/confirm/prompt) recorded and dismissed."""
    dialogs: list[str] = []

    def on_dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.dialogs = dialogs
    return page


def _pages(site: Path) -> list[str]:
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_no_injected_script_runs_on_any_page(hostile_site, watched):
    site, url = hostile_site
    pages = _pages(site)
    assert len(pages) > 50
    # the hostile files have pages at safe addresses (no scheme, no quote)
    assert "javascript-alert-9/" in pages and not any(":" in p or '"' in p or "<" in p for p in pages)
    problems = []
    for rel in pages:
        watched.goto(url + rel, wait_until="load")
        flag = watched.evaluate("() => window.__xss === undefined ? null : String(window.__xss)")
        if flag is not None:
            problems.append((rel, "window.__xss", flag))
        for bad in watched.evaluate(DOM_CHECK):
            problems.append((rel, *bad))
    assert not watched.dialogs, watched.dialogs
    assert not problems, problems[:20]
    # the scan itself sees what it looks for: a planted handler and javascript: link are reported
    watched.evaluate("() => { const a = document.createElement('a'); a.setAttribute('href', 'javascript:void 0');"
                     " a.setAttribute('onclick', 'x'); document.body.appendChild(a); }")
    kinds = {b[0] for b in watched.evaluate(DOM_CHECK)}
    assert kinds >= {"handler", "url"}


def test_hostile_title_shows_as_text_in_header_nav_and_tab(hostile_site, watched):
    _, url = hostile_site
    watched.goto(url + "javascript-alert-9/", wait_until="load")
    assert xss_repo.TITLE_A in watched.title()
    h1 = watched.locator("article h1").first.text_content()
    assert xss_repo.TITLE_A in h1
    topic = watched.locator(".md-header__topic").last.text_content()
    assert xss_repo.TITLE_A in topic
    nav = watched.eval_on_selector_all(".md-nav__link", "els => els.map(e => e.textContent)")
    assert any(xss_repo.TITLE_A in t for t in nav)
    # the heading with a payload is text in the page and in the table of contents
    toc = watched.eval_on_selector_all(".md-nav--secondary .md-nav__link", "els => els.map(e => e.textContent)")
    assert any(xss_repo.IMG in t for t in toc), toc[:5]
    # the site name is text too
    assert xss_repo.SVG in watched.title()
    # the article's Markdown and HTML links stay text
    body = watched.locator("article").first.text_content()
    assert xss_repo.JS_URL in body and "<a href=" in body
    assert watched.evaluate("() => window.__xss === undefined") and not watched.dialogs

    watched.goto(url + "x-svg-onload-alert-10/", wait_until="load")
    assert xss_repo.TITLE_B.replace("\"", "\"") in watched.title()


def test_search_shows_hostile_text_as_text(hostile_site, watched):
    _, url = hostile_site
    watched.goto(url, wait_until="load")
    hits = search(watched, xss_repo.SEARCH_WORD)
    ours = [h for h in hits if xss_repo.SEARCH_WORD in h["text"]]
    assert ours, hits[:3]
    assert any(h["title"] in (xss_repo.TITLE_A, xss_repo.TITLE_B) for h in ours)
    assert any(xss_repo.IMG in h["text"] for h in ours)
    for h in hits:
        assert h["href"].startswith(url), h["href"]
    injected = watched.evaluate(
        "() => document.querySelectorAll('.bm-search__list img, .bm-search__list svg, .bm-search__list script,"
        " .bm-search__list [onerror], .bm-search__list [onload]').length")
    assert injected == 0
    # open the first hit: the article page, no script
    watched.locator(".bm-hit").first.click()
    watched.wait_for_load_state("load")
    assert watched.evaluate("() => window.__xss === undefined") and not watched.dialogs
    for bad in watched.evaluate(DOM_CHECK):
        pytest.fail(f"{watched.url}: {bad}")
