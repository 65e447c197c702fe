import re

from ... import grammar
from ..base import Edit, Rule, register
from ._shared import last_char_pos

_REPLACEABLE = "，。；、,.;:："
# what starts the next unit of the outline: a 项 （三）, a 目 3., an article (grammar), a heading
_NEXT_UNIT = re.compile(rf"\s*(?:{grammar.RE_OUTLINE_UNIT.pattern}|#)")


def _list_follows(policy, line: int) -> bool:
    """True when the line after an item that ends with a colon is not the next item, article or
    heading: the item leads into a list the outline does not number (国旗法 甲、乙、丙……; 海商法
    “应当增加下列数额：” and its lines), and its ending is that list's end."""
    for text in policy.lines[line:]:
        if text.strip(" \t\u3000"):
            return not _NEXT_UNIT.match(text)
    return False


def _sentence(text: str) -> bool:
    """An item that is a sentence of its own ends with 。 in correct drafting: a definition
    (海洋观测设施，是指……设施。) or an item of several sentences."""
    body = text.rstrip().rstrip("。")
    return "是指" in text or "，是" in text or "。" in body


@register
class ItemEnding(Rule):
    code = "BM107"
    name = "item-ending"
    category = "structure"
    severity = "error"
    fixable = True
    summary = "项以分号“；”结束，最后一项以句号“。”结束"
    rationale = ("《立法技术规范（试行）》：项与项之间用分号，最后一项用句号，表示列举完毕。项后面还有另一款时，"
                 "最后一项仍以句号结束。目同理。定义项（……，是指……。）和本身是完整句子的项以句号结束，"
                 "各项都是句子时也都以句号结束；项下有目的，项在最后一目处结束（各项都是句子时，每项的最后一目"
                 "以句号结束）。定义目（单位是指……。）也以句号结束。")
    bad = "（一）按照规定登记。\n\n（二）定期清查；"
    good = "（一）按照规定登记；\n\n（二）定期清查。"

    def check(self, policy, corpus):
        for a in policy.articles:
            for k, p in enumerate(a.paragraphs):
                n = len(p.items)
                # the list goes on in a later paragraph of the article (国旗法 第五条: （二）……；
                # a line of the same item as a paragraph of its own；（三）……): not its last item
                goes_on = bool(n) and p.items[-1].number is not None and any(
                    q.items and q.items[0].number == p.items[-1].number + 1 for q in a.paragraphs[k + 1:])
                # an item with 目 ends where its last 目 ends (（三）……决定撤销：1.……；5.……。)
                ends = [self._end(policy, it.subitems[-1] if it.subitems else it) for it in p.items]
                sentences = bool(n) and all(e == "。" for e in ends)
                if sentences and not any(it.subitems for it in p.items):
                    continue   # every item a full sentence (a list of rules or definitions)
                for i, it in enumerate(p.items):
                    if not it.subitems and self._end(policy, it) == "。" and (sentences or _sentence(it.text)):
                        continue
                    last = i == n - 1 and not goes_on
                    if it.subitems:
                        m = len(it.subitems)
                        for j, s in enumerate(it.subitems):
                            if self._end(policy, s) == "。" and (j == m - 1 or _sentence(s.text)):
                                continue   # a 目 that is a definition (单位是指……。) or sentences;
                                           # the last 目 may close its item's sentence (行政复议法 第二十八条)
                            # the last 目 closes its item: with 。 when the item is the last one, or
                            # when the items are sentences (each item's last 目 ends with 。)
                            yield from self._check(policy, s.end_line, s.marker.raw,
                                                   "。" if (j == m - 1 and (last or sentences)) else "；")
                        continue
                    yield from self._check(policy, it.end_line, it.marker.raw, "。" if last else "；")

    @staticmethod
    def _end(policy, it):
        pos = last_char_pos(policy, it.end_line)
        return pos[1] if pos else None

    def _check(self, policy, line, label, want):
        pos = last_char_pos(policy, line)
        if pos is None or pos[1] == want:
            return
        col, ch = pos
        if ch in "”’）)" or ch == "？":
            return   # a quotation or remark closes the item: leave the sentence to the author
        if ch in "：:" and _list_follows(policy, line):
            return   # the item introduces a list of its own below it (甲、乙、丙……)
        if ch in _REPLACEABLE:
            fix = [Edit(policy.relpath, line, col, line, col + 1, want, note=f"{label}末尾 {ch} → {want}")]
        else:
            fix = [Edit(policy.relpath, line, col + 1, line, col + 1, want, note=f"{label}末尾补“{want}”")]
        kind = "最后一项" if want == "。" else "项"
        yield self.diag(policy, line, col, f"{label}是{kind}，应以“{want}”结束，实为“{ch}”",
                        end_line=line, end_col=col + 1, fix=fix)
