"""One policy as a handbook page: metadata panel, chapters, articles with anchors, cross-reference
links and "本条被引用" backlinks. Output is Markdown (headings, so that the table of contents
lists chapters) with HTML blocks for articles; all policy text is HTML-escaped."""

from __future__ import annotations

from .. import grammar
from collections.abc import Callable
from dataclasses import dataclass

from ..htmlsafe import esc, href, html_id, md_inline
from ..model import Division, Status, Tier

STATUS_CLASS = {"现行": "现行", "废止": "废止", "草案": "草案"}


@dataclass
class Links:
    """How the policy page reaches the rest of the site (all hrefs relative to this page)."""

    policy: Callable[[object, str | None], str | None]   # (policy, anchor) → href or None
    law: Callable[[str], str | None]                      # law key → href
    checklist: Callable[[str], str | None]                # item id → href
    law_name: Callable[[str], str]                        # law key → display name
    item_label: Callable[[str], str]                      # item id → （一）1 …


def _refs_by_article(corpus, policy) -> dict[int, list]:
    out: dict[int, list] = {}
    for ref in getattr(corpus, "references", []) or []:
        if ref.source is policy and ref.resolved and ref.source_article is not None:
            out.setdefault(id(ref.source_article), []).append(ref)
    return out


def _ref_href(ref, links: Links) -> str | None:
    if ref.kind == "law" and ref.target_law:
        return links.law(ref.target_law)
    if ref.target_policy is not None:
        anchor = None
        if ref.article:
            num, sub = ref.article
            anchor = grammar.article_anchor(num, sub)
            if ref.item:
                anchor = _item_target(ref, anchor)
        return links.policy(ref.target_policy, anchor)
    return None


def _item_target(ref, article_anchor: str) -> str:
    """The anchor of the item a citation names, as the target page gives it (item_anchors): in the
    cited 款 (第二款第一项), else in the 款 it was read in, else in the only 款 with items; the
    article's own anchor when the item is not there."""
    art = next((a for a in getattr(ref.target_policy, "articles", ())
                if (a.number, a.sub) == tuple(ref.article)), None)
    if art is None:
        return article_anchor
    ids = item_anchors(art)
    with_items = [k for k, p in enumerate(art.paragraphs) if p.items]
    if ref.paragraph:
        ks = [ref.paragraph - 1]
    elif ref.item_paragraph is not None:
        ks = [ref.item_paragraph]
    else:
        ks = with_items
    for k in ks:
        if 0 <= k < len(art.paragraphs):
            for item in art.paragraphs[k].items:
                if item.number == ref.item:
                    return ids[id(item)]
    return article_anchor


def item_anchors(art) -> dict:
    """id(item or 目) → its anchor on the page, unique within the page: art-5-2 (art-5-k2-2 when
    items stand in several 款), 目 art-5-2-1; a number met twice in one 款 (a source that restarts
    its numbering) gets the line it stands on."""
    out: dict = {}
    seen: set = set()

    def unique(a: str, line: int) -> str:
        if a in seen:
            a = f"{a}-l{line}"
        seen.add(a)
        return a

    for k, para in enumerate(art.paragraphs):
        for item in para.items:
            ia = out[id(item)] = unique(art.item_anchor(k, item), item.line)
            for sub in item.subitems:
                out[id(sub)] = unique(grammar.item_anchor(ia, sub.number), sub.line)
    return out


def linkify(text: str, refs: list, links: Links) -> str:
    """Escape `text` and turn the citations found in it into links (longest first, no overlap)."""
    spans: list[tuple[int, int, str]] = []
    for ref in sorted(refs, key=lambda r: -len(r.text or "")):
        t = ref.text or ""
        target = _ref_href(ref, links)
        if not t or not target:
            continue
        start = 0
        while True:
            at = text.find(t, start)
            if at < 0:
                break
            end = at + len(t)
            if not any(at < e and end > s for s, e, _ in spans):
                spans.append((at, end, target))
                break
            start = at + 1
    spans.sort()
    out, pos = [], 0
    for s, e, target in spans:
        out.append(esc(text[pos:s]))
        out.append(f'<a class="bm-xref" href="{href(target)}">{esc(text[s:e])}</a>')
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)


def _backlinks(corpus, policy, anchor: str, links: Links, published: set[int]) -> str:
    refs = (getattr(corpus, "cited_by", {}) or {}).get((policy.id, anchor), [])
    seen, parts = set(), []
    for ref in refs:
        src = ref.source
        if id(src) not in published or ref.source_article is None:
            continue
        art = ref.source_article
        key = (id(src), art.anchor)
        if key in seen:
            continue
        seen.add(key)
        target = links.policy(src, art.anchor)
        name = art.label if src is policy else f"《{src.title}》{art.label}"
        parts.append(f'<a href="{href(target)}">{esc(name)}</a>')
    if not parts:
        return ""
    return f'<p class="bm-cited">本条被引用：{"".join(parts)}</p>\n'


def _article_html(corpus, policy, art, refs, links: Links, published: set[int]) -> str:
    a = esc(art.anchor)
    ids = item_anchors(art)
    out = [f'<div class="bm-art" id="{a}">\n']
    for k, para in enumerate(art.paragraphs):
        body = linkify(para.text, refs, links)
        if k == 0:
            out.append(f'<p><a class="bm-label" href="#{a}">{esc(art.label)}</a>{body}'
                       f'<a class="bm-copy" href="#{a}" title="复制本条链接" aria-label="复制本条链接">#</a></p>\n')
        else:
            out.append(f"<p>{body}</p>\n")
        for item in para.items:
            ia = esc(ids[id(item)])
            out.append(f'<p class="bm-item" id="{ia}">{esc(item.marker.raw)}'
                       f'{linkify(item.text, refs, links)}</p>\n')
            for sub in item.subitems:
                out.append(f'<p class="bm-sub" id="{esc(ids[id(sub)])}">{esc(sub.marker.raw)} '
                           f'{linkify(sub.text, refs, links)}</p>\n')
        out.extend(_tables_html(art.tables, k + 1))
    out.append(_backlinks(corpus, policy, art.anchor, links, published))
    out.append("</div>\n")
    return "".join(out)


def table_html(table) -> str:
    """A table of the policy as written: header row, then body rows; every cell escaped."""
    head, *rows = table.rows or [[]]
    out = ['<table class="bm-table">\n<thead><tr>', "".join(f"<th>{esc(c)}</th>" for c in head),
           "</tr></thead>\n<tbody>\n"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _tables_html(tables, after: int) -> list[str]:
    return [table_html(t) for t in tables if t.after == after]


def _paragraphs_html(paragraphs, tables) -> str:
    out = _tables_html(tables, 0)
    for k, para in enumerate(paragraphs):
        out.append(f"<p>{esc(para.full_text())}</p>\n")
        out.extend(_tables_html(tables, k + 1))
    return "".join(out)


def _attachments_html(policy) -> str:
    """The 附件 part after the articles: the 附件 list (and the lines after it), then each body."""
    out = []
    if policy.attachments or policy.attachment_notes:
        out.append('<div class="bm-annex" id="att">\n<p class="bm-annex-head">附件：</p>\n')
        for a in policy.attachments:
            out.append(f'<p class="bm-annex-entry">{esc(a.marker)}{esc(a.title)}</p>\n')
        for p in policy.attachment_notes:
            out.append(f"<p>{esc(p.full_text())}</p>\n")
        out.append("</div>\n\n")
    for b in policy.attachment_bodies:
        out.append(f"\n## {md_inline((b.marker + ' ' + b.title).strip())} {{#{b.anchor}}}\n\n")
        out.append(f'<div class="bm-attachment" id="{esc(b.anchor)}-body">\n')
        out.append(_paragraphs_html(b.paragraphs, b.tables))
        out.append("</div>\n\n")
    return "".join(out)


def _gongwen_html(node, level: int) -> str:
    out = []
    if node.is_heading and level == 1:
        out.append(f"## {md_inline(node.marker.raw + node.title)} {{#{html_id(node.anchor)}}}\n\n")
        out.append(f'<div class="bm-unit" id="{esc(node.anchor)}-body">\n')
    else:
        title = esc(node.marker.raw) + (f"<strong>{esc(node.title)}</strong>" if node.is_heading else esc(node.title))
        out.append(f'<div class="bm-unit" id="{esc(node.anchor)}">\n<p>{title}</p>\n')
    out.append(_paragraphs_html(node.paragraphs, node.tables))
    out.append("</div>\n\n")
    for c in node.children:
        out.append(_gongwen_html(c, level + 1))
    return "".join(out)


def _meta_panel(policy, links: Links) -> str:
    m = policy.meta
    rows: list[tuple[str, str]] = []

    def text(key):
        v = m.get(key)
        return esc(v) if v not in (None, "") else "—"

    status = m.get("status") or ""
    rows.append(("编号", text("id")))
    rows.append(("状态", f'<span class="bm-status bm-status--{esc(STATUS_CLASS.get(status, ""))}">{esc(status)}</span>'))
    rows.append(("归口部门", text("owner")))
    rows.append(("适用范围", text("scope")))
    rows.append(("施行日期", text("effective")))
    rows.append(("修订日期", text("revised")))
    if m.get("review"):
        rows.append(("复审日期", text("review")))
    basis = [b for b in (m.get("basis") or []) if isinstance(b, str)]
    rows.append(("上位法依据", "、".join(
        f'<a href="{href(links.law(b))}">{esc(links.law_name(b))}</a>' if links.law(b) else esc(b)
        for b in basis) or "—"))
    covers = [str(c) for c in (m.get("covers") or [])]
    rows.append(("自查自评事项", "、".join(
        f'<a href="{href(links.checklist(c))}">{esc(links.item_label(c))}</a>' for c in covers) or "—"))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<div class="bm-meta">\n<dl>{body}</dl>\n</div>\n\n'


OPEN = "公开"   # a policy marked 公开 carries no mark


def print_label(policy) -> str:
    """The classification label a page of the policy carries (内部); none for a 公开 policy."""
    cls = policy.meta.get("classification") if isinstance(policy.meta, dict) else None
    cls = cls.strip() if isinstance(cls, str) else ""
    return "" if cls in ("", OPEN) else cls


def mark_html(policy, unit: str = "") -> str:
    """The policy's 内部 mark as on a paper copy: its classification, with the unit's name when
    the configuration gives one, at the top of the page (screen and print)."""
    label = print_label(policy)
    if not label:
        return ""
    who = f'<span class="bm-mark__unit">{esc(unit)}</span>' if unit else ""
    return (f'<div class="bm-mark" aria-label="{esc("密级标志：" + label)}">{who}'
            f'<span class="bm-mark__level">{esc(label)}</span></div>\n\n')


def render(corpus, policy, links: Links, published: set[int], unit: str = "") -> str:
    """Markdown of the policy page (`unit`: the unit's name for the 内部 mark, if configured)."""
    out = [mark_html(policy, unit), f"# {md_inline(policy.title or policy.relpath)}\n\n"]
    label = print_label(policy)
    if label:       # printed at the top left of every page (assets/baomi.css @page bm-neibu)
        out.append(f'<div class="bm-print-label" data-label="{esc(label)}" aria-hidden="true"></div>\n\n')
    if policy.status == Status.REPEALED:
        out.append('<div class="bm-banner">本制度已废止，仅供查阅，不再执行。</div>\n\n')
    elif policy.status == Status.DRAFT:
        out.append('<div class="bm-banner">本制度为草案，尚未施行。</div>\n\n')
    out.append(_meta_panel(policy, links))
    for para in policy.intro:
        out.append(f"<p>{esc(para.full_text())}</p>\n\n")
    refs = _refs_by_article(corpus, policy)
    if grammar.heading_tree(policy.style):
        for h in policy.headings:
            out.append(_gongwen_html(h, 1))
        out.append(_attachments_html(policy))
        return "".join(out)
    anchors = heading_anchors(policy)
    # every tier (卷, 编, 分编, 章, 节 …) where it stands, one heading level deeper than the tier
    # it stands in (章 of a text without 编: ##, in a 编: ###)
    for x in policy.body_order():
        if isinstance(x, Division):
            out.append(f"\n## {md_inline(x.title)} {{#{grammar.division_anchor(x.line)}}}\n\n")
        elif isinstance(x, Tier):
            level = "#" * min(2 + len(x.path), 6)
            out.append(f"\n{level} {md_inline(x.marker.raw + ' ' + x.title)} {{#{anchors[id(x)]}}}\n\n")
        else:
            out.append(_article_html(corpus, policy, x, refs.get(id(x), []), links, published))
            out.append("\n")
    out.append(_attachments_html(policy))
    return "".join(out)


def heading_anchors(policy) -> dict:
    """id(tier: 卷, 编, 分编, 章, 节 …) → its anchor, unique on the page, built by the grammar
    (`grammar.tier_anchor`). Without 编: ch-3, ch-3-s-2 (as always); in a code, whose chapters
    may start again in each 编 (刑法, 民法典), the 编 is part of it: p2, p2-sp1, p2-ch-3,
    p2-ch-3-s-2; a level a plug-in adds: volume-1; an anchor met twice gets its line. Both the
    tiers of the tree and those of the flat lists (Policy.parts, chapters, sections) are keys."""
    out: dict = {}
    seen: set = set()
    at: dict = {}

    def walk(nodes, above):
        for t in nodes:
            a = grammar.tier_anchor(t.level, t.number, above)
            if a in seen:
                a = f"{a}-l{t.line}"
            seen.add(a)
            out[id(t)] = at[(t.level, t.line)] = a
            walk(t.children, above + [(t.level, t.number, a)])

    walk(policy.tree, [])
    for t in (*policy.other_tiers, *policy.all_parts(), *policy.chapters, *policy.sections):
        out.setdefault(id(t), at[(t.level, t.line)])
    return out


def search_units(policy) -> list[tuple[str, str, str]]:
    """(anchor, label, text) of every unit of the policy shown on its page: the citable units,
    then the 附件 part."""
    return [(u.anchor, u.label, u.text) for u in policy.units() + policy.attachment_units()]
