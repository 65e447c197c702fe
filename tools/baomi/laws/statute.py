"""Read a statute of the corpus (../shared/corpus/laws, the LawRefBook Markdown layout).

A statute file is `# 标题`, its enactment history, a `<!-- INFO END -->` line, then chapters
(`## 第一章 …`) and articles as paragraphs beginning `第X条`. The body after the INFO line is
the same grammar as a 条款式 policy, so baomi's own parser reads it (as the statutes check does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

INFO_END = "<!-- INFO END -->"
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass
class Statute:
    path: Path
    title: str
    history: list[str]                       # the enactment lines above INFO END
    articles: dict[int, str] = field(default_factory=dict)   # number → full text (款 joined)
    chapters: int = 0

    @property
    def article_count(self) -> int:
        return len(self.articles)

    def dates(self) -> list[str]:
        """The dates named in the enactment history, ISO, in order."""
        out = []
        for line in self.history:
            for y, m, d in _DATE.findall(line):
                out.append(f"{y}-{int(m):02d}-{int(d):02d}")
        return out


def read_statute(path) -> Statute:
    from ..parser import parse_text

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition(INFO_END)
    if not body:
        head, body = "", text
    lines = [ln.strip() for ln in head.splitlines()]
    title = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), path.stem)
    history = [ln for ln in lines if ln and not ln.startswith("#")]
    pol = parse_text(f"# {title}\n{body}", path, path.name)
    st = Statute(path=path, title=title, history=history, chapters=len(pol.chapters))
    for a in pol.articles:
        if a.number is not None and not a.sub:
            st.articles.setdefault(a.number, a.text())
    return st
