"""保密承诺书 pages: one page per role × kind that has obligations, an index page, and the same
form as a .docx next to each page. Each obligation's citation links to the article on its
policy page. Forms come from `generate.pledge.pledge_forms`; only published policies are cited."""

from __future__ import annotations

from dataclasses import replace

from .downloads import Download
from ..htmlsafe import esc, href, md_inline, safe_segment
from .urls import relative, src_link
from ..model import Status

PLEDGES = "pledges/index.md"
PRINT_HINT = ("打印：按 Ctrl+P（苹果电脑按 ⌘+P）使用浏览器打印，本页按 A4 纸排版，打印时不含导航和本说明；"
              "也可下载 Word 文档填写后打印。")


def _forms(ctx) -> list:
    from ..generate.pledge import pledge_forms

    published = {p.relpath for p in ctx.published if p.status == Status.CURRENT}
    out = []
    for f in pledge_forms(ctx.corpus):
        obs = [ob for ob in f.obligations if ob.policy_path in published]
        if obs:
            out.append(f if len(obs) == len(f.obligations) else replace(f, obligations=obs))
    return out


def generate(ctx) -> tuple[list[tuple[str, str, str]], list[Download]]:
    """([(src, title, markdown)], [Download]) of the 承诺书 section. Only the index page goes into
    the navigation: every page renders the whole navigation, so 50-odd more entries there would
    cost about a second of build time on the shipped corpus."""
    from ..generate.pledge import KINDS, render_fragment

    forms = _forms(ctx)
    by_relpath = {p.relpath: p for p in ctx.published}
    unit = getattr(getattr(ctx.corpus, "config", None), "unit", "") or "本单位"
    pages, downloads = [], []
    by_role: dict[str, list] = {}
    used: set[str] = set()
    for f in forms:
        slug = safe_segment(f.slug)
        while slug in used:
            slug += "-2"
        used.add(slug)
        src = f"pledges/{slug}.md"
        docx = f"pledges/{slug}.docx"
        here = ctx.url(src)

        def link(ob, here=here):
            p = by_relpath.get(ob.policy_path)
            u = ctx.policy_url(p) if p is not None else None
            return relative(here, f"{u}#{ob.anchor}") if u else None

        md = ('<div class="bm-noprint bm-pledge-tools">\n'
              f"<p>{esc(PRINT_HINT)}</p>\n"
              f'<p><a class="md-button" href="{href(relative(here, docx))}" download>下载 Word 文档（.docx）</a>'
              f'　<a href="{href(relative(here, ctx.url(PLEDGES)))}">全部承诺书</a></p>\n'
              "</div>\n\n"
              + render_fragment(f, link=link) + "\n")
        pages.append((src, f.title, md))
        downloads.append(Download(docx, "pledge", f, unit))
        by_role.setdefault(f.role, []).append((f, src, docx))
    index = ["# 保密承诺书\n\n",
             "以下承诺书由现行制度中列为承诺事项的条文自动生成，每项承诺注明出处，条文修改或重新编号后随之更新。"
             "上岗、在岗、离岗各一份；打开后可直接打印（A4），或下载 Word 文档填写。\n\n"]
    if not forms:
        index.append("现行制度中暂无列为承诺事项的条文。\n")
    else:
        index.append("| 角色 | " + " | ".join(KINDS) + " |\n| --- |" + " --- |" * len(KINDS) + "\n")
        for role_forms in by_role.values():
            cells = {f.kind: (src, docx) for f, src, docx in role_forms}
            row = [md_inline(role_forms[0][0].role_name)]
            for k in KINDS:
                if k in cells:
                    src, docx = cells[k]
                    row.append(f"[{k}]({src_link(PLEDGES, src)})")
                else:
                    row.append("—")
            index.append("| " + " | ".join(row) + " |\n")
    pages.insert(0, (PLEDGES, "保密承诺书", "".join(index)))
    return pages, downloads
