from ...laws import cite, facts
from ..base import Rule, register
from ._shared import art_label, refs


def _excerpt(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "……"


@register
class LawOldArticleNumber(Rule):
    code = "BM313"
    name = "law-old-article-number"
    category = "xref"
    severity = "warning"
    local = False
    summary = "引用修订后的法律法规，不要沿用修订前的条号"
    rationale = ("2024年修订的保密法和实施条例调整了条序：例如密级由保密法第十条移至第十四条，离岗脱密由第三十八条"
                 "移至第四十六条；实施条例的自查自评由2014年文本第三十二条移至第五十八条。修订后的条号本身都是有效的"
                 "（2024年保密法第十七条规定定密权限），所以只有当引用所在句子的内容与旧文本该条明显更相符（字词重合），"
                 "或句子写明所引的是修订前（2010年、2014年）的文本时，才提示改用新条号。新旧条号对照由法规库从两个版本"
                 "的文本按内容对齐得出（schemas/laws.yaml 的 old_numbers）。")
    bad = "涉密人员离岗的，依照保密法第三十八条的规定实行脱密期管理。"
    good = "涉密人员离岗的，依照保密法第四十六条的规定实行脱密期管理。"

    def check(self, policy, corpus):
        for r in refs(policy, corpus, None):
            if r.kind != "law" or not r.target_law or not r.article or r.article[1]:
                continue
            e = facts.entry(corpus, r.target_law)
            mp = facts.old_numbers(e)
            num = r.article[0]
            if num not in mp or mp[num] == num:
                continue
            old_texts, new_texts = facts.article_texts(corpus, r.target_law)
            line = policy.lines[r.line - 1] if 0 < r.line <= len(policy.lines) else ""
            sentence = cite.sentence_at(line, r.col - 1)
            version = e.old_numbers.version if e is not None and e.old_numbers is not None else ""
            year = version[:4]
            how, o, n = cite.judge(sentence, old_texts.get(str(num)), new_texts.get(str(num)), year)
            if how is None:
                continue
            label = art_label(r.article)
            new = mp[num]
            where = f"{year}年文本" if year else "修订前的文本"
            if how == "stated":
                reason = f"句中写明引用的是修订前的文本，其{label}为“{_excerpt(old_texts.get(str(num), ''))}”"
            else:
                reason = (f"所在句子与{where}{label}“{_excerpt(old_texts.get(str(num), ''))}”相符"
                          f"（共有字词{o[0]}个），与现行{label}“{_excerpt(new_texts.get(str(num), ''))}”不符")
            target = (f"现行条号应为{art_label((new, 0))}" if new is not None
                      else "现行文本中没有与之对应的条文，请核对现行文本")
            yield self.diag(policy, r.line, r.col,
                            f"{r.target_law}{label}是修订前的条号（{reason}），{target}"
                            f"{facts.mark(e, 'old_numbers')}，请核实",
                            end_line=r.line, end_col=r.end_col)
