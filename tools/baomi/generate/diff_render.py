"""Renderers of the 修订对照表 (`generate/diff.py`): plain text, HTML (a fragment per policy for
the handbook, a standalone page) and .docx (A4 landscape). They show what the comparison
holds and nothing else: 条号调整 rows give the number change only (the text is unchanged),
a withheld version only the notice.
"""

from __future__ import annotations

from pathlib import Path

from .diff import WITHHELD
from .html_util import document, esc, segments_html
from ..model import Status

UNCHANGED = "（条文未改动）"


def _short(commit: str) -> str:
    return commit[:7] if commit else ""


def _rev_label(rev: str, commit: str) -> str:
    short = _short(commit)
    return f"{rev}（{short}）" if short and not commit.startswith(rev) else (short or rev)


def header(cd) -> str:
    """『2025年3月1日 v1（83f3501） → 2025年6月1日“修订测试制度”（9c0e2aa）』."""
    a = cd.label_a or _rev_label(cd.rev_a, cd.commit_a)
    b = cd.label_b or _rev_label(cd.rev_b, cd.commit_b)
    return f"{a} → {b}"


def _policy_name(p) -> str:
    return f"{p.id + ' ' if p.id else ''}《{p.title or p.relpath}》"


def cell_parts(unit, parts, kind: str = "") -> list[tuple[str, str]]:
    """A table cell: the label in bold, then the text parts (only the label for 条号调整)."""
    if unit is None:
        return []
    if kind == "条号调整":
        return [("bold", unit.label), ("plain", UNCHANGED)]
    return [("bold", unit.label), ("plain", "\u3000")] + list(parts)


def _text_parts(parts: list[tuple[str, str]]) -> str:
    out = []
    for style, t in parts:
        if style == "ins":
            out.append(f"[+{t}+]")
        elif style == "del":
            out.append(f"[-{t}-]")
        else:
            out.append(t)
    return "".join(out)


def summary_lines(cd) -> list[str]:

    lines = []
    for title, items in (("新增制度", cd.added), ("删除制度", cd.removed), ("废止制度", cd.repealed)):
        for p in items:
            extra = "（草案）" if title == "新增制度" and p.status == Status.DRAFT else ""
            lines.append(f"{title}：{_policy_name(p)}{extra}")
    if cd.withheld:
        lines.append(f"另有 {cd.withheld} 份制度的修订版本未列出：{WITHHELD}")
    return lines


def _withheld_line(pd) -> str:
    return f"修订对照表：{pd.withheld}"


def render_text(cd) -> str:
    out = [f"修订对照表：{header(cd)}", ""]
    summary = summary_lines(cd)
    if summary:
        out.extend(summary)
        out.append("")
    if cd.empty:
        out.append("两个修订版本的制度条文没有差异。")
    for pd in cd.policies:
        out.append(f"{pd.policy_id} 《{pd.title}》")
        if pd.withheld:
            out.append(f"  {_withheld_line(pd)}")
            out.append("")
            continue
        out.extend(f"  {n}" for n in pd.notes)
        for r in pd.rows:
            if r.kind == "条号调整":
                out.append(f"  【条号调整】{r.note.removeprefix('条号调整：')}{UNCHANGED}")
                continue
            if r.kind == "修改":
                head = r.new.label + (f"（原{r.old.label}）" if r.renumbered else "")
                moved = r.note.partition("，")[2]
                head += f"（{moved}）" if moved else ""
            else:
                head = (r.new or r.old).label
            out.append(f"  【{r.kind}】{head}")
            if r.old is not None:
                out.append(f"    原：{_indent(_text_parts(r.old_parts))}")
            if r.new is not None:
                out.append(f"    新：{_indent(_text_parts(r.new_parts))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _indent(text: str) -> str:
    return text.replace("\n", "\n        ")


DIFF_CSS = """
table.bm-diff { table-layout: fixed; margin: 0.5em 0 1.5em; }
table.bm-diff col.bm-col-text { width: 40%; }
table.bm-diff col.bm-col-note { width: 20%; }
table.bm-diff td { white-space: normal; word-break: break-all; }
table.bm-diff tr.bm-kind-条号调整 td { color: #444; }
.bm-diff-notes { margin: 0.3em 0; padding-left: 1.5em; }
.bm-withheld { font-style: italic; }
"""


def render_policy_html(pd, heading: bool = True, level: int = 2) -> str:
    """One policy's table (原条文 | 修订后条文 | 修订说明) as an HTML fragment."""
    out = []
    if heading:
        out.append(f"<h{level}>{esc(pd.policy_id)} 《{esc(pd.title)}》</h{level}>")
    if pd.withheld:
        out.append(f'<p class="bm-withheld">{esc(_withheld_line(pd))}</p>')
        return "\n".join(out)
    if pd.notes:
        out.append('<ul class="bm-diff-notes">' + "".join(f"<li>{esc(n)}</li>" for n in pd.notes) + "</ul>")
    if pd.rows:
        out.append('<table class="bm-diff"><colgroup><col class="bm-col-text"><col class="bm-col-text">'
                   '<col class="bm-col-note"></colgroup>')
        out.append("<thead><tr><th>原条文</th><th>修订后条文</th><th>修订说明</th></tr></thead><tbody>")
        for r in pd.rows:
            old = segments_html(cell_parts(r.old, r.old_parts, r.kind))
            new = segments_html(cell_parts(r.new, r.new_parts, r.kind))
            out.append(f'<tr class="bm-kind-{esc(r.kind)}" data-kind="{esc(r.kind)}"><td>{old}</td>'
                       f"<td>{new}</td><td>{esc(r.note)}</td></tr>")
        out.append("</tbody></table>")
    return "\n".join(out)


def render_html(cd) -> str:
    title = "修订对照表"
    body = [f"<h1>{title}</h1>", f"<p>{esc(header(cd))}</p>"]
    summary = summary_lines(cd)
    if summary:
        body.append('<ul class="bm-diff-notes">' + "".join(f"<li>{esc(s)}</li>" for s in summary) + "</ul>")
    if cd.empty:
        body.append("<p>两个修订版本的制度条文没有差异。</p>")
    body.extend(render_policy_html(pd) for pd in cd.policies)
    return document(title, "\n".join(body), DIFF_CSS, wide=True)


def build_docx(cd):
    from docx.shared import Cm

    from . import docx_util as du

    doc = du.new_document(landscape=True, title="修订对照表")
    du.add_title(doc, "修订对照表")
    du.add_text(doc, header(cd), size=du.SMALL_SIZE, align="center")
    for line in summary_lines(cd):
        du.add_text(doc, line, size=du.SMALL_SIZE)
    if cd.empty:
        du.add_text(doc, "两个修订版本的制度条文没有差异。", size=du.SMALL_SIZE)
    for pd in cd.policies:
        du.add_text(doc, f"{pd.policy_id} 《{pd.title}》", font=du.HEADING_FONT, size=du.SMALL_SIZE)
        if pd.withheld:
            du.add_text(doc, _withheld_line(pd), size=du.TABLE_SIZE)
            continue
        for n in pd.notes:
            du.add_text(doc, n, size=du.TABLE_SIZE)
        if not pd.rows:
            continue
        table = du.add_table(doc, ["原条文", "修订后条文", "修订说明"],
                             widths=[Cm(10.5), Cm(10.5), Cm(4.7)])
        for r in pd.rows:
            cells = table.add_row().cells
            for cell, w in zip(cells, (Cm(10.5), Cm(10.5), Cm(4.7))):
                cell.width = w
            du.set_cell(cells[0], cell_parts(r.old, r.old_parts, r.kind))
            du.set_cell(cells[1], cell_parts(r.new, r.new_parts, r.kind))
            du.set_cell(cells[2], r.note)
    return doc


def write_docx(cd, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(cd).save(str(path))
    return path
