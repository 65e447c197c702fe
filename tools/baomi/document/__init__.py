"""A small, neutral document model: what a printed or issued document says, not how it looks.

`baomi export` builds a `Document` from the parsed policy model (`baomi.document.build`) and
hands it to a renderer (`baomi.document.docx_render`: GB/T 9704 公文 layout in Word; the PDF is
LibreOffice's rendering of that same .docx, `baomi.document.pdf`). The blocks name the role of
each piece of text (title, 章 heading, body paragraph, 落款 …); the renderer alone decides fonts,
sizes and spacing, so another document (承诺书, 修订对照表, 自查自评表) can later be built as
blocks and printed the same way.

This module imports nothing heavy: no python-docx, no LibreOffice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# paragraph roles a renderer knows (anything else is shown as body text)
ROLES = (
    "body",        # 正文 paragraph: first-line indent of two characters
    "item",        # 项/目 inside an article, indented as body
    "plain",       # no indent (a 附件 list, lines of a table caption)
    "subtitle",    # under the title: 施行/修订日期, centred, 楷体
    "signature",   # 落款: the issuing body, right-aligned
    "date",        # 成文日期 under the 落款, right-aligned
    "imprint",     # 版记: “印发机关\t印发日期”, 4号, between rules
    "note",        # 附注 lines, 4号
    "annex-label",  # 附件1 at the top left of an attachment
    "cover-unit",  # the unit on a cover, centred, large
    "cover-title",  # the 汇编's name on a cover, centred, very large
    "cover-date",  # the date on a cover
    "toc-heading",  # the word 目录
)


@dataclass
class Title:
    """The title of a document (2号 小标宋); `toc`: listed in the 目录 of a collection."""

    text: str
    toc: bool = False
    kind: str = "title"


@dataclass
class Heading:
    """A heading inside a document: level 1 (章, 一、), 2 (节, （一）), 3 (deeper); 0 the title
    of an attachment. A tier of a 条款式 text takes its depth in the tree (编 1, its 章 2, 节 3).
    `center`: a tier of a 条款式 text, centred; else indented as a paragraph."""

    text: str
    level: int = 1
    center: bool = False
    kind: str = "heading"


@dataclass
class Para:
    """A paragraph of text with a role (see ROLES); `lead` is a run shown in the heading face
    before the text (第一条 in 黑体 is not used by GB/T 9704; kept for forms that need it)."""

    text: str
    role: str = "body"
    lead: str = ""
    kind: str = "para"


@dataclass
class Table:
    """Rows of cell text, the first a header row repeated on every page when `header`."""

    rows: list[list[str]]
    header: bool = True
    widths_mm: list[float] | None = None
    landscape: bool = False
    kind: str = "table"


@dataclass
class Mark:
    """The 密级/内部 label (or the unit's own label) at the top left of a document's first page."""

    text: str
    kind: str = "mark"


@dataclass
class Masthead:
    """版头: 发文机关标志 (red, centred) and 发文字号, then the red separator line."""

    organ: str
    number: str = ""
    kind: str = "masthead"


@dataclass
class Toc:
    """Placeholder for the 目录: the renderer lists every `Title(toc=True)` with its page."""

    heading: str = "目录"
    kind: str = "toc"


@dataclass
class Break:
    """A new part of the document on a new page (`odd`: on the next odd page, for double-sided
    printing). `header`: the running header from here on (None: none); `numbered`: page numbers
    in the footer; `restart`: numbering starts again at 1."""

    odd: bool = False
    header: str | None = None
    numbered: bool = True
    restart: bool = False
    landscape: bool = False
    kind: str = "break"


@dataclass
class Document:
    """A document: blocks in reading order, and what the first part of it looks like (`header`,
    `numbered`, as for a `Break`). `fonts_note` names the office fonts and their fallbacks."""

    title: str
    blocks: list = field(default_factory=list)
    header: str | None = None
    numbered: bool = True
    subject: str = ""

    def add(self, block) -> None:
        self.blocks.append(block)

    def titles(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Title)]

    def toc_titles(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Title) and b.toc]
