"""The handbook as staff see it on a desktop (1366×900) and a phone (390×844), issue 22: the
sidebar headings, the table of contents following the chapter, the phone header, the checklist
table, the 内部 mark, the editors' section, role pages, page titles. Screenshots of both sizes go
to tests/artifacts/ (CI keeps them)."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def desktop(chromium):
    ctx = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def phone(chromium):
    ctx = chromium.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True,
                               device_scale_factor=2)
    yield ctx.new_page()
    ctx.close()


def _shot(page, artifacts, name: str) -> None:
    size = page.viewport_size
    page.screenshot(path=str(artifacts / f"{name}-{size['width']}x{size['height']}.png"))


COVERED = """(wrapSel) => {
  // every navigation entry fully inside the scrolled sidebar is what the reader sees at its top
  // and bottom edge: nothing (a sticky heading) lies over it
  const wrap = document.querySelector(wrapSel);
  const w = wrap.getBoundingClientRect();
  const bad = [];
  for (const a of wrap.querySelectorAll('.md-nav__link')) {
    const r = a.getBoundingClientRect();
    if (r.height < 4 || r.width < 4 || r.top < w.top || r.bottom > w.bottom) continue;
    for (const y of [r.top + 2, r.bottom - 2]) {
      const hit = document.elementFromPoint(r.left + Math.min(8, r.width / 2), y);
      if (!hit || !(a === hit || a.contains(hit) || hit.contains(a)))
        bad.push([a.textContent.trim().slice(0, 20), hit ? hit.textContent.trim().slice(0, 20) : null]);
    }
  }
  return bad;
}"""


@pytest.mark.parametrize("path", ["xinxi-xitong/", "checklist/"])
def test_sidebar_heading_never_covers_an_item(desktop, base_url, artifacts, path):
    desktop.goto(base_url + path)
    for wrap in (".md-sidebar--primary .md-sidebar__scrollwrap", ".md-sidebar--secondary .md-sidebar__scrollwrap"):
        if not desktop.locator(wrap).is_visible():
            continue
        height = desktop.evaluate("s => document.querySelector(s).scrollHeight", wrap)
        for top in range(0, height, 53):           # half-scrolled items at many offsets
            desktop.evaluate("([s, y]) => { document.querySelector(s).scrollTop = y; }", [wrap, top])
            bad = desktop.evaluate(COVERED, wrap)
            assert not bad, (path, wrap, top, bad[:3])
    desktop.evaluate("s => { document.querySelector(s).scrollTop = 137; }",
                     ".md-sidebar--primary .md-sidebar__scrollwrap")
    _shot(desktop, artifacts, f"sidebar-{path.strip('/')}")


ACTIVE = """(id) => {
  const el = document.getElementById(id);
  let want = null;
  for (const h of document.querySelectorAll('.md-content h2[id], .md-content h3[id]'))
    if (h === el || (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) want = '#' + h.id;
  const on = [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link--active')].map(a => a.hash);
  return [want, on];
}"""


@pytest.mark.parametrize("path", ["xinxi-xitong/", "zaiti/", "baomi-shouze/"])
def test_table_of_contents_follows_the_chapter(desktop, base_url, artifacts, path):
    """Every article, reached by its address (a search hit, a citation), lights up its own
    chapter in the table of contents; so does every chapter reached from the table of contents,
    the last ones included (they used to light up the last chapter, or lag behind)."""
    desktop.goto(base_url + path)
    ids = desktop.eval_on_selector_all(".md-content .bm-art[id], .md-content .bm-unit[id]", "els => els.map(e => e.id)")
    assert len(ids) > 10
    wrong = []
    for i in ids:
        desktop.evaluate("id => { location.hash = id; }", i)
        desktop.wait_for_timeout(120)
        want, on = desktop.evaluate(ACTIVE, i)
        if want is not None and on != [want]:
            wrong.append((i, want, on))
    assert not wrong, wrong[:5]
    links = desktop.eval_on_selector_all(".md-sidebar--secondary a.md-nav__link", "els => els.map(a => a.hash)")
    assert len(links) >= 3
    for h in links:
        desktop.click(f".md-sidebar--secondary a.md-nav__link[href='{h}']")
        desktop.wait_for_timeout(300)
        on = desktop.eval_on_selector_all(".md-sidebar--secondary a.md-nav__link--active", "els => els.map(a => a.hash)")
        assert on == [h], (h, on)
        top = desktop.evaluate("id => document.getElementById(id).getBoundingClientRect().top", h[1:])
        header = desktop.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert header <= top < 900 / 2, (h, top)       # under the header, at the top of the screen
    _shot(desktop, artifacts, f"toc-{path.strip('/')}")


PLACEHOLDER = """() => {
  const box = document.querySelector('#bm-search-input');
  const s = getComputedStyle(box);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const text = ctx.measureText(box.placeholder).width;
  const room = box.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  const r = box.getBoundingClientRect();
  return {text, room, left: r.left, right: r.right, vw: innerWidth};
}"""

TITLE = """() => {
  const t = document.querySelector('.md-header__topic .md-ellipsis');
  const r = t.getBoundingClientRect();
  return {text: t.textContent.trim(), scroll: t.scrollWidth, client: t.clientWidth, right: r.right, vw: innerWidth};
}"""


@pytest.mark.parametrize("path,name", [("", "home"), ("xinxi-xitong/", "policy"), ("roles/ling-dao-gan-bu/", "role")])
def test_phone_shows_title_and_search_whole(phone, base_url, artifacts, path, name):
    phone.goto(base_url + path)
    title = phone.evaluate(TITLE)
    assert title["text"] == "保密制度汇编"
    assert title["scroll"] <= title["client"] and title["right"] <= title["vw"], title     # not 保密制度…
    box = phone.evaluate(PLACEHOLDER)
    assert box["text"] <= box["room"], box                                                    # placeholder whole
    assert 0 <= box["left"] and box["right"] <= box["vw"], box
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")              # no sideways page
    _shot(phone, artifacts, name)


def test_phone_anchor_lands_below_the_taller_header(phone, base_url):
    phone.goto(base_url + "shemi-renyuan/#art-21")
    phone.wait_for_timeout(300)
    header = phone.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = phone.evaluate("document.getElementById('art-21').getBoundingClientRect().top")
    assert header <= top < 844 / 2, (header, top)


def test_checklist_table_uses_the_width(desktop, phone, base_url, artifacts):
    desktop.goto(base_url + "checklist/")
    assert not desktop.locator(".md-sidebar--secondary").is_visible()        # no empty 目录 column
    table = desktop.evaluate("document.querySelector('table.bm-cov').getBoundingClientRect().width")
    content = desktop.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    assert table >= content - 80 and table > 850, (table, content)
    _shot(desktop, artifacts, "checklist")
    phone.goto(base_url + "checklist/")
    wide = phone.evaluate("""() => { const w = document.querySelector('.bm-wide');
      return [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]; }""")
    assert wide[2] == "auto" and wide[0] > wide[1], wide                     # it scrolls sideways …
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")   # … the page does not
    cols = phone.evaluate("[...document.querySelectorAll('table.bm-cov tbody tr:not(.area) td')].slice(0, 4)"
                          ".map(td => td.getBoundingClientRect().width)")
    assert min(cols) > 40 and cols[1] > 150, cols                              # text not squeezed
    _shot(phone, artifacts, "checklist")


def test_policy_page_shows_its_mark_on_screen_and_in_print(desktop, phone, base_url, artifacts):
    for page in (desktop, phone):
        page.goto(base_url + "shemi-renyuan/")
        mark = page.locator(".md-content .bm-mark")
        assert mark.is_visible() and mark.inner_text().strip() == "内部"
        box = mark.bounding_box()
        h1 = page.locator(".md-content h1").bounding_box()
        assert box["y"] <= h1["y"] + h1["height"], (box, h1)                  # at the top of the page
        _shot(page, artifacts, "policy-mark")
    desktop.emulate_media(media="print")
    try:
        assert desktop.locator(".md-content .bm-mark").is_visible()
        assert not desktop.locator(".md-header").is_visible()
        pdf = desktop.pdf(format="A4")
    finally:
        desktop.emulate_media(media="screen")
    (artifacts / "policy-mark.pdf").write_bytes(pdf)


def _pdf_title(pdf: bytes) -> str:
    m = re.search(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))", pdf)
    assert m, "PDF 中没有标题"
    raw = m.group(1)
    if raw.startswith(b"<"):
        data = bytes.fromhex(raw[1:-1].decode())
    else:
        data = re.sub(rb"\\(.)", rb"\1", raw[1:-1])
    return data.decode("utf-16") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


def test_pledge_page_has_its_chinese_title_in_tab_and_pdf(desktop, base_url, artifacts):
    desktop.goto(base_url + "pledges/she-mi-ren-yuan-ligang/")
    assert desktop.title() == "涉密人员离岗保密承诺书 - 保密制度汇编"
    _shot(desktop, artifacts, "pledge")
    desktop.emulate_media(media="print")
    try:
        pdf = desktop.pdf(format="A4", prefer_css_page_size=True)
    finally:
        desktop.emulate_media(media="screen")
    assert _pdf_title(pdf).startswith("涉密人员离岗保密承诺书")
    # the other pages not in the navigation are titled in Chinese too
    for path in ("pledges/", "pledges/she-mi-ren-yuan-shanggang/", "data/roles/"):
        desktop.goto(base_url + path)
        assert re.search("[\u4e00-\u9fff]", desktop.title().split(" - ")[0]), (path, desktop.title())


def test_editors_pages_are_in_their_own_section(desktop, base_url):
    desktop.goto(base_url + "rules/bm001/")          # the section is open (navigation.prune)
    sections = desktop.eval_on_selector_all(
        ".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item",
        "els => els.map(li => [li.querySelector(':scope > .md-nav__link, :scope > label').textContent.trim(),"
        " [...li.querySelectorAll('a.md-nav__link')].map(a => a.textContent.trim())])")
    by_name = {name: links for name, links in sections}
    assert "编辑者" in by_name, list(by_name)
    rules = [t for t in by_name["编辑者"] if re.match(r"BM\d{3}", t)]
    assert len(rules) > 20
    for name, links in sections:
        if name != "编辑者":
            assert not [t for t in links if re.match(r"BM\d{3}", t)], name


def test_role_page_links_to_the_staff_page(desktop, base_url, artifacts):
    desktop.goto(base_url + "roles/ling-dao-gan-bu/")
    link = desktop.locator(".md-content a", has_text="全体工作人员").last
    assert link.is_visible()
    link.click()
    desktop.wait_for_load_state("load")
    assert desktop.url.rstrip("/").endswith("roles/quan-ti-gong-zuo-ren-yuan")
    assert desktop.locator(".md-content .bm-art").count() > 30
    _shot(desktop, artifacts, "role-staff")


def test_printed_pledge_never_leaves_the_signature_alone(desktop, base_url, artifacts, tmp_path):
    """Every form printed from the browser: the page with the signature also carries the
    closing sentence (the end of the form is one block a page never splits; 11 of the 53 forms
    put the signature alone on the second page before)."""
    import shutil
    import subprocess

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext is installed by scripts/bootstrap.sh --dev (poppler-utils)")
    from baomi import config as cfgmod
    from baomi.generate.pledge import pledge_forms
    from baomi.lint import load_corpus
    from helpers import ROOT

    forms = pledge_forms(load_corpus(cfgmod.load(ROOT)))
    several = 0
    for f in forms:
        desktop.goto(base_url + f"pledges/{f.slug}/")
        desktop.emulate_media(media="print")
        try:
            pdf = desktop.pdf(format="A4", prefer_css_page_size=True)
        finally:
            desktop.emulate_media(media="screen")
        path = tmp_path / f"{f.slug}.pdf"
        path.write_bytes(pdf)
        pages = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True,
                               timeout=60).stdout.split("\f")
        pages = [re.sub(r"\s+", "", p) for p in pages if p.strip()]
        several += len(pages) >= 2
        [sign] = [p for p in pages if "承诺人签名" in p]
        assert re.sub(r"\s+", "", f.closing) in sign, f.slug
        assert pages.index(sign) == len(pages) - 1, f.slug
    assert several > 10                                 # forms long enough to test the page break
