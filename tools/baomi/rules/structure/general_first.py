import re

from ..base import Rule, register
from ...model import Style
from ._shared import genres
from .article_outside_chapter import opening_articles

_JOINERS = re.compile("、|以及|和|及|与")


def names_general_topics(name: str, topics) -> bool:
    """True when a chapter name lists only subjects of the general provisions (genres.yaml
    `general_chapter_topics`): 任务和基本原则, 刑法的任务、基本原则和适用范围."""
    parts = [p for p in _JOINERS.split(name or "") if p]
    return bool(parts and topics) and all(any(p.endswith(t) for t in topics) for p in parts)


@register
class GeneralProvisionsFirst(Rule):
    code = "BM101"
    name = "general-provisions-first"
    category = "structure"
    severity = "error"
    summary = "分章的制度，第一章应为“总则”"
    rationale = ("《立法技术规范（试行）》：设章的，第一章为总则，规定目的、依据、适用范围和基本原则。读者和"
                 "检查人员靠总则找到制度的依据和适用范围。设编的法典以第一编为总则，各编的第一章是该编的"
                 "一般规定。第一章之前的开篇几条代替总则的（议事规则），不查第一章的标题；总则的其他正式名称"
                 "（总纲、一般规定……）见 schemas/genres.yaml 的 general_chapter_names；以总则的内容为名的第一章"
                 "（任务和基本原则；任务、适用范围和基本原则）也是总则，这些内容见 general_chapter_topics。")
    bad = "## 第一章 涉密岗位\n\n第一条 为了……"
    good = "## 第一章 总则\n\n第一条 为了……"

    def check(self, policy, corpus):
        if policy.style != Style.TIAOKUAN or not policy.chapters:
            return
        if policy.divided():
            # a code: the first 编 is 总则 (刑法, 民事诉讼法); the chapters of a 编 or 分编 open with
            # its own 一般规定 or 通则, not with a 总则 of their own
            top = policy.parts[0] if policy.parts else None
            if top is not None and top.kind == "编" and top.name != "总则":
                yield self.diag(policy, top.line, top.col, f"第一编应为“总则”，实为“{top.name or '（无标题）'}”",
                                end_line=top.line, end_col=top.marker.end_col + 1 + len(top.title))
            return
        ch = policy.chapters[0]
        if opening_articles(policy):
            return      # the articles before 第一章 are the general provisions (议事规则)
        if ch.number is not None and ch.number != 1:
            return      # 第一章 itself is missing: BM202 (and BM103) report that, not its title
        g = genres(corpus.data)
        if ch.name not in g.general_chapter_names and not names_general_topics(ch.name, g.general_chapter_topics):
            yield self.diag(policy, ch.line, ch.col, f"第一章应为“总则”，实为“{ch.title.strip() or '（无标题）'}”",
                            end_line=ch.line, end_col=ch.marker.end_col + 1 + len(ch.title))
