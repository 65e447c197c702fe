"""Defence in depth: after the handbook is written, judge every produced byte as a reader sees it.

Every text file of the built site (pages, 404, search index shards, sitemap, scripts, style
sheets) and every part of every Word document (.docx: the XML of body, headers, footers and
properties, runs of one paragraph joined) is reduced to what a reader sees (HTML tags stripped,
block elements and paragraphs kept apart, table cells separated by |, entities and URL escapes
decoded, attribute values such as alt and title read as text) and judged by
`baomi.visible.find_markings`, the same normaliser as the publishing guard. A hit fails the build.

The only markings allowed in the output are the rules' own examples (the `bad` and `good`
attributes of a rule, shown on its page under 检查规则): they come from baomi's code, never from
a policy.
"""

from __future__ import annotations

import gzip
from ..htmlsafe import unescape as _html_unescape
import io
import json
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..visible import TRIGGER, Marking, find_markings

TEXT_SUFFIXES = {".html", ".htm", ".xml", ".svg", ".json", ".js", ".mjs", ".css", ".map", ".txt", ".md",
                 ".csv", ".webmanifest", ".yml", ".yaml", ".rels", ".xhtml"}
ZIP_SUFFIXES = {".docx", ".xlsx", ".pptx", ".odt", ".zip"}
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp", ".woff", ".woff2", ".ttf", ".otf", ".eot"}

_BLOCK_TAGS = ("p|div|li|ul|ol|h[1-6]|tr|table|thead|tbody|tfoot|br|hr|pre|blockquote|section|article|header|"
               "footer|nav|aside|main|dt|dd|dl|title|option|figcaption|figure|summary|details|label|button|"
               "caption|form|input|textarea|select|body|head|html|meta|link|script|style|noscript|svg|img|"
               "iframe|object|video|audio|source|template")
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>", re.I)
_CELL = re.compile(r"</?t[dh]\b[^>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_TAG_READ = re.compile(r"<[^<>]*(?:[^\x00-\x7f]|%|&)[^<>]*>")   # tags whose attributes may hold text
_ATTR = re.compile(r"""[\s/]([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_PRE = re.compile(r"<(pre|script|style|textarea)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_XML_BREAK = re.compile(r"</w:p>|<w:br\b[^>]*/>|<w:cr\b[^>]*/>|</a:p>|</text:p>|</text:h>", re.I)
_XML_CELL = re.compile(r"</w:tc>", re.I)
_XML_CLOSE = re.compile(r"</[^<>]+>")
_NEWLINES = re.compile(r"[\r\n]+")


@dataclass
class Hit:
    path: str            # site-relative path (a Word part as 文件.docx!word/document.xml)
    marking: Marking


@dataclass
class Stats:
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)   # binary files (images, fonts)


def html_text(src: str) -> str:
    """What a reader sees of an HTML document, one block per line."""
    blocks: list[str] = [m.group(1) for m in _COMMENT.finditer(src)]
    src = _COMMENT.sub("\x00", src)
    for m in _TAG_READ.finditer(src):
        for a in _ATTR.finditer(m.group(0)):
            value = next((g for g in a.groups()[1:] if g is not None), "")
            if value and (not value.isascii() or "%" in value or "&" in value):
                blocks.append(unquote(_html_unescape(value)))
    src = _PRE.sub(lambda m: m.group(0).replace("\n", "\x00"), src)   # <pre>: every line is a line
    src = _CELL.sub("|", src)
    src = _BLOCK.sub("\x00", src)
    src = _NEWLINES.sub("", src)            # soft line breaks inside a block: not seen
    src = _TAG.sub("", src)                 # inline elements: seen through
    blocks.append(_html_unescape(src).replace("\x00", "\n"))
    return "\n".join(blocks)


def xml_text(src: str) -> str:
    """The text of an XML part (Word: runs of a paragraph joined, paragraphs and cells apart)."""
    src = src.replace("\n", "").replace("\r", "")
    src = _XML_CELL.sub("|\x00", src)
    src = _XML_BREAK.sub("\x00", src)
    if "w:" not in src:
        src = _XML_CLOSE.sub("\x00", src)
    src = _TAG.sub("", src)
    return _html_unescape(src).replace("\x00", "\n")


def _json_strings(v, out: list[str]) -> None:
    if isinstance(v, str):
        out.append(v)
    elif isinstance(v, dict):
        for k, x in v.items():
            out.append(str(k))
            _json_strings(x, out)
    elif isinstance(v, list):
        for x in v:
            _json_strings(x, out)


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _worth(text: str) -> bool:
    return bool(TRIGGER.search(text)) or "&#" in text or "%" in text


def scan_bytes(name: str, data: bytes, stats: Stats | None = None) -> list[tuple[str, Marking]]:
    """(part name, marking) of every marking in one produced file."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".gz":
        try:
            inner = gzip.decompress(data)
        except (OSError, EOFError):
            inner = data
        return scan_bytes(name[:-3], inner, stats)
    if suffix in ZIP_SUFFIXES or data[:4] == b"PK\x03\x04":
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            zf = None
        if zf is not None:
            out = []
            with zf:
                for info in zf.infolist():
                    if info.is_dir():
                        continue
                    part = zf.read(info)
                    for sub, k in scan_bytes(info.filename, part, stats):
                        out.append((f"{name}!{sub}", k))
            return out
    text = _decode(data)
    if text is None:
        if stats is not None:
            stats.skipped.append(name)
        return []
    if not _worth(text):
        return []
    lone = True
    if suffix in (".html", ".htm", ".xhtml", ".svg") or (suffix not in (".xml", ".rels") and "<html" in text[:2000].lower()):
        seen = html_text(text)
    elif suffix in (".xml", ".rels"):
        seen = xml_text(text)
    elif suffix in (".json", ".map", ".webmanifest"):
        try:
            strings: list[str] = []
            _json_strings(json.loads(text), strings)
            seen = "\n".join(strings)
            lone = False          # a search vocabulary lists 机密 as a word
        except ValueError:
            seen = text
    else:
        seen = text
    return [(name, k) for k in find_markings(seen, markdown=False, lone_words=lone)]


def rule_examples() -> dict[str, set[str]]:
    """site path prefix (rules/bm902) → the markings the rule's own examples show."""
    out: dict[str, set[str]] = {}
    try:
        from ..rules import all_rules
    except ImportError:
        return out
    for code, rule in all_rules().items():
        for attr in ("bad", "good"):
            for k in find_markings(str(getattr(rule, attr, "") or "")):
                out.setdefault(f"rules/{code.lower()}", set()).add(k.seen)
    return out


def _allowed(path: str, seen: str, allow: dict[str, set[str]]) -> bool:
    for prefix, marks in allow.items():
        if (path == prefix + ".html" or path.startswith(prefix + "/")) and seen in marks:
            return True
    return False


def scan_site(root: Path, allow: dict[str, set[str]] | None = None) -> tuple[list[Hit], Stats]:
    """Every marking in the files under `root` that is not a rule's own example."""
    t0 = time.perf_counter()
    allow = rule_examples() if allow is None else allow
    stats = Stats()
    hits: list[Hit] = []
    for p in sorted(Path(root).rglob("*")):
        if not p.is_file():
            continue
        rel = p.relative_to(root).as_posix()
        data = p.read_bytes()
        stats.files += 1
        stats.bytes += len(data)
        if p.suffix.lower() in BINARY_SUFFIXES and data[:4] != b"PK\x03\x04":
            stats.skipped.append(rel)
            continue
        for part, k in scan_bytes(rel, data, stats):
            if not _allowed(rel, k.seen, allow):
                hits.append(Hit(part, k))
    stats.seconds = time.perf_counter() - t0
    return hits, stats


def report(hits: list[Hit], site_name: str = "site") -> str:
    """The Chinese message of a failed scan: output file and marking, one a line."""
    lines = [f"手册输出中发现国家秘密标志（{len(hits)} 处），本次生成作废：上网不涉密、涉密不上网。"]
    for h in hits[:50]:
        k = h.marking
        lines.append(f"  {site_name}/{h.path}：国家秘密标志“{k.seen}”")
    if len(hits) > 50:
        lines.append(f"  ……另有 {len(hits) - 50} 处")
    lines.append("请检查产生这些内容的制度、数据文件或生成代码（baomi lint 应先报告 BM901/BM902）。")
    return "\n".join(lines)
