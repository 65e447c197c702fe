"""python-docx helpers of the form renderer `document.form_docx` (承诺书, 自查自评表, 修订对照表:
A4 with 公文 margins, a GB/T 9704 flavoured layout; `baomi export` has its own, `docx_render`).

- `new_document()`: A4 portrait, 公文 margins, default body font 仿宋 with the East Asian font set
  explicitly (`w:rFonts w:eastAsia`), which Word and WPS need to show Chinese in the named face.
- `set_run_font()`: the same for one run (title 小标宋/黑体, body 仿宋, tables 宋体).
- `add_table()`: a bordered table whose first row repeats on every page (`w:tblHeader`).
- `add_field_line()`: “姓名：________” style fill-in lines.

python-docx is imported here only; callers import this module lazily.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..outpath import stamp_docx

BODY_FONT = "仿宋_GB2312"
BODY_FONT_FALLBACK = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

BODY_SIZE = Pt(16)      # 三号
TITLE_SIZE = Pt(22)     # 二号
TABLE_SIZE = Pt(10.5)   # 五号
SMALL_SIZE = Pt(12)     # 小四


def set_fonts(rpr_parent, east_asia: str, latin: str = LATIN_FONT) -> None:
    """w:rFonts ascii/hAnsi/cs (Latin) and eastAsia on a run's or a style's element, with the
    theme fonts that would override them removed: the one place .docx fonts are set."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def set_run_font(run, east_asia: str = BODY_FONT, size=None, bold: bool | None = None,
                 latin: str = LATIN_FONT) -> None:
    """A run's Latin and East Asian fonts, and its size and weight when given."""
    run.font.name = latin
    set_fonts(run._element, east_asia, latin)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def east_asia_font(run) -> str | None:
    """The East Asian font of a run as stored (for tests and checks)."""
    rpr = run._element.rPr
    fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _set_style_font(style, east_asia: str, size) -> None:
    style.font.name = LATIN_FONT
    style.font.size = size
    set_fonts(style.element, east_asia)


def new_document(landscape: bool = False, title: str | None = None):
    """An empty A4 document with 公文 margins (上37mm 下35mm 左28mm 右26mm) and 仿宋 body text."""
    doc = Document()
    section = doc.sections[0]
    width, height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.left_margin = section.right_margin = Cm(2.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _set_style_font(doc.styles["Normal"], BODY_FONT, BODY_SIZE)
    stamp_docx(doc, title or None)          # baomi's core properties: author, dates, title
    return doc


def add_title(doc, text: str, size=TITLE_SIZE, font: str = TITLE_FONT):
    """A centred document title."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)
    run = p.add_run(text)
    set_run_font(run, font, size, bold=False)
    return p


def add_text(doc_or_cell, text: str = "", *, font: str = BODY_FONT, size=BODY_SIZE, bold: bool = False,
             indent: bool = False, align: str | None = None, space_after=None):
    """A paragraph with one run of `text` (first-line indent of two characters if `indent`)."""
    p = doc_or_cell.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(size.pt * 2) if hasattr(size, "pt") else Cm(1.1)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after is not None:
        p.paragraph_format.space_after = space_after
    if text:
        set_run_font(p.add_run(text), font, size, bold=bold)
    return p


def add_runs(paragraph, parts: Iterable[tuple[str, str]], *, font: str = TABLE_FONT, size=TABLE_SIZE) -> None:
    """Append runs to a paragraph; each part is (style, text) with style one of
    `plain`, `bold`, `ins` (bold + underline), `del` (strike-through)."""
    for style, text in parts:
        if not text:
            continue
        chunks = text.split("\n")
        for i, chunk in enumerate(chunks):
            if i:
                paragraph.add_run().add_break()
            if not chunk:
                continue
            run = paragraph.add_run(chunk)
            set_run_font(run, font, size, bold=style in ("bold", "ins"))
            if style == "ins":
                run.font.underline = True
            elif style == "del":
                run.font.strike = True


def mark_header_row(row) -> None:
    """Repeat this table row at the top of every page (w:tblHeader) and keep it in one piece."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        trpr.append(el)


def is_header_row(row) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn("w:tblHeader")) is not None


def add_table(doc, header: Sequence[str] | None, rows: int = 0, widths: Sequence | None = None,
              font: str = TABLE_FONT, size=TABLE_SIZE, cols: int | None = None):
    """A bordered table ('Table Grid') with an optional repeating, bold header row.

    Returns the table; add body rows with `table.add_row()` or pass `rows` to pre-create them.
    The number of columns is the header's, else that of `widths`, else `cols` (default 1).
    """
    ncols = len(header) if header else (len(widths) if widths else (cols or 1))
    table = doc.add_table(rows=(1 if header else 0) + rows, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if header:
        hrow = table.rows[0]
        mark_header_row(hrow)
        for cell, text in zip(hrow.cells, header):
            cell.text = ""
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(p.add_run(text), HEADING_FONT, size, bold=True)
    if widths:
        set_widths(table, widths)
    return table


def set_widths(table, widths: Sequence) -> None:
    """Fixed column widths, written both to the grid (LibreOffice, WPS) and to every cell (Word)."""
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w


def set_row_height(row, height) -> None:
    """A minimum row height (room to write by hand); cells centred vertically."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE

    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell in row.cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def set_cell(cell, parts, *, font: str = TABLE_FONT, size=TABLE_SIZE, align: str | None = None) -> None:
    """Replace a cell's content by runs (see `add_runs`); `parts` may be a plain string."""
    if isinstance(parts, str):
        parts = [("plain", parts)]
    cell.text = ""
    p = cell.paragraphs[0]
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_runs(p, parts, font=font, size=size)


def add_field_line(doc, labels: Sequence[str], blank: int = 12, size=BODY_SIZE, font: str = BODY_FONT):
    """One line of fill-in fields: 标签：＿＿＿＿　标签：＿＿＿＿ (underlined blanks)."""
    p = doc.add_paragraph()
    for i, label in enumerate(labels):
        if i:
            set_run_font(p.add_run("\u3000\u3000"), font, size)
        set_run_font(p.add_run(f"{label}："), font, size)
        blank_run = p.add_run("\u3000" * blank)
        set_run_font(blank_run, font, size)
        blank_run.font.underline = True
    return p


def cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


# Word's default cell margins: 0.19 cm left and right
CELL_MARGINS_CM = 0.4


def text_width_cm(text: str, size_pt: float) -> float:
    """The width of `text` on one line: wide (CJK, full-width) characters one em, others half."""
    import unicodedata

    ems = sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)
    return ems * size_pt * 2.54 / 72


def keep_with_next(paragraph, whole: bool = True):
    """Keep `paragraph` on the page of the next one (w:keepNext), and in one piece (w:keepLines)
    if `whole`; else its last lines go with the next (widow control)."""
    paragraph.paragraph_format.keep_with_next = True
    if whole:
        paragraph.paragraph_format.keep_together = True
    else:
        paragraph.paragraph_format.widow_control = True
    return paragraph


def keep_row_whole(row) -> None:
    """A table row that is never split across pages (w:cantSplit)."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        el = OxmlElement("w:cantSplit")
        el.set(qn("w:val"), "true")
        trpr.append(el)
