"""Page paths and URLs of the handbook, and relative links between them (no generator involved)."""

from __future__ import annotations

import html
import posixpath
import re


def page_url(src: str, directory_urls: bool = True) -> str:
    """URL (relative to the site root) of the page generated from source path `src` (x/y.md)."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        d = stem[: -len("index")]
        return d if directory_urls else d + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative(frm: str, to: str) -> str:
    """Link from the page at URL `frm` to URL `to` (both relative to the site root; `to` may
    carry a #fragment)."""
    path, sep, frag = to.partition("#")
    frm_dir = frm if (frm == "" or frm.endswith("/")) else posixpath.dirname(frm) + "/"
    if path == frm and sep:
        return "#" + frag
    r = posixpath.relpath("/" + (path or ""), "/" + frm_dir)
    if (path == "" or path.endswith("/")) and not r.endswith("/"):
        r = "./" if r == "." else r + "/"
    return r + (sep + frag if sep else "")


def slug(text: str) -> str:
    """ASCII slug for a Chinese name (pinyin; build time only)."""
    from pypinyin import lazy_pinyin

    s = "-".join(re.sub("[^a-z0-9]+", "", w.lower()) for w in lazy_pinyin(text))
    s = re.sub("-+", "-", s).strip("-")
    return s or "x"


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def md_inline(text: str) -> str:
    """Text safe to put into a Markdown heading or list item (no markup, no HTML)."""
    t = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]{}#|!])", r"\\\1", t)


def src_link(frm_src: str, to_src: str, fragment: str = "") -> str:
    """Markdown link from source page `frm_src` to source page `to_src` (x/y.md): generators
    check and rewrite these themselves."""
    r = posixpath.relpath(to_src, posixpath.dirname(frm_src) or ".")
    return r + (f"#{fragment}" if fragment else "")
