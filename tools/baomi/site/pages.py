"""Corpus → handbook pages (Markdown strings), navigation tree and search records.

Adapter-neutral: nothing here knows MkDocs. A generator adapter feeds `Site.pages` to its
engine, lays out `Site.nav`, copies `Site.assets` and writes the search index from
`Site.records` after the pages are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path, PurePosixPath

from . import index_pages, policy_page
from .guard import publishable
from .search_index import SearchRecord
from .urls import page_url, relative

ASSET_DIR = "assets/baomi"
CSS = [f"{ASSET_DIR}/baomi.css"]
JS = [f"{ASSET_DIR}/search.js", f"{ASSET_DIR}/handbook.js"]
GUIDE = [("guide/index.md", "查阅手册"), ("guide/search.md", "搜索技巧"), ("guide/editing.md", "修订制度"),
         ("guide/checks.md", "自动检查")]


class SiteError(Exception):
    """The site cannot be generated (e.g. two pages would get the same address)."""


@dataclass
class Page:
    src: str            # source path, e.g. "yaohai-buwei.md", "roles/she-mi-ren-yuan.md"
    url: str            # URL relative to the site root
    title: str
    markdown: str


@dataclass
class Site:
    pages: list[Page] = field(default_factory=list)
    nav: list = field(default_factory=list)          # [(title, src | [nested…])]
    records: list[SearchRecord] = field(default_factory=list)
    assets: dict[str, bytes] = field(default_factory=dict)   # site path → content
    withheld: list[tuple[str, str]] = field(default_factory=list)   # (relpath, reason)
    css: list[str] = field(default_factory=lambda: list(CSS))
    js: list[str] = field(default_factory=lambda: list(JS))


def policy_src(policy, root: Path | None) -> str:
    """Page source path of a policy: its path under the policies directory."""
    p = Path(policy.path)
    if root is not None:
        try:
            return PurePosixPath(p.resolve().relative_to(Path(root).resolve())).as_posix()
        except ValueError:
            pass
    return p.name


def load_assets() -> dict[str, bytes]:
    base = files("baomi") / "assets"
    out = {}
    for name in ("search.js", "handbook.js", "baomi.css"):
        out[f"{ASSET_DIR}/{name}"] = (base / name).read_bytes()
    return out


def guide_page(src: str) -> str:
    return (files("baomi") / "assets" / src).read_text(encoding="utf-8")


def build_site(corpus, config=None, *, drafts: bool = False, directory_urls: bool = True,
               site_name: str = "保密制度汇编") -> Site:
    """Every page of the handbook for `corpus`; classified or unpublished policies left out."""
    data = getattr(corpus, "data", None) or (config.data if config is not None else None)
    root = getattr(config, "policies", None)
    published, held = publishable(corpus.policies, drafts=drafts)
    site = Site(withheld=[(p.relpath, why) for p, why in held])
    pub_ids = {id(p) for p in published}

    src_of: dict[int, str] = {}
    for p in published:
        src_of[id(p)] = policy_src(p, root)
    urls: dict[str, str] = {}

    def claim(src: str, what: str) -> str:
        url = page_url(src, directory_urls)
        if url in urls:
            raise SiteError(f"{what}与{urls[url]}的网址相同（{url}），请给制度文件改名")
        urls[url] = what
        return url

    for p in published:
        claim(src_of[id(p)], f"制度文件 {p.relpath}")
    ctx = index_pages.Context(corpus=corpus, data=data, published=published, src_of=src_of,
                              directory_urls=directory_urls, site_name=site_name, claim=claim)
    generated = index_pages.generate(ctx)   # claims its own URLs

    for p in published:
        src = src_of[id(p)]
        url = page_url(src, directory_urls)
        links = ctx.links_from(url)
        md = policy_page.render(corpus, p, links, pub_ids)
        site.pages.append(Page(src, url, p.title or p.relpath, md))
        if p.status == "废止":
            continue
        for anchor, label, text in policy_page.search_units(p):
            site.records.append(SearchRecord(url, anchor, p.title or "", label, text))
    for src, title in GUIDE:
        claim(src, f"使用说明 {src}")
        site.pages.append(Page(src, page_url(src, directory_urls), title, guide_page(src)))
    site.pages.extend(generated)
    site.nav = ctx.nav(site.pages, GUIDE)
    site.assets = load_assets()
    return site


__all__ = ["Site", "Page", "SiteError", "build_site", "relative"]
