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
                 "与库中名称只差一两个字（或是“中华人民共和国”加简称）的，多半写错了，报警告并给出库中的全称；"
                 "相近与否只比名称中有区别的部分，不比各法共有的“中华人民共和国”和“法”“条例”："
                 "《中华人民共和国保守秘密法》应为《中华人民共和国保守国家秘密法》，而监察法之于刑法、"
                 "生物安全法之于网络安全法都是另一部法律。"
                 "与库中名称都不相近的，是尚未登记的法规，文本可能并无错误，只作提示：核实后登记即可。")
    bad = "根据《中华人民共和国保密法》，……"
    good = "根据《中华人民共和国保守国家秘密法》，……"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, UnregisteredLawProblem):
            end = r.col + len(r.title) + 2
            if r.problem.close:     # a registered law's name, misspelt: the citation is wrong
                yield self.diag(policy, r.line, r.col,
                                f"《{r.title}》不是法规库（schemas/laws.yaml）中登记的名称，应为《{r.problem.close}》",
                                end_line=r.line, end_col=end)
            else:                   # a law the registry does not hold: the text may well be right
                yield self.diag(policy, r.line, r.col,
                                f"《{r.title}》未登记在法规库（schemas/laws.yaml）中，引用无法核对：核实名称后登记即可",
                                end_line=r.line, end_col=end, severity="info")
