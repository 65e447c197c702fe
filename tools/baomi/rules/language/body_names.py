import re

from ..base import register
from ._shared import LanguageRule, language_data


@register
class InconsistentBodyName(LanguageRule):
    code = "BM413"
    name = "inconsistent-body-name"
    summary = "同一机构在一份制度中应使用同一名称"
    rationale = ("一份制度前面写“保密委员会”、后面写“保密工作领导小组”，读者会以为是两个机构，职责也就说不清。"
                 "schemas/language.yaml 的 bodies 列出同一机构的不同叫法；一份制度中出现其中两种时，"
                 "后出现的叫法提示（写法以先出现者为准）。括注说明的（保密委员会（保密工作领导小组））不提示。")
    bad = "第一条 本单位设保密委员会。\n\n第二条 保密工作领导小组负责审议保密制度。"
    good = "第一条 本单位设保密委员会。\n\n第二条 保密委员会负责审议保密制度。"

    def check(self, policy, corpus):
        groups = language_data(corpus).bodies
        for group in groups:
            rx = re.compile("|".join(re.escape(n) for n in sorted(group, key=len, reverse=True)))
            first = None
            hits = []
            for span in policy.prose:
                for m in rx.finditer(span.text):
                    hits.append((span, m))
            explained = set()
            for span, m in hits:
                after = span.text[m.end():m.end() + 1 + max(map(len, group)) + 1]
                if after[:1] in "（(":
                    for n in group:
                        if after[1:].startswith(n) and n != m.group(0):
                            explained.add(frozenset((n, m.group(0))))
            for span, m in hits:
                name = m.group(0)
                if first is None:
                    first = name
                    continue
                if name == first or frozenset((name, first)) in explained:
                    continue
                if span.text[max(0, m.start() - 1):m.start()] in "（(" and m.start() > 0:
                    continue
                yield self.diag(policy, span.line, span.col + m.start(),
                                f"“{name}”与本制度前文的“{first}”指同一机构，应统一使用一个名称",
                                end_line=span.line, end_col=span.col + m.end())
