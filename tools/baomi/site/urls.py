"""Page paths and URLs of the handbook, and relative links between them (no generator involved)."""

from __future__ import annotations

import posixpath

# the one escaping helper; re-exported here for the page generators that import it from urls
from ..htmlsafe import esc, md_inline, no_scheme, slug  # noqa: F401


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
    return no_scheme(r + (sep + frag if sep else ""))


def src_link(frm_src: str, to_src: str, fragment: str = "") -> str:
    """Markdown link from source page `frm_src` to source page `to_src` (x/y.md): generators
    check and rewrite these themselves."""
    r = posixpath.relpath(to_src, posixpath.dirname(frm_src) or ".")
    return no_scheme(r + (f"#{fragment}" if fragment else ""))
