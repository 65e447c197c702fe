"""The one HTML helper (baomi/htmlsafe.py): escaping, Markdown-safe text, link targets, ids, slugs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from baomi import htmlsafe
from baomi.htmlsafe import esc, href, html_id, md_inline, safe_path, safe_segment, safe_url, slug

sys.path.insert(0, str(Path(__file__).parent))
import xss_repo  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# characters that make markup, Markdown syntax, attribute lists, line breaks and invisible text
HOSTILE = st.lists(st.sampled_from(list("<>&\"'`=/\\{}[]()#*_|!:;.- \n\t\u200b\u00a0")
                                   + ["javascript:", "onload=", "<svg ", "<script>", "密", "测试", "a", "1"]),
                   max_size=30).map("".join)


def _md():
    return markdown.Markdown(extensions=["attr_list", "toc", "tables"])


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _parse(out: str) -> _Tags:
    t = _Tags()
    t.feed(out)
    t.close()
    return t


def test_esc_escapes_text_and_both_quotes():
    assert esc("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    assert esc(None) == "None" and esc(3) == "3"


def test_one_escaping_helper():
    """The page and document generators use the same functions, not copies."""
    from baomi.generate import html_util
    from baomi.site import urls

    assert urls.esc is htmlsafe.esc and urls.md_inline is htmlsafe.md_inline and urls.slug is htmlsafe.slug
    assert html_util.esc is htmlsafe.esc and html_util.esc_lines is htmlsafe.esc_lines
    offenders = []
    for f in (ROOT / "tools" / "baomi").rglob("*.py"):
        if f.name == "htmlsafe.py":
            continue
        text = f.read_text(encoding="utf-8")
        if re.search(r"\bhtml\.escape\(|^import html$|^from html import", text, re.M):
            offenders.append(str(f.relative_to(ROOT)))
    assert not offenders, offenders


@pytest.mark.parametrize("payload", xss_repo.PAYLOADS + (xss_repo.TITLE_A, xss_repo.TITLE_B))
def test_md_inline_renders_as_the_same_text(payload):
    """In a heading, a list item and a link text, the payload comes out as text: no other tag,
    no other attribute, and the visible text is the payload itself."""
    for src, want in ((f"# {md_inline(payload)} {{#h}}", [("h1", [("id", "h")])]),
                      (f"- {md_inline(payload)}", [("ul", []), ("li", [])]),
                      (f"[{md_inline(payload)}](x.md)", [("p", []), ("a", [("href", "x.md")])])):
        t = _parse(_md().convert(src))
        assert t.tags == want, (src, t.tags)
        assert "".join(t.text).strip() == payload.strip()


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_md_inline_property(text):
    assume(text.strip())
    t = _parse(_md().convert(f"## {md_inline(text)} {{#h}}"))
    # exactly one element, the heading with the id we gave; its text is the text given
    assert t.tags == [("h2", [("id", "h")])], (text, t.tags)
    assert "".join(t.text).split() == text.split()


BAD_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x01javascript:x",
            "java\tscript:alert(1)", "java\nscript:x", "javascript:x.md", "javascript:alert(3)/#art-1",
            "data:text/html,<script>", "vbscript:msgbox", "file:///etc/passwd", "//evil.example/x",
            "\\\\evil\\x", "/\\evil", "mailto:x@y", "blob:x", None]
GOOD_URLS = ["a/b/", "../x/#art-1", "#law-保密法", "x.md", "./javascript:x/", "http://intranet/x",
             "HTTPS://intranet/x", "", "?q=1", "保密:x/"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_safe_url_refuses_schemes_and_other_hosts(url):
    assert safe_url(url) is None
    assert href(url) == "#"


@pytest.mark.parametrize("url", GOOD_URLS)
def test_safe_url_keeps_relative_and_http(url):
    assert safe_url(url) == url
    assert href(url) == esc(url)


def test_relative_links_never_read_as_a_scheme():
    from baomi.site.urls import relative, src_link

    assert relative("", "javascript:x/") == "./javascript:x/"
    assert src_link("index.md", "javascript:x.md") == "./javascript:x.md"
    assert relative("a/", "a/#x") == "#x"
    assert src_link("roles/index.md", "roles/a.md") == "a.md"


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_html_id_survives_attribute_lists_and_attributes(text):
    i = html_id(text)
    assert i and not re.search(r"[\s\"'<>&{}=#`/\\_*]", i)
    out = _md().convert(f"## 标题 {{#{i}}}")
    assert out == f'<h2 id="{i}">标题</h2>', out
    assert esc(i) == i


def test_html_id_keeps_the_keys_of_the_data_files():
    from baomi.config import load

    data = load(ROOT).data
    keys = [f"law-{e.key}" for e in data.laws] + [f"role-{r.key}" for r in data.roles]
    keys += [f"item-{i['id']}" for a in data.checklist["areas"] for i in a["items"]]
    keys += [f"area-{a['id']}" for a in data.checklist["areas"]]
    assert len(keys) > 100
    assert [html_id(k) for k in keys] == keys
    assert html_id('a"b') == "a-x22-b" and html_id("a_b") == "a-x5f-b"
    assert html_id('a"b') != html_id("a'b") and html_id("a b") != html_id("a\tb")


@settings(max_examples=200, deadline=None)
@given(HOSTILE)
def test_slug_and_safe_path_use_safe_characters(text):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug(text))
    p = safe_path(text + ".md")
    assert p.endswith(".md") and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*\.md", p), p
    assert ".." not in p.split("/")


def test_safe_path_keeps_ordinary_file_names():
    names = [f.name for f in (ROOT / "policies").glob("*.md")]
    assert names and all(safe_path(n) == n for n in names)
    assert safe_path("sub/dingmi.md") == "sub/dingmi.md"
    assert safe_path(xss_repo.FILE_A) == "javascript-alert-9.md"
    assert safe_path("保密守则.md") == "bao-mi-shou-ze.md"
    assert safe_path("../x.md") == "x.md" or ".." not in safe_path("../x.md").split("/")


def test_a_name_ending_in_a_newline_is_not_kept_as_safe():
    """Found by the property test above: `$` also matches before a final newline."""
    assert "\n" not in safe_path("_\n.md") and "\n" not in safe_segment("a\n")
