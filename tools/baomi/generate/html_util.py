"""Shared helpers for generated HTML documents: self-contained pages that print on A4.

No external resources (fonts, scripts, style sheets): the pages must work on an intranet
with no internet access and print the same everywhere. Chinese font stacks name the faces
official documents use (仿宋_GB2312, 方正小标宋简体) with common fallbacks.
"""

from __future__ import annotations

from typing import Iterable

# the one escaping helper (baomi.htmlsafe), re-exported for the document generators
from ..htmlsafe import esc, esc_lines, href, html_id  # noqa: F401
from ..outpath import GENERATOR_META

BODY_FONTS = ('"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", '
              '"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif')
TITLE_FONTS = ('"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", '
               '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif')
SANS_FONTS = ('"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
              '"Microsoft YaHei", sans-serif')

PRINT_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
@page landscape {{ size: A4 landscape; margin: 20mm; }}
html {{ background: #fff; }}
body {{ font-family: {BODY_FONTS}; font-size: 16pt; line-height: 1.75; color: #000;
       max-width: 156mm; margin: 0 auto; padding: 10mm 0; }}
body.wide {{ max-width: 257mm; font-size: 12pt; }}
h1 {{ font-family: {TITLE_FONTS}; font-weight: normal; font-size: 22pt; text-align: center;
     margin: 0 0 1em; letter-spacing: 0.05em; }}
h2 {{ font-family: {SANS_FONTS}; font-weight: normal; font-size: 16pt; margin: 1em 0 0.5em; }}
p {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #000; padding: 2mm 3mm; vertical-align: top; }}
th {{ font-family: {SANS_FONTS}; font-weight: normal; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
ins {{ text-decoration: underline; font-weight: bold; background: #e6f4e6; }}
del {{ text-decoration: line-through; color: #a00; background: #fbeaea; }}
@media print {{
  body {{ padding: 0; max-width: none; }}
  ins, del {{ background: none; }}
  nav, .no-print {{ display: none !important; }}
}}
"""


def document(title: str, body: str, css: str = "", wide: bool = False) -> str:
    """A complete, self-contained HTML page (lang zh-CN, UTF-8, print CSS inlined)."""
    cls = ' class="wide"' if wide else ""
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"{GENERATOR_META}\n"             # how `--output` knows the file is baomi's to replace
            f"<title>{esc(title)}</title>\n<style>{PRINT_CSS}{css}</style>\n</head>\n"
            f"<body{cls}>\n{body}\n</body>\n</html>\n")


def segments_html(parts: Iterable[tuple[str, str]]) -> str:
    """(style, text) parts as HTML: `ins` → <ins>, `del` → <del>, `bold` → <strong>."""
    out = []
    for style, text in parts:
        if not text:
            continue
        t = esc_lines(text)
        if style == "ins":
            out.append(f"<ins>{t}</ins>")
        elif style == "del":
            out.append(f"<del>{t}</del>")
        elif style == "bold":
            out.append(f"<strong>{t}</strong>")
        else:
            out.append(t)
    return "".join(out)
