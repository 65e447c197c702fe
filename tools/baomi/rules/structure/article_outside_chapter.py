from ..base import Rule, register
from ...model import Style


def leading_articles(policy) -> list:
    """The articles standing before the first chapter of a policy that has chapters."""
    if not policy.chapters:
        return []
    first = policy.chapters[0].line
    return [a for a in policy.articles if a.chapter is None and a.line < first]


def opening_articles(policy) -> bool:
    """True when the articles before 第一章 are the text's opening articles, a layout of correct
    drafting: the first chapter is 第一章 and is not 总则 (全国人民代表大会议事规则: 第一条 根据宪法……，
    制定本规则。 then 第一章 会议的举行) — the opening articles take the place of 总则."""
    ch = policy.chapters[0] if policy.chapters else None
    return bool(ch and ch.number == 1 and ch.name != "总则" and leading_articles(policy))


@register
class ArticleOutsideChapter(Rule):
    code = "BM103"
    name = "article-outside-chapter"
    category = "structure"
    severity = "error"
    summary = "分章的制度，每一条都应在某一章之内"
    rationale = ("设章的制度中，条文应全部归入章；写在第一章之前的条文不属于任何一章，目录、引用“本章”和手册导航"
                 "都会遗漏它。不设总则、以开篇几条代替总则的（第一章不是总则，如议事规则）不在此列；第一章"
                 "标题漏写（条文之后是第二章）时只报告一次。")
    bad = "# 某某制度\n\n第一条 为了……\n\n## 第一章 总则\n\n第二条 ……"
    good = "# 某某制度\n\n## 第一章 总则\n\n第一条 为了……\n\n第二条 ……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.chapters:
            return
        lead = leading_articles(policy)
        if not lead or opening_articles(policy):
            return
        ch = policy.chapters[0]
        a = lead[0]
        span = a.label if len(lead) == 1 else f"{a.label}至{lead[-1].label}"
        hint = "（第一章的标题漏写了？）" if ch.number is not None and ch.number > 1 else ""
        yield self.diag(policy, a.line, a.col, f"{span}应在某一章之内，实在{ch.marker.raw}之前{hint}",
                        end_line=a.line, end_col=a.marker.end_col)
