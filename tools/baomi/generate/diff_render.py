"""The 修订对照表 (`generate/diff.py` compares, this module shows): the comparison as a neutral
`Document` (`revision_document`, `policy_blocks`: headings, notes and a `Table` of 原条文 |
修订后条文 | 修订说明 with the changed words as `ins`/`del` runs), which `document.html_render`
(a fragment per policy for the handbook, a standalone page) and `document.form_docx` (.docx, A4
landscape) render; and the plain-text listing (`render_text`), one record per row. They show
what the comparison holds and nothing else: 条号调整 rows give the number change only (the text
is unchanged), a withheld version only the notice.
"""

from __future__ import annotations

from pathlib import Path

from .diff import WITHHELD
from ..document import Document, Gap, Group, Heading, Items, Para, Run, Table, Title
from ..model import Status

TITLE = "修订对照表"
UNCHANGED = "（条文未改动）"
NO_CHANGE = "两个修订版本的制度条文没有差异。"
WIDTHS_MM = (105, 105, 47)


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


def revision_listing(cd) -> Document:
    """The plain-text listing of a comparison, one record per row: the title with the two
    revisions, the policies added, removed or repealed, then per changed policy its name, its
    notes and per row 【kind】 and the article (with its old number and where it moved), the old
    text (原) and the new (新) with the changed words as `ins`/`del` runs; a 条号调整 row the
    number change only, a withheld version the notice only."""
    doc = Document(title=TITLE)
    doc.add(Title(f"{TITLE}：{header(cd)}"))
    summary = summary_lines(cd)
    if summary:
        doc.add(Items(summary, role="diff-summary"))
        doc.add(Gap())
    if cd.empty:
        doc.add(Para(NO_CHANGE, "lead"))
    for pd in cd.policies:
        part = Group(role="diff-policy")
        part.add(Para(f"{pd.policy_id} 《{pd.title}》", "caption"))
        if pd.withheld:
            part.add(Para(_withheld_line(pd), "withheld", text_indent=2))
        else:
            for n in pd.notes:
                part.add(Para(n, "note-small", text_indent=2))
            for r in pd.rows:
                part.add(_listing_row(r))
        doc.add(part)
        doc.add(Gap())
    return doc


def _listing_row(r) -> Group:
    row = Group(role="diff-row", data={"kind": r.kind})
    if r.kind == "条号调整":
        row.add(Para(f"【条号调整】{r.note.removeprefix('条号调整：')}{UNCHANGED}", "plain", text_indent=2))
        return row
    if r.kind == "修改":
        head = r.new.label + (f"（原{r.old.label}）" if r.renumbered else "")
        moved = r.note.partition("，")[2]
        head += f"（{moved}）" if moved else ""
    else:
        head = (r.new or r.old).label
    row.add(Para(f"【{r.kind}】{head}", "plain", text_indent=2, keep_with_next=True))
    for side, unit, parts in (("原", r.old, r.old_parts), ("新", r.new, r.new_parts)):
        if unit is not None:
            row.add(Para.of([Run(f"{side}：")] + _runs(parts), "plain", text_indent=4, text_hang=8))
    return row


def render_text(cd) -> str:
    """The listing (`revision_listing`) as plain text, by `document.text_render`."""
    from ..document import text_render

    return text_render.render(revision_listing(cd))


# --- the revision table as a document (HTML and .docx are its renderers) ----------------------

def _runs(parts) -> list[Run]:
    return [Run(t, style) for style, t in parts]


def policy_blocks(pd, heading: bool = True) -> list:
    """One policy's part of the 修订对照表: its name (a heading), the withheld notice or its notes
    (修订日期 …), and the table 原条文 | 修订后条文 | 修订说明, one row per changed article, named by
    its kind (新增, 删除, 修改, 条号调整)."""
    out: list = []
    if heading:
        out.append(Heading(f"{pd.policy_id} 《{pd.title}》", level=1))
    if pd.withheld:
        out.append(Para(_withheld_line(pd), "withheld"))
        return out
    if pd.notes:
        out.append(Items(list(pd.notes), role="diff-notes"))
    if pd.rows:
        rows: list[list] = [["原条文", "修订后条文", "修订说明"]]
        for r in pd.rows:
            rows.append([_runs(cell_parts(r.old, r.old_parts, r.kind)),
                         _runs(cell_parts(r.new, r.new_parts, r.kind)), r.note])
        out.append(Table(rows, widths_mm=list(WIDTHS_MM), role="diff",
                         row_roles=[""] + [r.kind for r in pd.rows]))
    return out


def revision_document(cd) -> Document:
    """The whole 修订对照表 of a comparison (A4 landscape): title, the two revisions compared,
    the policies added, removed or repealed, then each changed policy's table."""
    doc = Document(title=TITLE, landscape=True)
    doc.add(Title(TITLE))
    doc.add(Para(header(cd), "subtitle"))
    summary = summary_lines(cd)
    if summary:
        doc.add(Items(summary, role="diff-summary"))
    if cd.empty:
        doc.add(Para(NO_CHANGE, "lead"))
    for pd in cd.policies:
        doc.blocks.extend(policy_blocks(pd))
    return doc


def render_policy_html(pd, heading: bool = True, level: int = 2) -> str:
    """One policy's table (原条文 | 修订后条文 | 修订说明) as an HTML fragment."""
    from ..document import html_render

    return html_render.fragment(Document(title=pd.title, blocks=policy_blocks(pd, heading)), level=level - 1)


def render_html(cd) -> str:
    from ..document import html_render

    return html_render.page(revision_document(cd), css=html_render.DIFF_CSS)


def build_docx(cd):
    from ..document import form_docx

    return form_docx.build(revision_document(cd))


def write_docx(cd, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(cd).save(str(path))
    return path
