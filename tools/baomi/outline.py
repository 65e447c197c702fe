"""`baomi outline`: how the tool read a file's structure."""

from __future__ import annotations

from . import grammar

# problems that leave the structure unread (or unreliable): shown with the outline
UNREAD = ("encoding", "syntax", "missing-frontmatter")


def policy_outline(p) -> dict:
    return {
        "path": p.relpath,
        "id": p.id,
        "title": p.title,
        "style": p.style,
        "parts": [{"kind": x.kind, "number": x.number, "title": x.title, "line": x.line, "part": x.part}
                  for x in p.all_parts()],
        "chapters": [{"number": c.number, "title": c.title, "line": c.line, "part": c.part,
                      "subpart": c.subpart,
                      "sections": [{"number": s.number, "title": s.title, "line": s.line} for s in c.sections]}
                     for c in p.chapters],
        # 节 outside any chapter (a document without chapters, or one quoted in an amendment)
        "loose_sections": [{"number": s.number, "title": s.title, "line": s.line}
                           for s in p.sections if not any(s in c.sections for c in p.chapters)],
        "articles": [{"number": a.number, "sub": a.sub, "label": a.label, "part": a.part, "chapter": a.chapter,
                      "line": a.line, "paragraphs": len(a.paragraphs), "items": len(a.items),
                      "tables": len(a.tables)}
                     for a in p.articles],
        "sections": [_g(h) for h in p.headings],
        # every table, with the article, section or attachment it belongs to
        "tables": _tables(p),
        # 附件: the list after the last article (附件：1．……) and the attachment bodies (附件1 ……)
        "attachments": [{"number": x.number, "marker": x.marker, "title": x.title, "line": x.line}
                        for x in p.attachments],
        "attachment_bodies": [{"number": x.number, "marker": x.marker, "title": x.title, "line": x.line,
                               "end_line": x.end_line, "paragraphs": len(x.paragraphs),
                               "tables": len(x.tables)} for x in p.attachment_bodies],
        "problems": [{"kind": x.kind, "line": x.line, "message": x.message} for x in p.problems
                     if x.kind in UNREAD],
    }


def _g(h) -> dict:
    return {"level": h.level, "number": h.number, "marker": h.marker.raw, "title": h.title,
            "line": h.line, "paragraphs": len(h.paragraphs), "tables": len(h.tables),
            "children": [_g(c) for c in h.children]}


def _tables(p) -> list[dict]:
    out = []

    def add(owner: str, tables) -> None:
        for t in tables:
            out.append({"owner": owner, "line": t.line, "end_line": t.end_line, "rows": len(t.rows),
                        "columns": max((len(r) for r in t.rows), default=0),
                        "header": t.rows[0] if t.rows else []})

    for a in p.articles:
        add(a.label, a.tables)

    def walk(hs) -> None:
        for h in hs:
            add(h.marker.raw + h.title, h.tables)
            walk(h.children)
    walk(p.headings)
    for x in p.attachment_bodies:
        add(x.label, x.tables)
    return sorted(out, key=lambda t: t["line"])


def render_text(outlines: list[dict]) -> str:
    out = []
    for o in outlines:
        out.append(f"{o['path']}  {o['id'] or '（无编号）'}  {o['title'] or '（无标题）'}  [{o['style'] or '未识别'}]")
        for x in o.get("problems", []):
            out.append(f"  ！{o['path']}:{x['line']}: {x['message']}")
        by_chapter: dict = {}
        for a in o["articles"]:
            by_chapter.setdefault((a.get("part"), a["chapter"]), []).append(a)
        marks = sorted([(x["line"], "p", x) for x in o.get("parts", [])] +
                       [(c["line"], "c", c) for c in o["chapters"]], key=lambda t: t[0])
        for _, kind, c in marks:
            if kind == "p":
                indent = "  " if c["kind"] == "编" else "    "
                out.append(f"{indent}{grammar.unit_label(c['kind'], c['number'], cn=_cn)} {c['title']}  (第{c['line']}行)")
                continue
            depth = 1 + (c.get("part") is not None) + (c.get("subpart") is not None)
            out.append("  " * depth + f"{grammar.chapter_label(c['number'], cn=_cn)} {c['title']}  (第{c['line']}行)")
            for a in by_chapter.pop((c.get("part"), c["number"]), []):
                out.append("  " * (depth + 1) + _article_line(a))
        for a in [a for key, arts in by_chapter.items() for a in arts]:
            out.append("  " + _article_line(a))

        def walk(nodes, depth):
            for n in nodes:
                out.append("  " * depth + f"{n['marker']}{n['title'][:30]}{_n_tables(n.get('tables'))}  (第{n['line']}行)")
                walk(n["children"], depth + 1)
        walk(o["sections"], 1)
        if o.get("attachments") or o.get("attachment_bodies"):
            out.append("  附件")
            for x in o.get("attachments", []):
                out.append(f"    {x['marker']}{x['title'][:30]}  (第{x['line']}行)")
            for x in o.get("attachment_bodies", []):
                out.append(f"    {x['marker']} {x['title'][:30]}  正文 {x['paragraphs']}段{_n_tables(x['tables'])}  "
                           f"(第{x['line']}行)")
        for t in o.get("tables", []):
            head = " | ".join(t["header"])[:40]
            out.append(f"  表格（{t['owner']}）{t['rows']}行×{t['columns']}列：{head}  (第{t['line']}行)")
    return "\n".join(out) + "\n"


def _article_line(a: dict) -> str:
    return f"{a['label']}  {a['paragraphs']}款 {a['items']}项{_n_tables(a.get('tables'))}  (第{a['line']}行)"


def _n_tables(n) -> str:
    return f" {n}表" if n else ""


def _cn(n) -> str:
    from .numerals import MAX, to_chinese
    return to_chinese(n) if isinstance(n, int) and 0 < n <= MAX else "?"
