import re

from ...checklist import current
from ..base import Rule, register
from ._where import data_location


@register
class RequiredCategoryMissing(Rule):
    code = "BM401"
    name = "required-category-missing"
    category = "checklist"
    severity = "error"
    scope = "corpus"
    local = False
    summary = "十类必备保密制度都必须有现行制度"
    rationale = ("保密自查自评（二）1 要求建立健全保密工作责任制、定密管理、涉密人员管理、国家秘密载体管理、"
                 "保密要害部门部位管理、信息系统和信息设备管理、宣传报道和信息公开管理、涉密会议和活动管理、"
                 "涉外活动管理、泄密事件报告和查处等十类制度。哪一类没有状态为“现行”的制度，自查即不合格。"
                 "类别清单在 schemas/categories.yaml 中（required: true）。")
    bad = "汇编中唯一的定密制度 status: 废止"
    good = "至少一份 category: 定密、status: 现行 的制度"

    def check_corpus(self, corpus):
        have = {p.meta.get("category") for p in current(corpus)}
        for cat in corpus.data.categories:
            if cat.required and cat.key not in have:
                path, line = data_location(corpus, "categories.yaml", rf"key:\s*{re.escape(cat.key)}\s*$")
                yield self.diag(path, line, 1,
                                f"自查自评（二）1 要求的“{cat.name}”制度缺失：没有类别为 "
                                f"{cat.key} 的现行制度")
