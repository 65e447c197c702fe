from ...diagnostics import Edit
from ..base import Rule, register
from ...references import ShortBeforeFull, ShortMarked, ShortUndeclared
from ._shared import refs


@register
class ShortNameFirst(Rule):
    code = "BM315"
    name = "law-short-name-first"
    category = "xref"
    severity = "warning"
    local = False
    fixable = True      # only 《简称》 → 简称: what the other findings need is a person's wording
    summary = "法律法规首次出现时用全称，并注明简称；此后用简称，不加书名号"
    rationale = ("法律法规在文件中首次出现时写全称并加书名号，随后注明“（以下简称保密法）”，此后才用简称，"
                 "且简称不加书名号（../shared/NORMS.md）。先用简称，或写了全称却没有注明简称就用简称，读者无法确定"
                 "所指的是哪一部法律、哪个版本；注明的简称再加书名号，又像是另一部文件的名称。"
                 "立法机关制定的法律、法典、修正案和决定按立法的写法以简称引用别的法律"
                 "（schemas/genres.yaml 的 short_law_names），不查。")
    bad = "第一条 为了……，根据保密法，制定本制度。"
    good = "第一条 为了……，根据《中华人民共和国保守国家秘密法》（以下简称保密法），制定本制度。"

    def check(self, policy, corpus):
        from ..structure._shared import genres
        if (g := genres(corpus.data)).listed(policy.title, g.short_law_names):
            return      # a law names other laws the way the legislature does (刑法: 违反档案法的规定)
        for r in refs(policy, corpus, ShortBeforeFull, ShortUndeclared, ShortMarked):
            p = r.problem
            if isinstance(p, ShortBeforeFull):
                yield self.diag(policy, r.line, r.col,
                                f"首次提及应使用全称《{p.full_name}》并注明（以下简称{r.text}），实为简称“{r.text}”",
                                end_line=r.line, end_col=r.end_col)
            elif isinstance(p, ShortUndeclared):
                yield self.diag(policy, r.line, r.col,
                                f"使用简称“{r.text}”之前，应在全称《{p.full_name}》后注明（以下简称{r.text}）",
                                end_line=r.line, end_col=r.end_col)
            else:
                yield self.diag(policy, r.line, r.col,
                                f"已注明（以下简称{p.short}）的简称不加书名号：应写作“{p.short}”，实为“《{p.short}》”",
                                end_line=r.line, end_col=r.end_col,
                                fix=[Edit(policy.relpath, r.line, r.col, r.line, r.end_col, p.short)])
