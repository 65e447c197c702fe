"""The neutral document model as a Word form: the layout of the generated forms and tables
(保密承诺书, 自查自评表, 修订对照表). A4 with 公文 margins, 仿宋 body, 小标宋 title, tables in
宋体 with a repeating header row (helpers in `document.docx_util`). `docx_render` is the other
Word renderer, the GB/T 9704 公文 layout of `baomi export` (grid, 版头, page-number footers).

What a block asks for, and how it is done here:

- `Para.keep_with_next`: w:keepNext with widow control (its last lines go with the next one);
- `Group(with_previous=True)`: the paragraph before the group keeps with it (w:keepNext);
- `Group(together=True)`: every paragraph of the group keeps with the next, in one piece
  (w:keepNext, w:keepLines), and a table row in it is never split (w:cantSplit);
- `Fields`: `grid` a table of label and value cells whose columns are as wide as their text on
  one line (「□一般」 never wraps), `lines` right-aligned 标签：＿＿ lines, `box` a one-row table;
- `Table(fill=n)`: rows tall enough to write in by hand.

python-docx is imported by this module (through docx_util) only; callers import it lazily.
"""

from __future__ import annotations

import math
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from . import DATE_BLANK, Break, Cell, Document, Field, Fields, Gap, Group, Heading, Items, Para, Table, Title, plain
from . import docx_util as du

SIGN_BLANK = "_" * 16
# role → keyword arguments of `docx_util.add_text`
PARA_FORMAT = {
    "body": {"indent": True},
    "item": {"indent": True},
    "check": {"indent": True},
    "plain": {},
    "form-unit": {"align": "center"},
    "preamble": {"indent": True},
    "citation": {"size": du.SMALL_SIZE, "align": "right"},
    "closing": {"indent": True, "space_after": Pt(18)},
    "subtitle": {"size": du.SMALL_SIZE, "align": "center"},
    "lead": {"size": du.SMALL_SIZE},
    "caption": {"font": du.HEADING_FONT, "size": du.SMALL_SIZE},
    "note-small": {"size": du.TABLE_SIZE},
    "signature": {"align": "right"},
    "date": {"align": "right"},
    "withheld": {"size": du.TABLE_SIZE},
    # the entries of a list, one paragraph each (by the list's role)
    "diff-summary": {"size": du.SMALL_SIZE},
    "diff-notes": {"size": du.TABLE_SIZE},
}
SPACE_BEFORE = {"preamble": Pt(12)}


def _parts(value) -> list[tuple[str, str]]:
    """A cell or a paragraph's runs as (style, text) parts of `docx_util.add_runs` (a 缺 or 建议
    mark is plain text in print; links are the text only)."""
    if isinstance(value, str):
        return [("plain", value)]
    if isinstance(value, (Cell, Items)):        # one line each (a list's entries too)
        out: list[tuple[str, str]] = []
        for i, line in enumerate(value.lines):
            if i:
                out.append(("plain", "\n"))
            out.extend(_parts(line))
        return out
    out = []
    for r in value:                       # neighbouring runs of one style are one run in Word
        style = r.style if r.style in ("bold", "ins", "del") else "plain"
        if out and out[-1][0] == style:
            out[-1] = (style, out[-1][1] + r.text)
        else:
            out.append((style, r.text))
    return out


def _value(f: Field, blank: str = "") -> str:
    if f.kind == "date":
        return DATE_BLANK
    if f.kind == "choice":
        # the options are joined by no-break spaces and their column is wide enough for them on
        # one line: 「□一般」 never wraps
        return "\u00a0".join(f.boxes())
    return blank


def field_widths(rows, size_pt: float = 12.0, total_cm: float = 15.6) -> list:
    """Column widths (label, value, label, value) of a field grid: each label column as wide as
    its longest label on one line, each value column at least as wide as its longest value (the
    涉密等级 options), the rest shared out; within the text width of the page."""

    def need(text) -> float:                 # cm for `text` on one line, cell margins included
        return du.text_width_cm(str(text), size_pt) + du.CELL_MARGINS_CM

    cols = [0.0, 0.0, 0.0, 0.0]
    for row in rows:
        for c, (lab, val) in enumerate(row):
            cols[2 * c] = max(cols[2 * c], need(lab))
            cols[2 * c + 1] = max(cols[2 * c + 1], need(val) if len(row) == 2 else 0.0)
    cols = [math.ceil(w * 100) / 100 for w in cols]
    spare = total_cm - sum(cols)
    if spare >= 0:
        half = math.floor(spare * 50) / 100
        cols[1] += half
        cols[3] += half
    else:                                    # too wide: shrink in proportion (text wraps)
        cols = [math.floor(w * total_cm / sum(cols) * 100) / 100 for w in cols]
    return [Cm(w) for w in cols]


class _Writer:
    def __init__(self, doc):
        self.doc = doc
        self.last = None            # the last paragraph written (for keep-with-next)

    def para(self, p):
        self.last = p
        return p

    def blocks(self, blocks) -> list:
        """Write `blocks`; the paragraphs written, with None for a table."""
        out: list = []
        for b in blocks:
            out.extend(self.block(b))
        return out

    def block(self, b) -> list:
        doc = self.doc
        if isinstance(b, Break):
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            return []
        if isinstance(b, Gap):             # a blank line of plain text: paragraphs are spaced by role
            return []
        if isinstance(b, Title):
            return [self.para(du.add_title(doc, b.text))]
        if isinstance(b, Heading):
            return [self.para(du.add_text(doc, b.text, font=du.HEADING_FONT, size=du.SMALL_SIZE))]
        if isinstance(b, Items):
            fmt = PARA_FORMAT.get(b.role, PARA_FORMAT["plain"])
            return [self.para(du.add_text(doc, plain(line), **fmt)) for line in b.lines]
        if isinstance(b, Para):
            fmt = PARA_FORMAT.get(b.role, PARA_FORMAT["body"])
            p = du.add_text(doc, **fmt)
            if b.role in SPACE_BEFORE:
                p.paragraph_format.space_before = SPACE_BEFORE[b.role]
            du.add_runs(p, _parts(b.runs if b.runs is not None else b.text),
                        font=fmt.get("font", du.BODY_FONT), size=fmt.get("size", du.BODY_SIZE))
            if b.keep_with_next:
                du.keep_with_next(p, whole=False)
            return [self.para(p)]
        if isinstance(b, Fields):
            return self.fields(b)
        if isinstance(b, Table):
            self.table(b)
            return [None]
        if isinstance(b, Group):
            if b.with_previous and self.last is not None:
                du.keep_with_next(self.last)
            written = self.blocks(b.blocks)
            if b.together:
                paras = [p for p in written if p is not None]
                if written and written[-1] is not None:
                    paras.pop()              # the last paragraph has nothing to keep with
                for p in paras:
                    du.keep_with_next(p)
            return written
        raise TypeError(f"未知的文档块：{type(b).__name__}")

    def fields(self, b: Fields) -> list:
        doc = self.doc
        if b.layout == "lines":
            return [self.para(du.add_text(doc, f"{f.label}：{_value(f, SIGN_BLANK)}", align="right"))
                    for f in b.fields]
        if b.layout == "box":
            spacer = self.para(du.add_text(doc, "", size=Pt(8)))      # a little room above the box
            cols = ([b.heading] if b.heading else []) + [y for f in b.fields for y in (f.label, "")]
            label_w, total = 2.4, 15.6
            n_labels = sum(1 for c in cols if c)
            blank_w = (total - label_w * n_labels) / max(1, len(cols) - n_labels)
            t = du.add_table(doc, None, rows=1, widths=[Cm(label_w if c else blank_w) for c in cols])
            du.set_row_height(t.rows[0], Cm(1.2))
            du.keep_row_whole(t.rows[0])
            for cell, text in zip(t.rows[0].cells, cols):
                du.set_cell(cell, [("bold", text)] if text else "", size=du.SMALL_SIZE, align="center")
            return [spacer, None]
        n = max(1, b.per_row)
        pairs = [(f.label, _value(f)) for f in b.fields]
        rows = [pairs[i:i + n] for i in range(0, len(pairs), n)]
        table = du.add_table(doc, None, rows=len(rows), widths=field_widths(rows))
        for r, row in zip(table.rows, rows):
            du.set_row_height(r, Cm(1.0))
            for c, (lab, val) in enumerate(row):
                du.set_cell(r.cells[2 * c], [("bold", lab)], size=du.SMALL_SIZE, align="center")
                du.set_cell(r.cells[2 * c + 1], str(val), size=du.SMALL_SIZE)
            if len(row) == 1 and n == 2:
                merged = r.cells[1].merge(r.cells[3])
                du.set_cell(merged, str(row[0][1]), size=du.SMALL_SIZE)
        return [None]

    def table(self, b: Table) -> None:
        rows = b.rows
        header = [plain(c) for c in rows[0]] if b.header and rows else None
        body = rows[1:] if header else rows
        widths = [Cm(w / 10) for w in b.widths_mm] if b.widths_mm else None
        cols = max((sum(c.span if isinstance(c, Cell) else 1 for c in r) for r in rows), default=1)
        table = du.add_table(self.doc, header, widths=widths, cols=cols)
        for r in body:
            row = table.add_row()
            k = 0
            for value in r:
                cell, span = row.cells[k], value.span if isinstance(value, Cell) else 1
                if span > 1:
                    cell = cell.merge(row.cells[min(k + span, len(row.cells)) - 1])
                du.set_cell(cell, _parts(value))
                k += span
            if b.fill:
                du.set_row_height(row, Cm(1.2))
        if widths:
            du.set_widths(table, widths)


def build(model: Document):
    """A python-docx Document of `model` (portrait unless `model.landscape`)."""
    doc = du.new_document(landscape=model.landscape, title=model.title)
    _Writer(doc).blocks(model.blocks)
    return doc


def render(model: Document, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build(model).save(str(path))
    return path

