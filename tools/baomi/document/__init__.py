"""A small, neutral document model: what a printed or issued document says, not how it looks.

`baomi export` builds a `Document` from the parsed policy model (`baomi.document.build`) and
hands it to a renderer (`baomi.document.docx_render`: GB/T 9704 公文 layout in Word; the PDF is
LibreOffice's rendering of that same .docx, `baomi.document.pdf`). The blocks name the role of
each piece of text (title, 章 heading, body paragraph, 落款 …); the renderer alone decides fonts,
sizes and spacing. The generated forms and tables are built as blocks too (保密承诺书:
`generate.pledge.pledge_document`; 自查自评表 and 修订对照表: `document.build.coverage_table`,
`generate.diff_render.revision_document`) and printed by the renderers of this package:
`html_render` (a page or a fragment for the handbook), `text_render` (plain text), `form_docx`
(the A4 form layout in Word of the forms and tables; `docx_render` is the GB/T 9704 公文 layout
of `baomi export`).

Inline text: a `Para`'s `runs` (and a table cell given as a list) are `Run`s with a style
(bold, ins, del, missing 缺, advice 建议) and an optional link; a cell may also be a `Cell` of
several lines. Fill-in fields (姓名, 涉密等级 □核心 □重要 □一般, 承诺人签名 …) are `Fields`; a
`Group` holds blocks that belong together (an obligation and its citation; the end of a form,
`together`: never split over two pages, `with_previous`: on the page of the block before it).

Plain text (`text_render`) has no faces or sizes, so a listing for a terminal says its layout
with `text_` fields the other renderers ignore: a `Para`'s `text_indent` and `text_hang` (columns
before its first and its further lines), a `Table`'s `text_widths` (aligned columns instead of
`｜`), `text_indent` and `text_hang`; a `Gap` is a blank line there (and nothing elsewhere: the
other renderers space blocks by their role). `baomi checklist` and `baomi diff` print such
listings (`build.coverage_listing`, `generate.diff_render.revision_listing`).

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
    # the forms and tables of `generate` (承诺书, 自查自评表, 修订对照表)
    "form-unit",   # the unit's name above a form's title, centred
    "preamble",    # the sentence that opens a form (本人自愿遵守以下保密义务)
    "citation",    # where an obligation comes from: （《标题》第X条）, right-aligned, small
    "check",       # a line to tick: □　已接受离岗保密提醒谈话
    "closing",     # the sentence before the signature
    "lead",        # a line under a table's title (单位、自查时间; how the table was made), small
    "note-small",  # a note above a table (修订说明 of a policy), small
    "caption",     # the name of the policy a table is about, in the heading face
)

RUN_STYLES = ("plain", "bold", "ins", "del", "missing", "advice", "unclaimed")

# a date to write by hand, as every renderer shows it
DATE_BLANK = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


@dataclass
class Run:
    """Inline text with a style (RUN_STYLES: `ins`/`del` a revision's added and deleted words,
    `missing` a 缺 mark, `advice` a 建议 mark, `unclaimed` an item no policy claims) and an
    optional link target (`href`)."""

    text: str
    style: str = "plain"
    href: str | None = None


def plain(value) -> str:
    """The text of a string, a list of `Run`s, an `Items` list or a `Cell`, without styles; lines
    separated by newlines."""
    if isinstance(value, str):
        return value
    if isinstance(value, (Cell, Items)):
        return "\n".join(plain(line) for line in value.lines)
    return "".join(r.text for r in value)


@dataclass
class Items:
    """A list inside a cell (one line per entry, each a string or `Run`s): the clauses of a
    自查自评 item with the article that satisfies each. `role` names the list."""

    lines: list = field(default_factory=list)
    role: str = ""


@dataclass
class Cell:
    """A table cell of several lines (each a string, a list of `Run`s or an `Items` list),
    optionally spanning `span` columns; `role` names what it holds (`label`, `status`; a renderer
    may colour a status by it)."""

    lines: list = field(default_factory=list)
    span: int = 1
    role: str = ""


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
    runs: list | None = None       # the text as `Run`s (styles, links); `text` is their plain text
    keep_with_next: bool = False   # its last lines go to the next page with the next paragraph
    text_indent: int = 0           # plain text: spaces before the first line
    text_hang: int | None = None   # plain text: spaces before each further line (None: text_indent)
    kind: str = "para"

    @classmethod
    def of(cls, runs: list, role: str = "body", **kw) -> "Para":
        return cls(plain(runs), role, runs=list(runs), **kw)


@dataclass
class Table:
    """Rows of cells, the first a header row repeated on every page when `header`. A cell is a
    string, a list of `Run`s or a `Cell`; `role` names the table (renderers look it up: `coverage`,
    `revision`); `row_roles` optionally names each row (`area` for a heading row of the
    自查自评表, a revision's kind); `row_ids` gives body rows an anchor; `row_data` attributes
    (data-…) per row; `fill` the number of trailing columns left empty for writing by hand.

    Plain text: one line per row, its cells separated by `｜`, or, with `text_widths`, the first
    cells padded to those display widths (a CJK character two columns) and all separated by two
    spaces (a listing without a header row: `header=False`); each row indented by `text_indent`,
    the further lines of a cell by `text_hang`."""

    rows: list[list]
    header: bool = True
    widths_mm: list[float] | None = None
    landscape: bool = False
    role: str = ""
    row_roles: list[str] | None = None
    row_ids: list[str] | None = None
    fill: int = 0
    text_widths: list[int] | None = None
    text_indent: int = 0
    text_hang: int = 4
    kind: str = "table"


@dataclass
class Gap:
    """A blank line between the parts of a plain-text listing; the other renderers show nothing
    (they space blocks by their role)."""

    kind: str = "gap"


@dataclass
class Field:
    """One fill-in field: a label and what is written next to it: `blank` (a line), `date`
    (年 月 日 to fill in) or `choice` (`options`: (label, ticked) boxes, 「□一般」)."""

    label: str
    kind: str = "blank"
    options: list[tuple[str, bool]] = field(default_factory=list)

    def boxes(self) -> list[str]:
        return [("☑" if on else "□") + lab for lab, on in self.options]


@dataclass
class Fields:
    """Fill-in fields. `layout`: `grid` (label and value cells, `per_row` fields a row: the head
    of a form), `lines` (one 标签：＿＿ line each, right-aligned: a signature), `box` (one row of
    labels and empty cells after `heading`: the unit's 经办人/审核人 box)."""

    fields: list[Field]
    layout: str = "grid"
    per_row: int = 2
    heading: str = ""
    kind: str = "fields"


@dataclass
class Group:
    """Blocks that belong together. `role` names it (`form`, `obligations`, `obligation`, `end`);
    `together`: never split over two pages; `with_previous`: starts on the page of the block
    before it; `anchor` an id; `data` attributes a renderer may carry (data-policy …)."""

    blocks: list = field(default_factory=list)
    role: str = ""
    together: bool = False
    with_previous: bool = False
    anchor: str = ""
    data: dict = field(default_factory=dict)
    kind: str = "group"

    def add(self, block) -> None:
        self.blocks.append(block)


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
    landscape: bool = False

    def add(self, block) -> None:
        self.blocks.append(block)

    def walk(self):
        """Every block in reading order, the blocks of a `Group` after the group."""
        todo = list(reversed(self.blocks))
        while todo:
            b = todo.pop()
            yield b
            if isinstance(b, Group):
                todo.extend(reversed(b.blocks))

    def titles(self) -> list[str]:
        return [b.text for b in self.walk() if isinstance(b, Title)]

    def toc_titles(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Title) and b.toc]
