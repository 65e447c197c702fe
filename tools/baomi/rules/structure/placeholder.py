from ...text.placeholder import placeholders
from ..base import Rule, register
from ...model import Status


@register
class Placeholder(Rule):
    code = "BM131"
    name = "placeholder"
    category = "structure"
    severity = "error"
    summary = "现行制度中不得留有未填写的占位（草案中为警告）"
    rationale = (
        "“【待补充】”“（待定）”“XX部门”“××年××月”和前置元数据中的“待补充”都是起草时留待补全的位置，"
        "不是制度内容：现行制度中留有占位，等于把没有写的规定当作已经施行，自查自评也会把占位条文"
        "误算作已覆盖（含占位的条文从不算作覆盖）。占位在“现行”制度中是错误，在“草案”中是警告，"
        "已废止的制度不检查。哪些写法算占位由 schemas/placeholders.yaml 规定：提示语须写在括号里才算"
        "（正文中的“权属待定”是普通词语）；XX、××、某某须连写且不紧挨字母数字（编号格式“×1械注×2××××3”"
        "不算）；条文是在说明格式或给出示范用语时（“编排方式为”“规范用语是”），以及附件正文中表格、"
        "样式的空栏，都不算占位。")
    bad = "---\nstatus: 现行\nowner: 待补充\n---\n\n第十条 本制度自（待定）起施行。"
    good = "---\nstatus: 现行\nowner: 保密办公室\n---\n\n第十条 本制度自2025年1月1日起施行。"

    def check(self, policy, corpus):
        status = policy.status
        if status == Status.REPEALED or not policy.readable:
            return
        severity = "error" if status == Status.CURRENT else "warning"
        where = "现行制度" if status == Status.CURRENT else "草案" if status == Status.DRAFT else "制度"
        ph = placeholders(corpus.data)
        for key, value in policy.meta.items():
            values = value if isinstance(value, list) else [value]
            for v in values:
                if ph.meta_unfilled(v):
                    line, col = policy.key_lines.get(key, (1, 1))
                    yield self.diag(policy, line, col,
                                    f"前置元数据 {key} 的值“{v}”是未填写的占位，{where}中应写明实际内容",
                                    severity=severity)
        context: dict[int, tuple[str, bool]] = {}   # line → (text judged for examples, blanks count)
        for u in policy.units():
            for ln in range(u.line, u.end_line + 1):
                context[ln] = (u.text, True)
        for b in policy.attachment_bodies:
            for ln in range(b.line + 1, b.end_line + 1):
                context[ln] = ("", False)
        for span in policy.prose:
            text, blanks = context.get(span.line, (span.text, True))
            for start, end in ph.find(span.text, blanks=False):
                yield self._diag(policy, span, start, end, where, severity)
            if blanks and not (ph.example and ph.example.search(text)):
                bracketed = ph.find(span.text, blanks=False)
                for start, end in ph.find(span.text):
                    if (start, end) not in bracketed:
                        yield self._diag(policy, span, start, end, where, severity)

    def _diag(self, policy, span, start, end, where, severity):
        raw = span.text[start:end]
        shown = raw if len(raw) <= 24 else raw[:24] + "……"
        return self.diag(policy, span.line, span.col + start,
                         f"“{shown}”是未填写的占位，{where}中应写明实际内容",
                         end_line=span.line, end_col=span.col + end, severity=severity)
