from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterDuplicateKey(Rule):
    code = "BM012"
    name = "frontmatter-duplicate-key"
    category = "frontmatter"
    severity = "error"
    summary = "前置元数据中同一字段不能出现两次"
    rationale = ("重复字段时只有一个值生效，另一个被悄悄忽略，审阅者看到的和工具使用的可能不同。")
    bad = """status: 草案
status: 现行"""
    good = """status: 现行"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "duplicate-key")
