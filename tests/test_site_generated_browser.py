"""保密承诺书 pages in Chromium: printed on A4 without navigation or the page's own hints."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import browser, chromium_path, make_repo, serve  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from baomi.config import load
    from baomi.site.build import build

    if chromium_path() is None:
        pytest.fail("找不到 /usr/bin/chromium（apt-get install -y chromium）")
    repo = make_repo(tmp_path_factory.mktemp("handbook"))
    assert build(load(repo), quiet=True, lint=False) == 0
    with serve(repo / "site") as url, browser() as b:
        p = b.new_page()
        p.goto(url + "pledges/she-mi-ren-yuan-ligang/")
        yield p
        p.close()


def test_pledge_screen_shows_hint_and_download(page):
    assert page.locator(".bm-pledge-tools").is_visible()
    link = page.locator(".bm-pledge-tools a[download]")
    assert link.get_attribute("href").endswith("she-mi-ren-yuan-ligang.docx")
    assert page.locator(".bm-pledge h1").inner_text() == "涉密人员离岗保密承诺书"


def test_pledge_prints_on_a4_without_navigation(page):
    page.emulate_media(media="print")
    try:
        for sel in (".md-header", ".md-sidebar--primary", ".bm-pledge-tools", ".md-footer"):
            loc = page.locator(sel)
            assert loc.count() == 0 or not loc.first.is_visible(), sel
        assert page.locator(".bm-pledge h1").is_visible()
        assert page.locator(".bm-pledge .bm-src a").count() >= 5
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        page.emulate_media(media="screen")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "pledge-ligang.pdf").write_bytes(pdf)
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box, "PDF 中没有页面尺寸"
    w, h = float(box.group(1)), float(box.group(2))
    assert abs(w - 595.3) < 2 and abs(h - 841.9) < 2        # A4 in points
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 3
