"""Generated pages: home with the category index, one page per role, checklist coverage, the law
registry and the rule documentation (from the rule registry)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .page import Page
from .policy_page import Links
from .pledge_pages import PLEDGES
from ..htmlsafe import esc, href, html_id, md_inline, slug
from .urls import page_url, relative, src_link
from ..model import Status

HOME, ROLES, CHECKLIST, LAWS, RULES = "index.md", "roles/index.md", "checklist.md", "laws.md", "rules/index.md"
EDITOR_GUIDE = ("guide/editing.md", "guide/checks.md")   # guide pages for the editors, not staff
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
CATEGORY_ZH = {"frontmatter": "元数据", "structure": "结构", "numbering": "编号", "xref": "引用",
               "checklist": "自查自评", "terminology": "用语", "punctuation": "标点", "script": "繁简",
               "marking": "标志", "security": "安全", "encoding": "编码"}


@dataclass
class Context:
    corpus: object
    data: object
    published: list
    src_of: dict
    directory_urls: bool
    site_name: str
    claim: Callable[[str, str], str]
    role_src: dict = field(default_factory=dict)
    rule_src: dict = field(default_factory=dict)
    # (page source, code, summary) of every rule page: the search finds a rule by its code
    rule_lookup: list = field(default_factory=list)
    data_nav: list = field(default_factory=list)        # [(title, src)]
    checklist_docx: str | None = None                   # site path of the 自查自评表 .docx
    coverage: dict | None = None                        # pages.published_coverage()

    def role_name(self, key: str) -> str:
        for r in getattr(self.data, "roles", []) if self.data is not None else []:
            if r.key == key:
                return r.name
        return key

    def url(self, src: str) -> str:
        return page_url(src, self.directory_urls)

    def policy_url(self, policy) -> str | None:
        src = self.src_of.get(id(policy))
        return self.url(src) if src else None

    def law_names(self) -> dict[str, str]:
        laws = getattr(self.data, "laws", ()) if self.data is not None else ()
        return {e.key: e.name for e in laws}

    def item_labels(self) -> dict[str, str]:
        return {i: it.shown_label for i, it in checklist_items(self.data).items()}

    def links_from(self, here: str) -> Links:
        laws, labels = self.law_names(), self.item_labels()

        def policy(p, anchor):
            u = self.policy_url(p)
            if u is None:
                return None
            return relative(here, u + (f"#{anchor}" if anchor else ""))

        def law(key):
            return relative(here, self.url(LAWS) + "#" + html_id(f"law-{key}")) if key in laws else None

        def item(i):
            return relative(here, self.url(CHECKLIST) + "#" + html_id(f"item-{i}"))

        return Links(policy, law, item, lambda k: laws.get(k, k), lambda i: labels.get(i, i))

    def nav(self, pages, guide) -> list:
        cats = categories(self.data)
        by_cat: dict[str, list] = {}
        for p in self.published:
            by_cat.setdefault(str(p.meta.get("category") or "其他"), []).append(p)
        policy_nav = []
        for key, name in cats:
            items = [(p.title or p.relpath, self.src_of[id(p)]) for p in sorted(by_cat.pop(key, []), key=_order)]
            if items:
                policy_nav.append((name, items))
        for key in sorted(by_cat):
            policy_nav.append((key, [(p.title, self.src_of[id(p)]) for p in sorted(by_cat[key], key=_order)]))
        return [
            ("首页", HOME),
            ("制度", policy_nav),
            ("按角色查阅", [("角色一览", ROLES)] + [(r, s) for r, s in self.role_src.items()]),
            ("保密承诺书", [("承诺书一览", PLEDGES)]),
            ("自查自评对照", CHECKLIST),
            ("上位法依据", LAWS),
            ("使用说明", [(t, s) for s, t in guide if s not in EDITOR_GUIDE]),
            # what only the editors of the rule book need: how to revise, the lint rules, the data
            ("编辑者", [(t, s) for s, t in guide if s in EDITOR_GUIDE]
             + [("检查规则", [("规则一览", RULES)] + [(c, s) for c, s in self.rule_src.items()]),
                ("数据", self.data_nav)]),
        ]


def _order(p) -> tuple:
    return (str(p.meta.get("id") or ""), p.relpath)


def categories(data) -> list[tuple[str, str]]:
    cats = getattr(data, "categories", []) if data is not None else []
    return [(c.key, c.name) for c in cats]


def checklist_areas(data) -> list:
    """The areas of the checklist (`baomi.checklist.ChecklistArea`), an id given twice once (the
    first), in the order of their ids."""
    if data is None:
        return []
    from ..checklist import checklist_of

    areas, seen = [], set()
    # the merged checklist: checklist.yaml and every checklist-*.yaml part beside it
    for a in checklist_of(data).areas:
        if a.id not in seen:
            seen.add(a.id)
            areas.append(a)
    return sorted(areas, key=lambda a: _num(a.id))


def _num(v) -> tuple:
    try:
        return tuple(int(x) for x in str(v).split("."))
    except ValueError:
        return (9999, str(v))


def checklist_items(data) -> dict:
    """The items of `checklist_areas`, by id (`baomi.checklist.ChecklistItem`)."""
    return {i.id: i for a in checklist_areas(data) for i in a.items}


def _link_list(ctx: Context, here: str, policies) -> str:
    return "\n".join(f"- [{md_inline(p.title)}]({src_link(here, ctx.src_of[id(p)])})"
                     + (f"（{md_inline(p.meta.get('id'))}）" if p.meta.get("id") else "")
                     + ("　**已废止**" if p.status == Status.REPEALED else "")
                     + ("　**草案**" if p.status == Status.DRAFT else "")
                     for p in policies)


def home(ctx: Context) -> str:
    here = HOME
    out = [f"# {md_inline(ctx.site_name)}\n\n",
           "本手册汇集本单位现行保密管理制度，供工作人员随时查阅。"
           "在页面顶部的搜索框中输入关键词即可按条文查找，支持多个词连写、拼音、拼音首字母和繁体字；"
           f"详见[使用说明]({src_link(here, 'guide/index.md')})。\n\n"]
    current = [p for p in ctx.published if p.status != Status.REPEALED]
    repealed = [p for p in ctx.published if p.status == Status.REPEALED]
    out.append(f"现收录制度 {len(current)} 项。"
               f"[按角色查阅]({src_link(here, ROLES)})列出约束各类人员的条文；"
               f"[自查自评对照]({src_link(here, CHECKLIST)})列出各项自查内容由哪项制度落实。\n\n")
    by_cat: dict[str, list] = {}
    for p in current:
        by_cat.setdefault(str(p.meta.get("category") or "其他"), []).append(p)
    out.append("## 制度分类目录\n\n")
    for key, name in categories(ctx.data) + [(k, k) for k in sorted(by_cat) if k not in dict(categories(ctx.data))]:
        ps = sorted(by_cat.get(key, []), key=_order)
        if not ps:
            continue
        out.append(f"### {md_inline(name)}\n\n{_link_list(ctx, here, ps)}\n\n")
    if repealed:
        out.append("## 已废止制度\n\n以下制度已废止，仅供查阅，不在搜索结果和角色页面中出现。\n\n"
                   f"{_link_list(ctx, here, sorted(repealed, key=_order))}\n\n")
    return "".join(out)


def _role_closure(data) -> dict[str, set[str]]:
    """role → the roles whose obligations bind it (itself and every role that includes it)."""
    roles = getattr(data, "roles", []) if data is not None else []
    includes = {r.key: r.includes for r in roles}
    out: dict[str, set[str]] = {k: {k} for k in includes}
    changed = True
    while changed:
        changed = False
        for parent, kids in includes.items():
            for kid in kids:
                for role, ups in out.items():
                    if kid in ups and parent not in ups:
                        ups.add(parent)
                        changed = True
    return out


def role_mentions(data):
    """A function text → the roles it names (role keys), by each role's key and the `mentions`
    of roles.yaml, longest first: 保密要害部门工作人员 is not also 工作人员."""
    import re

    roles = getattr(data, "roles", []) if data is not None else []
    word_role: dict[str, str] = {}
    for r in roles:
        for w in r.words:
            word_role.setdefault(w, r.key)
    if not word_role:
        return lambda text: set()
    rx = re.compile("|".join(re.escape(w) for w in sorted(word_role, key=len, reverse=True)))
    return lambda text: {word_role[m.group(0)] for m in rx.finditer(text)}


def everyone_roles(data, closure: dict[str, set[str]] | None = None) -> set[str]:
    """The role that stands for all staff: the top role of roles.yaml (included by none) whose
    `includes` reach the most roles, at least half of them (全体工作人员; 外来人员 is outside it)."""
    closure = _role_closure(data) if closure is None else closure
    reach = {k: {r for r, ups in closure.items() if k in ups and r != k} for k in closure}
    tops = {k for k, below in reach.items() if below and closure[k] == {k}}
    if not tops:
        return set()
    most = max(len(reach[k]) for k in tops)
    if most < len(closure) / 2:
        return set()
    return {k for k in tops if len(reach[k]) == most}


def role_pages(ctx: Context) -> list[tuple[str, str, str]]:
    roles = getattr(ctx.data, "roles", []) if ctx.data is not None else []
    closure = _role_closure(ctx.data)
    used: set[str] = set()
    out = []
    for r in roles:
        key = r.key
        s = slug(key)
        while s in used:
            s += "-2"
        used.add(s)
        ctx.role_src[key] = f"roles/{s}.md"
    units = {id(p): p.units() for p in ctx.published if p.status == Status.CURRENT}
    mentioned = role_mentions(ctx.data)
    named = {id(u): mentioned(u.text) for us in units.values() for u in us}
    everyone = everyone_roles(ctx.data, closure)
    for r in roles:
        key = r.key
        src = ctx.role_src[key]
        here = ctx.url(src)
        bound = closure.get(key, {key})
        # what binds every member of staff is listed once, on the 全体工作人员 page; the other
        # role pages list what is theirs and link there
        own = bound - everyone if key not in everyone else bound
        general: list = []
        md = [f"# {md_inline(r.name)}\n\n"]
        if r.description:
            md.append(f"{md_inline(r.description)}\n\n")
        others = sorted(own - {key})
        md.append("本页列出约束" + md_inline(key) + "的现行制度条文"
                  + ("（含适用于" + "、".join(md_inline(n) for n in others) + "的条文）" if others else "")
                  + ("；适用于" + "、".join(md_inline(ctx.role_name(k)) for k in sorted(bound - own)) + "的条文见"
                     + "、".join(f"“{md_inline(ctx.role_name(k))}”" for k in sorted(bound - own)) + "页面"
                     if bound - own else "") + "。\n\n")
        total = 0
        for p in sorted(ctx.published, key=_order):
            if p.status != Status.CURRENT:
                continue
            proles = {str(x) for x in (p.meta.get("roles") or [])}
            pledged = {str(e.get("article")) for e in (p.meta.get("pledge") or [])
                       if isinstance(e, dict) and key in (e.get("roles") or [])}
            if not (proles & bound) and not pledged:
                continue
            # a unit binds the role if it names it (or a role whose obligations bind it), is one
            # of its pledge obligations, or names no role at all in a policy addressed to one role
            # only (保密守则 for 全体工作人员)
            sole = proles if len(proles) == 1 and proles & bound else set()
            binding = [u for u in units[id(p)]
                       if u.label in pledged or named[id(u)] & bound or (sole and not named[id(u)])]
            if own != bound:
                mine = [u for u in binding if u.label in pledged or named[id(u)] & own
                        or (sole & own and not named[id(u)])]
                if len(mine) < len(binding):
                    general.append(p)
                binding = mine
            if not binding:
                continue
            total += len(binding)
            purl = ctx.policy_url(p)
            md.append(f"## {md_inline(p.title)}\n\n")
            base = relative(here, purl)
            # the policy's articles as one HTML block (a role page lists hundreds of them)
            md.append('<div class="bm-role-arts">\n' + "".join(
                f'<div class="bm-art"><p><a class="bm-label" href="{href(base + "#" + u.anchor)}">'
                f"{esc(u.label)}</a>{esc(u.text)}</p></div>\n" for u in binding) + "</div>\n\n")
        if general:
            names = "、".join(md_inline(ctx.role_name(k)) for k in sorted(everyone))
            links = "、".join(f"[{md_inline(ctx.role_name(k))}]({src_link(src, ctx.role_src[k])})"
                              for k in sorted(everyone) if k in ctx.role_src)
            md.append(f"## 适用于{names}的条文\n\n"
                      f"{''.join('《' + md_inline(p.title) + '》' for p in general)}中适用于{names}的条文"
                      f"同样约束{md_inline(key)}，集中列在{links}页面，本页不再重复。\n\n")
        if not total and not general:
            md.append("现行制度中暂无专门约束该角色的条文。\n")
        elif not total:
            md.append("现行制度中暂无专门约束该角色的其他条文。\n")
        out.append((src, r.name, "".join(md)))
    return out


def roles_index(ctx: Context) -> str:
    here = ROLES
    roles = getattr(ctx.data, "roles", []) if ctx.data is not None else []
    md = ["# 按角色查阅\n\n", "选择自己的岗位或身份，查看需要遵守的制度条文。\n\n"]
    for r in roles:
        md.append(f"- [{md_inline(r.name)}]({src_link(here, ctx.role_src[r.key])})"
                  + (f"：{md_inline(r.description)}" if r.description else "") + "\n")
    return "".join(md)


def published_coverage(corpus, published) -> dict:
    """The 自查自评 coverage table (`checklist.coverage_table`) of the published policies alone
    (classified ones and drafts left out, statuses theirs): the handbook page and the .docx."""
    from .. import checklist

    return checklist.coverage_table(corpus, published)


def checklist_page(ctx: Context) -> str:
    """The coverage the rule book itself proves: per item 已覆盖, 缺少强制条款 (with the clauses
    not found) or 未声明, and the articles that satisfy it, linked."""
    from ..generate.checklist_html import fragment

    here = ctx.url(CHECKLIST)
    by_path = {p.relpath: p for p in ctx.published}

    def link(path, anchor):
        p = by_path.get(path)
        url = ctx.policy_url(p) if p is not None else None
        return relative(here, url + (f"#{anchor}" if anchor else "")) if url else None

    md = ["# 自查自评对照\n\n",
          "下表由 baomi 按制度条文自动填写：对保密自查自评的每一项，列出声明落实该项的现行制度和写明其强制条款的"
          "条文。“缺少强制条款”表示声明了但条文中找不到应写明的内容，“未声明”表示尚无制度声明落实该项。\n\n"]
    if ctx.checklist_docx:
        md.append('<p class="bm-noprint"><a class="md-button" href="'
                  f'{href(relative(here, ctx.checklist_docx))}" download>下载保密自查自评表（Word 文档）</a>'
                  "　表中“制度覆盖情况”等栏由 baomi 按制度条文自动填写，其余各栏在自查时填写。</p>\n\n")
    table = ctx.coverage if ctx.coverage is not None else published_coverage(ctx.corpus, ctx.published)
    # the summary line and the table as separate HTML blocks
    # (the table in a block that scrolls sideways on a phone)
    head, sep, rest = fragment(table, link=link).partition("</p>")
    md.append(f'{head}{sep}\n\n<div class="bm-wide">\n{rest.strip()}\n</div>\n' if sep else head + "\n")
    return "".join(md)


def laws_page(ctx: Context) -> str:
    here = ctx.url(LAWS)
    laws = getattr(ctx.data, "laws", ()) if ctx.data is not None else ()
    based: dict[str, list] = {}
    for p in ctx.published:
        for b in p.meta.get("basis") or []:
            based.setdefault(str(b), []).append(p)
    md = ["# 上位法依据\n\n", "本单位保密制度所依据的法律、法规、规章和规范性文件。\n\n"]
    for e in laws:
        key = e.key
        md.append(f'<div class="bm-law" id="{esc(html_id(f"law-{key}"))}" markdown="0">\n<h2>{esc(e.name)}</h2>\n<dl>')
        v = e.version
        for label, val in (("简称", "、".join(e.short_names)), ("类别", e.kind), ("制定机关", e.issuer),
                           ("文号", v.document), ("修订日期", v.revised), ("施行日期", v.effective),
                           ("效力状态", e.status)):
            if val:
                md.append(f"<dt>{label}</dt><dd>{esc(val)}</dd>")
        ps = sorted(based.get(key, []), key=_order)
        if ps:
            md.append("<dt>据此制定的制度</dt><dd>" + "、".join(
                f'<a href="{href(relative(here, ctx.policy_url(p)))}">{esc(p.title)}</a>' for p in ps) + "</dd>")
        md.append("</dl>\n</div>\n\n")
    return "".join(md)


def rule_pages(ctx: Context) -> list[tuple[str, str, str]]:
    try:
        from ..rules import all_rules
    except ImportError:
        return []
    out = []
    for code, rule in all_rules().items():
        d = rule.doc() if hasattr(rule, "doc") else {}
        src = f"rules/{code.lower()}.md"
        ctx.rule_src[f"{code} {d.get('summary', '')}"] = src
        ctx.rule_lookup.append((src, code, str(d.get("summary", ""))))
        md = [f"# {md_inline(code)} {md_inline(d.get('name', ''))}\n\n",
              f"**{md_inline(d.get('summary', ''))}**\n\n",
              f"- 类别：{CATEGORY_ZH.get(d.get('category'), d.get('category'))}（`{d.get('category')}`）\n",
              f"- 默认级别：{SEVERITY.get(d.get('severity'), d.get('severity'))}\n",
              f"- 可自动修复：{_fix_line(d)}\n\n",
              "## 为什么\n\n", f"{md_inline(d.get('rationale', ''))}\n\n",
              "## 不符合要求的写法\n\n", _fence(d.get("bad", "")),
              "## 符合要求的写法\n\n", _fence(d.get("good", "")),
              f"查看说明：`baomi explain {code}`。\n"]
        out.append((src, f"{code} {d.get('summary', '')}", "".join(md)))
    return out


def _fix_line(d: dict) -> str:
    if not d.get("fixable"):
        return "否"
    if d.get("fix_applicability") == "unsafe":
        return "提供修复，但不自动应用（可能改变原意：核对后用 baomi lint --fix --unsafe-fixes）"
    return "是（baomi lint --fix）"


def _fence(text: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}text\n{text}\n{fence}\n\n"


def rules_index(ctx: Context, rules: list[tuple[str, str, str]]) -> str:
    here = RULES
    md = ["# 检查规则\n\n", "`baomi lint` 对制度文件逐项检查。每条规则有固定代码，出现问题时可用 "
          "`baomi explain 代码` 查看说明。\n\n", "| 代码 | 说明 |\n| --- | --- |\n"]
    for src, title, _ in rules:
        code, _, summary = title.partition(" ")
        md.append(f"| [{code}]({src_link(here, src)}) | {md_inline(summary)} |\n")
    return "".join(md)


def generate(ctx: Context):
    pages = []

    def add(src, title, md):
        ctx.claim(src, title)
        pages.append(Page(src, ctx.url(src), title, md))

    add(HOME, ctx.site_name, home(ctx))
    roles = role_pages(ctx)
    add(ROLES, "按角色查阅", roles_index(ctx))
    for src, title, md in roles:
        add(src, title, md)
    add(CHECKLIST, "自查自评对照", checklist_page(ctx))
    add(LAWS, "上位法依据", laws_page(ctx))
    rules = rule_pages(ctx)
    add(RULES, "检查规则", rules_index(ctx, rules))
    for src, title, md in rules:
        add(src, title, md)
    return pages


def generate_documents(ctx: Context):
    """The 承诺书 and 数据 sections: (pages, {site path: bytes}, [Download])."""
    from . import data_pages, pledge_pages

    pages = []
    pledge, downloads = pledge_pages.generate(ctx)
    data, assets = data_pages.generate(ctx)
    for src, title, md in pledge + data:
        ctx.claim(src, title)
        pages.append(Page(src, ctx.url(src), title, md))
    return pages, assets, downloads
