from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterUnknownKey(Rule):
    code = "BM014"
    name = "frontmatter-unknown-key"
    category = "frontmatter"
    severity = "error"
    summary = "前置元数据不能有未定义的字段"
    rationale = ("拼错的字段名（如 owner 写成 onwer）不会被任何功能读取，等于没有填写；报告它可以避免“以为填了”。")
    bad = """onwer: 保密办公室"""
    good = """owner: 保密办公室"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "unknown-key")
