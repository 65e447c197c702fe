from ..base import register
from ._shared import LanguageRule


@register
class SpunLegalTerm(LanguageRule):
    code = "BM415"
    name = "spun-legal-term"
    fixable = True
    fix_applicability = "unsafe"   # offered, applied only with --fix --unsafe-fixes
    summary = "保密法用语不应被“同义改写”（国度秘密、保密规模）"
    rationale = ("机器“洗稿”会把法律用语换成近义词：国家秘密写成“国度秘密”，保密范围写成“保密规模”，"
                 "保密行政管理部门写成“保密行政治理部门”。这些用语法律从不变换说法，改写后制度与上位法不再一致。"
                 "只检查 schemas/language.yaml 中人工审阅过的保密法用语及其改写形式。换回法律用语是不安全的修复"
                 "（改写处也可能是别的意思）：--fix 不应用，核对后用 --fix --unsafe-fixes 应用。")
    bad = "第一条 本制度所称国度秘密，是指关系国家安全和利益的事项。"
    good = "第一条 本制度所称国家秘密，是指关系国家安全和利益的事项。"
    check_name = "spun"
