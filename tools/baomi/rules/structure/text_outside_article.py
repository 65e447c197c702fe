from ..base import Rule, register
from ...model import Style


@register
class TextOutsideArticle(Rule):
    code = "BM104"
    name = "text-outside-article"
    category = "structure"
    severity = "error"
    summary = "条款式制度的正文应全部写在条文之中"
    rationale = ("条款式制度中，每一段正文都属于某一条（作为它的款、项或目）。夹在章标题之后、第一条之前的"
                 "段落不属于任何条，无法被引用，也容易在修订对照表中丢失。")
    bad = "## 第二章 管理\n\n以下规定适用于全体人员。\n\n第五条 ……"
    good = "## 第二章 管理\n\n第五条 以下规定适用于全体人员。……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN:
            return
        for p in policy.stray:
            snippet = p.text[:16] + ("……" if len(p.text) > 16 else "")
            yield self.diag(policy, p.line, p.col,
                            f"段落应属于某一条（作为款或项），实在条文之外：“{snippet}”",
                            end_line=p.line, end_col=p.col + min(len(p.text), 16))
