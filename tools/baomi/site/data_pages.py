"""The 数据 section: one page per data file of `schemas/`, generated from the data as loaded through
`baomi.data.Data` (so a repository's own overrides show), and the front-matter JSON Schema as a
download with the VS Code association."""

from __future__ import annotations

import json
from importlib.resources import files

from .. import grammar
from ..htmlsafe import esc, href, html_id, md_inline
from .urls import relative, src_link

INDEX = "data/index.md"
SCHEMA = "data/policy.schema.json"
PAGES = [  # (src, nav title, data file)
    ("data/checklist.md", "自查自评事项", "checklist.yaml"),
    ("data/categories.md", "制度类别", "categories.yaml"),
    ("data/roles.md", "角色", "roles.yaml"),
    ("data/laws.md", "法规库", "laws.yaml"),
    ("data/terms.md", "规范用语", "terms.yaml"),
    ("data/synonyms.md", "检索同义词", "synonyms.yaml"),
]
PURPOSE = {
    "checklist.yaml": "保密自查自评事项及每项要求制度必须写明的内容（强制条款），`baomi lint` 据此检查制度是否落实（BM4xx）。",
    "categories.yaml": "制度类别：自查自评要求建立的十类制度和其他常见类别，front matter 的 `category` 取其键。",
    "roles.yaml": "制度约束的人员类别及其包含关系，用于角色页面和保密承诺书，front matter 的 `roles` 取其键。",
    "laws.yaml": "上位法依据库：全称、简称、现行版本、条数和 2024 年修订前后的条文号对照，front matter 的 `basis` 取其键。",
    "terms.yaml": "规范用语表：错误写法、规范写法及其适用语境，`baomi lint` 的用语检查（BM5xx）据此提示。",
    "synonyms.yaml": "检索同义词：工作人员习惯的说法与制度用语的对应，只用于手册搜索。",
}


def _table(head: list[str], rows: list[list[str]], cls: str = "bm-data") -> str:
    """An HTML table (cells already escaped), one block without blank lines."""
    out = [f'<table class="{cls}"><thead><tr>' + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"]
    out.extend("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    out.append("</tbody></table>\n\n")
    return "\n".join(out)


def _join(v, sep: str = "、") -> str:
    if v in (None, "", []):
        return ""
    if isinstance(v, (list, tuple)):
        return sep.join(esc(x) for x in v)
    return esc(v)


def _where(data, filename: str) -> str:
    p = data.path(filename) if data is not None else None
    if p is None:
        return "（未找到）"
    try:
        from ..data import packaged_dir

        if p.resolve().is_relative_to(packaged_dir().resolve()):
            return f"随 baomi 安装的默认数据 `{filename}`"
    except Exception:
        pass
    return f"本仓库的 `schemas/{filename}`" if p.parent.name == "schemas" else f"`{p}`"


def _head(title: str, data, filename: str) -> str:
    return (f"# {md_inline(title)}\n\n{PURPOSE.get(filename, '')}\n\n"
            f"本页由数据文件生成，来源：{_where(data, filename)}。修改该文件后重新生成手册即可更新。\n\n")


def _checklist(ctx) -> str:
    from ..checklist import checklist_of

    data = ctx.data
    checklist = checklist_of(data)
    md = [_head("自查自评事项", data, "checklist.yaml")]
    if checklist.sources:
        md.append("依据：" + "；".join(md_inline(f"《{s.title}》{s.part}") for s in checklist.sources) + "。\n\n")
    sc = checklist.sanctions
    if sc is not None:
        md.append(f"每项制度都应有一条写明：{md_inline(sc.must)}（{md_inline(checklist.sanctions_source)}）。\n\n")
    md.append("“必须写明”一栏的每项要求，须有一条条文同时含有所列每组词语中的一个（忽略空格和标点），"
              "且说到对象的句子与“要素”一致：要求为“不得”的不能写成“可以”，“应当”的不能写成“无需”，"
              "“未经批准不得”的只能在批准之后“可以”；数量须在界限之内。标为“建议”的不是强制要求，缺少时只给出警告。\n\n")
    for area in checklist.areas:
        area_id = html_id(f"area-{area.id}")
        md.append(f"## {md_inline(area.label + (area.title or ''))} {{#{area_id}}}\n\n")
        rows = []
        for it in area.items:
            iid = it.id
            clauses = []
            for clause in it.clauses:
                groups = "；".join("或".join(esc(w) for w in g) for g in clause.wording)
                advice = "" if clause.required else f'<br><small>建议（非强制）：{esc(clause.basis)}</small>'
                clauses.append(f'<li><code>{esc(clause.id)}</code> {esc(clause.must)}'
                               + (f'<br><small>条文须含：{groups}</small>' if groups else "")
                               + f'<br><small>要素：{esc(clause.elements())}</small>' + advice + "</li>")
            rows.append([f'<span id="{esc(html_id(f"item-{iid}"))}"><code>{esc(iid)}</code></span><br>{esc(it.label)}',
                         esc(it.text) + (f'<br><small>来源：{esc(it.source)}</small>' if it.source else ""),
                         esc(it.category or ""),
                         ("<ul>" + "".join(clauses) + "</ul>") if clauses else "—"])
        md.append(_table(["编号", "自查内容", "制度类别", "必须写明（强制条款）"], rows))
    return "".join(md)


def _categories(ctx) -> str:
    data = ctx.data
    md = [_head("制度类别", data, "categories.yaml")]
    rows = []
    for c in getattr(data, "categories", []) or []:
        rows.append([f"<code>{esc(c.key)}</code>", esc(c.name),
                     "是" if c.required else "否", esc(c.description),
                     _join(c.mandated_chapters), esc(c.source)])
    md.append(_table(["键", "名称", "自查自评要求建立", "说明", "建议章节", "来源"], rows))
    return "".join(md)


def _roles(ctx) -> str:
    data = ctx.data
    roles = list(getattr(data, "roles", []) or [])
    keys = {r.key: r for r in roles}
    parents: dict[str, list[str]] = {}
    for r in roles:
        for kid in r.includes:
            parents.setdefault(kid, []).append(r.key)
    md = [_head("角色", data, "roles.yaml"),
          "“包含”表示上级角色的制度义务同样约束其包含的角色（可传递）：例如约束涉密人员的条文，也约束核心涉密人员。"
          "“条文中的称呼”是条文称呼该角色的其他说法（mentions）：角色页面列出称呼了该角色的条文，按最长的说法优先匹配。\n\n",
          "## 层级 {#hierarchy}\n\n"]

    def tree(key: str, depth: int, path: tuple) -> None:
        r = keys.get(key)
        link = f"[{md_inline(r.name if r is not None else key)}]({src_link('data/roles.md', ctx.role_src[key])})" \
            if key in ctx.role_src else md_inline(key)
        md.append("    " * depth + f"- {link}\n")
        for kid in r.includes if r is not None else ():
            if kid not in path:
                tree(kid, depth + 1, path + (kid,))

    for r in roles:
        if r.key not in parents:
            tree(r.key, 0, (r.key,))
    md.append("\n## 角色一览 {#list}\n\n")
    rows = []
    for r in roles:
        k = r.key
        rows.append([f'<span id="{esc(html_id(f"role-{k}"))}"><code>{esc(k)}</code></span>', esc(r.description),
                     _join(r.includes) or "—", _join(parents.get(k)) or "—", _join(r.mentions) or "—",
                     esc(r.source)])
    md.append(_table(["键", "说明", "包含", "被包含于", "条文中的称呼", "来源"], rows))
    return "".join(md)


def _article(n) -> str:
    try:
        return grammar.article_label(int(n))
    except (TypeError, ValueError):
        return str(n)


def _laws(ctx) -> str:
    data = ctx.data
    md = [_head("法规库", data, "laws.yaml")]
    here = ctx.url("data/laws.md")
    for e in getattr(data, "laws", ()) or ():
        key = e.key
        md.append(f"## {md_inline(e.full_name or key)} {{#{html_id(f'law-{key}')}}}\n\n")
        v = e.version
        facts = [("键", f"<code>{esc(key)}</code>"), ("简称", _join(e.short_names)),
                 ("类别", esc(e.kind)), ("制定机关", esc(e.issuer)),
                 ("现行版本", "，".join(f"{lab}{esc(val)}" for val, lab in ((v.revised, "修订"), (v.effective, "施行"),
                                                                         (v.document, "文号")) if val)),
                 ("条数", f"{esc(e.article_count)}条" if e.article_count else ""),
                 ("章数", f"{esc(e.chapters)}章" if e.chapters else ""),
                 ("效力状态", esc(e.status)),
                 ("待核实", _join(e.unverified) if not e.verified else ""),
                 ("核对文本", _join([f for _, f in e.texts.items()])),
                 ("说明", esc(e.notes)), ("来源", esc(e.source))]
        hist = ["，".join(f"{lab}{esc(val)}" for val, lab in ((h.adopted, "通过"), (h.revised, "修订"),
                                                             (h.effective, "施行")) if val) for h in e.history]
        if hist:
            facts.append(("较早版本", "；".join(hist)))
        body = "".join(f"<dt>{k}</dt><dd>{val}</dd>" for k, val in facts if val)
        md.append(f'<div class="bm-meta"><dl>{body}</dl></div>\n\n')
        if e.renumbered:
            md.append("2024年修订前后的条文号对照（旧条号引用应改为新条号）：\n\n")
            md.append(_table(["内容", "修订前", "修订后"],
                             [[esc(r.topic), _article(r.old), _article(r.new)] for r in e.renumbered]))
        if e.key_articles:
            md.append("常被引用的条文：\n\n")
            md.append(_table(["条文", "内容"], [[_article(r.article), esc(r.topic)] for r in e.key_articles]))
        if e.renamed_terms:
            md.append("修订后更名的用语：" + "；".join(f"{md_inline(r.old)}→{md_inline(r.new)}"
                                                   for r in e.renamed_terms) + "。\n\n")
        md.append(f'<p><a href="{href(relative(here, ctx.url("laws.md") + "#" + html_id(f"law-{key}")))}">据此制定的制度</a></p>\n\n')
    return "".join(md)


CONTEXT_KEYS = (("context", "仅在附近出现"), ("not_context", "附近出现则不提示"), ("only_before", "仅在其前"),
                ("not_before", "其前不提示"), ("only_after", "仅在其后"), ("not_after", "其后不提示"))


def _ctx_text(v) -> str:
    if isinstance(v, list):
        return "、".join(esc(x) for x in v)
    return f"<code>{esc(v)}</code>" if v else ""


def _terms(ctx) -> str:
    data = ctx.data
    raw = data.load("terms", default={}) if data is not None else {}
    entries = raw.get("terms", []) if isinstance(raw, dict) else (raw or [])
    defaults = raw.get("defaults", {}) if isinstance(raw, dict) else {}
    md = [_head("规范用语", data, "terms.yaml"),
          "“语境”一栏说明条目在何处适用：同一个词在一种意思下是错误写法、在另一种意思下是正确写法时，只在所写语境中提示，"
          "正确用法不会被误报。“自动修正”为“是”的条目可由 `baomi lint --fix` 直接改正。\n\n"]
    sev = {"error": "错误", "warning": "警告", "info": "提示"}
    rows = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        wrong = esc(e["wrong"]) if e.get("wrong") else f"<code>{esc(e.get('pattern') or '')}</code>"
        right = _join(e.get("right"), "、") if isinstance(e.get("right"), list) else esc(e.get("right") or "")
        conds = [f"{lab}：{_ctx_text(e[k])}" for k, lab in CONTEXT_KEYS if e.get(k)]
        if e.get("window") and conds:
            conds.append(f"窗口{esc(e['window'])}字")
        rows.append([wrong, right, "<br>".join(conds) or "任何语境",
                     sev.get(str(e.get("severity") or defaults.get("severity") or "warning"), ""),
                     "是" if e.get("fix") else "否",
                     esc(e.get("note") or "") + ("<br>" if e.get("note") and e.get("source") else "")
                     + (f"<small>依据：{esc(e.get('source'))}</small>" if e.get("source") else "")])
    md.append(f"共 {len(rows)} 条。\n\n")
    md.append(_table(["错误写法", "规范写法", "语境", "级别", "自动修正", "说明和依据"], rows))
    return "".join(md)


def _synonyms(ctx) -> str:
    data = ctx.data
    raw = data.load("synonyms", default={}) if data is not None else {}
    entries = raw.get("synonyms", []) if isinstance(raw, dict) else (raw or [])
    md = [_head("检索同义词", data, "synonyms.yaml"),
          "在手册搜索框中输入右栏的任一说法，也能找到使用左栏规范用语的条文，反之亦然。\n\n"]
    rows = [[esc(e.get("term") or ""), _join(e.get("synonyms")), esc(e.get("note") or "")]
            for e in entries if isinstance(e, dict)]
    md.append(_table(["规范用语", "常见说法", "说明"], rows))
    return "".join(md)


def _vscode_example() -> str:
    try:
        return (files("baomi") / "templates" / "init" / "vscode-settings.json").read_text(encoding="utf-8")
    except (OSError, FileNotFoundError):
        return ""


def _index(ctx) -> str:
    here = ctx.url(INDEX)
    md = ["# 数据文件\n\n",
          "`baomi` 的领域知识都写在数据文件中，不写在程序里：保密办可以直接修改这些文件（YAML），无需改动程序。"
          "仓库 `schemas/` 目录中的文件优先，缺少的文件使用随 baomi 安装的默认数据。\n\n",
          "| 数据文件 | 用途 | 页面 |\n| --- | --- | --- |\n"]
    for src, title, fn in PAGES:
        md.append(f"| `{fn}` | {PURPOSE.get(fn, '')} | [{md_inline(title)}]({src_link(INDEX, src)}) |\n")
    md.append("\n## 制度元数据的 JSON Schema {#schema}\n\n"
              "制度文件开头的元数据（front matter）按 JSON Schema 校验，其中类别、角色和上位法依据的可选值取自上述数据文件。"
              f'<a href="{href(relative(here, SCHEMA))}" download>下载 policy.schema.json</a>。\n\n'
              "在 VS Code 中编辑制度时，安装 YAML 扩展（Red Hat 的 vscode-yaml），把该文件保存为仓库的 "
              "`.vscode/policy.schema.json`，并在 `.vscode/settings.json` 中关联制度文件，"
              "编辑元数据时即可得到可选值提示和错误提示。`baomi init` 新建的仓库已经带有这两个文件：\n\n")
    example = _vscode_example()
    if example:
        md.append("```json\n" + example.rstrip("\n") + "\n```\n\n")
    md.append(f"元数据各字段的含义见[修订制度]({src_link(INDEX, 'guide/editing.md')})。\n")
    return "".join(md)


def generate(ctx) -> tuple[list[tuple[str, str, str]], dict[str, bytes]]:
    """([(src, title, markdown)], {site path: bytes}) of the 数据 section; fills `ctx.data_nav`."""
    pages = [(INDEX, "数据文件", _index(ctx))]
    render = {"checklist.yaml": _checklist, "categories.yaml": _categories, "roles.yaml": _roles,
              "laws.yaml": _laws, "terms.yaml": _terms, "synonyms.yaml": _synonyms}
    for src, title, fn in PAGES:
        pages.append((src, title, render[fn](ctx)))
    assets = {}
    if ctx.data is not None:
        try:
            assets[SCHEMA] = (json.dumps(ctx.data.schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        except Exception:
            pass
    ctx.data_nav = [("数据文件一览", INDEX)] + [(title, src) for src, title, _ in PAGES]
    return pages, assets
