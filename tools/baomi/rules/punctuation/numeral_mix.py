from ..base import register
from ._lang import ProofRule


@register
class NumeralMix(ProofRule):
    code = "BM606"
    name = "numeral-mix"
    fixable = True
    summary = "汉字数字中的零写作“〇”，不与阿拉伯数字“0”混用（二〇二四年）"
    rationale = ("GB/T 15835-2011《出版物上数字用法》：用汉字数字时，“零”的小写写作“〇”；“二0二四年”"
                 "混用了两种数字，多见于输入法造成的错误。改为“二〇二四年”，或全部使用阿拉伯数字“2024年”。")
    bad = "第一条 本制度自二0二四年三月一日起施行。"
    good = "第一条 本制度自二〇二四年三月一日起施行。"
    kinds = ("numeral-mix",)
    check_name = "numerals"
