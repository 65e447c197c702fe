from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterBadValue(Rule):
    code = "BM016"
    name = "frontmatter-bad-value"
    category = "frontmatter"
    severity = "error"
    summary = "取值必须来自规定的范围"
    rationale = ("状态只能是草案、现行、废止；类别、角色和上位法必须是 schemas/ 中登记的值，这样分类索引、角色页面和法规库才能对应上。新增取值请修改 schemas/ 下的数据文件。")
    bad = """status: 试行
category: 人员管理"""
    good = """status: 现行
category: 涉密人员"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "enum", "vocabulary")
