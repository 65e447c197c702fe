from ...laws import facts
from ..base import Rule, register
from ...references import LawBeyond
from ._shared import art_label, cn, refs


@register
class LawArticleBeyond(Rule):
    code = "BM312"
    name = "law-article-beyond"
    category = "xref"
    severity = "error"
    local = False
    summary = "引用法律法规的条号不得超出其条数"
    rationale = "法规库（schemas/laws.yaml）记录了现行文本的条数，例如 2024 年保密法共六十五条；超出条数的条号必然写错了。"
    bad = "依照保密法第七十条的规定"
    good = "依照保密法第四十六条的规定"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, LawBeyond):
            yield self.diag(policy, r.line, r.col,
                            f"{r.problem.law}共{cn(r.problem.count)}条"
                            f"{facts.mark(facts.entry(corpus, r.problem.law), 'article_count')}，"
                            f"没有所引用的{art_label(r.article)}",
                            end_line=r.line, end_col=r.end_col)
