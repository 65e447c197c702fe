"""`baomi build` and `baomi serve`: lint first, then an atomic site build.

The site is built into a temporary directory next to the target and swapped in only when the
build is complete; a failed lint or a failed build leaves the previous site exactly as it was.
Generator-specific work is delegated to `mkdocs_adapter` (imported lazily).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _say(quiet: bool, msg: str) -> None:
    if not quiet:
        print(msg, file=sys.stderr)


class _Stage:
    """A rich progress line on a terminal: the current stage, and a bar with pages written while
    the pages are rendered; nothing when quiet or piped (CI)."""

    def __init__(self, quiet: bool):
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                       TimeElapsedColumn)

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                                transient=True)
            self.task = self.bar.add_task("", total=None)
            self.bar.start()

    def __call__(self, text: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=text, total=None, completed=0)

    def pages(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description="生成手册页面", total=total, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` by `new` (same filesystem): rename old away, rename new in, delete old."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}-{int(time.time())}")
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build(config, *, strict: bool = False, drafts: bool | None = None, quiet: bool = False,
          site_dir: Path | None = None, lint: bool = True) -> int:
    """Lint, then build the handbook into `site_dir` (default [tool.baomi] site_dir). Exit code:
    0 built, 1 lint errors (or warnings with `strict`) or build failure."""
    from ..lint import lint as run_lint
    from ..output import render

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    t0 = time.perf_counter()
    stage = _Stage(quiet)
    import signal

    from .workers import terminate_all

    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    try:
        old_term = signal.signal(signal.SIGTERM, on_term)
    except ValueError:                       # not the main thread
        old_term = None
    try:
        return _build(config, strict, drafts, quiet, site_dir, lint, stage, t0, run_lint, render)
    finally:
        stage.stop()
        terminate_all()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)


def _build(config, strict, drafts, quiet, site_dir, lint, stage, t0, run_lint, render) -> int:
    corpus = None
    if lint:
        stage("检查制度……")
        result = run_lint(None, config)
        if result.exit_code(strict):
            stage.stop()
            sys.stdout.write(render("text", result))
            _say(False, f"制度检查未通过（错误 {result.errors} 个，警告 {result.warnings} 个），"
                        "未生成手册，原有手册保持不变。")
            return 1
        corpus = result.corpus
    target = Path(site_dir or config.site_dir or (config.root / "site")).resolve()
    why = _unsafe_target(config, target)
    if why:
        stage.stop()
        print(f"baomi：不能把手册生成到 {_rel(target)}：{why}，原有文件保持不变。", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-{os.getpid()}-", dir=target.parent))
    try:
        from .mkdocs_adapter import build_into, quiet_logs

        stage("生成手册页面和检索索引……")
        with quiet_logs(quiet):
            build_into(config.root, tmp, drafts=config.drafts if drafts is None else drafts,
                       strict=strict, lint=False, corpus=corpus, progress=stage.pages)
        stage("检查输出中有无国家秘密标志……")
        from .scan import report, scan_site

        hits, stats = scan_site(tmp)
        if hits:
            stage.stop()
            shutil.rmtree(tmp, ignore_errors=True)
            print(report(hits, target.name) + "\n原有手册保持不变。", file=sys.stderr)
            return 1
        stage("替换 site/……")
        swap_in(tmp, target)
    except BaseException as exc:
        stage.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            print("baomi：手册生成被中止，原有手册保持不变。", file=sys.stderr)
            raise
        print(f"baomi：手册生成失败，原有手册保持不变：{exc}", file=sys.stderr)
        return 1
    _say(quiet, f"手册已生成：{_rel(target)}（用时 {time.perf_counter() - t0:.1f} 秒）")
    return 0


_STALE = re.compile(r"-(?:new|old)-(?:(\d+)-)?")


def clean_stale(target: Path) -> list[str]:
    """Remove `.site-new-*` / `.site-old-*` folders left beside `target` by a killed build (those
    of a build still running, by its process id, are kept)."""
    removed = []
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return removed
    for p in siblings:
        name = p.name
        head = f".{target.name}"
        if not name.startswith(head) or not p.is_dir():
            continue
        m = _STALE.match(name, len(head))
        if not m:
            continue
        pid = int(m.group(1)) if m.group(1) else None
        if pid is not None and pid != os.getpid() and _alive(pid):
            continue
        shutil.rmtree(p, ignore_errors=True)
        removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _unsafe_target(config, target: Path) -> str | None:
    """Why `target` must not be replaced: it is, or holds, the policies, the data or the repository."""
    protected = [("制度目录", getattr(config, "policies", None)), ("数据目录", getattr(config, "schemas", None)),
                 ("仓库根目录", getattr(config, "root", None))]
    for label, d in protected:
        if d is None:
            continue
        d = Path(d).resolve()
        if target == d or d.is_relative_to(target):
            return f"它是或包含{label} {_rel(d)}"
    if target.exists() and not target.is_dir():
        return "它是一个文件"
    return None


def _rel(p: Path) -> str:
    try:
        return os.path.relpath(p)
    except ValueError:
        return str(p)


def serve(config, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool | None = None) -> int:
    """Preview the handbook with live reload (policies/ and schemas/ are watched)."""
    from .mkdocs_adapter import serve as mk_serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mk_serve(config.root, host=host, port=port, drafts=config.drafts if drafts is None else drafts)
    return 0
