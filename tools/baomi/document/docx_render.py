"""The neutral document model as a Word document in the layout of GB/T 9704-2012 《党政机关公文格式》.

- A4; 天头 (top) 37 mm, 订口 (left) 28 mm, 版心 156 × 225 mm (so right 26 mm, bottom 35 mm);
  22 lines of 28 characters: line pitch 28.95 pt (`w:docGrid w:linePitch="579"`, and exact
  line spacing so any engine keeps it) and the character grid (`w:charSpace`).
- title 2号 (22 pt) 方正小标宋简体; body 3号 (16 pt) 仿宋_GB2312; 章 (level 1) 3号 黑体;
  level 2 楷体_GB2312; level 3 仿宋 bold. The East Asian face is set on every run
  (`w:rFonts w:eastAsia`); the font table names for each office font the free face to use
  when it is absent (`w:altName`), and the document's comments say so in words.
- page numbers 4号 (14 pt) “— 1 —” from a PAGE field, odd pages right, even pages left, one
  character in from the edge of the 版心 (even/odd footers).
- the mark (内部, or the unit's label) in 3号 黑体 at the top left of the first page; 版头:
  发文机关标志 in red 小标宋, 发文字号, the red separator line; 落款, 成文日期, 印发 line.

python-docx is imported by this module only; `baomi export` imports it lazily.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as _new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..outpath import stamp_docx
from .docx_util import LATIN_FONT as _LATIN, east_asia_font, set_fonts  # noqa: F401 — east_asia_font: read by tests through this module
from . import Break, Document, Heading, Mark, Masthead, Para, Table, Title, Toc, plain

# the office fonts GB/T 9704 names, and the free faces a machine without them shows instead
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
SONG_FONT = "宋体"
LATIN_FONT = _LATIN   # one Latin face for every .docx (docx_util)
FALLBACK = {            # office font → (Windows face, free face installed by scripts/bootstrap.sh --dev)
    TITLE_FONT: ("宋体", "Noto Serif CJK SC"),
    BODY_FONT: ("仿宋", "AR PL UMing CN"),
    HEI_FONT: ("SimHei", "Noto Sans CJK SC"),
    KAI_FONT: ("楷体", "AR PL UKai CN"),
    SONG_FONT: ("SimSun", "Noto Serif CJK SC"),
}
FONTS_NOTE = ("字体：标题 方正小标宋简体（缺少时用宋体或 Noto Serif CJK SC），正文 仿宋_GB2312（缺少时用仿宋或"
              " AR PL UMing CN），一级标题 黑体（Noto Sans CJK SC），二级标题 楷体_GB2312（楷体或 AR PL UKai CN），"
              "页码 宋体。依据 GB/T 9704-2012《党政机关公文格式》排版，由 baomi export 生成。")

TITLE_SIZE = Pt(22)      # 二号
BODY_SIZE = Pt(16)       # 三号
PAGE_NO_SIZE = Pt(14)    # 四号
HEADER_SIZE = Pt(10.5)   # 五号
TABLE_SIZE = Pt(12)      # 小四
NOTE_SIZE = Pt(14)       # 四号 (版记)

PAGE_W, PAGE_H = Mm(210), Mm(297)
TOP, LEFT = Mm(37), Mm(28)
TEXT_W, TEXT_H = Mm(156), Mm(225)
RIGHT, BOTTOM = PAGE_W - LEFT - TEXT_W, PAGE_H - TOP - TEXT_H
LINES, CHARS = 22, 28
LINE_PITCH_TWIPS = int(TEXT_H.pt * 20 / LINES)                   # 579 twips = 28.95 pt
CHAR_SPACE = round((TEXT_W.pt / CHARS - BODY_SIZE.pt) * 4096)    # -849: 28 characters of 3号
LINE = Pt(LINE_PITCH_TWIPS / 20)
GRID_TYPE = "lines"         # LibreOffice lays a 3号 character over two cells of a linesAndChars grid
# 28 characters per line: 156 mm / 28 = 15.79 pt a character, so 3号 (16 pt) runs are set 0.25 pt
# closer (w:spacing −5 twentieths); the character grid (charSpace) is recorded for Word too
CHAR_SPACING_TWENTIETHS = -5
RED = RGBColor(0xFF, 0x00, 0x00)

ROLE_STYLE = {          # paragraph role → style name (tests and users find the role by it)
    "title": "BM 标题", "heading1": "BM 一级标题", "heading2": "BM 二级标题", "heading3": "BM 三级标题",
    "body": "BM 正文", "item": "BM 正文", "plain": "BM 正文无缩进", "subtitle": "BM 副标题",
    "signature": "BM 落款", "date": "BM 落款", "imprint": "BM 版记", "note": "BM 版记",
    "mark": "BM 标志", "organ": "BM 发文机关标志", "number": "BM 发文字号", "toc": "BM 目录",
    "toc-heading": "BM 标题", "cover-unit": "BM 封面", "cover-title": "BM 封面标题", "cover-date": "BM 封面",
    "annex-label": "BM 附件标识", "table": "BM 表格", "header": "BM 页眉", "footer": "BM 页码",
    "heading0": "BM 附件标题",
}
# role → (East Asian font, size, bold, alignment, first-line indent in characters)
ROLE_FORMAT = {
    "title": (TITLE_FONT, TITLE_SIZE, False, "center", 0),
    "heading0": (TITLE_FONT, TITLE_SIZE, False, "center", 0),
    "heading1": (HEI_FONT, BODY_SIZE, False, "left", 2),
    "heading2": (KAI_FONT, BODY_SIZE, False, "left", 2),
    "heading3": (BODY_FONT, BODY_SIZE, True, "left", 2),
    "body": (BODY_FONT, BODY_SIZE, False, "justify", 2),
    "item": (BODY_FONT, BODY_SIZE, False, "justify", 2),
    "plain": (BODY_FONT, BODY_SIZE, False, "justify", 0),
    "subtitle": (KAI_FONT, BODY_SIZE, False, "center", 0),
    "signature": (BODY_FONT, BODY_SIZE, False, "right", 0),
    "date": (BODY_FONT, BODY_SIZE, False, "right", 0),
    "imprint": (BODY_FONT, NOTE_SIZE, False, "left", 0),
    "note": (BODY_FONT, NOTE_SIZE, False, "left", 0),
    "mark": (HEI_FONT, BODY_SIZE, False, "left", 0),
    "organ": (TITLE_FONT, Pt(36), False, "center", 0),
    "number": (BODY_FONT, BODY_SIZE, False, "center", 0),
    "toc": (BODY_FONT, BODY_SIZE, False, "left", 0),
    "toc-heading": (HEI_FONT, TITLE_SIZE, False, "center", 0),
    "cover-unit": (HEI_FONT, Pt(26), False, "center", 0),
    "cover-title": (TITLE_FONT, Pt(42), False, "center", 0),
    "cover-date": (KAI_FONT, BODY_SIZE, False, "center", 0),
    "annex-label": (HEI_FONT, BODY_SIZE, False, "left", 0),
    "table": (SONG_FONT, TABLE_SIZE, False, "left", 0),
    "header": (SONG_FONT, HEADER_SIZE, False, "center", 0),
    "footer": (SONG_FONT, PAGE_NO_SIZE, False, "right", 0),
}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_FREE_SPACING = {"organ", "cover-unit", "cover-title", "cover-date", "table", "header", "footer", "toc-heading"}


# --- fonts -----------------------------------------------------------------------------------------

def _font_table(doc) -> None:
    """Name, for every office font, the face Word/WPS use when it is missing (w:altName), with
    the GB2312 character set, so the document says what it falls back to."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    from lxml import etree

    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, (alt, _free) in FALLBACK.items():
        for old in root.findall(f"{{{w}}}font"):
            if old.get(f"{{{w}}}name") == name:
                root.remove(old)
        font = etree.SubElement(root, f"{{{w}}}font")
        font.set(f"{{{w}}}name", name)
        for tag, val in (("altName", alt), ("charset", "86"), ("family", "modern" if name == HEI_FONT else "roman"),
                         ("pitch", "variable")):
            el = etree.SubElement(font, f"{{{w}}}{tag}")
            el.set(f"{{{w}}}val", val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- styles ----------------------------------------------------------------------------------------

def _styles(doc) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for a in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(a), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
        rpr.append(el)
    spacing = OxmlElement("w:spacing")         # 28 characters of 3号 in the 156 mm 版心
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWENTIETHS))
    rpr.append(spacing)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    set_fonts(normal.element, BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = pf.space_after = Pt(0)
    made = set()
    for role, name in ROLE_STYLE.items():
        font, size, bold, align, indent = ROLE_FORMAT[role]
        if name in made:
            continue
        made.add(name)
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = size
        style.font.bold = bold
        set_fonts(style.element, font)
        f = style.paragraph_format
        f.alignment = _ALIGN[align]
        f.first_line_indent = Pt(size.pt * indent) if indent else Pt(0)
        f.widow_control = True
        if role in _FREE_SPACING:
            f.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if role in ("title", "heading1", "heading2", "heading0", "annex-label", "toc-heading"):
            f.keep_with_next = True


def _para(container, role: str, text: str = "", *, bold: bool | None = None, color=None):
    """A paragraph in the style of its role; its runs carry the role's fonts explicitly too."""
    p = container.add_paragraph(style=ROLE_STYLE[role])
    if text:
        _run(p, role, text, bold=bold, color=color)
    return p


def _run(p, role: str, text: str, *, bold: bool | None = None, color=None, size=None):
    font, rsize, rbold, _a, _i = ROLE_FORMAT[role]
    parts = text.split("\t")
    run = None
    for i, part in enumerate(parts):
        if i:
            p.add_run().add_tab()
        if not part:
            continue
        run = p.add_run(part)
        set_fonts(run._element, font)
        run.font.size = size or rsize
        run.font.bold = rbold if bold is None else bold
        if color is not None:
            run.font.color.rgb = color
    return run


# --- page set-up -----------------------------------------------------------------------------------

def _page(section, landscape: bool = False) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_H, PAGE_W
        section.left_margin, section.right_margin = TOP, BOTTOM
        section.top_margin, section.bottom_margin = LEFT, RIGHT
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_W, PAGE_H
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(18)
    section.footer_distance = Mm(24)      # 页码 about 7 mm below the 版心
    section.gutter = Mm(0)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), GRID_TYPE)
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _field(run, instr: str, shown: str) -> None:
    """A simple field (begin, instruction, separate, cached result, end) inside `run`'s paragraph."""
    p = run._element.getparent()
    set_fonts(run._element, SONG_FONT)
    run.font.size = PAGE_NO_SIZE

    def fld(kind):
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for a in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(a), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), SONG_FONT)
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(int(PAGE_NO_SIZE.pt * 2)))
        rpr.append(fonts)
        rpr.append(sz)
        r.append(rpr)
        return r

    begin = fld("begin")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "begin")
    begin.append(fc)
    ins = fld("instr")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    ins.append(it)
    sep = fld("sep")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "separate")
    sep.append(fc)
    end = fld("end")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "end")
    end.append(fc)
    run.text = shown
    idx = list(p).index(run._element)
    for k, el in enumerate((begin, ins, sep)):
        p.insert(idx + k, el)
    p.insert(list(p).index(run._element) + 1, end)


def _chrome(doc, section, *, header: str | None, numbered: bool, restart: bool) -> None:
    """Running header and page numbers of a section (odd and even pages)."""
    for hf, even in ((section.header, False), (section.even_page_header, True)):
        hf.is_linked_to_previous = False
        for p in hf.paragraphs:
            p._element.getparent().remove(p._element)
        p = hf.add_paragraph(style=ROLE_STYLE["header"])
        if header:
            _run(p, "header", header)
            _border(p, "bottom", "000000", 4)
    for hf, even in ((section.footer, False), (section.even_page_footer, True)):
        hf.is_linked_to_previous = False
        for p in hf.paragraphs:
            p._element.getparent().remove(p._element)
        p = hf.add_paragraph(style=ROLE_STYLE["footer"])
        if numbered:
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if even else WD_ALIGN_PARAGRAPH.RIGHT
            if even:
                p.paragraph_format.left_indent = PAGE_NO_SIZE
            else:
                p.paragraph_format.right_indent = PAGE_NO_SIZE
            _run(p, "footer", "— ")
            _field(p.add_run(), "PAGE", "1")
            _run(p, "footer", " —")
    sect = section._sectPr
    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    if restart:
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:start"), "1")
        sect.insert_element_before(pg, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                   "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                                   "w:sectPrChange")
    title_pg = sect.find(qn("w:titlePg"))
    if title_pg is not None:
        sect.remove(title_pg)


# the elements of w:pPr that come after w:pBdr (Word reads the schema's order strictly)
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")


def _border(p, side: str, color: str, size_eighths: int) -> None:
    ppr = p._element.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(bdr, *_AFTER_PBDR)
    el = OxmlElement(f"w:{side}")
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size_eighths))
    el.set(qn("w:space"), "1")
    el.set(qn("w:color"), color)
    bdr.append(el)


def _outline(p, level: int) -> None:
    ppr = p._element.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    ppr.insert_element_before(el, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


# --- blocks ----------------------------------------------------------------------------------------

def _table(doc, block: Table, width) -> None:
    rows = block.rows
    ncols = max(len(r) for r in rows)
    t = doc.add_table(rows=0, cols=ncols)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = block.widths_mm or [width.mm / ncols] * ncols
    scale = width.mm / sum(widths)
    widths = [Mm(w * scale) for w in widths]
    t.autofit = False
    for i, r in enumerate(rows):
        row = t.add_row()
        if i == 0 and block.header:
            trpr = row._tr.get_or_add_trPr()
            for tag in ("w:cantSplit", "w:tblHeader"):
                el = OxmlElement(tag)
                el.set(qn("w:val"), "true")
                trpr.append(el)
        for cell, text, w in zip(row.cells, list(r) + [""] * (ncols - len(r)), widths):
            cell.width = w
            lines = plain(text).split("\n")
            p = cell.paragraphs[0]
            p.style = doc.styles[ROLE_STYLE["table"]]
            for k, line in enumerate(lines):
                if k:
                    p = cell.add_paragraph(style=ROLE_STYLE["table"])
                if i == 0 and block.header:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if line:
                    _run(p, "table", line, bold=(i == 0 and block.header) or None)
    for col, w in zip(t.columns, widths):
        col.width = w
    doc.add_paragraph(style=ROLE_STYLE["plain"])     # Word needs a paragraph between two tables


def _toc(doc, toc: Toc, entries: list[tuple[str, str]]) -> None:
    """The 目录: a real TOC field (Word rebuilds it on F9; `w:updateFields` asks on opening)
    whose shown result lists every title with its page, right-aligned after a dot leader."""
    heading = "\u3000\u3000".join(toc.heading) if len(toc.heading) == 2 else toc.heading    # 目　　录
    _para(doc, "toc-heading", heading)
    doc.add_paragraph(style=ROLE_STYLE["plain"])
    first = None
    last = None
    for title, page in entries or [("（目录在生成 PDF 时填写页码）", "")]:
        p = doc.add_paragraph(style=ROLE_STYLE["toc"])
        p.paragraph_format.tab_stops.add_tab_stop(TEXT_W, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if first is None:
            first = p
        _run(p, "toc", f"{title}\t{page}")
        last = p
    # wrap the entries in a TOC field over outline level 1 (the titles of the 汇编)
    begin = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "begin")
    begin.append(fc)
    instr = OxmlElement("w:r")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = ' TOC \\o "1-1" \\u \\z '
    instr.append(it)
    sep = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "separate")
    sep.append(fc)
    ppr = first._element.pPr
    ppr.addnext(begin)
    begin.addnext(instr)
    instr.addnext(sep)
    end = OxmlElement("w:r")
    fc = OxmlElement("w:fldChar")
    fc.set(qn("w:fldCharType"), "end")
    end.append(fc)
    last._element.append(end)


def render(model: Document, path: Path, *, toc_pages: dict[str, str] | None = None) -> Path:
    """Write `model` as a .docx at `path` (the caller makes the write atomic). `toc_pages`:
    title → page number shown in the 目录."""
    doc = _new_docx()
    _styles(doc)
    _font_table(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    stamp_docx(doc, model.title, subject=model.subject, comments=FONTS_NOTE)
    section = doc.sections[0]
    _page(section)
    _chrome(doc, section, header=model.header, numbered=model.numbered, restart=True)
    landscape = False
    toc_entries = [(t, (toc_pages or {}).get(t, "")) for t in model.toc_titles()]
    first_on_page = True
    for b in model.blocks:
        if isinstance(b, Break):
            section = doc.add_section(WD_SECTION.ODD_PAGE if b.odd else WD_SECTION.NEW_PAGE)
            landscape = b.landscape
            _page(section, landscape)
            _chrome(doc, section, header=b.header, numbered=b.numbered, restart=b.restart)
            first_on_page = True
            continue
        if isinstance(b, Mark):
            _para(doc, "mark", b.text)
        elif isinstance(b, Masthead):
            p = _para(doc, "organ")
            size = Pt(min(36.0, TEXT_W.pt / max(len(b.organ), 1) * 0.95))
            _run(p, "organ", b.organ, color=RED, size=size)
            p.paragraph_format.space_before = Pt(LINE.pt * 2)
            p.paragraph_format.space_after = Pt(LINE.pt)
            n = _para(doc, "number", b.number or "")
            _border(n, "bottom", "FF0000", 12)
            n.paragraph_format.space_after = Pt(LINE.pt)
        elif isinstance(b, Title):
            p = _para(doc, "title", b.text)
            if not first_on_page:
                p.paragraph_format.space_before = LINE
            p.paragraph_format.space_after = LINE
            if b.toc:
                _outline(p, 0)
        elif isinstance(b, Heading):
            role = "heading0" if b.level == 0 else f"heading{min(max(b.level, 1), 3)}"
            p = _para(doc, role, b.text)
            if b.center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.first_line_indent = Pt(0)
            if b.level >= 1:
                _outline(p, b.level)
        elif isinstance(b, Para):
            role = b.role if b.role in ROLE_FORMAT else "body"
            p = _para(doc, role)
            if b.lead:
                _run(p, "heading1", b.lead)
            if b.text:
                _run(p, role, b.text)
            if role == "imprint":       # (no space before: LibreOffice then moves it to a new page)
                p.paragraph_format.tab_stops.add_tab_stop(Pt(TEXT_W.pt - NOTE_SIZE.pt), WD_TAB_ALIGNMENT.RIGHT)
                _border(p, "top", "000000", 8)
                _border(p, "bottom", "000000", 8)
                p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(NOTE_SIZE.pt)
            elif role == "signature":
                p.paragraph_format.space_before = Pt(LINE.pt * 2)
                p.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 4)
            elif role == "date":
                p.paragraph_format.right_indent = Pt(BODY_SIZE.pt * 4)
            elif role == "cover-unit":
                p.paragraph_format.space_before = Mm(40)
            elif role == "cover-title":
                p.paragraph_format.space_before = Mm(20)
                p.paragraph_format.space_after = Mm(80)
        elif isinstance(b, Table):
            width = (PAGE_H - TOP - BOTTOM) if landscape else TEXT_W
            _table(doc, b, width)
        elif isinstance(b, Toc):
            _toc(doc, b, toc_entries)
        first_on_page = isinstance(b, Mark) and first_on_page
    if toc_entries:
        el = OxmlElement("w:updateFields")
        el.set(qn("w:val"), "true")
        settings = doc.settings.element
        after = next((settings.find(qn(f"w:{t}")) for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat")
                      if settings.find(qn(f"w:{t}")) is not None), None)
        (after.addprevious(el) if after is not None else settings.append(el))
    path = Path(path)
    doc.save(str(path))
    return path
