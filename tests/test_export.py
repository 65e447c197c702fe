"""`baomi export`: policies as GB/T 9704 公文 (.docx) and the 汇编 as one PDF/.docx.

The .docx is opened with python-docx (page size, margins, grid, fonts and sizes per paragraph
role, page-number field, mark); the PDF LibreOffice makes of it is read with poppler
(pdfinfo, pdftotext, pdffonts, pdftoppm): pages, 目录 entries against the printed page numbers,
every title, page numbers on pages, and the ink of a rendered page against the 版心.
Without poppler or LibreOffice the slow tests fail with the package to install (CI installs
them with scripts/bootstrap.sh --dev), they do not skip.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT, policy_text, write_policy

BAOMI = [sys.executable, "-m", "baomi"]
MM_PER_PT = 25.4 / 72


def run(args, cwd=ROOT, timeout=600):
    return subprocess.run(BAOMI + args, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def need(tool: str, package: str) -> str:
    exe = shutil.which(tool)
    if exe is None:
        pytest.fail(f"{tool} 未安装：请安装 Debian 软件包 {package}（scripts/bootstrap.sh --dev 会安装）")
    return exe


@functools.lru_cache(maxsize=1)
def corpus():
    from baomi.config import load
    from baomi.lint import load_corpus

    return load_corpus(load(ROOT))


def policy(pid: str):
    return next(p for p in corpus().policies if p.id == pid)


def styled(doc, name: str):
    return [p for p in doc.paragraphs if p.style.name == name and p.text.strip()]


def run_fonts(paragraph):
    from baomi.document.docx_render import east_asia_font

    return {(east_asia_font(r), r.font.size.pt if r.font.size else None) for r in paragraph.runs if r.text.strip()}


# --- one policy as .docx ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bm07(tmp_path_factory):
    out = tmp_path_factory.mktemp("bm07") / "bm07.docx"
    proc = run(["export", "--policy", "BM-07", "--format", "docx", "--output", str(out)])
    assert proc.returncode == 0, proc.stderr
    assert "已生成" in proc.stderr
    import docx

    return docx.Document(str(out)), out


def test_page_setup_is_gbt9704(bm07):
    doc, _ = bm07
    from docx.oxml.ns import qn

    for s in doc.sections:
        assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
        assert round(s.top_margin.mm) == 37 and round(s.left_margin.mm) == 28
        assert round(s.page_width.mm - s.left_margin.mm - s.right_margin.mm) == 156
        assert round(s.page_height.mm - s.top_margin.mm - s.bottom_margin.mm) == 225
        grid = s._sectPr.find(qn("w:docGrid"))
        pitch = int(grid.get(qn("w:linePitch")))
        assert 22 * pitch <= 225 / MM_PER_PT * 20 < 23 * pitch       # 22 lines in the 版心
        assert int(grid.get(qn("w:charSpace"))) == round((156 / MM_PER_PT / 28 - 16) * 4096)
    normal = doc.styles["Normal"].paragraph_format
    assert abs(normal.line_spacing.pt - 225 / MM_PER_PT / 22) < 0.1


def test_fonts_and_sizes_per_role(bm07):
    doc, _ = bm07
    title = styled(doc, "BM 标题")
    assert [p.text for p in title] == ["保密守则"]
    assert run_fonts(title[0]) == {("方正小标宋简体", 22.0)}
    body = styled(doc, "BM 正文")
    assert len(body) > 20
    for p in body:
        assert run_fonts(p) == {("仿宋_GB2312", 16.0)}, p.text
        assert abs(p.style.paragraph_format.first_line_indent.pt - 32) < 0.1      # two characters
    h1 = styled(doc, "BM 一级标题")
    pol = policy("BM-07")
    assert [p.text for p in h1] == [h.marker.raw + h.title for h in pol.headings]
    for p in h1:
        assert run_fonts(p) == {("黑体", 16.0)}
    # the style itself says the same (a user restyling by role finds it)
    from docx.oxml.ns import qn

    fonts = doc.styles["BM 二级标题"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "楷体_GB2312"


def test_every_unit_of_the_policy_is_in_the_document(bm07):
    doc, _ = bm07
    shown = [p.text for p in doc.paragraphs]
    pol = policy("BM-07")
    pieces = [para.text for para in pol.intro]
    for h in pol.walk_headings():
        pieces.append(h.marker.raw + h.title)
        for para in h.paragraphs:
            pieces.append(para.text)
            pieces += [i.marker.raw + i.text for i in para.items]
    assert len(pieces) > 20
    for piece in pieces:
        assert piece in shown, piece


def test_chapters_of_a_real_policy_are_centred_heiti_headings(tmp_path):
    out = tmp_path / "bm15.docx"
    assert run(["export", "--policy", "BM-15", "-o", str(out)]).returncode == 0
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document(str(out))
    pol = policy("BM-15")
    h1 = styled(doc, "BM 一级标题")
    assert [p.text for p in h1] == [f"{c.marker.raw}\u3000{c.name}" for c in pol.chapters]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER and run_fonts(p) == {("黑体", 16.0)} for p in h1)
    # every article, in order, starts a body paragraph with its label
    labels = [p.text.split("\u3000", 1)[0] for p in styled(doc, "BM 正文") if p.text.startswith("第")
              and "\u3000" in p.text[:8]]
    assert labels == [a.marker.raw for a in pol.articles]


def test_mark_top_left_of_first_page(bm07):
    doc, _ = bm07
    first = next(p for p in doc.paragraphs if p.text.strip())
    assert first.text == "内部" and first.style.name == "BM 标志"
    assert run_fonts(first) == {("黑体", 16.0)}
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert first.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_page_number_field_outside(bm07):
    doc, path = bm07
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        xml = p._element.xml
        assert "PAGE" in "".join(p._element.itertext()) and 'w:fldCharType="begin"' in xml
        assert re.fullmatch(r"— \d+ —", p.text)
        assert {size for _f, size in run_fonts(p)} == {14.0}


def test_fallback_fonts_named_in_the_document(bm07):
    doc, path = bm07
    with zipfile.ZipFile(path) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
    assert re.search(r'w:name="方正小标宋简体".*?<w:altName w:val="宋体"', table, re.S)
    assert re.search(r'w:name="仿宋_GB2312".*?<w:altName w:val="仿宋"', table, re.S)
    assert "Noto Serif CJK SC" in doc.core_properties.comments


def _masthead_repo(repo):
    (repo / "pyproject.toml").write_text(
        '[tool.baomi]\npolicies = "policies"\nissuer = "某某市保密局"\nprinter = "某某市保密局办公室"\n'
        'mark = "内部★"\n', encoding="utf-8")
    write_policy(repo, "a.md", policy_text("""
        # 测试保密管理制度

        ## 第一章 总则

        第一条 为了测试，制定本制度。

        ### 第一节 一般规定

        第二条 本制度自印发之日起施行。
        """, doc_number="某保发〔2025〕3号", revised="2026-01-05"))


def test_masthead_signature_and_imprint(repo, tmp_path):
    _masthead_repo(repo)
    out = tmp_path / "a.docx"
    # a deliberately tiny policy (it fails the checklist rules): --force issues it all the same
    proc = run(["export", "--policy", "BM-90", "-o", str(out), "--force"], cwd=repo)
    assert proc.returncode == 0, proc.stderr
    import docx

    doc = docx.Document(str(out))
    texts = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    assert texts[0] == ("BM 标志", "内部★")
    assert ("BM 发文机关标志", "某某市保密局文件") in texts
    organ = styled(doc, "BM 发文机关标志")[0]
    assert organ.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert ("BM 发文字号", "某保发〔2025〕3号") in texts
    assert ("BM 一级标题", "第一章\u3000总则") in texts
    h2 = styled(doc, "BM 二级标题")
    assert [p.text for p in h2] == ["第一节\u3000一般规定"] and run_fonts(h2[0]) == {("楷体_GB2312", 16.0)}
    assert ("BM 副标题", "（2025年3月1日起施行，2026年1月5日修订）") in texts
    assert texts[-3:] == [("BM 落款", "某某市保密局"), ("BM 落款", "2026年1月5日"),
                          ("BM 版记", "某某市保密局办公室\t2026年1月5日印发")]


ANNEX = """# 测试保密管理制度

第一条 为了测试，制定本规定。

第二条 本规定自2025年3月1日起施行。

附件：1．涉密载体借阅登记表
2．涉密载体借阅承诺书

附件1

涉密载体借阅登记表

| 借阅人 | 载体编号 |
| --- | --- |
| 张三 | 001 |

## 附件2 涉密载体借阅承诺书

本人承诺妥善保管借阅的涉密载体。
"""


def test_attachments_list_then_each_body_on_a_new_page(repo, tmp_path):
    write_policy(repo, "a.md", policy_text(ANNEX))
    out = tmp_path / "a.docx"
    proc = run(["export", "--policy", "BM-90", "-o", str(out), "--force"], cwd=repo)   # tiny: fails lint
    assert proc.returncode == 0, proc.stderr
    import docx
    from docx.enum.section import WD_SECTION

    doc = docx.Document(str(out))
    assert [s.start_type for s in doc.sections[1:]] == [WD_SECTION.NEW_PAGE] * 2
    texts = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    assert ("BM 正文", "附件：1．涉密载体借阅登记表") in texts
    assert ("BM 附件标识", "附件1") in texts and ("BM 附件标识", "附件2") in texts
    assert ("BM 附件标题", "涉密载体借阅承诺书") in texts
    assert [[c.text for c in r.cells] for r in doc.tables[0].rows] == [["借阅人", "载体编号"], ["张三", "001"]]
    # page numbers run on through the attachments, every section numbered
    assert all("PAGE" in "".join(s.footer.paragraphs[0]._element.itertext()) for s in doc.sections)


def test_classified_policy_refused_with_the_guard_message(repo, tmp_path):
    write_policy(repo, "s.md", policy_text("# 测试制度\n\n第一条 测试。\n", classification="秘密"))
    out = tmp_path / "s.docx"
    proc = run(["export", "--policy", "BM-90", "-o", str(out)], cwd=repo)
    assert proc.returncode == 2
    assert "密级标注为“秘密”" in proc.stderr and "s.md" in proc.stderr
    assert not out.exists()
    # and it is left out of the 汇编 (which then has nothing to collect)
    proc = run(["export", "-o", str(tmp_path / "h.docx")], cwd=repo)
    assert proc.returncode == 2 and "没有可以汇编的现行制度" in proc.stderr


def test_never_overwrites_a_file_baomi_did_not_make(repo, tmp_path):
    shutil.copytree(ROOT / "policies", repo / "policies", dirs_exist_ok=True)     # a book that lints clean
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "mine.docx"
    out.write_text("用户自己的文件", encoding="utf-8")
    proc = run(["export", "--policy", "BM-07", "-o", str(out)], cwd=repo)
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert out.read_text(encoding="utf-8") == "用户自己的文件"
    assert run(["export", "--policy", "BM-07", "-o", str(out), "--force"], cwd=repo).returncode == 0
    assert zipfile.is_zipfile(out)
    assert run(["export", "--policy", "BM-07", "-o", str(out)], cwd=repo).returncode == 0   # ours: replaced
    assert [p.name for p in out.parent.iterdir()] == ["mine.docx"]                    # no temporary left
    proc = run(["export", "--policy", "BM-07", "-o", str(repo / "policies" / "x.docx")], cwd=repo)
    assert proc.returncode == 2 and "制度目录" in proc.stderr


def test_a_policy_that_fails_lint_is_not_issued(repo, tmp_path):
    shutil.copytree(ROOT / "policies", repo / "policies", dirs_exist_ok=True)
    bm02 = next(p for p in (repo / "policies").glob("*.md") if "\nid: BM-02\n" in p.read_text(encoding="utf-8"))
    text = bm02.read_text(encoding="utf-8")
    bm02.write_text(text.replace("第一条 ", "第一条 （见本制度第九十九条）", 1), encoding="utf-8")
    out = tmp_path / "a.docx"
    proc = run(["export", "--policy", "BM-02", "-o", str(out)], cwd=repo)
    assert proc.returncode == 1, proc.stderr
    rel = f"policies/{bm02.name}"
    assert f"{rel}:" in proc.stderr and "BM301" in proc.stderr and "第九十九条" in proc.stderr
    assert "未通过制度检查" in proc.stderr and "--force" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()
    # the 汇编 is refused as well, and another policy of the book is still issued
    assert run(["export", "-o", str(tmp_path / "h.docx")], cwd=repo).returncode == 1
    assert not (tmp_path / "h.docx").exists()
    assert run(["export", "--policy", "BM-07", "-o", str(tmp_path / "b.docx")], cwd=repo).returncode == 0
    # --force issues it, with a warning
    proc = run(["export", "--policy", "BM-02", "-o", str(out), "--force"], cwd=repo)
    assert proc.returncode == 0 and out.is_file(), proc.stderr
    assert "警告" in proc.stderr and "检查错误" in proc.stderr


def test_output_scan_refuses_a_document_with_a_marking(tmp_path):
    """Defence in depth: whatever reached the document model, the written .docx is read back by
    the site's output scan (body, headers, footers, properties) and refused on a marking."""
    from baomi.document import Document, Para, Title
    from baomi.export_cmd import write_document
    from baomi.lint import UsageError

    target = tmp_path / "x.docx"
    clean = Document(title="测试", blocks=[Title("测试制度"), Para("第一条　内部事项按规定办理。")])
    write_document(clean, target, "docx")
    assert target.exists()
    dirty = Document(title="测试", blocks=[Title("测试制度"), Para("第一条　机密★10年")])
    with pytest.raises(UsageError, match="国家秘密标志"):
        write_document(dirty, tmp_path / "y.docx", "docx")
    assert not (tmp_path / "y.docx").exists()
    header = Document(title="测试", header="绝密★", blocks=[Title("测试制度")])
    with pytest.raises(UsageError, match="国家秘密标志"):
        write_document(header, tmp_path / "z.docx", "docx")


def test_unknown_policy(repo):
    write_policy(repo, "a.md", policy_text("# 测试制度\n\n第一条 测试。\n"))
    proc = run(["export", "--policy", "BM-99", "-o", "x.docx"], cwd=repo)
    assert proc.returncode == 2 and "BM-90" in proc.stderr


def test_lint_path_does_not_import_docx():
    code = ("import sys, baomi.cli; baomi.cli._add_optional_commands_safe(); import baomi.export_cmd, baomi.document, "
            "baomi.document.build; print('docx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


# --- PDF (LibreOffice, poppler) --------------------------------------------------------------------

def pdf_pages(pdf: Path, layout: bool = False) -> list[str]:
    args = [need("pdftotext", "poppler-utils"), "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_info(pdf: Path) -> dict:
    out = subprocess.run([need("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def number_on(page: str) -> int | None:
    found = re.findall(r"^\s*—\s*(\d+)\s*—\s*$", page, re.M)
    return int(found[-1]) if found else None


def ink_box(pdf: Path, page: int, dpi: int = 100):
    """(left, top, right, bottom) in mm of the non-white pixels of one rendered page."""
    exe = need("pdftoppm", "poppler-utils")
    data = subprocess.run([exe, "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", str(pdf)],
                          capture_output=True, check=True).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    rows = [y for y in range(h) if min(px[y * w:(y + 1) * w]) < 128]
    cols = [x for x in range(w) if any(px[y * w + x] < 128 for y in rows[::2])]
    mm = 25.4 / dpi
    return cols[0] * mm, rows[0] * mm, (cols[-1] + 1) * mm, (rows[-1] + 1) * mm, rows, mm


@pytest.fixture(scope="module")
def policy_pdf(tmp_path_factory):
    need("soffice", "libreoffice-writer-nogui")
    need("pdftotext", "poppler-utils")
    out = tmp_path_factory.mktemp("bm15pdf") / "bm15.pdf"
    proc = run(["export", "--policy", "BM-15", "--format", "pdf", "--output", str(out)])
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.slow
def test_policy_pdf_pages_numbers_fonts(policy_pdf):
    info = pdf_info(policy_pdf)
    assert "A4" in info["Page size"]
    pages = pdf_pages(policy_pdf)
    assert int(info["Pages"]) == len(pages) >= 2
    assert [number_on(p) for p in pages] == list(range(1, len(pages) + 1))
    assert pages[0].lstrip().startswith("内部")
    fonts = subprocess.run([need("pdffonts", "poppler-utils"), str(policy_pdf)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows)                      # every font embedded
    assert re.search(r"CJK|UMing|UKai", fonts)                          # real CJK faces
    # 22 lines of 28 characters: the fullest page holds 22 lines of text above its number,
    # the longest line 28 characters
    most = 0
    for k in range(1, len(pages) + 1):
        bbox = subprocess.run([need("pdftotext", "poppler-utils"), "-f", str(k), "-l", str(k), "-bbox", str(policy_pdf),
                               "-"], capture_output=True, text=True, check=True).stdout
        tops = {round(float(y)) for y in re.findall(r'yMin="([\d.]+)"', bbox) if float(y) < (37 + 225) / MM_PER_PT}
        most = max(most, len(tops))
    assert most == 22
    body = [ln.strip() for p in pdf_pages(policy_pdf, layout=True) for ln in p.splitlines() if ln.strip()]
    widths = [len(re.sub(r"\s", "", ln)) for ln in body]
    assert widths.count(28) > 20
    # only a line-end punctuation mark squeezed in (标点挤压) makes a 29th
    assert all(w <= 28 or re.sub(r"\s", "", ln)[-1] in "。，、；：！？）》”" for w, ln in zip(widths, body)), \
        [ln for w, ln in zip(widths, body) if w > 28]
    assert max(widths) <= 29


@pytest.mark.slow
def test_policy_pdf_page_layout_in_pixels(policy_pdf):
    left, top, right, bottom, rows, mm = ink_box(policy_pdf, 2)
    assert 27 <= left <= 30, left                 # 订口 28 mm
    assert 36 <= top <= 41, top                   # 天头 37 mm (the top of the first line's glyphs)
    assert right <= 210 - 26 + 1.5, right         # 版心 156 mm wide
    # the page number sits below the 版心 (225 mm high), the text inside it
    text_rows = [y * mm for y in rows if y * mm < 37 + 225 + 1]
    number_rows = [y * mm for y in rows if y * mm > 37 + 225 + 1]
    assert text_rows and number_rows
    assert 262 < min(number_rows) < 276 and max(number_rows) < 280


@pytest.mark.slow
def test_masthead_pdf_red_organ_above_the_title_one_page(repo, tmp_path):
    need("soffice", "libreoffice-writer-nogui")
    exe = need("pdftoppm", "poppler-utils")
    _masthead_repo(repo)
    out = tmp_path / "a.pdf"
    proc = run(["export", "--policy", "BM-90", "--format", "pdf", "-o", str(out), "--force"], cwd=repo)   # the tiny policy fails lint on purpose
    assert proc.returncode == 0, proc.stderr
    pages = pdf_pages(out)
    assert len(pages) == 1
    flat = re.sub(r"\s", "", pages[0])
    assert flat.startswith("内部★某某市保密局文件某保发〔2025〕3号测试保密管理制度")
    assert "某某市保密局办公室2026年1月5日印发" in flat
    data = subprocess.run([exe, "-r", "50", str(out)], capture_output=True, check=True).stdout
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    red = [i // 3 // w for i in range(0, w * h * 3, 3) if px[i] > 200 and px[i + 1] < 90 and px[i + 2] < 90]
    assert red, "no red ink"
    top, bottom = min(red) * 25.4 / 50, max(red) * 25.4 / 50
    assert 37 <= top and bottom < 110                 # 发文机关标志 and the red line in the upper part


# --- the 汇编 --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    need("soffice", "libreoffice-writer-nogui")
    need("pdftotext", "poppler-utils")
    d = tmp_path_factory.mktemp("huibian")
    proc = run(["export", "--format", "pdf", "--output", str(d / "汇编.pdf")])
    assert proc.returncode == 0, proc.stderr
    return d / "汇编.pdf", proc.stderr


def published_current():
    from baomi.site.guard import publishable

    keep, _ = publishable([p for p in corpus().policies if p.status == "现行"])
    return keep


def toc_entries(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) of every 目录 line (title, dot leader, number) on the unnumbered front pages."""
    out = []
    for p in pages:
        if number_on(p) is not None:
            break
        for ln in p.splitlines():
            m = re.match(r"^\s*(\S.*?)[.…·]{3,}\s*(\d+)\s*$", ln)
            if m:
                out.append((re.sub(r"\s", "", m.group(1)), int(m.group(2))))
    assert out, "目录 not found"
    return out


@pytest.mark.slow
def test_collection_toc_matches_printed_pages(collection):
    pdf, _ = collection
    pages = pdf_pages(pdf, layout=True)
    assert int(pdf_info(pdf)["Pages"]) == len(pages)
    entries = toc_entries(pages)
    titles = [re.sub(r"\s", "", p.title) for p in published_current()]
    assert sorted(t for t, _ in entries if not t.startswith("附录")) == sorted(titles)
    assert any(t.startswith("附录") for t, _ in entries)
    by_number = {}
    for p in pages:
        n = number_on(p)
        if n is not None:
            by_number.setdefault(n, p)
    numbers = [n for n in (number_on(p) for p in pages) if n is not None]
    assert numbers == list(range(1, len(numbers) + 1))            # every page after the 目录 numbered
    for title, n in entries:
        page = by_number[n]
        lines = [re.sub(r"\s", "", ln) for ln in page.splitlines() if ln.strip()]
        # the running header names the 汇编 (and the policy); the title follows it
        assert lines[0].startswith("保密制度汇编"), lines[0]
        assert title.startswith(lines[1]) or lines[1].startswith(title[:8]), (title, lines[:3])
        assert title in "".join(lines[1:4])
        # and it does not start on the page before
        if n > 1:
            prev = [re.sub(r"\s", "", ln) for ln in by_number[n - 1].splitlines() if ln.strip()]
            assert title not in "".join(prev[1:4])


@pytest.mark.slow
def test_collection_cover_dates_and_appendix(collection):
    pdf, stderr = collection
    pages = pdf_pages(pdf)
    cover = re.sub(r"\s", "", pages[0])
    assert cover.startswith("内部") and "本单位" in cover and "保密制度汇编" in cover
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", cover)
    from baomi.document.build import revision_date

    flat = [re.sub(r"\s", "", p) for p in pages]
    for pol in published_current():
        header = re.sub(r"\s", "", f"保密制度汇编{pol.title}（{revision_date(pol)}）")
        assert any(f.startswith(header) for f in flat), pol.title
    appendix = [f for f in flat if "附录保密自查自评制度覆盖情况表" in f[:40]]
    assert appendix
    from baomi.checklist import coverage_table, summary_line

    cov = coverage_table(corpus(), published_current())
    assert re.sub(r"\s", "", summary_line(cov["summary"])) in appendix[0]
    assert "18 份制度" in stderr or f"{len(published_current())} 份制度" in stderr


@pytest.mark.slow
def test_collection_double_sided_docx(tmp_path):
    """The .docx 汇编: a real TOC field with the pages LibreOffice laid out; each policy on an
    odd page (section breaks of type oddPage)."""
    need("soffice", "libreoffice-writer-nogui")
    need("pdftotext", "poppler-utils")
    out = tmp_path / "汇编.docx"
    proc = run(["export", "--format", "docx", "--double-sided", "--category", "保密守则", "--output", str(out)])
    assert proc.returncode == 0, proc.stderr
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(out))
    body = doc.element.body
    instr = "".join(t.text for t in body.iter(qn("w:instrText")))
    assert "TOC" in instr
    kinds = [s.start_type for s in doc.sections[1:]]
    from docx.enum.section import WD_SECTION

    assert kinds and all(k == WD_SECTION.ODD_PAGE for k in kinds)
    toc = [p.text for p in doc.paragraphs if p.style.name == "BM 目录"]
    assert toc and all(re.search(r"\t(\d+)$", t) for t in toc), toc
    assert all(int(t.rsplit("\t", 1)[1]) % 2 == 1 for t in toc)        # odd pages
    assert toc[0].startswith("保密守则\t1")


# --- every level above 条 reaches the document ------------------------------------------------------

def _heading_texts(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.endswith("级标题") and p.text.strip()]


def test_a_code_exports_every_bian_zhang_and_jie_heading(repo, tmp_path):
    """编 and 分编 used to be dropped (only 章 and 节 were emitted), and 节 were looked up by
    (章, 节) numbers, which repeat when each 编 starts its chapters again."""
    from helpers import CODE

    write_policy(repo, "a.md", policy_text(CODE, classification="公开"))
    out = tmp_path / "a.docx"
    proc = run(["export", "--policy", "BM-90", "-o", str(out), "--force"], cwd=repo)   # a tiny code: fails lint
    assert proc.returncode == 0, proc.stderr
    import docx

    doc = docx.Document(str(out))
    # the heading level is the depth in the tree: 编 1, 章 2, 节 3; each where the author wrote it
    assert _heading_texts(doc) == [
        ("BM 一级标题", "第一编\u3000总则"), ("BM 二级标题", "第一章\u3000任务"), ("BM 二级标题", "第二章\u3000原则"),
        ("BM 一级标题", "第二编\u3000分则"), ("BM 二级标题", "第一章\u3000定密"),
        ("BM 三级标题", "第一节\u3000一般规定"), ("BM 三级标题", "第二节\u3000程序"), ("BM 二级标题", "第二章\u3000附则")]
    labels = [p.text.split("\u3000", 1)[0] for p in styled(doc, "BM 正文") if p.text.startswith("第")]
    assert labels == ["第一条", "第二条", "第三条", "第四条", "第五条"]


def test_a_level_a_plug_in_adds_reaches_the_document(tmp_path):
    """A toy level 卷 above 编: its headings are exported with no change to the export."""
    import docx

    from baomi.config import load
    from baomi.document.build import policy_document
    from baomi.document.docx_render import render
    from baomi.parser import parse_text
    from helpers import VOLUMES, volume_level

    with volume_level():
        pol = parse_text(policy_text(VOLUMES, classification="公开"), "a.md", "a.md")
        model = policy_document(pol, load(ROOT))
    out = render(model, tmp_path / "a.docx")
    doc = docx.Document(str(out))
    assert [(s[3:5], t) for s, t in _heading_texts(doc)] == [
        ("一级", "第一卷\u3000总纲"), ("二级", "第一编\u3000总则"), ("三级", "第一章\u3000任务"),
        ("二级", "第二编\u3000分则"), ("三级", "第一章\u3000定密"),
        ("一级", "第二卷\u3000附编"), ("二级", "第一编\u3000附则"), ("三级", "第一章\u3000施行"),
        ("三级", "第一节\u3000日期")]
    # the outline level of each heading is its depth, so Word's navigation shows the tree
    from docx.oxml.ns import qn
    levels = [p._p.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) for p in doc.paragraphs
              if p.text.startswith(("第一卷", "第一编", "第一章", "第一节"))]
    assert levels[:3] == ["1", "2", "3"] and levels[-1] == "4"
