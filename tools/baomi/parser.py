"""Parse a policy file into the model: front matter, then the body with markdown-it-py.

The body is read block by block (headings, paragraphs, list items). A Markdown paragraph in
which an author ran several articles or items together without blank lines is split at every
line that begins with a structural marker, so the model matches what a reader sees.
The style is the first registered plug-in of `baomi.grammar` whose signature marker stands in
the text: 条款式 (编/分编/章/节/条/款/项/目) or 公文式 (一、/（一）/1./（1））, or one added there.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import frontmatter as fmmod
from .model import (MASK, Article, Attachment, Block, Division, GHeading, Item, Marker, Paragraph, Policy,
                    Span, Style, Table, Tier, Unsupported, tier_class)
from . import grammar
from .numerals import parse_chinese
from .reader import decode, read_file

# The markers of every level are the grammar's (baomi.grammar, one plug-in per style).
_GAP = re.compile(r"^\s+")   # spaces of any width (the collection of statutes uses U+2002 too)

# 附件: the list `附件：1．XX表` (or `附件：XX表`), and a body heading `附件1`, `附件一：XX表`, `## 附件2 XX表`
RE_ANNEX_LIST = re.compile(r"^附件[：:][ \t\u3000]*(.*)$")
RE_ANNEX_BODY = re.compile(r"^附[件表][ \t\u3000]*([0-9０-９]+|[一二三四五六七八九十]+)?(?:(?:[ \t\u3000]+|[：:][ \t\u3000]*)(.*))?$")
RE_ANNEX_ENTRY = re.compile(r"^([0-9０-９]+)[.．、][ \t\u3000]*")
RE_IMAGE = re.compile(r"!\[[^\]]*\]\(")
# unnumbered headings that name a part of a 条款式 text; any other heading there is BM130
PART_HEADINGS = ("序言", "总则", "分则", "附则")
_SENTENCE_END = re.compile(r"[。；！？]")
_LEAF = ("paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open", "hr")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


# a link destination may hold balanced parentheses (CommonMark): https://x.cn/a(b)
_DEST = r"[^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
_URLCH = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]"
_MASKS = [
    re.compile(r"`+[^`]*`+"),                                  # inline code
    re.compile(rf"\]\({_DEST}(?:\s+\"[^\"]*\")?\)"),               # link target ](url "t")
    re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>"),           # autolink
    re.compile(rf"(?:https?|ftp)://(?:{_URLCH}|\({_URLCH}*\))+"),  # bare URL
    re.compile(r"\bwww\.[A-Za-z0-9\-._~/?#=&%]+"),
    re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"),  # e-mail
    re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>|<!--.*?-->"),  # inline HTML
]
RE_HTML_INLINE = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
RE_LINK = re.compile(rf"\]\(({_DEST})|<((?:https?|ftp|mailto):[^>\s]*)>|((?:https?|ftp)://[^\s）)>\]]+)")

_MD = None


def _markdown():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        _MD = MarkdownIt("commonmark", {"html": True}).enable("table")
        # The model needs block structure only; prose positions come from the source lines.
        _MD.core.ruler.disable(["inline", "text_join"])
    return _MD


def mask(text: str) -> str:
    """Replace code, URLs, link targets and inline HTML by U+FFFC, keeping the length."""
    if "`" not in text and "://" not in text and "<" not in text and "](" not in text \
            and "@" not in text and "www." not in text:
        return text
    for rx in _MASKS:
        text = rx.sub(lambda m: MASK * len(m.group(0)), text)
    return text


def load_policy(path, relpath: str | None = None, validator=None) -> Policy:
    """Read, decode and parse one file. Never raises on bad content."""
    path = Path(path)
    rel = relpath or str(path)
    res = read_file(path)
    if res.text is None:
        pol = Policy(path=path, relpath=rel, readable=False)
        pol.problems.append(fmmod.Problem("encoding", res.line, res.column, res.problem or "无法读取"))
        return pol
    return parse_text(res.text, path, rel, validator)


def parse_bytes(data: bytes, path, relpath: str, validator=None) -> Policy:
    res = decode(data)
    if res.text is None:
        pol = Policy(path=Path(path), relpath=relpath, readable=False)
        pol.problems.append(fmmod.Problem("encoding", res.line, res.column, res.problem or "无法读取"))
        return pol
    return parse_text(res.text, path, relpath, validator)


def parse_text(text: str, path, relpath: str, validator=None) -> Policy:
    if "\r" in text:  # the reader already does this; callers with raw strings may not
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    pol = Policy(path=Path(path), relpath=relpath, text=text)
    fm = fmmod.parse(text)
    if validator is not None:
        fmmod.validate(fm, validator)
    fmmod.check_dates(fm)
    pol.meta, pol.key_lines, pol.item_lines = fm.meta, fm.key_lines, fm.item_lines
    pol.problems.extend(fm.problems)
    pol.body_start = fm.body_start
    lines = text.split("\n")
    body = "\n".join(lines[fm.body_start - 1:]) if fm.body_start - 1 < len(lines) else ""
    _BodyParser(pol, lines, fm.body_start - 1).run(body)
    return pol


# --- body ---------------------------------------------------------------------------------

_LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*+])(?:[ \t]+|$)")
_QUOTE = re.compile(r"^\s*(?:>\s?)*")
_HEADING = re.compile(r"^\s*#{1,6}(?:[ \t]+|$)")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"   # zero-width space/joiners, word joiner, BOM, soft hyphen


class _BodyParser:
    def __init__(self, pol: Policy, lines: list[str], offset: int):
        self.pol = pol
        self.lines = lines
        self.offset = offset  # body line 0 == file line offset+1

    # --- blocks -----------------------------------------------------------------------
    def run(self, body: str) -> None:
        tokens = _markdown().parse(body)
        blocks: list[Block] = []
        list_stack: list[list] = []   # [ordered, next number]
        item_first_line: int | None = None
        pending_list_number = None
        covered: set[int] = set()
        i = 0
        while i < len(tokens):
            t = tokens[i]
            typ = t.type
            if typ in _LEAF and t.map:
                covered.update(range(t.map[0], t.map[1]))
            if typ in ("ordered_list_open", "bullet_list_open"):
                start = int(t.attrs.get("start", 1)) if typ == "ordered_list_open" else None
                list_stack.append([typ == "ordered_list_open", start])
            elif typ in ("ordered_list_close", "bullet_list_close"):
                list_stack.pop()
            elif typ == "list_item_open":
                item_first_line = t.map[0] if t.map else None
                if list_stack and list_stack[-1][0]:
                    info = t.info
                    pending_list_number = int(info) if info and info.isdigit() else list_stack[-1][1]
                    list_stack[-1][1] = (pending_list_number or 0) + 1
                else:
                    pending_list_number = None
            elif typ == "heading_open" and t.map:
                level = int(t.tag[1])
                ln = t.map[0]
                raw = self.lines[self.offset + ln]
                m = _HEADING.match(raw)
                start = m.end() if m else 0
                content = raw[start:].rstrip()
                content = re.sub(r"[ \t]+#+[ \t]*$", "", content)
                if not m:  # setext heading: the text line itself
                    start = len(raw) - len(raw.lstrip())
                    content = raw.strip()
                blocks.append(Block("heading", content, self.offset + ln + 1, start + 1,
                                    self.offset + ln + 1, level))
                i += 2
            elif typ == "paragraph_open" and t.map:
                in_list = bool(list_stack)
                self._paragraph_blocks(t.map, blocks, in_list, item_first_line, pending_list_number,
                                       len(list_stack))
                pending_list_number = None
            elif typ in ("fence", "code_block") and t.map:
                blocks.append(Block("code", t.content, self.offset + t.map[0] + 1, 1,
                                    self.offset + t.map[1]))
                self._unsupported("code", t.map[0])
            elif typ == "hr" and t.map:
                self._unsupported("rule", t.map[0])
            elif typ == "html_block" and t.map:
                ln = self.offset + t.map[0] + 1
                self.pol.html.append((ln, 1, t.content.strip()[:80]))
                blocks.append(Block("html", t.content, ln, 1, self.offset + t.map[1]))
            elif typ == "table_open" and t.map:
                table = Table([], self.offset + t.map[0] + 1, 1, self.offset + t.map[1])
                for ln in range(t.map[0], t.map[1]):
                    raw = self.lines[self.offset + ln]
                    if re.fullmatch(r"\s*\|?[\s:\-|]+\|?\s*", raw):
                        continue
                    table.rows.append(_cells(raw))
                    blocks.append(Block("table", raw, self.offset + ln + 1, 1, self.offset + ln + 1,
                                        table=None if len(table.rows) > 1 else table))
            i += 1
        # Lines no block token covers are gone from every output: in CommonMark these are link
        # reference definitions, which is also how a footnote `[^1]: …` is read.
        for ln, raw in enumerate(body.split("\n")):
            if ln not in covered and _QUOTE.sub("", raw).strip(" \t-*+>"):
                self._unsupported("definition", ln)
        self.pol.blocks = blocks
        for b in blocks:
            self._prose(b)
        self._structure(blocks)

    def _paragraph_blocks(self, span, blocks, in_list, item_first_line, list_number, depth):
        a, b = span
        current = None
        for ln in range(a, b):
            raw = self.lines[self.offset + ln]
            q = _QUOTE.match(raw)
            start = q.end() if q else 0
            if in_list and ln == item_first_line:
                m = _LIST_MARK.match(raw[start:])
                if m:
                    start += m.end()
            ws = len(raw) - start - len(raw[start:].lstrip(" \t"))
            start += ws
            content = raw[start:].rstrip(" \t\\")
            if current is None and content and not content.strip(_INVISIBLE):
                continue    # a line of zero-width characters only shows nothing: it is a blank line
            if current is not None and not any(rx.match(content) for rx in grammar.line_markers()):
                current.text += content
                current.end_line = self.offset + ln + 1
                continue
            kind = "listitem" if (in_list and ln == item_first_line and list_number is not None) else "paragraph"
            current = Block(kind, content, self.offset + ln + 1, start + 1, self.offset + ln + 1,
                            depth, list_number if kind == "listitem" else None)
            blocks.append(current)

    def _unsupported(self, kind: str, body_line: int, col: int = 1, text: str | None = None) -> None:
        ln = self.offset + body_line + 1
        raw = text if text is not None else self.lines[ln - 1].strip()
        self.pol.unsupported.append(Unsupported(kind, ln, col, raw[:40]))

    # --- prose spans --------------------------------------------------------------------
    def _prose(self, b: Block) -> None:
        if b.kind in ("code", "html"):
            return
        for ln in range(b.line, b.end_line + 1):
            raw = self.lines[ln - 1]
            if ln == b.line:
                col0 = b.col - 1
                body = raw[col0:]
                skip = _marker_length(body) if b.kind != "table" else 0
                col0 += skip
            else:
                q = _QUOTE.match(raw)
                col0 = q.end() if q else 0
                col0 += len(raw[col0:]) - len(raw[col0:].lstrip(" \t"))
            text = raw[col0:]
            if b.kind == "heading":
                text = re.sub(r"[ \t]+#+[ \t]*$", "", text)
            text = text.rstrip(" \t")
            if not text:
                continue
            masked = mask(text)
            if "![" in text:
                for m in RE_IMAGE.finditer(text):
                    self.pol.unsupported.append(Unsupported("image", ln, col0 + m.start() + 1,
                                                            text[m.start():m.start() + 40]))
            if "<" in text:
                for m in RE_HTML_INLINE.finditer(text):
                    self.pol.html.append((ln, col0 + m.start() + 1, m.group(0)[:80]))
            if "](" in text or "://" in text:
                for m in RE_LINK.finditer(text):
                    url = m.group(1) or m.group(2) or m.group(3)
                    if url:
                        self.pol.links.append((ln, col0 + m.start() + 1, url))
            self.pol.prose.append(Span(masked, ln, col0 + 1))

    # --- structure ------------------------------------------------------------------------
    def _structure(self, blocks: list[Block]) -> None:
        pol = self.pol
        plug = grammar.detect(blocks)      # the first style plug-in whose signature marker is here
        if plug is not None:
            pol.style = Style(plug.style) if plug.style in Style._value2member_map_ else plug.style
        tiaokuan = plug is not None and plug.tree == "articles"
        levels = {lv.kind: lv for lv in plug.levels} if tiaokuan else {}
        tiers = plug.tier_levels() if tiaokuan else ()
        stack: list[tuple[int, Tier]] = []   # the open tiers (编, 章, 节 …), each with its depth
        article: Article | None = None
        item: Item | None = None
        gstack: list[GHeading] = []
        annex = None   # None, "list" (in the 附件： list) or the Attachment whose body this is
        for b in blocks:
            if b.kind in ("code", "html") or (b.kind == "table" and b.table is None):
                continue
            text = b.text
            if b.kind == "heading" and b.level == 1 and pol.h1 is None:
                pol.h1, pol.h1_line = text.strip(), b.line
                continue
            if (annex is not None or _annex_start(b)) and (pol.articles or pol.headings):
                annex = self._annex_block(b, annex)
                continue
            if b.kind == "table":
                owner = article if tiaokuan else (gstack[-1] if gstack else None)
                if owner is None:
                    self._unsupported_block("table", b)
                    continue
                b.table.after = len(owner.paragraphs)
                owner.tables.append(b.table)
                for g in ([article] if tiaokuan else gstack):
                    g.end_line = b.table.end_line
                continue
            if tiaokuan:
                if self._tier(b, tiers, stack):
                    article, item = None, None
                    continue
                if b.kind == "heading":
                    if re.sub(r"[ \t\u3000]+", "", text) in PART_HEADINGS:
                        pol.divisions.append(Division(text.strip(), b.level, b.line, b.col, len(pol.articles)))
                    else:
                        self._unsupported_block("heading", b)
                    continue
                m = levels["article"].match(text)
                if m:
                    mk = self._marker("article", m, b)
                    within = {t.level: t.number for _, t in stack}   # the innermost of each level
                    article = Article(mk.number, mk.sub, mk, within.get("chapter"), within.get("section"),
                                      b.line, b.col, b.end_line, part=within.get("part"))
                    article.paragraphs.append(Paragraph(_rest(text, m), b.line, b.col, b.end_line))
                    pol.articles.append(article)
                    for _, t in stack:
                        if t.holds_articles:
                            t.articles.append(article)
                    item = None
                    continue
                m = levels["item"].match(text)
                if m and article is not None:
                    mk = self._marker("item", m, b)
                    item = Item(mk.number, mk, _rest(text, m), b.line, b.col, b.end_line)
                    article.paragraphs[-1].items.append(item)
                    article.end_line = b.end_line
                    continue
                m = next((m for lv in plug.levels_of("subitem") for m in [lv.match(text)] if m), None)
                if (m or b.kind == "listitem") and item is not None:
                    if m:
                        mk = self._marker("subitem", m, b)
                        body = _rest(text, m)
                    else:
                        mk = Marker("subitem", f"{b.list_number}.", b.list_number, 0, b.line,
                                    max(1, b.col - len(f"{b.list_number}. ")), b.col, str(b.list_number))
                        pol.markers.append(mk)
                        body = text
                    item.subitems.append(Item(mk.number, mk, body, b.line, b.col, b.end_line))
                    article.end_line = b.end_line
                    continue
                if b.kind == "listitem":
                    self._unsupported_block("olist", b)
                para = Paragraph(text, b.line, b.col, b.end_line)
                if article is not None:
                    article.paragraphs.append(para)
                    article.end_line = b.end_line
                    item = None
                elif not pol.articles:
                    pol.intro.append(para)
                else:
                    pol.stray.append(para)
            else:
                self._heading_block(b, gstack, plug or grammar.GONGWEN)

    def _tier(self, b: Block, levels: tuple[grammar.Level, ...], stack: list[tuple[int, Tier]]) -> bool:
        """Read `b` as a tier (编, 章, 节 …: a heading, or a short paragraph, opening with the
        marker of one of `levels`); the tiers open at its depth or deeper are closed, and it is
        put under the innermost one left. False when `b` is none."""
        text = b.text
        if not levels or not (b.kind == "heading" or (b.kind == "paragraph" and len(text) < 40)):
            return False
        found = next(((lv, m) for lv in levels for m in [lv.match(text)] if m), None)
        if found is None:
            return False
        lv, m = found
        depth = next(i for i, x in enumerate(levels) if x.kind == lv.kind)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        mk = self._marker(lv.kind, m, b, heading=b.kind == "heading", number=lv.number)
        cls = tier_class(lv.kind)
        node = cls(lv.kind, lv.name, mk.number, _rest(text, m), mk, b.line, b.col,
                   path=tuple((t.level, t.number) for _, t in stack))
        if stack:
            stack[-1][1].children.append(node)
        if not any(t.collect == cls.collect for _, t in stack):
            getattr(self.pol, cls.collect).append(node)
        stack.append((depth, node))
        return True

    def _heading_block(self, b: Block, gstack: list[GHeading], plug: grammar.StylePlugin) -> None:
        """A block of a style whose levels are headings (公文式): each level of the plug-in is one
        level of GHeading, numbered from 1 at the top."""
        pol = self.pol
        text = b.text
        level = None
        m = None
        if b.kind == "listitem" and plug.list_level:
            level = plug.depth(plug.list_level)
            mk = Marker(plug.list_level, f"{b.list_number}.", b.list_number, 0, b.line,
                        max(1, b.col - len(f"{b.list_number}. ")), b.col, str(b.list_number))
            pol.markers.append(mk)
            body = text
        else:
            found = plug.match(text)
            if found:
                lv, m = found
                level = plug.depth(lv.kind)
            if level is None:
                para = Paragraph(text, b.line, b.col, b.end_line)
                if b.kind == "heading":
                    self._unsupported_block("heading", b)
                    return
                if gstack:
                    gstack[-1].paragraphs.append(para)
                    for g in gstack:
                        g.end_line = b.end_line
                else:
                    pol.intro.append(para)
                return
            mk = self._marker(lv.kind, m, b, heading=b.kind == "heading", number=lv.number)
            body = _rest(text, m)
        while gstack and gstack[-1].level >= level:
            gstack.pop()
        node = GHeading(level, mk.number, mk, body, b.line, b.col, b.end_line, b.kind == "heading")
        node.path = tuple(g.number for g in gstack) + (mk.number,)
        if gstack:
            gstack[-1].children.append(node)
        else:
            pol.headings.append(node)
        for g in gstack:
            g.end_line = b.end_line
        gstack.append(node)

    def _unsupported_block(self, kind: str, b: Block) -> None:
        raw = self.lines[b.line - 1].strip()
        self.pol.unsupported.append(Unsupported(kind, b.line, 1 if kind == "table" else b.col, raw[:40]))

    # --- 附件 ------------------------------------------------------------------------------
    def _annex_block(self, b: Block, annex):
        """Place block `b` in the 附件 part; returns the new state (see `_structure`)."""
        pol = self.pol
        text = b.text
        if b.kind != "table":
            m = RE_ANNEX_LIST.match(text)
            if m and not isinstance(annex, Attachment):
                if m.group(1):
                    self._annex_entry(m.group(1), b, b.col + m.start(1))
                return "list"
            m = _annex_body(b)
            if m:
                title = m.group(2) or ""
                marker = text[:m.start(2)].rstrip(" \t\u3000：:") if m.group(2) is not None else text.rstrip()
                body = Attachment(_annex_number(m.group(1)), marker, title, b.line, b.col, b.end_line, True)
                pol.attachment_bodies.append(body)
                return body
        if annex == "list":
            if b.kind == "listitem" or (b.kind != "table" and RE_ANNEX_ENTRY.match(text)):
                self._annex_entry(text, b, b.col, b.list_number if b.kind == "listitem" else None)
            elif b.kind == "table":
                self._unsupported_block("table", b)
            else:
                pol.attachment_notes.append(Paragraph(text, b.line, b.col, b.end_line))
            return annex
        if b.kind == "table":
            b.table.after = len(annex.paragraphs)
            annex.tables.append(b.table)
            annex.end_line = b.table.end_line
        else:
            if b.kind == "listitem" and b.list_number is not None:
                text = f"{b.list_number}. {text}"
            annex.paragraphs.append(Paragraph(text, b.line, b.col, b.end_line))
            annex.end_line = b.end_line
        return annex

    def _annex_entry(self, text: str, b: Block, col: int, number: int | None = None) -> None:
        m = RE_ANNEX_ENTRY.match(text)
        if m:
            number, marker, title, col = _annex_number(m.group(1)), m.group(0).rstrip(" \t\u3000"), text[m.end():], col
        else:
            marker, title = (f"{number}." if number is not None else ""), text
        self.pol.attachments.append(Attachment(number, marker, title, b.line, col, b.end_line))

    def _marker(self, kind: str, m: re.Match, b: Block, heading: bool = False, number=parse_chinese) -> Marker:
        raw = m.group(0)
        numeral = m.group(1)
        sub = 0
        if kind == "article" and m.lastindex and m.lastindex >= 2 and m.group(2):
            sub = parse_chinese(m.group(2)) or 0
        mk = Marker(kind, raw, number(numeral), sub, b.line, b.col, b.col + len(raw), numeral,
                    heading)
        self.pol.markers.append(mk)
        return mk


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row as written (outer pipes and padding removed)."""
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(row)]


def _annex_body(b: Block) -> re.Match | None:
    """`附件1`, `附件一：XX表`, `## 附件2 XX表`: a heading, or a short line that is no sentence."""
    if b.kind not in ("heading", "paragraph"):
        return None
    m = RE_ANNEX_BODY.match(b.text.strip())
    if m and (b.kind == "heading" or (len(b.text) <= 40 and not _SENTENCE_END.search(b.text))):
        return m
    return None


def _annex_start(b: Block) -> bool:
    if b.kind == "table":
        return False
    return bool(RE_ANNEX_LIST.match(b.text) or _annex_body(b))


def _annex_number(raw: str | None) -> int | None:
    if not raw:
        return None
    if raw[0] in "0123456789０１２３４５６７８９":
        return int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return parse_chinese(raw)


def _rest(text: str, m: re.Match) -> str:
    return _GAP.sub("", text[m.end():])


def _marker_length(body: str) -> int:
    """Length of a leading structural marker and the gap after it (excluded from prose)."""
    for rx in grammar.line_markers():
        m = rx.match(body)
        if m:
            end = m.end()
            g = _GAP.match(body[end:])
            return end + (g.end() if g else 0)
    return 0
