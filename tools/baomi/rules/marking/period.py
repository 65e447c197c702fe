from ..base import register
from ._shared import MarkingRule


@register
class SecrecyPeriodTooLong(MarkingRule):
    code = "BM803"
    name = "secrecy-period-too-long"
    severity = "error"
    summary = "保密期限不得超过法定上限（绝密30年、机密20年、秘密10年）"
    rationale = ("保密法第二十条规定，国家秘密的保密期限除另有规定外，绝密级不超过三十年，机密级不超过"
                 "二十年，秘密级不超过十年。标志中（如“秘密★15年”）或条文中（如“秘密事项保密期限为十五年”）"
                 "超过上限的期限都是错误；"
                 "上限是最长期限，不是默认期限，应根据事项实际确定。")
    bad = "秘密★15年"
    good = "秘密★5年"
    kinds = ("period", "period-default")   # period-default: the maximum as a fixed period (warning)
