"""The 自查自评 coverage table as HTML: a fragment for the handbook and a standalone printable
page. The table is `document.build.coverage_table` (the one table every output shows); this
module puts it in a `Document` and hands it to `document.html_render`."""

from __future__ import annotations

from ..checklist import coverage_table, summary_line
from ..document import Document, Para, Title
from ..document.build import coverage_table as table_block
from ..document.html_render import CHECKLIST_CSS, fragment as html_fragment, page as html_page  # noqa: F401

TITLE = "保密自查自评制度覆盖情况表"


def coverage_document(cov: dict, link=None, title: str | None = None) -> Document:
    """The summary line and the table (with a heading row per area); with `title`, a page
    (landscape) headed by it. `link(policy_path, anchor)` may return an address."""
    doc = Document(title=title or TITLE, landscape=True)
    if title:
        doc.add(Title(title))
    doc.add(Para(summary_line(cov["summary"]), "cov-summary"))
    doc.add(table_block(cov, link=link))
    return doc


def fragment(cov: dict, link=None) -> str:
    """The table for `Coverage.as_dict()`; `link(policy_path, anchor)` may return an address."""
    return html_fragment(coverage_document(cov, link))


def page(cov: dict, title: str = TITLE) -> str:
    return html_page(coverage_document(cov, title=title), css=CHECKLIST_CSS)


def coverage_fragment(corpus, link=None) -> str:
    """The coverage table of `corpus` as an HTML fragment (no external resources) for embedding
    in a page. `link(policy_path, anchor)` may return the address of an article (or None)."""
    return fragment(coverage_table(corpus), link=link)


def coverage_page(corpus) -> str:
    """A standalone HTML page of the coverage table of `corpus` (inline CSS, printable)."""
    return page(coverage_table(corpus))
