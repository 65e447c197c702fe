"""The 保密承诺书 .docx as printed: LibreOffice lays every form of the shipped rule book out, and
the pages are read back from the PDF (poppler's pdftotext). A signature never stands alone on a
last page, an obligation never leaves its citation behind, and the 涉密等级 options and the
field labels each stay on one line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from helpers import ROOT

from baomi import config as cfgmod
from baomi.lint import load_corpus

pytestmark = pytest.mark.slow


def _tool(name: str, package: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is installed by scripts/bootstrap.sh --dev in CI ({package})")
        pytest.skip(f"{name} not installed ({package})")
    return exe


@pytest.fixture(scope="module")
def forms():
    from baomi.generate.pledge import pledge_forms

    return pledge_forms(load_corpus(cfgmod.load(ROOT)))


@pytest.fixture(scope="module")
def printed(forms, tmp_path_factory):
    """{slug: [text of page 1, page 2, …]} of every form, converted by LibreOffice in one run."""
    from baomi.generate.pledge import write_docx

    soffice = _tool("soffice", "libreoffice-writer-nogui")
    pdftotext = _tool("pdftotext", "poppler-utils")
    tmp = tmp_path_factory.mktemp("pledge-pdf")
    docs = [str(write_docx(f, tmp / f"{f.slug}.docx")) for f in forms]
    proc = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), *docs],
                          capture_output=True, text=True, timeout=600, env=dict(os.environ, HOME=str(tmp)))
    out = {}
    for f in forms:
        pdf = tmp / f"{f.slug}.pdf"
        assert pdf.exists(), proc.stderr
        count = re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf.read_bytes(), re.S)
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                              timeout=60).stdout
        pages = text.split("\f")
        if pages and not pages[-1].strip():
            pages.pop()
        if count:                                   # the page tree's own count agrees
            assert len(pages) == int(count.group(1)), (f.slug, len(pages), count.group(1))
        out[f.slug] = pages
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_signature_shares_its_page_with_the_form(forms, printed):
    for f in forms:
        pages = printed[f.slug]
        sign = [i for i, p in enumerate(pages) if "承诺人签名" in p]
        assert len(sign) == 1, (f.slug, len(pages))
        page = _flat(pages[sign[0]])
        assert sign[0] == len(pages) - 1, f.slug                # nothing after the signature page
        # the closing sentence, the date and at least one obligation's citation are on it too
        assert _flat(f.closing) in page, f.slug
        assert "日期" in page.split("承诺人签名", 1)[1], f.slug
        assert "（《" in page, f"{f.slug}：签名页上只有签名，没有承诺内容"
        if f.unit_fields:
            assert all(u in page for u in f.unit_fields), f.slug


def test_an_obligation_stays_with_its_citation(forms, printed):
    for f in forms:
        pages = [_flat(p) for p in printed[f.slug]]
        for ob in f.obligations:
            last = _flat(ob.lines[-1])[-12:]
            cite = _flat(f"（{ob.citation}）")
            assert any(last in p and cite in p for p in pages), (f.slug, ob.citation)


def test_the_departure_form_fits_on_two_pages(forms, printed):
    """The issue's example: 涉密人员离岗 ran to three pages with the signature alone on the last."""
    f = next(f for f in forms if f.role == "涉密人员" and f.kind == "离岗")
    assert len(printed[f.slug]) <= 2


def test_level_options_and_labels_are_each_on_one_line(forms, printed):
    for f in forms:
        first = printed[f.slug][0]
        options = [("☑" if on else "□") + lab for lab, on in f.level_options]
        line = next((ln for ln in first.splitlines() if options[0] in ln), "")
        assert all(o in line for o in options), (f.slug, line)     # 「□一般」 is not cut to □一 / 般
        for label in [*f.person_fields, f.level_label, *f.extra_fields]:
            assert any(label in ln for ln in first.splitlines()), (f.slug, label)


def test_field_columns_are_wide_enough_for_their_text(forms, tmp_path):
    """python-docx: each cell of the header table is at least as wide as its label or options."""
    import docx

    from baomi.generate import docx_util as du
    from baomi.generate.pledge import write_docx

    for f in forms[:6]:
        table = docx.Document(str(write_docx(f, tmp_path / "p.docx"))).tables[0]
        for row in table.rows:
            for cell in row.cells:
                text = du.cell_text(cell)
                if text.strip() and "年" not in text:
                    need = du.text_width_cm(text, 12) + du.CELL_MARGINS_CM
                    assert cell.width.cm + 1e-6 >= need, (f.slug, text, cell.width.cm, need)
        total = sum(c.width.cm for c in table.rows[0].cells)
        assert total <= 15.6 + 0.01
