from ..base import Rule, register
from ...references import UnregisteredLaw as UnregisteredLawProblem
from ._shared import refs


@register
class UnregisteredLaw(Rule):
    code = "BM314"
    name = "unregistered-law"
    category = "xref"
    severity = "warning"
    local = False
    title_set = True    # what a name in 《》 is taken for depends on every title of the corpus
    summary = "引用的法律法规应登记在法规库中"
    rationale = ("法规库 schemas/laws.yaml 记录每部法律法规的全称、简称、条数和效力状态，引用检查和手册链接都依据它。"
                 "不在库中的名称可能写错了，也可能是尚未登记的新法规：核实后登记即可。")
    bad = "根据《中华人民共和国保密法》，……"
    good = "根据《中华人民共和国保守国家秘密法》，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, UnregisteredLawProblem):
            yield self.diag(policy, r.line, r.col,
                            f"《{r.title}》应为法规库（schemas/laws.yaml）中登记的法律法规，实为未登记的名称，请核实",
                            end_line=r.line, end_col=r.col + len(r.title) + 2)
