from ..base import register
from ._shared import PunctRule


@register
class SpaceInChinese(PunctRule):
    code = "BM605"
    name = "space-in-chinese"
    summary = "汉字之间、汉字与数字之间不应有空格"
    rationale = ("公文排版中汉字之间、汉字与阿拉伯数字之间不留空格；多余的空格多来自 Word 对齐或网页复制，"
                 "还会使“保 密”这样的词检索不到。条、章、节序号后的一个空格是本格式规定的分隔，"
                 "不受影响；英文、网址和代码也不受影响。")
    bad = "借阅时间不得超过 3 天，由 办公室 审批。"
    good = "借阅时间不得超过3天，由办公室审批。"
    kinds = ("space",)
