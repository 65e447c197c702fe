"""A policy page printed on A4: no navigation, articles not split across pages."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_policy_prints_on_a4_without_navigation_and_whole_articles(page, base_url, artifacts):
    page.goto(base_url + "shemi-renyuan/")
    page.emulate_media(media="print")
    for sel in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        loc = page.locator(sel)
        assert loc.count() == 0 or not loc.first.is_visible(), sel
    arts = page.locator(".bm-art")
    assert arts.count() >= 20 and arts.first.is_visible()
    breaks = set(page.eval_on_selector_all(".bm-art", "els => els.map(e => getComputedStyle(e).breakInside)"))
    assert breaks == {"avoid"}, breaks
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (artifacts / "policy-shemi-renyuan.pdf").write_bytes(pdf)
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box and abs(float(box.group(1)) - 595.3) < 2 and abs(float(box.group(2)) - 841.9) < 2
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2
