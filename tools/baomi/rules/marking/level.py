from ..base import register
from ._shared import MarkingRule


@register
class NotASecretLevel(MarkingRule):
    code = "BM801"
    name = "not-a-secret-level"
    severity = "error"
    summary = "国家秘密的密级只有绝密、机密、秘密，“内部”不是密级"
    rationale = ("保密法第十四条规定国家秘密分为绝密、机密、秘密三级。“内部”“内部资料”不是密级，"
                 "把它们当作密级标注或表述，会混淆国家秘密与工作秘密的界限：不属于国家秘密、但不宜公开的"
                 "事项，2024 年保密法称“工作秘密”，制度中也可称“内部事项”。")
    bad = "密级：内部资料"
    good = "本文件属于工作秘密，不得公开。"
    kinds = ("level",)
