from ..base import Rule, register
from ._problems import problems_of


@register
class FrontMatterMissing(Rule):
    code = "BM010"
    name = "frontmatter-missing"
    category = "frontmatter"
    severity = "error"
    summary = "文件开头必须有前置元数据"
    rationale = ("编号、类别、状态、适用角色和自查自评条目都写在前置元数据中；没有它，制度无法编入汇编、无法核对覆盖情况，也无法发布。")
    bad = """# 保密守则

一、总体要求"""
    good = """---
id: BM-07
title: 保密守则
...
---

# 保密守则"""

    def check(self, policy, corpus):
        return problems_of(self, policy, "missing-frontmatter")
