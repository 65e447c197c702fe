"""The 自查自评 coverage table as HTML: a fragment for the handbook and a standalone printable page."""

from __future__ import annotations

from ..checklist import cited, coverage_table, summary_line
from .html_util import document, esc, href, html_id

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


def fragment(cov: dict, link=None) -> str:
    """The table for `Coverage.as_dict()`; `link(policy_path, anchor)` may return an address."""
    rows = ["<table class=\"bm-cov\"><thead><tr><th>条目</th><th>检查内容</th><th>状态</th>"
            "<th>覆盖制度和条文</th></tr></thead><tbody>"]
    area = None
    for it in cov["items"]:
        if it["area"] != area:
            area = it["area"]
            area_id = html_id(f"area-{it.get('area_id', '')}")
            rows.append(f"<tr class=\"area\" id=\"{esc(area_id)}\"><td colspan=\"4\">"
                        f"{esc(it.get('area_label', ''))}{esc(area)}</td></tr>")
        cells = []
        for p in it["policies"]:
            cells.append(f"《{esc(p['title'])}》" + _clause_list(p, link))
        if not it["policies"] and it.get("category"):
            cells.append(f"<span class=\"st-unclaimed\">应由{esc(it['category'])}类制度声明覆盖</span>")
        item_id = html_id(f"item-{it['id']}")
        rows.append(
            f"<tr id=\"{esc(item_id)}\"><td class=\"lbl\">{esc(it['label'])}</td><td>{esc(it['text'])}</td>"
            f"<td class=\"st st-{esc(it['status'])}\">{esc(it['status_text'])}</td><td>{'<br>'.join(cells) or '—'}</td></tr>")
    rows.append("</tbody></table>")
    head = f"<p class=\"bm-cov-summary\">{esc(summary_line(cov['summary']))}</p>"
    return head + "\n".join(rows)


def _clause_list(p: dict, link=None) -> str:
    """Per clause of the item, the article of the policy that satisfies it (linked), or what is
    missing: 缺 for a required clause, 建议 (with its source) for advice."""
    lis = []
    for c in p["clauses"]:
        must = esc(c["must"])
        if c["ok"]:
            arts = []
            for a in c.get("cited") or c.get("articles") or []:
                label = esc(a["label"])
                target = link(p["path"], a["anchor"]) if link else None
                arts.append(f"<a href=\"{href(target)}\">{label}</a>" if target else label)
            lis.append(f"<li>{must}：{'、'.join(arts)}</li>")
        elif c.get("severity") == "warning":
            basis = f"（{esc(c['basis'])}）" if c.get("basis") else ""
            lis.append(f"<li class=\"st-advice\">建议：{must}{basis}</li>")
        else:
            lis.append(f"<li class=\"st-missing\">缺：{must}</li>")
    return f"<ul class=\"bm-clauses\">{''.join(lis)}</ul>" if lis else ""


def page(cov: dict, title: str = "保密自查自评制度覆盖情况表") -> str:
    return document(title, f"<h1>{esc(title)}</h1>\n{fragment(cov)}", CHECKLIST_CSS, wide=True)


def coverage_fragment(corpus, link=None) -> str:
    """The coverage table of `corpus` as an HTML fragment (no external resources) for embedding
    in a page. `link(policy_path, anchor)` may return the address of an article (or None)."""
    return fragment(coverage_table(corpus), link=link)


def coverage_page(corpus) -> str:
    """A standalone HTML page of the coverage table of `corpus` (inline CSS, printable)."""
    return page(coverage_table(corpus))
