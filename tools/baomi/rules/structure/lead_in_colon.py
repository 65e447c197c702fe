import re
import unicodedata

from ..base import Edit, Rule, register
from ._shared import last_char_pos

# words by which a sentence announces the list after it (应当遵守下列规定 · 内容如下)
_ANNOUNCES = re.compile(r"下列|如下|以下[几各两三四五六七八九十]|以下(?:规定|情形|条件|事项|内容|要求|措施|职责|原则|程序|方式)")

_REPLACEABLE = "，。；、,.;:"


def _sentences(policy, p) -> bool:
    """A paragraph that ends with 。 followed by items that are sentences (each ends with 。) is a
    paragraph and a list, not a lead-in and its items."""
    end = last_char_pos(policy, p.end_line)
    return bool(end) and end[1] == "。" and all(
        (last_char_pos(policy, it.end_line) or (0, ""))[1] == "。" for it in p.items)


def _caption(text: str) -> bool:
    """A short heading-like lead-in with no punctuation at all: the statutes write such a 项
    (关于人身伤亡的赔偿请求) over its 目 without a colon."""
    body = text.strip()
    return (0 < len(body) <= CAPTION_MAX and not _ANNOUNCES.search(body)      # 遵守下列规定 leads in
            and not any(unicodedata.category(c).startswith("P") for c in body))


CAPTION_MAX = 20     # characters: longer text is a sentence that leads in


@register
class LeadInColon(Rule):
    code = "BM106"
    name = "lead-in-colon"
    category = "structure"
    severity = "error"
    fixable = True
    summary = "项之前的引语以冒号“：”结束"
    rationale = ("“……应当遵守下列规定：”这样的引语引出下面的项，以全角冒号结束；用句号或分号会使引语和项断开，"
                 "读者以为条文已经结束。本身是完整句子、不以“下列”“如下”引出各项的段落（……确定当事人的责任。"
                 "其后各项分别规定），以句号结束是正确的。")
    bad = "第十条 涉密人员应当遵守下列规定。\n\n（一）……；"
    good = "第十条 涉密人员应当遵守下列规定：\n\n（一）……；"

    def check(self, policy, corpus):
        for a in policy.articles:
            for k, p in enumerate(a.paragraphs):
                if p.items and not _sentences(policy, p) and a.items_run_on(k) is None:
                    yield from self._check(policy, p.end_line, "项之前的引语", p.text)
                for it in p.items:
                    if it.subitems:
                        yield from self._check(policy, it.end_line, f"{it.marker.raw}中目之前的引语", it.text)

    def _check(self, policy, line, what, text=""):
        pos = last_char_pos(policy, line)
        if pos is None or pos[1] in "：:":
            return   # a half-width colon is a colon: its width is BM601's, one finding per character
        if _caption(text):
            return   # （一）关于人身伤亡的赔偿请求 over its 目 (海商法第二百一十条): a caption, no sentence
        if pos[1] == "。" and not _ANNOUNCES.search(text):
            return   # a sentence of its own that the items go on to detail (……确定当事人的责任。（一）……)
        col, ch = pos
        if ch in _REPLACEABLE:
            fix = [Edit(policy.relpath, line, col, line, col + 1, "：", note=f"{ch} → ：")]
        else:
            fix = [Edit(policy.relpath, line, col + 1, line, col + 1, "：", note="补“：”")]
        yield self.diag(policy, line, col, f"{what}应以“：”结束，实为“{ch}”", end_line=line, end_col=col + 1,
                        fix=fix)
