from ..base import register
from ._lang import ProofRule


@register
class PaddedDate(ProofRule):
    code = "BM607"
    name = "padded-date"
    fixable = True
    summary = "日期中的月、日不加“0”补位（2024年3月5日）"
    rationale = ("GB/T 9704-2012 规定成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位"
                 "（1 不编为 01）。“2024年03月05日”应写作“2024年3月5日”。")
    bad = "第一条 本制度自2024年03月05日起施行。"
    good = "第一条 本制度自2024年3月5日起施行。"
    kinds = ("padded-date",)
    check_name = "numerals"
