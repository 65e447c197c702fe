from ..base import Edit, Rule, register
from ._shared import sequence_problem, unit_label
from ...model import Style
from ..xref._shared import amends_another


@register
class SectionNumberSequence(Rule):
    code = "BM204"
    name = "section-number-sequence"
    category = "numbering"
    severity = "error"
    fixable = True
    summary = "节的序号在每一章内从第一节起连续"
    rationale = ("节是章的下一层，在每一章内从第一节起重新编号并连续；跳号或沿用上一章的节序号会使目录和引用错乱。"
                 "修改别的文本的体裁（修正案；schemas/genres.yaml 的 quotes_amended_text）所写的节是被修改的法律的节"
                 "（“第三章中增加一节，作为第七节”），序号属于那部法律，不查。")
    bad = "## 第二章 定密\n\n### 第一节 ……\n\n## 第三章 ……\n\n### 第二节 ……"
    good = "## 第二章 定密\n\n### 第一节 ……\n\n## 第三章 ……\n\n### 第一节 ……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.sections:
            return
        if amends_another(policy, corpus):
            return      # its 节 are quoted from the amended law and carry that law's numbers
        # each chapter's own 节 (chapter numbers repeat across the 编 of a code), then any outside
        in_chapters = [c.sections for c in policy.chapters if c.sections]
        inside = {id(s) for g in in_chapters for s in g}
        loose = [s for s in policy.sections if id(s) not in inside]
        for sections in in_chapters + ([loose] if loose else []):
            prev = None
            for i, s in enumerate(sections, 1):
                msg = sequence_problem(prev, s.number, "节", "本章节序号", i)
                if msg:
                    right = unit_label("节", i)
                    yield self.diag(policy, s.marker.line, s.marker.col, msg, end_line=s.marker.line,
                                    end_col=s.marker.end_col,
                                    fix=[Edit(policy.relpath, s.marker.line, s.marker.col, s.marker.line,
                                              s.marker.end_col, right, note=f"{s.marker.raw} → {right}")])
                prev = i if s.number is None else s.number
