"""HTML blocks are kept away from the Markdown processor and put back unchanged."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from baomi.site.raw_html import restore, stash

PAGE = """# 涉密人员保密管理制度

<div class="bm-meta">
<dl><dt>编号</dt><dd>BM-03</dd></dl>
</div>

## 第一章 总则 {#ch-1}

<div class="bm-art" id="art-1">
<p><a class="bm-label" href="#art-1">第一条</a>为了……</p>
<div class="bm-inner"><p>嵌套</p></div>
</div>

正文段落，*强调*。

```html
<div onclick="alert(1)">示例</div>

<div onclick="alert(2)">空行之后仍在代码块中</div>
```

<div class="open">没有闭合

<p>后面的段落</p>
"""


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "fenced_code", "toc"])


def test_blocks_are_stashed_and_restored_exactly():
    md, blocks = stash(PAGE)
    assert len(blocks) == 3          # meta panel, article, the last <p>
    assert blocks[1].startswith('<div class="bm-art"') and blocks[1].endswith("</div>")
    assert "## 第一章 总则 {#ch-1}" in md
    html = restore(render(md), blocks)
    assert blocks[1] in html and 'id="ch-1"' in html and "<em>强调</em>" in html


def test_code_fences_and_unclosed_blocks_are_left_to_markdown():
    md, blocks = stash(PAGE)
    assert 'onclick="alert(1)"' in md and 'onclick="alert(2)"' in md
    assert not any("onclick" in b for b in blocks)
    assert '<div class="open">没有闭合' in md
    html = restore(render(md), blocks)
    assert "&lt;div onclick=&quot;alert(2)&quot;&gt;" in html or "&lt;div onclick=\"alert(2)\"&gt;" in html


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([
    "# 标题", "<div>甲</div>", "<p>乙</p>", "段落", "```", "~~~", "<div>\n<p>丙</p>\n</div>",
    "<div>未闭合", "</div>", "- 列表", "    缩进代码 <div>x</div>", "<table><tr><td>丁</td></tr></table>"]),
    max_size=12))
def test_rendering_is_the_same_with_and_without_the_stash(parts):
    text = "\n\n".join(parts) + "\n"
    md, blocks = stash(text)
    assert restore(render(md), blocks) == render(text)
