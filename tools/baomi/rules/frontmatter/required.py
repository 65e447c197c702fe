from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterMissingKey(Rule):
    code = "BM013"
    name = "frontmatter-missing-key"
    category = "frontmatter"
    severity = "error"
    summary = "前置元数据必须包含全部必填字段"
    rationale = ("编号、标题、类别、适用范围、归口部门、角色、覆盖条目、上位法依据、标注、状态、施行日期和复审日期是汇编管理的最低要求（见 schemas/policy.schema.json）。")
    bad = """id: BM-05
title: 涉密人员保密管理制度"""
    good = """id: BM-05
title: 涉密人员保密管理制度
category: 涉密人员
scope: …
owner: 保密办公室
roles: [涉密人员]
covers: ["4.2"]
basis: [保密法]
classification: 内部
status: 现行
effective: 2025-03-01
review: 2027-03-01"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "missing")
