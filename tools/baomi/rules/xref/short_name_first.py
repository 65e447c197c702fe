from ..base import Rule, register
from ...references import ShortBeforeFull
from ._shared import refs


@register
class ShortNameFirst(Rule):
    code = "BM315"
    name = "law-short-name-first"
    category = "xref"
    severity = "warning"
    local = False
    summary = "法律法规首次出现时用全称，并注明简称"
    rationale = ("法律法规在文件中首次出现时写全称并加书名号，随后注明“（以下简称保密法）”，此后才用简称。"
                 "先用简称，读者无法确定所指的是哪一部法律、哪个版本。"
                 "立法机关制定的法律、法典、修正案和决定按立法的写法以简称引用别的法律"
                 "（schemas/genres.yaml 的 short_law_names），不查。")
    bad = "第一条 为了……，根据保密法，制定本制度。"
    good = "第一条 为了……，根据《中华人民共和国保守国家秘密法》（以下简称保密法），制定本制度。"

    def check(self, policy, corpus):
        from ..structure._shared import genres
        if (g := genres(corpus.data)).listed(policy.title, g.short_law_names):
            return      # a law names other laws the way the legislature does (刑法: 违反档案法的规定)
        for r in refs(policy, corpus, ShortBeforeFull):
            yield self.diag(policy, r.line, r.col,
                            f"首次提及应使用全称《{r.problem.full_name}》并注明（以下简称{r.text}），实为简称“{r.text}”",
                            end_line=r.line, end_col=r.end_col)
