from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterUnsafeYaml(Rule):
    code = "BM020"
    name = "frontmatter-unsafe-yaml"
    category = "frontmatter"
    severity = "error"
    summary = "前置元数据不得使用 YAML 锚点、别名或过深的嵌套"
    rationale = ("锚点（&）和别名（*）在读取时成倍展开：几百字节的“别名炸弹”可以展开成上亿个值，"
                 "使检查、大纲和构建长时间无法结束；嵌套数万层的列表会使程序崩溃。前置元数据只需"
                 "字段和值，最多几层列表，因此在读取之前拒绝锚点、别名和超过 20 层的嵌套，"
                 "并在出现的行报告。")
    bad = """---
roles: &r [涉密人员]
pledge:
  - roles: *r
---"""
    good = """---
roles: [涉密人员]
pledge:
  - roles: [涉密人员]
---"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "unsafe-yaml")
