from ...text.punct import R_SPREAD
from ..base import register
from ._shared import PunctRule


@register
class SpaceInChinese(PunctRule):
    code = "BM605"
    name = "space-in-chinese"
    summary = "汉字之间、汉字与数字之间不应有空格"
    rationale = ("公文排版中汉字之间、汉字与阿拉伯数字之间不留空格；多余的空格多来自 Word 对齐或网页复制，"
                 "还会使“保 密”这样的词检索不到。条、章、节序号后的一个空格是本格式规定的分隔，"
                 "不受影响；英文、网址和代码也不受影响。有排版作用的空格保留：逐字拉开的标题（总　　则）、"
                 "对齐落款的连续全角空格（办公室　　　　2021年6月15日印发）、把日期隔开的全角空格"
                 "（审议通过　2021年6月修订）。")
    bad = "借阅时间不得超过 3 天，由 办公室 审批。"
    good = "借阅时间不得超过3天，由办公室审批。"
    kinds = ("space",)

    def findings(self, policy, corpus):
        pairs = super().findings(policy, corpus)
        if not pairs:
            return pairs
        # a heading spread out character by character (总　　则, 第一编 总 则) is layout, read as 总则
        titles = {t.line for t in policy.tiers()}
        lines = policy.lines
        return [(span, f) for span, f in pairs
                if not ((span.line in titles or lines[span.line - 1].lstrip().startswith("#"))
                        and R_SPREAD.match(span.text.strip()))]
