from ..base import register
from ._lang import ProofRule


@register
class DocumentNumber(ProofRule):
    code = "BM608"
    name = "document-number"
    fixable = True
    summary = "发文字号的年份用六角括号，顺序号不加“第”、不编虚位（国保发〔2024〕3号）"
    rationale = ("GB/T 9704-2012 7.2.4：发文字号由发文机关代字、年份、发文顺序号组成；年份标全称，用六角括号"
                 "“〔〕”括入；发文顺序号不加“第”字，不编虚位（1 不编为 001）。方括号、中括号、圆括号都是常见的错写。")
    bad = "第一条 依据《关于加强保密管理的通知》（国保发[2024]03号），制定本制度。"
    good = "第一条 依据《关于加强保密管理的通知》（国保发〔2024〕3号），制定本制度。"
    kinds = ("doc-number",)
    check_name = "numerals"
