"""保密承诺书 pages in Chromium: printed on A4 without navigation or the page's own hints."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def pledge(page, base_url):
    page.goto(base_url + "pledges/she-mi-ren-yuan-ligang/")
    return page


def test_pledge_screen_shows_hint_and_download(pledge):
    assert pledge.locator(".bm-pledge-tools").is_visible()
    link = pledge.locator(".bm-pledge-tools a[download]")
    assert link.get_attribute("href").endswith("she-mi-ren-yuan-ligang.docx")
    assert pledge.locator(".bm-pledge h1").inner_text() == "涉密人员离岗保密承诺书"


def test_pledge_prints_on_a4_without_navigation(pledge, artifacts):
    pledge.emulate_media(media="print")
    try:
        for sel in (".md-header", ".md-sidebar--primary", ".bm-pledge-tools", ".md-footer"):
            loc = pledge.locator(sel)
            assert loc.count() == 0 or not loc.first.is_visible(), sel
        assert pledge.locator(".bm-pledge h1").is_visible()
        # every obligation of the form cites its article with a link
        from baomi import config as cfgmod
        from baomi.generate.pledge import pledge_forms
        from baomi.lint import load_corpus
        from helpers import ROOT

        form = next(f for f in pledge_forms(load_corpus(cfgmod.load(ROOT))) if f.slug == "she-mi-ren-yuan-ligang")
        assert len(form.obligations) >= 4
        assert pledge.locator(".bm-pledge .bm-src a").count() == len(form.obligations)
        pdf = pledge.pdf(format="A4", prefer_css_page_size=True)
    finally:
        pledge.emulate_media(media="screen")
    (artifacts / "pledge-ligang.pdf").write_bytes(pdf)
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box, "PDF 中没有页面尺寸"
    w, h = float(box.group(1)), float(box.group(2))
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2        # A4 in points
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 3
