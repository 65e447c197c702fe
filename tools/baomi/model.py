"""The policy model: what the parser makes of a file and what every rule sees.

Positions are 1-based (line, column) in the file as stored, front matter included; columns
count Unicode code points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar
from enum import StrEnum
from pathlib import Path

from . import grammar
from . import serial

serial.storable(__name__)   # its dataclasses may be kept in the on-disk caches

MASK = "\ufffc"  # stands in for code, URLs and link targets inside prose spans


class Style(StrEnum):
    """How a policy is drafted. The values are the words of SPEC.md, so a member is equal to its
    string (YAML, JSON, `baomi outline`) and a test of the style names the member. What each style
    is made of (its levels and markers) is its plug-in in `baomi.grammar`."""

    TIAOKUAN = "条款式"   # 第X条, with 编/章/节 above and 款/项/目 below
    GONGWEN = "公文式"    # 一、（一）1.（1）headings


class Status(StrEnum):
    """The `status` of a policy (schemas/policy.schema.json lists the same words)."""

    DRAFT = "草案"
    CURRENT = "现行"
    REPEALED = "废止"

    @classmethod
    def of(cls, value):
        """The member for a front-matter value; another string (reported by BM0xx) stays itself,
        anything else is None."""
        if not isinstance(value, str):
            return None
        return cls._value2member_map_.get(value, value)


@dataclass(slots=True)
class Span:
    """One line of prose as stored (code/URLs masked with U+FFFC, same length)."""

    text: str
    line: int
    col: int


@dataclass(slots=True)
class Marker:
    """A numbering marker as written: 第十条, 第二章, （一）, 1., 一、 …"""

    kind: str            # part (编) | subpart (分编) | chapter | section | article | item | subitem | g1 … g4
    raw: str             # the marker exactly as written, e.g. "第10条", "(一)", "1、"
    number: int | None   # its value, None if unreadable
    sub: int             # N of 之N, else 0
    line: int
    col: int
    end_col: int         # exclusive
    numeral_raw: str = ""  # just the numeral part as written (一十, 10, 三)
    in_heading: bool = False


@dataclass(slots=True)
class Item:
    """项 （一） inside a 款, or 目 1. inside a 项."""

    number: int | None
    marker: Marker
    text: str
    line: int
    col: int
    end_line: int
    subitems: list["Item"] = field(default_factory=list)

    def full_text(self) -> str:
        return self.text + "".join(s.full_text() for s in self.subitems)


@dataclass(slots=True)
class Paragraph:
    """款: a paragraph of an article; its items are 项."""

    text: str
    line: int
    col: int
    end_line: int
    items: list[Item] = field(default_factory=list)

    def full_text(self) -> str:
        return self.text + "".join(i.full_text() for i in self.items)


@dataclass(slots=True)
class Table:
    """A Markdown table where the author wrote it: part of the article (or 公文式 section,
    attachment) it stands in. Cells are the text as written."""

    rows: list[list[str]]     # header row first; the delimiter row is not kept
    line: int
    col: int
    end_line: int
    after: int = 0            # how many paragraphs of its owner come before it

    def lines(self) -> list[str]:
        """One display line per row, cells separated by " | "."""
        return [" | ".join(r) for r in self.rows]

    def full_text(self) -> str:
        return " ".join(c for r in self.rows for c in r)


@dataclass(slots=True)
class Article:
    number: int | None
    sub: int
    marker: Marker
    chapter: int | None
    section: int | None
    line: int
    col: int
    end_line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    part: int | None = None          # the 编 it stands in (codes such as 刑法), else None

    @property
    def label(self) -> str:
        if self.number is None:
            return self.marker.raw
        return grammar.article_label(self.number, self.sub)

    @property
    def anchor(self) -> str:
        if self.number is None:
            return grammar.line_anchor(self.line)
        return grammar.article_anchor(self.number, self.sub)

    @property
    def key(self) -> tuple[int, int]:
        return (self.number or 0, self.sub)

    @property
    def items(self) -> list[Item]:
        return [i for p in self.paragraphs for i in p.items]

    def items_run_on(self, k: int) -> int | None:
        """The number the 项 of paragraph `k` follow when they go on with an earlier paragraph's
        list, else None. An official text lets one 项 run over several paragraphs (国旗法第五条
        （二） ends on a line of its own, 海关法第六条（四） has two more paragraphs): the paragraph
        after it then holds the next 项, （三） after （二）, not a list of its own."""
        p = self.paragraphs[k]
        if not p.items or p.items[0].number in (None, 1) or p.text.rstrip().endswith(("：", ":")):
            return None     # (a 款 that leads into a list of its own starts it at （一）)
        for q in reversed(self.paragraphs[:k]):
            if q.items:
                last = q.items[-1].number
                return last if last is not None and last + 1 == p.items[0].number else None
        return None

    def item_anchor(self, paragraph_index: int, item: Item) -> str:
        with_items = [p for p in self.paragraphs if p.items]
        if len(with_items) > 1:
            return grammar.item_anchor(self.anchor, item.number, paragraph_index + 1)
        return grammar.item_anchor(self.anchor, item.number)

    def text(self) -> str:
        return "".join(p.full_text() for p in self.paragraphs) + "".join(t.full_text() for t in self.tables)


@dataclass(slots=True)
class Tier:
    """A numbered level of a 条款式 text above its articles: 编, 分编, 章, 节, or a level a style
    plug-in adds (卷 …). The parser builds one for each heading of a level the plug-in lists above
    the article (`grammar.StylePlugin.tier_levels`) and keeps it under the innermost open tier of
    a higher level: `children` are the tiers directly under it, `path` the (kind, number) of the
    tiers it stands in, from the top. Part (编, 分编), Chapter (章) and Section (节) are this with
    the names the rules use; a level without a class of its own is a plain Tier (`tier_class`).

    `collect` names the Policy list that holds a tier of the class (one not inside another of
    the same list: a 分编 is in its 编's `subparts`, not in Policy.parts); a class with
    `holds_articles` keeps every article under it in `articles`."""

    level: str                  # the level's kind, as Marker.kind: part, subpart, chapter, section, …
    unit: str                   # the word a reader uses for the level (Level.name): 编, 分编, 章, 节, 卷
    number: int | None
    title: str
    marker: Marker
    line: int
    col: int
    children: list["Tier"] = field(default_factory=list)
    path: tuple = ()            # ((kind, number), …) of the tiers it stands in, the highest first

    collect: ClassVar[str] = "other_tiers"
    holds_articles: ClassVar[bool] = False

    @property
    def name(self) -> str:
        """The title as a reader names it: 总　　则 and 总 则 are 总则."""
        return plain_title(self.title)

    def within(self, kind: str) -> int | None:
        """The number of the innermost tier of level `kind` it stands in, else None."""
        return next((n for k, n in reversed(self.path) if k == kind), None)

    def walk(self):
        """Its tiers under it, at any depth, in document order."""
        for c in self.children:
            yield c
            yield from c.walk()


@dataclass(slots=True)
class Section(Tier):
    """节 inside a chapter (or outside any)."""

    collect: ClassVar[str] = "sections"

    @property
    def chapter(self) -> int | None:
        return self.within("chapter")


@dataclass(slots=True)
class Chapter(Tier):
    """章; `articles` are all the articles in it, those of its 节 included."""

    articles: list[Article] = field(default_factory=list)

    collect: ClassVar[str] = "chapters"
    holds_articles: ClassVar[bool] = True

    @property
    def sections(self) -> list[Section]:
        return [c for c in self.children if isinstance(c, Section)]

    @property
    def part(self) -> int | None:
        """The 编 it stands in, else None."""
        return self.within("part")

    @property
    def subpart(self) -> int | None:
        """The 分编 it stands in, else None."""
        return self.within("subpart")


@dataclass(slots=True)
class Part(Tier):
    """编 (kind "编") or 分编 (kind "分编") above the chapters of a code (刑法, 民法典, 民事诉讼法).

    A 编 holds its 分编 (`subparts`) and the chapters directly under it; a 分编 holds chapters.
    """

    collect: ClassVar[str] = "parts"

    @property
    def kind(self) -> str:
        return self.unit

    @property
    def part(self) -> int | None:
        """For a 分编: the number of its 编."""
        return self.within("part")

    @property
    def subparts(self) -> list["Part"]:
        return [c for c in self.children if isinstance(c, Part)]

    @property
    def chapters(self) -> list[Chapter]:
        return [c for c in self.children if isinstance(c, Chapter)]

    def all_chapters(self) -> list[Chapter]:
        return [c for c in self.walk() if isinstance(c, Chapter)]


# the class of a tier by its level's kind; any other level (a plug-in's own) is a plain Tier
TIER_CLASSES: dict[str, type[Tier]] = {"part": Part, "subpart": Part, "chapter": Chapter, "section": Section}


def tier_class(kind: str) -> type[Tier]:
    return TIER_CLASSES.get(kind, Tier)


_HAN = "\u3400-\u9fff\uf900-\ufaff"
_HEADING_GAP = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")


def plain_title(title: str) -> str:
    """A heading title without the spaces that only spread it out (总　　则 → 总则)."""
    return _HEADING_GAP.sub("", title.strip())


@dataclass(slots=True)
class GHeading:
    """A 公文式 numbered block: level 1 一、 · 2 （一） · 3 1. · 4 （1）."""

    level: int
    number: int | None
    marker: Marker
    title: str
    line: int
    col: int
    end_line: int
    is_heading: bool
    children: list["GHeading"] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    path: tuple = ()
    tables: list[Table] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return grammar.heading_anchor(self.path)

    def full_text(self) -> str:
        return self.title + "".join(p.full_text() for p in self.paragraphs) + "".join(
            t.full_text() for t in self.tables) + "".join(c.full_text() for c in self.children)


@dataclass(slots=True)
class Attachment:
    """附件, a part of its own after the last article: an entry of the list `附件：1．XX表`
    (`body=False`) or an attachment body headed `附件1` / `## 附件1 XX表` (`body=True`) with
    the paragraphs and tables under it. Neither is an item of an article."""

    number: int | None        # 1 for 附件1 / 1．, None for a single unnumbered 附件
    marker: str               # as written: "1．", "附件1", "附件"
    title: str
    line: int
    col: int
    end_line: int
    body: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"att-{self.number}" if self.number is not None else f"att-line-{self.line}"

    @property
    def label(self) -> str:
        return f"附件{self.number}" if self.number is not None else "附件"

    def full_text(self) -> str:
        return self.title + "".join(p.full_text() for p in self.paragraphs) + "".join(
            t.full_text() for t in self.tables)


@dataclass(slots=True)
class Division:
    """An unnumbered heading that names a part of a 条款式 text (序言, 附则 …): shown on the page
    before the article that follows it (`before`, an index into `Policy.articles`)."""

    title: str
    level: int
    line: int
    col: int
    before: int


@dataclass(slots=True)
class Unsupported:
    """A Markdown construct the model does not carry (so the page, the search index and the
    revision table would not show it): reported by the structure rule BM130 at its line."""

    kind: str                 # heading | code | image | rule | definition | table | olist
    line: int
    col: int
    text: str                 # the construct as written (first line, shortened)


@dataclass(slots=True)
class Unit:
    """A citable block: an article, or a 公文式 section with what is under it."""

    anchor: str
    label: str
    text: str
    line: int
    end_line: int
    node: object


@dataclass(slots=True)
class Block:
    """A logical block of the body in document order (after splitting run-on paragraphs)."""

    kind: str            # heading | paragraph | listitem | table | code | html
    text: str            # content without Markdown prefix
    line: int
    col: int
    end_line: int
    level: int = 0       # heading level, list depth
    list_number: int | None = None
    table: "Table | None" = None   # on the first row of a table: the whole table


@dataclass
class Policy:
    path: Path
    relpath: str
    text: str = ""
    meta: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)
    item_lines: dict = field(default_factory=dict)
    body_start: int = 1
    problems: list = field(default_factory=list)     # reading and front-matter problems
    readable: bool = True
    style: Style | None = None                        # 条款式 | 公文式 | None
    h1: str | None = None
    h1_line: int | None = None
    parts: list[Part] = field(default_factory=list)           # 编 (with their 分编); a 分编 without 编
    chapters: list[Chapter] = field(default_factory=list)     # every 章, in document order
    sections: list[Section] = field(default_factory=list)     # every 节, in document order
    other_tiers: list[Tier] = field(default_factory=list)     # tiers of a plug-in's own level (卷 …)
    articles: list[Article] = field(default_factory=list)
    headings: list[GHeading] = field(default_factory=list)   # 公文式 roots
    intro: list[Paragraph] = field(default_factory=list)     # paragraphs before the first number
    stray: list[Paragraph] = field(default_factory=list)     # 条款式 paragraphs outside any article
    markers: list[Marker] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    prose: list[Span] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)       # the 附件： list
    attachment_bodies: list[Attachment] = field(default_factory=list) # 附件1 … bodies
    attachment_notes: list[Paragraph] = field(default_factory=list)   # lines after the list (落款)
    unsupported: list[Unsupported] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)             # 序言, 附则 … headings
    html: list[tuple[int, int, str]] = field(default_factory=list)    # raw HTML: (line, col, snippet)
    links: list[tuple[int, int, str]] = field(default_factory=list)   # link targets: (line, col, url)
    digest: str = ""                                  # content key (cache), "" when uncached
    light: bool = False             # a light copy, front matter only, no body (baomi.incremental)

    @property
    def id(self) -> str | None:
        v = self.meta.get("id")
        return v if isinstance(v, str) else None

    @property
    def title(self) -> str | None:
        v = self.meta.get("title")
        return v if isinstance(v, str) else self.h1

    @property
    def status(self) -> Status | str | None:
        return Status.of(self.meta.get("status"))

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def __getstate__(self):
        # The block list is only the parser's scaffolding; caches and worker processes need
        # the model, and leaving it out makes cached policies markedly cheaper to load. What a
        # run works out from the model is kept in the run's facts (baomi.facts), never here.
        state = dict(self.__dict__)
        state["blocks"] = []
        return state

    def meta_line(self, key: str) -> int:
        return self.key_lines.get(key, (1, 1))[0]

    def article(self, number: int, sub: int = 0) -> Article | None:
        for a in self.articles:
            if a.number == number and a.sub == sub:
                return a
        return None

    @property
    def tree(self) -> list[Tier]:
        """The tiers above the articles that stand in no other (卷, 编, 章 …), in document order;
        each holds the ones under it in `children`."""
        every = [*self.other_tiers, *self.parts, *self.chapters, *self.sections]
        return sorted((t for t in every if not t.path), key=lambda t: t.line)

    def tiers(self) -> list[Tier]:
        """Every tier (卷, 编, 分编, 章, 节 …) in document order."""
        return [x for t in self.tree for x in (t, *t.walk())]

    def tiers_at(self, line: int) -> list[Tier]:
        """The tiers a line of the body stands in, the highest first (卷, 编, 章, 节 …): in each
        list of the tree the last one opened before it. By position, not identity (a policy
        read from the cache holds copies of its tiers and articles)."""
        chain: list[Tier] = []
        nodes = self.tree
        while True:
            t = next((t for t in reversed(nodes) if t.line < line), None)
            if t is None:
                return chain
            chain.append(t)
            nodes = t.children

    def body_order(self) -> list:
        """The body of a 条款式 text in document order: every tier (in the tree; its depth is
        len(tier.path)), every unnumbered division (序言, 附则) and every article, so that a
        page or a document shows every heading the author wrote, whatever its level."""
        every = [*self.tiers(), *self.divisions, *self.articles]
        return sorted(every, key=lambda x: x.line)

    def divided(self) -> bool:
        """Whether tiers stand above its chapters (编, 分编 of a code; a level a plug-in adds, 卷):
        the chapters then follow the code's conventions (刑法, 民法典)."""
        return any(not isinstance(t, (Chapter, Section)) for t in self.tree)

    def all_parts(self) -> list[Part]:
        """Every 编 and 分编 in document order."""
        return [x for p in self.parts for x in (p, *p.subparts)]

    def chapter_groups(self) -> list[list[Chapter]]:
        """The runs of chapters numbered together, by the document's own convention.

        Chapters run on across 分编 inside a 编. Across 编, codes differ: 刑法 and 民法典 start
        each 编 at 第一章, 民事诉讼法 numbers on (第二编 starts at 第十二章). The first chapter of
        the second 编 shows which: 第一章 there means every 编 starts again.
        """
        chapters = self.chapters
        tops = [p for p in self.parts if p.kind == "编"]
        if len(tops) < 2:
            return [chapters] if chapters else []
        later = next((p.all_chapters()[0] for p in tops[1:] if p.all_chapters()), None)
        if later is None or later.number != 1:
            return [chapters]
        groups: dict = {}
        for c in chapters:      # by the tiers it stands in but its 分编 (a 编 in a 卷 is not another's)
            groups.setdefault(tuple(t for t in c.path if t[0] != "subpart"), []).append(c)
        return list(groups.values())

    def walk_headings(self):
        stack = list(reversed(self.headings))
        while stack:
            h = stack.pop()
            yield h
            stack.extend(reversed(h.children))

    def units(self) -> list[Unit]:
        if grammar.heading_tree(self.style):
            out = []
            for h in self.walk_headings():
                out.append(Unit(h.anchor, _glabel(self, h), h.full_text(), h.line, h.end_line, h))
            return out
        return [Unit(a.anchor, a.label, a.text(), a.line, a.end_line, a) for a in self.articles]

    def attachment_units(self) -> list[Unit]:
        """The 附件 part as units (the list, then each body): searchable and compared between
        revisions, but never rules (not citable articles, never checklist coverage)."""
        out = []
        if self.attachments or self.attachment_notes:
            first = (self.attachments or self.attachment_notes)[0]
            text = "".join(a.marker + a.title for a in self.attachments) + "".join(
                p.full_text() for p in self.attachment_notes)
            last = max([a.end_line for a in self.attachments] + [p.end_line for p in self.attachment_notes])
            out.append(Unit("att", "附件", text, first.line, last, self.attachments))
        for b in self.attachment_bodies:
            out.append(Unit(b.anchor, b.label, b.full_text(), b.line, b.end_line, b))
        return out


def _glabel(policy: Policy, node: GHeading) -> str:
    return node.marker.raw
