"""Canonical Markdown and front matter for one recognised document.

Markers are regenerated from their numbers (1、→ ``1. ``, (一) → （一）, 第10条 → 第十条);
the text itself, punctuation included, is written as found (the linter's fixer normalises
punctuation). Front-matter values that could not be read from the text are given valid
placeholders and listed as uncertain.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import grammar
from ..datamodel import Law
from ..files import markdown_files
from .segment import Block, Document

RE_ID = re.compile(r"^id:\s*['\"]?([A-Z][A-Z0-9]*)-(\d{2,4})['\"]?\s*(?:#.*)?$", re.M)
_MD_START = re.compile(r"^(?:[#>*+\-|=`~]|\d+[.)](?:\s|$))")
_GENERIC = ("关于", "机关单位", "机关", "单位", "本单位", "我局", "保密", "管理", "工作", "制度", "办法", "规定",
            "细则", "实施", "规则", "规程", "守则", "报告", "的", "和", "及", "与")


@dataclass
class Emitted:
    markdown: str
    meta: dict
    slug: str
    uncertain: list[tuple[int, str]] = field(default_factory=list)


# --- body -----------------------------------------------------------------------------------

def _esc(text: str) -> str:
    """Keep a paragraph from being read as Markdown syntax."""
    return "\\" + text if _MD_START.match(text) else text


def _block_md(b: Block, style: str | None, parts: bool = False) -> str:
    k = b.kind
    deeper = "#" if parts else ""       # under 编, chapters are ### and sections ####
    if k == "part":
        return f"## {grammar.part_label(b.number, bool(b.sub))} {b.title}".rstrip()
    if k == "division":
        return f"##{deeper} {b.title}"
    if k == "chapter":
        return f"##{deeper} {grammar.chapter_label(b.number)} {b.title}".rstrip()
    if k == "section":
        return f"###{deeper} {grammar.section_label(b.number)} {b.title}".rstrip()
    if k == "article":
        label = grammar.article_label(b.number, b.sub)
        return f"{label} {b.text}".rstrip()
    if k in ("item", "g2"):
        if b.heading:
            return f"### {grammar.item_marker(b.number)}{b.title}"
        return f"{grammar.item_marker(b.number)}{b.text}"
    if k in ("subitem", "g3"):
        return f"{b.number}. {b.text}".rstrip()
    if k == "g4":
        return f"{grammar.unit_label('g4', b.number)}{b.text}"
    if k == "g1":
        if not b.heading:
            return f"{grammar.g1_marker(b.number)}{b.text}"
        return f"## {grammar.g1_marker(b.number)}{b.title}"
    if k == "table":
        return b.text
    if k == "annex":
        return _annex_md(b.text)
    if b.marker:
        # a level of a style registered as a plug-in: its marker as the source wrote it, a
        # heading one level deeper per level of the style (## for its first)
        if b.heading:
            p = grammar.plugin(style)
            depth = p.depth(k) if p is not None and any(lv.kind == k for lv in p.levels) else 1
            return f"{'#' * (depth + 1)} {b.marker}{b.title}"
        return f"{b.marker}{b.text}"
    return _esc(b.text)


_ANNEX_HEAD = re.compile(r"^(附[件表])[ \t\u3000]*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?[ \t\u3000]*[：:]?[ \t\u3000]*")


def _annex_md(text: str) -> str:
    """A piece of the 附件 part in the grammar's form: the list `附件：1．XX表` as written, a body
    heading `## 附件1 XX表`, the rest as paragraphs."""
    m = _ANNEX_HEAD.match(text)
    if m and not text.startswith(("附件：", "附件:")) and (m.group(2) or not text[m.end():]):
        label = m.group(1) + (m.group(2) or "")
        rest = text[m.end():].strip()
        if len(rest) <= 40 and not re.search(r"[。；;！!？?：:]", rest):
            return f"## {label} {rest}".rstrip()
        return f"## {label}\n\n{_esc(rest)}"     # 附件一 run into its text: the heading, then the text
    return _esc(text)


def body_markdown(doc: Document) -> str:
    parts = [f"# {doc.title}"]
    has_parts = any(b.kind == "part" for b in doc.blocks)
    table: list[str] = []
    for b in doc.blocks:
        if b.kind == "table":
            table.append(b.text)
            continue
        if table:
            parts.append("\n".join(table))
            table = []
        parts.append(_block_md(b, doc.style, has_parts))
    if table:
        parts.append("\n".join(table))
    return "\n\n".join(parts) + "\n"


# --- front matter ---------------------------------------------------------------------------

def _yaml_str(s: str) -> str:
    if (not s or re.search(r"[:#\[\]{},&*!|>'\"%@`]", s) or s[0] in "-? " or s != s.strip()
            or (re.fullmatch(r"[\d.\-+eE]+|true|false|yes|no|null|~", s, re.I)
                and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s))):
        return json.dumps(s, ensure_ascii=False)
    return s


def _yaml_list(xs: list[str], quote: bool = False) -> str:
    return "[" + ", ".join(json.dumps(x, ensure_ascii=False) if quote else _yaml_str(x) for x in xs) + "]"


def front_matter(meta: dict, notes: dict[str, str]) -> str:
    order = ["id", "title", "category", "scope", "owner", "roles", "covers", "basis", "classification",
             "status", "effective", "review", "doc_number", "issued", "issuer", "signer"]
    lines = ["---"]
    for key in order:
        if key not in meta:
            continue
        v = meta[key]
        if isinstance(v, list):
            val = _yaml_list(v, quote=key == "covers")
        else:
            val = _yaml_str(str(v))
        note = notes.get(key)
        lines.append(f"{key}: {val}" + (f"  # {note}" if note else ""))
    lines.append("---")
    return "\n".join(lines) + "\n"


def next_ids(dirs: list[Path], prefix: str = "BM") -> tuple[str, int]:
    """The id prefix in use and the highest number found in policies/*.md of these dirs."""
    best = 0
    for d in dirs:
        if not d or not Path(d).is_dir():
            continue
        for p in markdown_files(d):
            try:
                head = p.read_text(encoding="utf-8", errors="replace")[:4000]
            except OSError:
                continue
            for m in RE_ID.finditer(head):
                if m.group(1) == prefix:
                    best = max(best, int(m.group(2)))
    return prefix, best


RE_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.M)


def existing_title(path: Path) -> str | None:
    """The title in the front matter of an existing file (None when it has none)."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return None
    if not head.startswith("---"):
        return None
    m = RE_TITLE.search(head.split("\n---", 1)[0])
    if not m:
        return None
    t = m.group(1)
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
        try:
            t = json.loads(t) if t[0] == '"' else t[1:-1].replace("''", "'")
        except ValueError:
            t = t[1:-1]
    return t


def existing_id(path: Path) -> str | None:
    try:
        m = RE_ID.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
    except OSError:
        return None
    return f"{m.group(1)}-{m.group(2)}" if m else None


def _words(title: str) -> list[str]:
    try:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        return [w for w in jieba.lcut(title) if w.strip()]
    except Exception:  # pragma: no cover - jieba is a dependency; fall back to characters
        return list(title)


def strip_issuer(title: str, unit: str | None = None) -> str:
    """The title without the issuer's name it starts with: the configured unit's name, else the
    leading words up to the last that names an organisation (某市统计局, 国务院办公厅: a word of at
    least `org_min_len` characters ending in one of import.yaml's `slug.org_suffixes`), and
    without 中华人民共和国. 中华人民共和国保守国家秘密法 → 保守国家秘密法; 某市统计局保密守则 → 保密守则."""
    from .data import data

    d = data()
    s = title.strip()
    if unit and unit != "本单位" and s.startswith(unit) and len(s) > len(unit):
        s = s[len(unit):]
    for w in d.slug_drop:
        s = s.replace(w, "")
    words = _words(s)
    cut = 0
    for i, w in enumerate(words[:6]):
        head = "".join(words[:i + 1])
        if any(k in head for k in d.org_keep):
            break
        if len(w) >= d.org_min_len and w.endswith(d.org_suffixes):
            cut = i + 1
    rest = "".join(words[cut:])
    return rest if rest.strip() else s


def guess_category(title: str, style: str | None, categories, unit: str | None = None) -> tuple[str, bool]:
    """(category key, sure). Every word a category is known by (its key, its name, its
    categories.yaml `aliases`) found in the title competes; the longest wins (涉外活动 over 活动,
    保密委员会 over 会议), and at equal length the one found later, nearer the genre (某市档案局保密
    守则: 守则, not the issuer's 档案). The configured unit's name is left out. `categories`: the
    data set's (baomi.datamodel.Category). A title matching none is 其他, not sure."""
    text = title[len(unit):] if unit and unit != "本单位" and title.startswith(unit) else title
    best, rank = None, (0, -1)
    for c in categories:
        if c.key == "其他":
            continue
        for word in (c.key, c.name, *c.aliases):
            at = text.rfind(word) if word else -1
            if at >= 0 and (len(word), at) > rank:
                best, rank = c.key, (len(word), at)
    if best:
        return best, True
    keys = {c.key for c in categories}
    return ("其他" if "其他" in keys or not keys else sorted(keys)[-1]), False


def find_basis(text: str, laws: tuple[Law, ...]) -> list[str]:
    """The keys of the registered laws the text names in 《》 (full or short name), in registry order."""
    out = []
    for law in laws:
        if any(f"《{n}》" in text for n in law.names) and law.key not in out:
            out.append(law.key)
    return out


def _scope(doc: Document) -> str | None:
    for b in doc.blocks:
        t = b.text
        m = re.search(r"[^。；;]*适用于[^。；;]*[。；;]?", t)
        if m:
            return m.group(0).strip()[:120]
    return None


def _effective(text: str) -> _dt.date | None:
    m = re.search(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|执行|实施|生效)", text)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _from_issue(text: str) -> bool:
    from .data import data

    return bool(data().from_issue.search(text))


def _plus_years(d: _dt.date, years: int) -> _dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def _generic_parts(word: str) -> list[str] | None:
    """The generic words a word is made of (管理制度 → 管理, 制度), or None."""
    if word in _GENERIC:
        return [word]
    for g in sorted(_GENERIC, key=len, reverse=True):
        if word.startswith(g) and len(word) > len(g):
            rest = _generic_parts(word[len(g):])
            if rest is not None:
                return [g] + rest
    return None


def slugify(title: str, unit: str | None = None) -> str:
    """ASCII slug from the title's pinyin: without the issuer's name it starts with
    (`strip_issuer`), the note it ends with (import.yaml `title_notes`: （试行）) and the generic
    words (保密、管理、制度…), cut only between words (or, in a single long word, between
    syllables) to import.yaml's `slug.max_len`."""
    from pypinyin import Style, lazy_pinyin

    from .data import data

    d = data()
    limit = d.slug_max
    core_title = strip_issuer(title, unit)
    for note in d.title_notes:         # （试行）, （修订） say nothing of what it is
        if core_title.endswith(note) and len(core_title) > len(note):
            core_title = core_title[: -len(note)]
            break
    words = _words(core_title)
    split = [_generic_parts(w) for w in words]
    core = [w for w, parts in zip(words, split) if parts is None]
    if not core:  # only generic words (保密管理制度): use them all, split into words
        core = [p for w, parts in zip(words, split) for p in (parts or [w])]

    def syllables(w: str) -> list[str]:
        out = [re.sub(r"[^a-z0-9]+", "", s.lower())
               for s in lazy_pinyin(w, style=Style.NORMAL, errors=lambda x: list(x))]
        return [s for s in out if s]

    slug = ""
    for w in core:
        sy = syllables(w)
        if not sy:
            continue
        word = "".join(sy)
        joined = f"{slug}-{word}" if slug else word
        if len(joined) <= limit:
            slug = joined
            continue
        if not slug:    # one word longer than the limit: as many whole syllables as fit
            for s in sy:
                if len(slug) + len(s) > limit:
                    break
                slug += s
        break
    return slug or "policy"


def emit(doc: Document, *, policy_id: str, categories, laws: tuple[Law, ...],
         today: _dt.date, unit: str | None = None) -> Emitted:
    body = body_markdown(doc)
    text = "".join(b.text + b.title for b in doc.blocks)
    notes: dict[str, str] = {}
    unc: list[tuple[int, str]] = []
    line = doc.title_line or doc.first_line
    category, sure = guess_category(doc.title, doc.style, categories, unit)
    if not sure:
        notes["category"] = "导入时未能从标题判断类别，请核对"
        unc.append((line, f"类别无法从标题判断，暂定为“{category}”"))
    scope = _scope(doc)
    if not scope:
        scope = "待补充"
        notes["scope"] = "导入时未找到适用范围，请填写"
        unc.append((line, "未找到适用范围（……适用于……），front matter 的 scope 暂为“待补充”"))
    notes["owner"] = "导入时无法确定归口部门，请填写"
    unc.append((line, "归口部门 owner 暂为“待补充”"))
    marks = {k: v for k, v in doc.marks.items() if k != "_all"}
    eff = _effective(text)
    issued = marks.get("issued")
    if eff is None and issued is not None and _from_issue(text):
        eff = _dt.date.fromisoformat(issued.value)
        notes["effective"] = f"自印发之日起施行：印发日期（原文第{issued.line}行）"
    if eff is None:
        eff = today
        notes["effective"] = "导入时未找到施行日期，暂用导入日期"
        unc.append((line, f"未找到施行日期（自YYYY年M月D日起施行），effective 暂为导入日期 {today.isoformat()}"))
    review = _plus_years(eff, 2)
    notes["review"] = "按施行日期后两年暂定"
    meta = {
        "id": policy_id, "title": doc.title, "category": category, "scope": scope, "owner": "待补充",
        "roles": [], "covers": [], "basis": find_basis(text, laws), "classification": "内部",
        "status": "草案", "effective": eff.isoformat(), "review": review.isoformat(),
    }
    if "internal" in marks:
        notes["classification"] = f"原文标有“{marks['internal'].text.strip()}”（第{marks['internal'].line}行）"
    for key in ("doc_number", "issued", "issuer", "signer"):
        if key in marks:
            meta[key] = marks[key].value
    if "issuer" in marks and meta["owner"] == "待补充":
        notes["owner"] = f"导入时无法确定归口部门，请填写（发文机关为{marks['issuer'].value}）"
    return Emitted(front_matter(meta, notes) + "\n" + body, meta, slugify(doc.title, unit), unc)
