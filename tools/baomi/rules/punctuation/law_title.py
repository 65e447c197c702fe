from ...diagnostics import Edit
from ...lexicon import shipped
from ...text import language
from ..base import Rule, register

STATE_NAME = "中华人民共和国"


@register
class LawTitleUnmarked(Rule):
    code = "BM610"
    name = "law-title-unmarked"
    category = "punctuation"
    # advice: statutes themselves sometimes name a law bare (立法法: 依照中华人民共和国国务院组织法的有关规定)
    severity = "info"
    fixable = True
    local = False       # a title of the corpus cited without 书名号 is read from the references
    title_set = True    # … and depends on every title of the corpus
    summary = "法律名称首次出现时应加书名号（《中华人民共和国保守国家秘密法》）；引用汇编中的制度条文，标题加书名号"
    rationale = ("GB/T 15834-2011 规定书名、篇名、法律文件名称用书名号标示。制度首次提到一部法律时写全称并加"
                 "书名号，读者才知道这是法律的名称而不是泛称；网页复制常把书名号丢掉。只检查参考词表所收法律的全称"
                 "（中华人民共和国……法）在制度中的第一次出现，作为提示；修正是加上书名号。"
                 "引用汇编中另一项制度的条文而标题不加书名号（保密工作责任制规定第七条）的，每处都报警告："
                 "引用检查仍按标题认出它，但读者和其他工具未必认得，修正同样是加上书名号。"
                 "立法机关制定的法律（schemas/genres.yaml 的 short_law_names）按立法的写法引用，不查这一项。")
    bad = "第一条 根据中华人民共和国保守国家秘密法，制定本制度。"
    good = "第一条 根据《中华人民共和国保守国家秘密法》，制定本制度。中华人民共和国保守国家秘密法另有规定的，从其规定。"

    def check(self, policy, corpus):
        seen = set()
        lex = shipped()
        # a text naming itself (its heading; 中华人民共和国刑法的任务 in 刑法) cites nothing
        own = [str(t) for t in (policy.title, policy.h1) if t]
        for span in policy.prose:
            for a, e, name, inside in language.law_names(span.text, lex):
                if name in seen or any(t.startswith(name) for t in own):
                    continue
                seen.add(name)
                if inside:
                    continue
                col, end = span.col + a, span.col + e
                yield self.diag(policy, span.line, col, f"法律名称“{name}”首次出现时应加书名号：《{name}》",
                                end_line=span.line, end_col=end,
                                fix=[Edit(policy.relpath, span.line, col, span.line, end, f"《{name}》")])
        yield from self._bare_titles(policy, corpus)

    def _bare_titles(self, policy, corpus):
        """Every citation of a policy of the corpus by its title without 《》."""
        from ..structure._shared import genres
        from ..xref._shared import amends_another
        if (g := genres(corpus.data)).listed(policy.title, g.short_law_names) or amends_another(policy, corpus):
            return      # a law names other laws the way the legislature does
        for r in corpus.references_from(policy):
            if r.named != "bare" or not r.title or r.title.startswith(STATE_NAME):
                continue    # a law of the state without 《》: the first mention is reported above
            end = r.col + len(r.title)
            yield self.diag(policy, r.line, r.col,
                            f"引用汇编中的制度“{r.title}”的条文，标题应加书名号：《{r.title}》",
                            end_line=r.line, end_col=end, severity="warning",
                            fix=[Edit(policy.relpath, r.line, r.col, r.line, end, f"《{r.title}》")])
