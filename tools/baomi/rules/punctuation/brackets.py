from ..base import register
from ._shared import PunctRule


@register
class HalfwidthBrackets(PunctRule):
    code = "BM602"
    name = "halfwidth-brackets-quotes"
    summary = "中文中的括号和引号应使用全角（）“”"
    rationale = ("GB/T 15834-2011 规定中文文本使用全角括号“（）”和弯引号“”。半角括号和直引号多来自"
                 "英文输入法或网页复制；括号内是中文或紧挨着中文时应改为全角。")
    bad = '机要(保密)职责；本着"业务工作谁主管、保密工作谁负责"的原则'
    good = "机要（保密）职责；本着“业务工作谁主管、保密工作谁负责”的原则"
    kinds = ("bracket",)
