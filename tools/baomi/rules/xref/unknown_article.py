from ..base import Rule, register
from ...references import NoArticle, ResolutionFailed
from ._shared import art_label, cn, refs


@register
class UnknownArticle(Rule):
    code = "BM301"
    name = "xref-unknown-article"
    category = "xref"
    severity = "error"
    local = False
    summary = "引用的条必须存在"
    rationale = ("“本制度第十二条”“《涉密人员保密管理制度》第十条”和前置元数据 pledge 中的 article 都必须指向"
                 "实际存在的条。删除或移动条文后遗留的引用会让读者找不到依据，承诺书也会缺少条款。")
    bad = "（全文共二十七条）……依照本制度第三十条的规定处理。"
    good = "（全文共二十七条）……依照本制度第二十条的规定处理。"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, NoArticle, ResolutionFailed):
            p = r.problem
            if isinstance(p, ResolutionFailed):
                # the resolver failed on this line: say so where it happened, the rest still ran
                yield self.diag(policy, r.line, r.col,
                                f"规则 {self.code} 检查此文件时内部出错：解析本行的引用时 {p.error}"
                                "（本行的引用未检查，请报告此问题）", severity="error")
                continue
            what = "承诺条目 article 所指的" if r.kind == "pledge" else "引用的"
            yield self.diag(policy, r.line, r.col,
                            f"{what}{art_label(r.article)}在{p.where}中不存在（{p.where}共{cn(p.total)}条）",
                            end_line=r.line, end_col=r.end_col)
