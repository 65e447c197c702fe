from ..base import register
from ._shared import LanguageRule


@register
class DeParticle(LanguageRule):
    code = "BM416"
    name = "de-particle"
    fixable = True
    fix_applicability = "unsafe"   # offered, applied only with --fix --unsafe-fixes
    summary = "的、地、得在明确的格式中不能混用（认真地学习、进行得顺利）"
    rationale = ("状语用“地”，补语用“得”，定语用“的”。只检查没有歧义的格式（schemas/language.yaml 的 "
                 "de_particles）：状语（认真、严格、及时……）+“的”+ 带了宾语的动词（学习本制度、执行有关规定），"
                 "或 + 必带宾语的动词（进行、加以、做好），应为“地”；动词 +“的”+ 程度副词 + 形容词，"
                 "后面是标点或段尾（进行的很顺利。），应为“得”。“实行严格的管理”“所做的很多工作”这类"
                 "可以作名词性理解的写法不提示。改“的”为“地”或“得”是不安全的修复：--fix 不应用，"
                 "核对后用 --fix --unsafe-fixes 应用。")
    bad = "第一条 各部门应当认真的学习本制度，保密检查进行的很顺利。"
    good = "第一条 各部门应当认真地学习本制度，实行严格的管理，保密检查进行得很顺利。"
    check_name = "de_particles"
