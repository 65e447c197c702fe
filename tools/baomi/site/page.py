"""One page of the handbook as the generators make it: source path, address, title, Markdown.

The index pages, the policy pages and the site assembly (`baomi.site.pages`) all make pages;
this module is below all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Page:
    src: str            # source path, e.g. "yaohai-buwei.md", "roles/she-mi-ren-yuan.md"
    url: str            # URL relative to the site root
    title: str
    markdown: str
