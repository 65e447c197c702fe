from ..base import Rule, register
from ...references import UnknownTitle as UnknownTitleProblem
from ._shared import refs


@register
class UnknownTitle(Rule):
    code = "BM310"
    name = "xref-unknown-title"
    category = "xref"
    severity = "error"
    local = False
    title_set = True    # what a name in 《》 is taken for depends on every title of the corpus
    summary = "《》中引用的本单位制度必须在汇编中存在，标题一字不差"
    rationale = ("其他制度按标题引用（《涉密人员保密管理制度》第十条），手册据此生成链接。标题写错一个字、或引用"
                 "了已经改名的制度，引用就落空。写在“同时废止”语句中的旧制度名称不检查。")
    bad = "依照《涉密人员管理制度》第十条的规定办理。"
    good = "依照《涉密人员保密管理制度》第十条的规定办理。"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, UnknownTitleProblem):
            hint = f"，是否指《{r.problem.suggestion}》？" if r.problem.suggestion else ""
            yield self.diag(policy, r.line, r.col,
                            f"汇编中没有标题为《{r.title}》的制度{hint}",
                            end_line=r.line, end_col=r.col + len(r.title) + 2)
