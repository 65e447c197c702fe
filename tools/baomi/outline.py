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
        # every tier (卷, 编, 分编, 章, 节, or a level a style plug-in adds) as a tree
        "tiers": [_tier(t) for t in p.tree],
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


def _tier(t) -> dict:
    return {"level": t.level, "unit": t.unit, "number": t.number, "title": t.title, "line": t.line,
            "children": [_tier(c) for c in t.children]}


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
        # the tiers from the highest down to 章 (卷, 编, 分编, 章 …), each under the one it stands in;
        # the articles under their 章 (the 节 are in the JSON), those outside any 章 after them
        plug = grammar.plugin(o["style"])
        kinds = [lv.kind for lv in plug.tier_levels()] if plug is not None and plug.tree == "articles" else []
        shown = set(kinds[:kinds.index("chapter") + 1] if "chapter" in kinds else kinds)
        tiers = o.get("tiers", [])
        by_chapter: dict = {}
        rest = []
        for a in o["articles"]:
            ch = next((t for t in reversed(_chain(tiers, a["line"])) if t["level"] == "chapter"), None)
            if ch is None:
                rest.append(a)
            else:
                by_chapter.setdefault(id(ch), []).append(a)

        def tier_lines(nodes, depth):
            for t in nodes:
                if t["level"] not in shown:
                    continue
                label = grammar.unit_label(t["unit"], t["number"], cn=_cn)
                out.append("  " * depth + f"{label} {t['title']}  (第{t['line']}行)")
                for a in by_chapter.get(id(t), []):
                    out.append("  " * (depth + 1) + _article_line(a))
                tier_lines(t["children"], depth + 1)
        tier_lines(tiers, 1)
        for a in rest:
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


def _chain(nodes: list[dict], line: int) -> list[dict]:
    """The tiers (outline dicts) a line stands in, the highest first (model.Policy.tiers_at)."""
    chain = []
    while True:
        t = next((t for t in reversed(nodes) if t["line"] < line), None)
        if t is None:
            return chain
        chain.append(t)
        nodes = t["children"]


def _article_line(a: dict) -> str:
    return f"{a['label']}  {a['paragraphs']}款 {a['items']}项{_n_tables(a.get('tables'))}  (第{a['line']}行)"


def _n_tables(n) -> str:
    return f" {n}表" if n else ""


def _cn(n) -> str:
    from .numerals import MAX, to_chinese
    return to_chinese(n) if isinstance(n, int) and 0 < n <= MAX else "?"
