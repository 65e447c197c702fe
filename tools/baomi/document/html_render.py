"""The neutral document model as HTML: a fragment for a handbook page (`fragment`) or a
self-contained page that prints on A4 (`page`). Used for the generated forms and tables
(保密承诺书, 自查自评表, 修订对照表).

No external resources (fonts, scripts, style sheets): the pages must work on an intranet with
no internet access and print the same everywhere. Chinese font stacks name the faces official
documents use (仿宋_GB2312, 方正小标宋简体) with common fallbacks.

Every text, attribute value and id goes through `baomi.htmlsafe` (`esc`, `esc_lines`, `href`,
`html_id`); a builder hands over raw text, never markup. A role becomes a class (`bm-<role>`,
or the name in `PARA_CLASS`), so the look of a role is CSS: `PRINT_CSS` for the page,
`BLOCK_CSS` for the generic blocks, and one style sheet per kind of document (`PLEDGE_CSS`,
`CHECKLIST_CSS`, `DIFF_CSS`; the handbook serves them all as generated.css).
"""

from __future__ import annotations

from ..htmlsafe import esc, esc_lines, href, html_id
from ..outpath import GENERATOR_META
from . import DATE_BLANK, Break, Cell, Document, Field, Fields, Gap, Group, Heading, Items, Para, Run, Table, Title

BODY_FONTS = ('"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", '
              '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif')
TITLE_FONTS = ('"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", '
               '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif')
SANS_FONTS = ('"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
              '"Microsoft YaHei", sans-serif')

PRINT_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
@page landscape {{ size: A4 landscape; margin: 20mm; }}
html {{ background: #fff; }}
body {{ font-family: {BODY_FONTS}; font-size: 16pt; line-height: 1.75; color: #000;
       max-width: 156mm; margin: 0 auto; padding: 10mm 0; }}
body.wide {{ max-width: 257mm; font-size: 12pt; }}
h1 {{ font-family: {TITLE_FONTS}; font-weight: normal; font-size: 22pt; text-align: center;
     margin: 0 0 1em; letter-spacing: 0.05em; }}
h2 {{ font-family: {SANS_FONTS}; font-weight: normal; font-size: 16pt; margin: 1em 0 0.5em; }}
p {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; }}
th {{ font-family: {SANS_FONTS}; font-weight: normal; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
ins {{ text-decoration: underline; font-weight: bold; background: #e6f4e6; }}
del {{ text-decoration: line-through; color: #a00; background: #fbeaea; }}
@media print {{
  body {{ padding: 0; max-width: none; }}
  ins, del {{ background: none; }}
  nav, .no-print {{ display: none !important; }}
}}
"""

BLOCK_CSS = """
.bm-break { break-before: page; page-break-before: always; height: 0; }
.bm-keep { break-inside: avoid; page-break-inside: avoid; }
"""

PLEDGE_CSS = """
.bm-pledge .bm-unit { text-align: center; margin-bottom: 0.5em; }
.bm-pledge table.bm-fields { table-layout: fixed; font-size: 12pt; }
.bm-pledge table.bm-fields th { width: 22%; text-align: center; padding: 2mm 1mm; }
.bm-pledge table.bm-fields td { width: 28%; height: 1.6em; text-align: right; }
.bm-pledge table.bm-fields td.bm-level { text-align: left; }
.bm-pledge .bm-box { margin-right: 0.6em; white-space: nowrap; }
.bm-pledge .bm-preamble { text-indent: 2em; margin: 1em 0 0.5em; }
.bm-pledge ol.bm-obligations { list-style: none; padding: 0; margin: 0; }
.bm-pledge ol.bm-obligations li { margin: 0 0 0.5em; }
.bm-pledge ol.bm-obligations p { text-indent: 2em; }
.bm-pledge .bm-src { font-size: 0.8em; text-indent: 0; text-align: right; }
.bm-pledge .bm-check { padding-left: 2em; text-indent: -1.2em; margin: 0.25em 0; }
.bm-pledge .bm-closing { text-indent: 2em; margin: 0.5em 0 1.5em; }
.bm-pledge .bm-sign { text-align: right; margin: 0.3em 0; }
.bm-pledge .bm-blank { display: inline-block; min-width: 8em; border-bottom: 1px solid #000; }
.bm-pledge table.bm-unitbox { margin-top: 1.5em; font-size: 0.9em; }
.bm-pledge table.bm-unitbox th { width: 18%; }
"""

CHECKLIST_CSS = """
.bm-cov td, .bm-cov th { font-size: 11pt; }
.bm-cov .st-covered { color: #1b5e20; }
.bm-cov .st-missing { color: #b71c1c; font-weight: bold; }
.bm-cov .st-unclaimed { color: #b71c1c; }
.bm-cov .area td { background: #f3f3f3; font-weight: bold; }
.bm-cov td.lbl, .bm-cov td.st { white-space: nowrap; }
.bm-cov ul.bm-clauses { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.bm-cov .st-advice { color: #8d6e00; }
"""

DIFF_CSS = """
table.bm-diff { table-layout: fixed; margin: 0.5em 0 1.5em; }
table.bm-diff col.bm-col-1, table.bm-diff col.bm-col-2 { width: 40%; }
table.bm-diff col.bm-col-3 { width: 20%; }
table.bm-diff td { white-space: normal; word-break: break-all; }
table.bm-diff tr.bm-kind-条号调整 td { color: #444; }
.bm-diff-notes, .bm-diff-summary { margin: 0.3em 0; padding-left: 1.5em; }
.bm-withheld { font-style: italic; }
"""

# paragraph role → class ("" none); any other role is shown as `bm-<role>`
PARA_CLASS = {"body": "", "item": "", "form-unit": "bm-unit", "citation": "bm-src"}
# group role → element; any other role is a <div>
GROUP_TAG = {"pledge": "article", "obligations": "ol", "obligation": "li"}
GROUP_CLASS = {"obligation": ""}
LEVEL_CLASS = ' class="bm-level"'
SIGN_BLANK = '<span class="bm-blank"></span>'
RUN_TAG = {"bold": "strong", "ins": "ins", "del": "del"}
RUN_CLASS = {"missing": "st-missing", "advice": "st-advice", "unclaimed": "st-unclaimed"}


def runs_html(runs) -> str:
    """`Run`s (or (style, text) pairs) as HTML: ins → <ins>, del → <del>, bold → <strong>, a 缺 or
    建议 mark in its class, a link as <a href>; line breaks as <br>."""
    out = []
    for r in runs:
        style, text, target = (r.style, r.text, r.href) if isinstance(r, Run) else (r[0], r[1], None)
        if not text:
            continue
        t = esc_lines(text)
        if target:
            t = f'<a href="{href(target)}">{t}</a>'
        tag = RUN_TAG.get(style)
        if tag:
            t = f"<{tag}>{t}</{tag}>"
        elif style in RUN_CLASS:
            t = f'<span class="{RUN_CLASS[style]}">{t}</span>'
        out.append(t)
    return "".join(out)


def segments_html(parts) -> str:
    """(style, text) parts as HTML (see `runs_html`)."""
    return runs_html(parts)


def inline(value) -> str:
    """A string, a list of `Run`s, an `Items` list (<ul>) or a `Cell` (lines joined by <br>, none
    next to a list) as HTML."""
    if isinstance(value, str):
        return esc_lines(value)
    if isinstance(value, Items):
        cls = f' class="bm-{esc(value.role)}"' if value.role else ""
        return f"<ul{cls}>" + "".join(f"<li>{inline(line)}</li>" for line in value.lines) + "</ul>"
    if isinstance(value, Cell):
        out = ""
        for k, line in enumerate(value.lines):
            if k and not isinstance(line, Items) and not isinstance(value.lines[k - 1], Items):
                out += "<br>"
            out += inline(line)
        return out
    return runs_html(value)


def cell_class(role: str) -> str:
    """The class of a cell by its role: `label` → lbl, `status-covered` → st st-covered."""
    if role == "label":
        return "lbl"
    if role.startswith("status-"):
        return f"st st-{role[len('status-'):]}"
    return role


def _attrs(cls: str = "", anchor: str = "", data: dict | None = None) -> str:
    out = ""
    for k, v in (data or {}).items():
        out += f' data-{esc(html_id(k))}="{esc(v)}"'
    if cls:
        out += f' class="{esc(cls)}"'
    if anchor:
        out += f' id="{esc(html_id(anchor))}"'
    return out


def _para(b: Para) -> str:
    cls = PARA_CLASS.get(b.role, f"bm-{b.role}")
    body = inline(b.runs) if b.runs is not None else esc_lines(b.text)
    return f"<p{_attrs(cls)}>{body}</p>"


def _value(f: Field) -> str:
    if f.kind == "choice":
        return "".join(f'<span class="bm-box">{esc(box)}</span>' for box in f.boxes())
    return esc(DATE_BLANK) if f.kind == "date" else ""


def _fields(b: Fields) -> list[str]:
    if b.layout == "lines":
        return [f'<p class="bm-sign">{esc(f.label)}：{esc(DATE_BLANK) if f.kind == "date" else SIGN_BLANK}</p>'
                for f in b.fields]
    if b.layout == "box":
        head = f"<th>{esc(b.heading)}</th>" if b.heading else ""
        cells = "".join(f"<th>{esc(f.label)}</th><td></td>" for f in b.fields)
        return [f'<table class="bm-unitbox"><tbody><tr>{head}{cells}</tr></tbody></table>']
    n = max(1, b.per_row)
    out = ['<table class="bm-fields"><tbody>']
    for i in range(0, len(b.fields), n):
        row = b.fields[i:i + n]
        cells = []
        for k, f in enumerate(row):
            span = 2 * (n - len(row)) + 1 if k == len(row) - 1 else 1     # a short row: the last
            attrs = (f' colspan="{span}"' if span > 1 else "") + (LEVEL_CLASS if f.kind == "choice" else "")
            cells.append(f"<th>{esc(f.label)}</th><td{attrs}>{_value(f)}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return out


def _table(b: Table) -> list[str]:
    rows = list(b.rows)
    out = [f"<table{_attrs(f'bm-{b.role}' if b.role else '')}>"]
    if b.widths_mm:       # set widths: one class per column, the widths in the document's CSS
        out.append("<colgroup>" + "".join(f'<col class="bm-col-{k}">' for k in range(1, len(b.widths_mm) + 1))
                   + "</colgroup>")
    if b.header and rows:
        head, rows = rows[0], rows[1:]
        out.append("<thead><tr>" + "".join(f"<th>{inline(c)}</th>" for c in head) + "</tr></thead>")
    out.append("<tbody>")
    start = 1 if b.header else 0
    for k, r in enumerate(rows):
        role = b.row_roles[start + k] if b.row_roles else ""
        rid = b.row_ids[start + k] if b.row_ids else ""
        cells = []
        for c in r:
            span = c.span if isinstance(c, Cell) else 1
            cls = cell_class(c.role) if isinstance(c, Cell) else ""
            attrs = (f' colspan="{span}"' if span > 1 else "") + (f' class="{esc(cls)}"' if cls else "")
            cells.append(f"<td{attrs}>{inline(c)}</td>")
        if b.role == "diff" and role:           # a revision row: its kind as class and data-kind
            out.append(f'<tr class="bm-kind-{esc(role)}" data-kind="{esc(role)}">{"".join(cells)}</tr>')
        else:
            out.append(f"<tr{_attrs(role, rid)}>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return out


def blocks_html(blocks, level: int = 1) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Title):
            out.append(f"<h{level}>{esc(b.text)}</h{level}>")
        elif isinstance(b, Heading):
            n = min(6, level + max(1, b.level))
            out.append(f"<h{n}>{esc(b.text)}</h{n}>")
        elif isinstance(b, Para):
            out.append(_para(b))
        elif isinstance(b, Fields):
            out.extend(_fields(b))
        elif isinstance(b, Table):
            out.extend(_table(b))
        elif isinstance(b, Items):
            out.append(inline(b))
        elif isinstance(b, Break):
            out.append('<div class="bm-break"></div>')
        elif isinstance(b, Gap):
            pass                            # a blank line of plain text: blocks are spaced by CSS
        elif isinstance(b, Group):
            tag = GROUP_TAG.get(b.role, "div")
            cls = GROUP_CLASS.get(b.role, f"bm-{b.role}" if b.role else "")
            if b.together:
                cls = f"{cls} bm-keep".strip()
            out.append(f"<{tag}{_attrs(cls, b.anchor, b.data)}>")
            inner = blocks_html(b.blocks, level)
            if tag == "li":                 # an item on one line, as a list wants it
                out[-1] += "".join(inner) + "</li>"
            else:
                out.extend(inner)
                out.append(f"</{tag}>")
        else:
            raise TypeError(f"未知的文档块：{type(b).__name__}")
    return out


def fragment(model: Document, level: int = 1) -> str:
    """The blocks of `model` as HTML, no page around them (for a handbook page). No blank lines:
    the handbook hands each block past Markdown whole."""
    return "\n".join(blocks_html(model.blocks, level))


def page(model: Document, css: str = "", wide: bool | None = None) -> str:
    """A complete, self-contained HTML page of `model` (print CSS inlined)."""
    return document(model.title, fragment(model), BLOCK_CSS + css,
                    wide=model.landscape if wide is None else wide)


def document(title: str, body: str, css: str = "", wide: bool = False) -> str:
    """A complete, self-contained HTML page (lang zh-CN, UTF-8, print CSS inlined)."""
    cls = ' class="wide"' if wide else ""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"{GENERATOR_META}\n"             # how `--output` knows the file is baomi's to replace
            f"<title>{esc(title)}</title>\n<style>{PRINT_CSS}{css}</style>\n</head>\n"
            f"<body{cls}>\n{body}\n</body>\n</html>\n")
