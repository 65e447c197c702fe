from ..base import Rule, register
from ...model import Style


@register
class ArticleOutsideChapter(Rule):
    code = "BM103"
    name = "article-outside-chapter"
    category = "structure"
    severity = "error"
    summary = "分章的制度，每一条都应在某一章之内"
    rationale = "设章的制度中，条文应全部归入章；写在第一章之前的条文不属于任何一章，目录、引用“本章”和手册导航都会遗漏它。"
    bad = "# 某某制度\n\n第一条 为了……\n\n## 第一章 总则\n\n第二条 ……"
    good = "# 某某制度\n\n## 第一章 总则\n\n第一条 为了……\n\n第二条 ……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.chapters:
            return
        for a in policy.articles:
            if a.chapter is None and a.line < policy.chapters[0].line:
                yield self.diag(policy, a.line, a.col,
                                f"{a.label}应在某一章之内，实在{policy.chapters[0].marker.raw}之前",
                                end_line=a.line, end_col=a.marker.end_col)
