"""From the parsed policy model to the neutral document model (`baomi.document`).

`policy_document()`: one policy as an issued 公文 (mark, optional 版头, title, body, 附件,
落款, 印发 line). `collection_document()`: the 汇编 of several policies (cover, 目录, each
policy on a new page with its revision date, the 自查自评 coverage table as an appendix).
The text is the policy's own, as the linter accepted it: numbers, quotes and punctuation are
not rewritten here.
"""

from __future__ import annotations

import datetime as _dt

from . import Break, Cell, Document, Heading, Items, Mark, Masthead, Para, Run, Table, Title, Toc
from .. import grammar
from ..model import Division, Tier

PUBLIC = "公开"


def cn_date(value) -> str:
    """2025-03-01 → 2025年3月1日 (GB/T 9704: 成文日期 in Arabic numerals); other text as is."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value.strip())
        except ValueError:
            return value.strip()
    if isinstance(value, _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return ""


def revision_line(policy) -> str:
    """（2025年3月1日起施行）, or with the revision: （2025年3月1日起施行，2026年1月1日修订）."""
    eff, rev = cn_date(policy.meta.get("effective")), cn_date(policy.meta.get("revised"))
    parts = []
    if eff:
        parts.append(f"{eff}起施行")
    if rev:
        parts.append(f"{rev}修订")
    return f"（{'，'.join(parts)}）" if parts else ""


def revision_date(policy) -> str:
    """The date the text in force dates from: revised, else effective (中文 form)."""
    return cn_date(policy.meta.get("revised") or policy.meta.get("effective"))


def mark_text(policy, config) -> str:
    """The label at the top left: the unit's own (`mark` in [tool.baomi]) or the policy's
    classification; a 公开 policy carries none unless the unit sets one."""
    own = getattr(config, "mark", "") or ""
    if own:
        return own
    cls = policy.meta.get("classification")
    cls = cls.strip() if isinstance(cls, str) else ""
    return "" if cls in ("", PUBLIC) else cls


def _paragraphs(out: list, paragraphs, tables, *, first_lead: str = "") -> None:
    def tables_after(n):
        for t in tables:
            if t.after == n and t.rows:
                out.append(Table([list(r) for r in t.rows]))

    tables_after(0)
    for k, para in enumerate(paragraphs):
        lead = first_lead if k == 0 else ""
        out.append(Para(lead + para.text, "body"))
        for item in para.items:
            out.append(Para(item.marker.raw + item.text, "item"))
            for sub in item.subitems:
                out.append(Para(sub.marker.raw + sub.text, "item"))
        tables_after(k + 1)


def _gongwen(out: list, node, level: int) -> None:
    if node.is_heading:
        out.append(Heading(node.marker.raw + node.title, level=min(level, 4)))
        _paragraphs(out, node.paragraphs, node.tables)
    else:
        out.append(Para(node.marker.raw + node.title, "body"))
        _paragraphs(out, node.paragraphs, node.tables)
    for c in node.children:
        _gongwen(out, c, level + 1)


def body_blocks(policy) -> list:
    """The policy's text as blocks, in the order of the handbook page."""
    out: list = []
    for para in policy.intro:
        out.append(Para(para.full_text(), "body"))
    if grammar.heading_tree(policy.style):
        for h in policy.headings:
            _gongwen(out, h, 1)
    else:
        # every tier (卷, 编, 分编, 章, 节 …) where it stands, its heading level from its depth
        # in the tree (章 of a text without 编: 1, its 节: 2); by position, not identity
        for x in policy.body_order():
            if isinstance(x, Division):
                out.append(Heading(x.title, level=1, center=True))
            elif isinstance(x, Tier):
                out.append(Heading(f"{x.marker.raw}\u3000{x.name}", level=1 + len(x.path), center=True))
            else:
                _paragraphs(out, x.paragraphs, x.tables, first_lead=f"{x.marker.raw}\u3000")
        for para in policy.stray:
            out.append(Para(para.full_text(), "body"))
    if policy.attachments or policy.attachment_notes:
        entries = policy.attachments
        if entries:
            first, *rest = entries
            out.append(Para(f"附件：{first.marker}{first.title}", "body"))
            for a in rest:
                out.append(Para(f"\u3000\u3000\u3000{a.marker}{a.title}", "body"))
        for p in policy.attachment_notes:
            out.append(Para(p.full_text(), "body"))
    for b in policy.attachment_bodies:
        out.append(Break())
        out.append(Para(b.label, "annex-label"))
        if b.title:
            out.append(Heading(b.title, level=0))
        _paragraphs(out, b.paragraphs, b.tables)
    return out


def issuer_of(policy, config) -> str:
    v = policy.meta.get("issuer")
    return v.strip() if isinstance(v, str) and v.strip() else (getattr(config, "issuer", "") or "")


def policy_document(policy, config, *, masthead: bool = True) -> Document:
    """One policy as an issued document (GB/T 9704)."""
    title = policy.title or policy.relpath
    doc = Document(title=title, subject=getattr(config, "site_name", ""))
    mark = mark_text(policy, config)
    if mark:
        doc.add(Mark(mark))
    issuer = issuer_of(policy, config)
    number = policy.meta.get("doc_number")
    number = number.strip() if isinstance(number, str) else ""
    if masthead and issuer:
        doc.add(Masthead(issuer if issuer.endswith("文件") else issuer + "文件", number))
    doc.add(Title(title))
    line = revision_line(policy)
    if line:
        doc.add(Para(line, "subtitle"))
    attachment_bodies = bool(policy.attachment_bodies)
    blocks = body_blocks(policy)
    if attachment_bodies:                      # 落款 comes before the 附件 bodies
        cut = next(i for i, b in enumerate(blocks) if isinstance(b, Break))
        main, annex = blocks[:cut], blocks[cut:]
    else:
        main, annex = blocks, []
    for b in main:
        doc.add(b)
    date = cn_date(policy.meta.get("revised") or policy.meta.get("effective"))
    if issuer:
        doc.add(Para(issuer, "signature"))
        if date:
            doc.add(Para(date, "date"))
    for b in annex:
        doc.add(b)
    printer = getattr(config, "printer", "") or issuer
    if printer and date:
        doc.add(Para(f"{printer}\t{date}印发", "imprint"))
    return doc


COVERAGE_COLUMNS = ("序号", "检查内容", "制度覆盖情况", "覆盖制度和条文")
COVERAGE_FILL_IN = ("自查情况", "存在问题", "整改措施", "责任部门", "完成时限")


def _clause_lines(p: dict, link=None) -> list[list[Run]]:
    """Per clause of the item, the articles of the policy that satisfy it (linked when `link`
    gives an address), or what is missing: 缺 for a required clause, 建议 (with its source) for
    advice."""
    out = []
    for c in p["clauses"]:
        must = c["must"]
        if c["ok"]:
            runs = [Run(f"{must}：")]
            for k, a in enumerate(c.get("cited") or c.get("articles") or []):
                if k:
                    runs.append(Run("、"))
                runs.append(Run(a["label"], href=link(p["path"], a["anchor"]) if link else None))
            out.append(runs)
        elif c.get("severity") == "warning":
            basis = f"（{c['basis']}）" if c.get("basis") else ""
            out.append([Run(f"建议：{must}{basis}", "advice")])
        else:
            out.append([Run(f"缺：{must}", "missing")])
    return out


def _compact_line(p: dict, link=None) -> list[Run]:
    """A claiming policy on one line, as a printed form has room for: 《标题》第二条、第五条, then
    （缺：…） for the required clauses not found and （建议：…） for the advice not followed."""
    from ..checklist import cited

    runs = [Run(f"《{p['title']}》")]
    for k, a in enumerate(cited(p)):
        if k:
            runs.append(Run("、"))
        runs.append(Run(a["label"], href=link(p["path"], a["anchor"]) if link else None))
    missing = [c["must"] for c in p["clauses"] if not c["ok"] and c.get("severity") != "warning"]
    advice = [c["must"] for c in p["clauses"] if not c["ok"] and c.get("severity") == "warning"]
    if missing:
        runs.append(Run("（缺：" + "；".join(missing) + "）", "missing"))
    if advice:
        runs.append(Run("（建议：" + "；".join(advice) + "）", "advice"))
    return runs


def coverage_table(cov: dict, *, link=None, areas: bool = True, fill: bool = False, detail: bool = True,
                   widths_mm: list[float] | None = None) -> Table:
    """The 自查自评 coverage table of `checklist.coverage_table(...)` as one `Table`: 序号,
    检查内容, 制度覆盖情况, 覆盖制度和条文. Every output of the table (the handbook page, the HTML
    page, the Word form, the 汇编's appendix) is this table.

    `detail`: per claiming policy its title, then per clause the article that satisfies it or
    缺/建议 (the handbook); else one line per policy with its articles and 缺/建议 (print).
    `areas`: a heading row per area of the checklist (rows named `area`); `fill`: the columns the
    office fills in during the self-inspection, left empty. `link(policy_path, anchor)` may give
    an address for an article."""
    header = list(COVERAGE_COLUMNS) + (list(COVERAGE_FILL_IN) if fill else [])
    blank = [""] * (len(COVERAGE_FILL_IN) if fill else 0)
    rows: list[list] = [header]
    roles, ids = [""], [""]
    area = None
    for it in cov["items"]:
        if areas and it["area"] != area:
            area = it["area"]
            rows.append([Cell([f"{it.get('area_label', '')}{area}"], span=len(header))])
            roles.append("area")
            ids.append(f"area-{it.get('area_id', '')}")
        refs: list = []
        for p in it["policies"]:
            if not detail:
                refs.append(_compact_line(p, link))
                continue
            refs.append(f"《{p['title']}》")
            lines = _clause_lines(p, link)
            if lines:
                refs.append(Items(lines, role="clauses"))
        if not it["policies"] and it.get("category"):
            unclaimed = f"应由{it['category']}类制度声明覆盖"
            refs.append([Run(unclaimed if detail else f"（{unclaimed}）", "unclaimed")])
        rows.append([Cell([it["label"]], role="label"), it["text"],
                     Cell([it["status_text"]], role=f"status-{it['status']}"), Cell(refs or ["—"]), *blank])
        roles.append("")
        ids.append(f"item-{it['id']}")
    return Table(rows, widths_mm=widths_mm, role="cov", row_roles=roles, row_ids=ids,
                 fill=len(blank))


LISTING_TITLE = "自查自评覆盖情况"
LISTING_WIDTHS = [10, 12]    # display columns of 序号 and 状态 in plain text
LISTING_HANG = 26            # where the 缺少/建议/应由 lines under an item start


def coverage_listing(cov: dict) -> Document:
    """`baomi checklist`'s listing of `checklist.coverage_table(...)`: per area its name, then one
    row per item (序号, 状态, the claiming policies with their articles) with, under it, each
    required clause missing (缺少, with the file), each piece of advice not followed (建议写明,
    with the file and its source) and, for an item nobody claims, the policies of its category
    that should; the summary last. `text_render` prints it in aligned columns."""
    from ..checklist import cited, summary_line

    doc = Document(title=LISTING_TITLE)
    rows: list[list] = []

    def close() -> None:
        if rows:
            doc.add(Table(list(rows), header=False, role="cov-listing", text_widths=list(LISTING_WIDTHS),
                          text_indent=2, text_hang=LISTING_HANG))
            rows.clear()

    area = None
    for it in cov["items"]:
        if it["area"] != area:
            close()
            area = it["area"]
            doc.add(Para(f"{it.get('area_label', '')}{area}", "caption"))
        where = "；".join(f"《{p['title']}》" + "、".join(a["label"] for a in cited(p))
                         for p in it["policies"]) or "—"
        lines: list = [where]
        for p in it["policies"]:
            for c in p["clauses"]:
                if not c["ok"] and c.get("severity") == "warning":
                    basis = f"；{c['basis']}" if c.get("basis") else ""
                    lines.append([Run(f"建议写明：{c['must']}（{p['path']}{basis}）", "advice")])
                elif not c["ok"]:
                    lines.append([Run(f"缺少：{c['must']}（{p['path']}）", "missing")])
        if it["status"] == "unclaimed":
            expected = "、".join(f"《{p['title']}》" for p in it["expected"]) or f"（尚无类别为{it['category']}的现行制度）"
            lines.append([Run(f"应由{it['category']}类制度声明覆盖：{expected}", "unclaimed")])
        rows.append([Cell([it["label"]], role="label"), Cell([it["status_text"]], role=f"status-{it['status']}"),
                     Cell(lines)])
    close()
    doc.add(Para(summary_line(cov["summary"]), "lead"))
    return doc


APPENDIX_TITLE = "附录　保密自查自评制度覆盖情况表"


def collection_document(policies, config, *, cov: dict | None = None, double_sided: bool = False,
                        today: _dt.date | None = None, name: str | None = None) -> Document:
    """The 汇编: cover, 目录, every policy on a new (odd, when double-sided) page, appendix."""
    name = name or getattr(config, "site_name", "") or "保密制度汇编"
    unit = getattr(config, "unit", "") or "本单位"
    today = today or getattr(config, "today", None) or _dt.date.today()
    doc = Document(title=name, header=None, numbered=False, subject=unit)
    mark = getattr(config, "mark", "") or ("" if all(
        (p.meta.get("classification") or "").strip() == PUBLIC for p in policies) else "内部")
    if mark:
        doc.add(Mark(mark))
    doc.add(Para(unit, "cover-unit"))
    doc.add(Para(name, "cover-title"))
    doc.add(Para(cn_date(today), "cover-date"))
    doc.add(Break(odd=double_sided, header=None, numbered=False))
    doc.add(Toc())
    first = True
    for p in policies:
        title = p.title or p.relpath
        when = revision_date(p)
        header = f"{name}\u3000\u3000{title}" + (f"（{when}）" if when else "")
        doc.add(Break(odd=double_sided, header=header, numbered=True, restart=first))
        first = False
        doc.add(Title(title, toc=True))
        line = revision_line(p)
        if line:
            doc.add(Para(line, "subtitle"))
        for b in body_blocks(p):
            if isinstance(b, Break):       # an attachment body: same running header
                b.header = header
            doc.add(b)
    if cov is not None:
        from ..checklist import summary_line

        doc.add(Break(odd=double_sided, header=f"{name}\u3000\u3000附录", numbered=True))
        doc.add(Title(APPENDIX_TITLE, toc=True))
        doc.add(Para(f"由 baomi 根据本汇编自动生成：{summary_line(cov['summary'])}。", "plain"))
        doc.add(coverage_table(cov, areas=False, detail=False, widths_mm=[21, 63, 20, 52]))
    return doc
