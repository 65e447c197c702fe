"""The one place where text becomes HTML (handbook pages, generated documents, MkDocs' navigation).

Every string that reaches HTML goes through one of these:

- `esc`: text and attribute values (``&<>"'`` escaped). Use it for element text and for every
  attribute value, ids and hrefs included (after `href`/`html_id` below).
- `md_inline`: text put into Markdown that MkDocs renders (headings, list items, table cells,
  link texts): HTML-escaped, Markdown syntax characters backslash-escaped, line breaks folded.
- `href`: the attribute value of a link target; only relative links and http(s) URLs pass
  (`safe_url`), anything else (``javascript:``, ``data:``, ``vbscript:``, ``//host``) becomes ``#``.
- `html_id`: an id (or the fragment that points at it) made from data such as a law key or a
  checklist item id: ASCII letters and digits, ``-``, ``.`` and visible non-ASCII characters
  are kept, every other character is spelled as ``-x<hex>-``, so the result is safe in an attribute,
  in a URL fragment and in Python-Markdown's ``{#id}``; use the same call for the id and for
  every link to it.
- `slug`, `safe_path`: ASCII names for files and URLs (pinyin for Chinese), only
  ``[A-Za-z0-9._-]`` in every path segment.

Pure Python; `slug` imports pypinyin when called (build time only).
"""

from __future__ import annotations

import html
import re
import unicodedata

# --- text ------------------------------------------------------------------------------------


def esc(text: object) -> str:
    """HTML-escape text for element content and attribute values (quotes included)."""
    return html.escape(str(text), quote=True)


def esc_lines(text: str) -> str:
    """Escape and keep line breaks as <br>."""
    return "<br>".join(esc(line) for line in str(text).split("\n"))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def md_inline(text: object) -> str:
    """Text safe to put into a Markdown heading, list item, table cell or link text: no markup,
    no HTML, no attribute list, one line."""
    t = _LINE_BREAKS.sub(" ", str(text))
    t = html.escape(t, quote=False)          # & < > as entities: never a tag
    return _MD_SPECIAL.sub(r"\\\1", t)


# --- links -----------------------------------------------------------------------------------

SAFE_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_STRIP = "".join(chr(c) for c in range(0x21))           # C0 controls and space, as browsers strip
_TAB_NL = re.compile(r"[\t\n\r]")


def safe_url(url: object) -> str | None:
    """`url` when a browser would read it as a relative link or an http(s) URL; None otherwise.

    Judged as the URL parser of a browser reads an href: leading and trailing controls and
    spaces dropped, tabs and line breaks inside removed, the scheme case-insensitive; a relative
    path whose first segment has a colon is a scheme too (``javascript:x.md``). Network-path
    references (``//host``, backslashes) are refused: the handbook links within itself."""
    if url is None:
        return None
    s = str(url)
    seen = _TAB_NL.sub("", s.strip(_STRIP))
    if seen.startswith(("//", "\\", "/\\")):
        return None
    m = _SCHEME.match(seen)
    if m and m.group(1).lower() not in SAFE_SCHEMES:
        return None
    return s


def href(url: object) -> str:
    """The escaped value of an ``href`` attribute: `url` if `safe_url` accepts it, else ``#``."""
    ok = safe_url(url)
    return esc(ok if ok is not None else "#")


def no_scheme(relative_link: str) -> str:
    """A relative link whose first segment has a colon would be read as a scheme
    (``javascript:x/``): prefix ``./``. Other links unchanged."""
    first = re.split(r"[/?#]", relative_link, maxsplit=1)[0]
    return "./" + relative_link if ":" in first else relative_link


# --- ids and names ---------------------------------------------------------------------------

# no "_": in Python-Markdown's {#id} an underscore after a non-word character starts emphasis
_ID_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-")


def _id_char(ch: str) -> bool:
    if ch < "\x80":
        return ch in _ID_ASCII
    # non-ASCII letters, digits and punctuation (出国（境）人员) stay; spaces, controls and
    # invisible format characters do not
    return unicodedata.category(ch)[0] not in "ZC"


def html_id(text: object) -> str:
    """An id (and the URL fragment naming it) from arbitrary text such as a law key or a
    checklist item id: ASCII letters, digits, ``.``, ``-`` and visible non-ASCII characters kept,
    every other character written as ``-x<hex>-`` (``a"b`` → ``a-x22-b``). Plain keys
    (``law-保密法``, ``item-7.4``, ``role-出国（境）人员``) are unchanged."""
    out = "".join(ch if _id_char(ch) else f"-x{ord(ch):x}-" for ch in str(text))
    return out or "x"


def slug(text: object) -> str:
    """ASCII slug for a name (pinyin for Chinese; build time only): ``[a-z0-9-]`` only."""
    from pypinyin import lazy_pinyin

    s = "-".join(re.sub("[^a-z0-9]+", "-", w.lower()) for w in lazy_pinyin(str(text)))
    s = re.sub("-+", "-", s).strip("-")
    return s or "x"


# matched with fullmatch: a `$` would also match before a final newline ("_\n" kept as a name)
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._\-]*")


def safe_segment(name: str) -> str:
    """One path segment for a file name or URL: kept if it is already ``[A-Za-z0-9._-]`` (not
    starting with a dot), else its slug."""
    return name if _SAFE_SEGMENT.fullmatch(name) and ".." not in name else slug(name)


def safe_path(path: str, suffix: str = ".md") -> str:
    """A source path (``dir/name.md``) with every segment made safe (`safe_segment`), the
    suffix kept."""
    stem = path[: -len(suffix)] if suffix and path.endswith(suffix) else path
    parts = [safe_segment(p) for p in stem.split("/") if p not in ("", ".")]
    return "/".join(parts or ["x"]) + (suffix if suffix and path.endswith(suffix) else "")


__all__ = ["esc", "esc_lines", "md_inline", "safe_url", "href", "no_scheme", "html_id", "slug",
           "safe_segment", "safe_path"]


def unescape(text: str) -> str:
    """Character references decoded (&lt; → <, &#23494; → 密): what a reader of the HTML sees.
    The guard's normaliser and the output scan read HTML through this, the one HTML module."""
    return html.unescape(text)
