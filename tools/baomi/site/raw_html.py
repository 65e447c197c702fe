"""Keep generated HTML away from the Markdown processor.

Handbook pages are Markdown headings (for the table of contents) around large HTML blocks
(articles with their anchors, links and backlinks). Python-Markdown, which MkDocs runs on every
page, passes such blocks through unchanged but parses every tag to find where each block ends:
measured on 200 policies that is about a third of the build. `stash` replaces each complete
top-level HTML block by a placeholder comment, `restore` puts the blocks back into the HTML
the processor made. Text inside fenced code blocks is never touched: an example such as
`<div onclick=…>` in a rule's documentation stays code.
"""

from __future__ import annotations

import re

BLOCK = re.compile(r"<(div|p|dl|table|section|article|aside|nav|figure|ol|ul|details)(?=[\s>])")
FENCE = re.compile(r"^(?: {0,3})(`{3,}|~{3,})", re.M)
PLACEHOLDER = re.compile(r"<!--bm-raw-(\d+)-->")


def _complete(chunk: str, tag: str) -> bool:
    """The chunk is one element or a run of elements of `tag` that all close inside it."""
    opened = len(re.findall(rf"<{tag}(?=[\s>])", chunk))
    return opened == chunk.count(f"</{tag}>") and chunk.rstrip().endswith(f"</{tag}>")


def stash(markdown: str) -> tuple[str, list[str]]:
    """(Markdown with placeholders, the HTML blocks taken out, in order)."""
    chunks = markdown.split("\n\n")
    out: list[str] = []
    blocks: list[str] = []
    fence: str | None = None
    for chunk in chunks:
        m = BLOCK.match(chunk)
        if fence is None and m and "\n\n" not in chunk and _complete(chunk, m.group(1)) \
                and not FENCE.search(chunk):
            out.append(f"<!--bm-raw-{len(blocks)}-->")
            blocks.append(chunk.rstrip("\n"))
            continue
        out.append(chunk)
        for f in FENCE.finditer(chunk):
            mark = f.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
    return "\n\n".join(out), blocks


def restore(html: str, blocks: list[str]) -> str:
    """Put the blocks back where their placeholders stand in the rendered page."""
    if not blocks:
        return html
    return PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else m.group(0),
                           html)
