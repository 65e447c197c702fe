"""`baomi outline`: how the tool read a file's structure."""

from __future__ import annotations

# problems that leave the structure unread (or unreliable): shown with the outline
UNREAD = ("encoding", "syntax", "missing-frontmatter")


def policy_outline(p) -> dict:
    return {
        "path": p.relpath,
        "id": p.id,
        "title": p.title,
        "style": p.style,
        "chapters": [{"number": c.number, "title": c.title, "line": c.line,
                      "sections": [{"number": s.number, "title": s.title, "line": s.line} for s in c.sections]}
                     for c in p.chapters],
        "articles": [{"number": a.number, "sub": a.sub, "label": a.label, "chapter": a.chapter,
                      "line": a.line, "paragraphs": len(a.paragraphs), "items": len(a.items)}
                     for a in p.articles],
        "sections": [_g(h) for h in p.headings],
        "problems": [{"kind": x.kind, "line": x.line, "message": x.message} for x in p.problems
                     if x.kind in UNREAD],
    }


def _g(h) -> dict:
    return {"level": h.level, "number": h.number, "marker": h.marker.raw, "title": h.title,
            "line": h.line, "paragraphs": len(h.paragraphs), "children": [_g(c) for c in h.children]}


def render_text(outlines: list[dict]) -> str:
    out = []
    for o in outlines:
        out.append(f"{o['path']}  {o['id'] or '（无编号）'}  {o['title'] or '（无标题）'}  [{o['style'] or '未识别'}]")
        for x in o.get("problems", []):
            out.append(f"  ！{o['path']}:{x['line']}: {x['message']}")
        by_chapter: dict = {}
        for a in o["articles"]:
            by_chapter.setdefault(a["chapter"], []).append(a)
        for c in o["chapters"]:
            from .numerals import to_chinese
            num = to_chinese(c["number"]) if c["number"] and c["number"] <= 9999 else "?"
            out.append(f"  第{num}章 {c['title']}  (第{c['line']}行)")
            for a in by_chapter.pop(c["number"], []):
                out.append(f"    {a['label']}  {a['paragraphs']}款 {a['items']}项  (第{a['line']}行)")
        for a in by_chapter.pop(None, []):
            out.append(f"  {a['label']}  {a['paragraphs']}款 {a['items']}项  (第{a['line']}行)")

        def walk(nodes, depth):
            for n in nodes:
                out.append("  " * depth + f"{n['marker']}{n['title'][:30]}  (第{n['line']}行)")
                walk(n["children"], depth + 1)
        walk(o["sections"], 1)
    return "\n".join(out) + "\n"
