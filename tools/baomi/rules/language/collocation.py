from ..base import register
from ._shared import LanguageRule


@register
class Collocation(LanguageRule):
    code = "BM414"
    name = "collocation"
    fixable = True
    fix_applicability = "unsafe"   # offered, applied only with --fix --unsafe-fixes
    summary = "动宾搭配应与法律一致（履行职责、行使职权）"
    rationale = ("法律中的动宾搭配是固定的：履行职责、行使职权、承担责任、追究刑事责任。参考词表从法律文本中"
                 "统计每个动词后面的宾语；schemas/language.yaml 列出容易混用的动词组。某宾语在法律中只与组内"
                 "一个动词连用（至少 min_count 次）、从不与另一个连用时，后一种搭配提示，并给出法律的说法。"
                 "换用法律的动词是不安全的修复：--fix 不应用，核对后用 --fix --unsafe-fixes 应用。")
    bad = "第一条 涉密人员应当依法行使义务，履行权利。"
    good = "第一条 涉密人员应当依法履行义务，行使权利。"
    check_name = "collocations"
