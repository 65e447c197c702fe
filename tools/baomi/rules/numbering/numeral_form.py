from ... import grammar
from ...numerals import MAX, is_canonical, parse_chinese, to_chinese
from ..base import Edit, Rule, register

_TRADITIONAL = {"條": "条", "節": "节"}


@register
class NumeralForm(Rule):
    code = "BM201"
    name = "numeral-form"
    category = "numbering"
    severity = "error"
    fixable = True
    summary = "章、节、条的序号应使用规范的汉字数字（第十条，不写第一十条或第10条）"
    rationale = ("《立法技术规范（试行）》规定章、节、条的序号用中文数字依次表述；十到十九写作“十”“十一”，"
                 "不写“一十”。规范写法便于检索和引用：“第10条”“第一十条”在全文检索和交叉引用中都找不到"
                 "“第十条”。")
    bad = "第10条 涉密人员应当……\n\n第一十一条 ……"
    good = "第十条 涉密人员应当……\n\n第十一条 ……"

    def check(self, policy, corpus):
        # the 第N… levels of the text's style: 编, 分编, 章, 节, 条, and a plug-in's own (卷)
        units = grammar.ordinal_units(grammar.plugin(policy.style))
        for mk in policy.markers:
            unit = units.get(mk.kind)
            old = next((c for c in _TRADITIONAL if c in mk.raw), None) if unit else None
            if old is not None:     # 第二條: the marker in a traditional form
                col = mk.col + mk.raw.index(old)
                yield self.diag(policy, mk.line, mk.col, f"序号应写作“{mk.raw.replace(old, unit)}”，实为“{mk.raw}”",
                                end_line=mk.line, end_col=mk.end_col,
                                fix=[Edit(policy.relpath, mk.line, col, mk.line, col + 1, _TRADITIONAL[old],
                                          note=f"{old} → {_TRADITIONAL[old]}")])
            if unit is None or not mk.numeral_raw or is_canonical(mk.numeral_raw):
                continue
            value = parse_chinese(mk.numeral_raw)
            if value is None:
                yield self.diag(policy, mk.line, mk.col,
                                f"序号“{mk.raw}”无法识别：应为不超过{to_chinese(MAX)}的中文数字",
                                end_line=mk.line, end_col=mk.end_col)
                continue
            if value <= 0:
                continue
            right = grammar.unit_label(unit, value)
            col = mk.col + 1
            yield self.diag(policy, mk.line, mk.col,
                            f"序号应写作“{right}”，实为“第{mk.numeral_raw}{unit}”",
                            end_line=mk.line, end_col=col + len(mk.numeral_raw),
                            fix=[Edit(policy.relpath, mk.line, col, mk.line, col + len(mk.numeral_raw),
                                      to_chinese(value), note=f"第{mk.numeral_raw}{unit} → {right}")])
