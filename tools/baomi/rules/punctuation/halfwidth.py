from ..base import register
from ._shared import PunctRule


@register
class HalfwidthPunctuation(PunctRule):
    code = "BM601"
    name = "halfwidth-punctuation"
    summary = "中文中的逗号、句号、分号、冒号、问号、叹号应使用全角"
    rationale = ("GB/T 15834-2011《标点符号用法》和公文格式要求中文文本使用全角标点。从网页或英文输入法"
                 "复制的半角“,.;:?!”在排版和检索中与中文混杂，也是制度文本未经校对的明显标志。"
                 "数字中的“3,000”“3.5”“10:30”、英文句子、网址和代码不受影响。")
    bad = "为了保守国家秘密,维护国家的安全和利益,制定本制度."
    good = "为了保守国家秘密，维护国家的安全和利益，制定本制度。"
    kinds = ("halfwidth",)
