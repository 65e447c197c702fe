import re

from ..base import Rule, register
from ._shared import genres
from ...datamodel import TRAILING_NOTE
from ...model import Style

PURPOSE = re.compile(r"^为(?:了)?")
# the basis: 根据/依据/依照/按照 …, 以宪法为根据, or the law it rests on named in 《》
BASIS = re.compile(r"根据|依据|依照|按照|以[^，。；]{1,30}为(?:根据|依据)|《[^《》]+》")
STARTS_WITH_BASIS = re.compile(r"^(?:根据|依据|依照|按照)")
_STATE = re.compile(r"^中华人民共和国")


@register
class PurposeClause(Rule):
    code = "BM110"
    name = "purpose-clause"
    category = "structure"
    severity = "warning"
    summary = "第一条写明目的和依据：为了……，根据……，制定本制度"
    rationale = ("《立法技术规范（试行）》：第一条写立法目的和依据。制度的依据（上位法）写在第一条，检查人员据此"
                 "核对制度是否有合法来源，修订上位法时也能找出需要随之修订的制度。依据不可省；目的只在以依据开头时可省"
                 "（“根据《……》，制定本细则。”是规范的写法）。法律的第一条可以直接规定适用范围（税法、宪法），"
                 "修正案、决定的各条是修改或决定事项：这些体裁（schemas/genres.yaml 的 first_article）不查。")
    bad = "第一条 涉密人员应当遵守本制度。"
    good = "第一条 为了加强涉密人员保密管理，根据《中华人民共和国保守国家秘密法》，制定本制度。"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.articles:
            return
        g = genres(corpus.data)
        genre = g.genre_of(policy.title)
        if genre in g.first_free:
            return
        first = policy.articles[0]
        text = first.paragraphs[0].text if first.paragraphs else ""
        want = (g.self_names(policy.title) or ("本制度",))[0]
        has_purpose = bool(PURPOSE.match(text))
        has_basis = bool(BASIS.search(text))
        missing = []
        # the purpose may be left out only by starting with the basis (根据《……》，制定本细则。);
        # 加强管理，根据……，制定本制度 is a purpose that lost its 为了
        if not has_purpose and not STARTS_WITH_BASIS.match(text):
            missing.append("“为了……”（目的）")
        if not has_basis and not (has_purpose and genre in g.first_purpose_enough):
            missing.append("“根据……”（依据）")
        if not self._enacts(text, policy.title, g):
            missing.append(f"“制定{want}”")
        if missing:
            yield self.diag(policy, first.line, first.col,
                            f"{first.label}应写明目的和依据（为了……，根据……，制定{want}。），缺少{'、'.join(missing)}",
                            end_line=first.line, end_col=first.marker.end_col)

    @staticmethod
    def _enacts(text: str, title: str | None, g) -> bool:
        """制定本X (a self-name whose 本 begins a word), or 制定 followed by the document's own title."""
        if any(text[m.start() - 2:m.start()] == "制定" for m in g.find_self(text)):
            return True
        if title:
            t = TRAILING_NOTE.sub("", title.strip())
            for name in {t, _STATE.sub("", t)}:
                if name and re.search("制定《?" + re.escape(name), text):
                    return True
        return False
