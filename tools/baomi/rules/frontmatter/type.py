from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterWrongType(Rule):
    code = "BM015"
    name = "frontmatter-wrong-type"
    category = "frontmatter"
    severity = "error"
    summary = "前置元数据字段的类型和格式必须正确"
    rationale = ("例如 roles 必须是列表、id 必须形如 BM-05，类型错误会使角色页面、承诺书和编号管理出错。")
    bad = """roles: 涉密人员"""
    good = """roles: [涉密人员]"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "type")
