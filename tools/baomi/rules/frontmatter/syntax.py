from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterSyntax(Rule):
    code = "BM011"
    name = "frontmatter-syntax"
    category = "frontmatter"
    severity = "error"
    summary = "前置元数据必须是合法的 YAML"
    rationale = ("YAML 语法错误会使整份元数据无法读取，后续的分类、角色和覆盖检查全部失效，因此在出错的行报告。")
    bad = """---
title: 涉密人员保密管理制度
roles: [涉密人员
---"""
    good = """---
title: 涉密人员保密管理制度
roles: [涉密人员]
---"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "syntax")
