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


def test_printed_policy_pages_carry_page_numbers_and_the_label(page, base_url, tmp_path):
    """Every printed page: “— N —” at the foot (in order) and the policy's label (内部) on it."""
    import shutil
    import subprocess

    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.fail("pdftotext 未安装：请安装 poppler-utils（scripts/bootstrap.sh --dev 会安装）")
    page.goto(base_url + "shemi-renyuan/")
    page.emulate_media(media="print")
    label = page.locator(".bm-print-label")
    assert label.count() == 1 and label.get_attribute("data-label") == "内部"
    out = tmp_path / "print.pdf"
    out.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    text = subprocess.run([exe, "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True).stdout.decode()
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    numbers = [re.findall(r"—\s*(\d+)\s*—", p) for p in pages]
    assert [int(n[-1]) for n in numbers] == list(range(1, len(pages) + 1)), numbers
    # the label is the first thing on every page (top left), not only a word of the text
    # (in the top margin, 20 mm, above the text of the page)
    corners = [subprocess.run([exe, "-enc", "UTF-8", "-f", str(k), "-l", str(k), "-x", "0", "-y", "0", "-W", "300",
                               "-H", "56", str(out), "-"], capture_output=True, check=True).stdout.decode().strip()
               for k in range(1, len(pages) + 1)]
    assert corners == ["内部"] * len(pages), corners
