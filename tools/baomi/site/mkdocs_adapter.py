"""The MkDocs adapter: the only module of baomi that imports MkDocs.

`BaomiPlugin` (entry point ``baomi``) loads the corpus, asks `pages.build_site` for every page,
replaces MkDocs' files with them, sets the navigation and the offline theme settings, and
writes the search index after the build. `build_into` runs a whole MkDocs build into a given
directory for `baomi build`.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config as MkConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..htmlsafe import esc
from .downloads import DownloadJob, split
from .pages import Site, build_site
from .raw_html import restore, stash
from .search_index import write_index

log = logging.getLogger("mkdocs.plugins.baomi")
NEEDED_EXTENSIONS = ("attr_list", "toc", "tables")


class BaomiPluginConfig(MkConfig):
    drafts = c.Optional(c.Type(bool))     # default: [tool.baomi] drafts
    lint = c.Type(bool, default=True)     # run the lint first (baomi build has already done so)


def _nav(items) -> list:
    """The navigation for MkDocs' config. Its Jinja environment does not autoescape: Material
    writes each title into the page as it is (navigation, header, <title>), so the titles are
    handed over as escaped HTML text."""
    out = []
    for title, target in items:
        out.append({esc(title): _nav(target) if isinstance(target, list) else target})
    return out


class BaomiPlugin(BasePlugin[BaomiPluginConfig]):
    site: Site | None = None
    _docx_job: DownloadJob | None = None
    _docx_ready: dict[str, bytes] = {}   # replaced (never mutated) in on_config
    _raw: dict[str, list[str]] = {}       # page src → its HTML blocks (see raw_html), set in on_files
    _titles: dict[str, str] = {}          # page src → its title, set in on_files
    progress = None                       # callable(done, total) per rendered page (baomi build)
    _done = 0
    _cfg = None

    def on_config(self, config):
        from .. import config as baomi_config
        from ..lint import lint as run_lint
        from ..lint import load_corpus

        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        try:
            cfg = baomi_config.load(root)
        except baomi_config.ConfigError as exc:
            raise PluginError(str(exc)) from exc
        self._cfg = cfg
        drafts = cfg.drafts if self.config.drafts is None else self.config.drafts
        if os.environ.get("BAOMI_DRAFTS") in ("0", "1"):
            drafts = os.environ["BAOMI_DRAFTS"] == "1"
        global PRELOADED
        if PRELOADED is not None:           # baomi build has linted this very corpus already
            corpus, PRELOADED = PRELOADED, None
        elif self.config.lint:
            result = run_lint(None, cfg)
            if result.errors:
                from ..output import render

                raise PluginError("制度检查发现错误，停止生成手册：\n" + render("text", result))
            corpus = result.corpus
        else:
            corpus = load_corpus(cfg)
        if hasattr(corpus, "ensure_references"):
            corpus.ensure_references()
        site_name = config.site_name or cfg.site_name
        self.site = build_site(corpus, cfg, drafts=drafts, directory_urls=config.use_directory_urls,
                               site_name=site_name)
        # the theme writes the site name into every page unescaped (see _nav)
        config.site_name = esc(site_name)
        for path, why in self.site.withheld:
            log.info("未发布 %s：%s", path, why)
        # the index is built in another process while MkDocs renders the pages; so are the
        # .docx downloads that are not in the cache yet
        self._index_job = IndexJob(self.site.records, cfg.data)
        self._docx_ready, todo = split(self.site.downloads)
        self._docx_job = DownloadJob(todo)

        # offline: no Google Fonts, no generator link to the internet
        config.theme["font"] = False
        config.extra["generator"] = False
        for ext in NEEDED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        config.mdx_configs.setdefault("toc", {}).setdefault("toc_depth", 3)
        for css in self.site.css:
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in self.site.js:
            if js not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(js)
        if not config.nav:
            config.nav = _nav(self.site.nav)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        out = Files([])
        for f in files:
            # the policies directory is the docs_dir: its own files never go out as they are;
            # only theme files (not under docs_dir) are kept
            if not f.abs_src_path or not Path(f.abs_src_path).resolve().is_relative_to(
                    Path(config.docs_dir).resolve()):
                out.append(f)
        self._raw = {}
        self._titles = {page.src: page.title for page in self.site.pages}
        for page in self.site.pages:
            markdown, self._raw[page.src] = stash(page.markdown)
            out.append(File.generated(config, page.src, content=markdown))
        for path, data in self.site.assets.items():
            out.append(File.generated(config, path, content=data))
        for path, data in self._docx_ready.items():
            out.append(File.generated(config, path, content=data))
        return out

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        # the page's own title for <title> and the header, also for pages that are not in the
        # navigation (承诺书): MkDocs would name them after the file (She mi ren yuan ligang).
        # Escaped like the navigation titles (see _nav).
        title = self._titles.get(page.file.src_uri)
        if title:
            page.meta["title"] = esc(title)
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        toc = list(page.toc or [])
        if len(toc) <= 1 and not any(item.children for item in toc):   # only the page's <h1>
            # nothing for the table of contents: its column goes to the content (the 自查自评
            # table, the data tables and the forms were squeezed into the middle column)
            hide = page.meta.get("hide")
            page.meta["hide"] = [*(hide if isinstance(hide, list) else []), "toc"]
        return restore(html, self._raw.get(page.file.src_uri, []))

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.progress is not None and self.site is not None:
            self._done += 1
            self.progress(self._done, len(self.site.pages))
        return output

    def on_post_build(self, *, config) -> None:
        docx, self._docx_job = self._docx_job, None
        if docx is not None:
            n = docx.finish(Path(config.site_dir))
            log.info("Word 文档：%d 个（另有 %d 个取自缓存）", n, len(self._docx_ready))
        job, self._index_job = self._index_job, None
        stats = job.finish(Path(config.site_dir) / "search")
        log.info("搜索索引：%d 条，%d 个词元，%.1f KB，用时 %.1f 秒", stats.documents, stats.tokens,
                 stats.index_bytes / 1024, stats.seconds)

    def on_serve(self, server, *, config, builder):
        from .. import config as baomi_config

        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        schemas = baomi_config.load(root).schemas
        if schemas.is_dir():
            server.watch(str(schemas))
        return server


PRELOADED = None   # a corpus handed over by baomi build (already linted)


class IndexJob:
    """Write the search index in a worker process (the second core) into a temporary directory;
    `finish` waits for it and moves it into the site. Falls back to this process if needed."""

    def __init__(self, records, data):
        import concurrent.futures
        import multiprocessing
        import tempfile

        from .query import load_query
        from .synonyms import load_groups

        self.tmp = Path(tempfile.mkdtemp(prefix="baomi-index-"))
        self.args = (records, self.tmp / "search")
        query = load_query(data)
        self.kw = {"synonyms": load_groups(data) + query.pop("groups"), "terms": _terms(data),
                   "query": query}
        self.pool = self.future = None
        try:
            self.pool = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"))
            from .workers import track

            track(self.pool, self.tmp)
            self.future = self.pool.submit(write_index, *self.args, **self.kw)
        except Exception as exc:  # no processes available: do it in finish()
            log.debug("索引进程无法启动：%s", exc)

    def finish(self, dest: Path):
        import shutil

        try:
            if self.future is not None:
                try:
                    stats = self.future.result()
                except Exception as exc:
                    log.debug("索引进程失败，改在本进程生成：%s", exc)
                    stats = write_index(*self.args, **self.kw)
            else:
                stats = write_index(*self.args, **self.kw)
            # replace only the index's own files: Material's search plugin, when it is listed
            # (before or after baomi), writes search/search_index.json into the same directory
            dest.mkdir(parents=True, exist_ok=True)
            for item in sorted(self.args[1].iterdir()):
                target = dest / item.name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
                shutil.move(str(item), str(target))
            return stats
        finally:
            if self.pool is not None:
                from .workers import untrack

                self.pool.shutdown(wait=False, cancel_futures=True)
                untrack(self.pool)
            shutil.rmtree(self.tmp, ignore_errors=True)


def _terms(data) -> list[str]:
    """Short Han strings from the data files (roles, categories, checklist terms): jieba keeps
    them whole, so that 脱密期 and 保密要害部门 are words of the search vocabulary."""
    import re

    han = re.compile("^[\u4e00-\u9fff]{2,8}$")
    found: set[str] = set()

    def walk(v):
        if isinstance(v, str):
            if han.match(v):
                found.add(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    if data is not None:
        for name in ("roles", "categories", "laws", "terms", "terminology", "synonyms"):
            try:
                walk(data.load(name, default=None))
            except Exception:
                continue
        try:
            walk(data.checklist)        # every checklist-*.yaml part too
        except Exception:
            pass
    return sorted(found)


def build_into(root: Path, site_dir: Path, *, drafts: bool | None = None, strict: bool = False,
               lint: bool = False, config_file: Path | None = None, corpus=None, progress=None) -> None:
    """Run a full MkDocs build of the repository at `root` into `site_dir` (`corpus`: the
    already linted corpus, so that it is not read twice; `progress(done, total)` is called as
    each page is written)."""
    global PRELOADED
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg_file = config_file or (root / "mkdocs.yml")
    if not cfg_file.is_file():
        raise PluginError(f"找不到 {cfg_file}")
    mk = load_config(str(cfg_file), site_dir=str(site_dir), strict=strict)
    plugin = mk.plugins.get("baomi")
    if plugin is None:
        raise PluginError(f"{cfg_file} 的 plugins 中没有 baomi")
    plugin.config.lint = lint
    plugin.progress, plugin._done = progress, 0
    if drafts is not None:
        plugin.config.drafts = drafts
    PRELOADED = corpus
    try:
        build(mk)
    finally:
        PRELOADED = None
        mk.plugins.on_shutdown()


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool | None = None,
          config_file: Path | None = None) -> None:
    """`mkdocs serve` of the repository at `root` (live reload on policies/ and schemas/)."""
    from mkdocs.commands.serve import serve as mk_serve

    cfg_file = config_file or (root / "mkdocs.yml")
    if drafts is not None:
        os.environ["BAOMI_DRAFTS"] = "1" if drafts else "0"
    mk_serve(config_file=str(cfg_file), open_in_browser=False, livereload=True, dev_addr=f"{host}:{port}")


@contextlib.contextmanager
def quiet_logs(quiet: bool):
    """Silence MkDocs' INFO chatter for `baomi build -q` (warnings and errors still show)."""
    logger = logging.getLogger("mkdocs")
    old = logger.level
    handler = None
    if not logger.handlers:   # called outside the mkdocs CLI: show warnings and errors
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        logger.addHandler(handler)
    if quiet:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(old)
        if handler is not None:
            logger.removeHandler(handler)
