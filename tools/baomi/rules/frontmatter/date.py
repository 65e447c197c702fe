from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterBadDate(Rule):
    code = "BM017"
    name = "frontmatter-bad-date"
    category = "frontmatter"
    severity = "error"
    summary = "日期必须是存在的 YYYY-MM-DD 日期"
    rationale = ("施行、修订和复审日期用于判断制度是否过期和生成修订记录，格式不统一或日期不存在会导致判断错误。")
    bad = """effective: 2025年3月1日
review: 2025-02-30"""
    good = """effective: 2025-03-01
review: 2027-02-28"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "date")
