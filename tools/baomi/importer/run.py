"""Run an import: read, clean, segment, emit, write (atomically), lint, report.

A source that carries a 国家秘密 marking (the guard's detector: body lines, Word headers and
footers, document properties) is judged classified and is not imported at all: nothing of it is
segmented, emitted or written — not even with --dry-run or --force — and the report says why
(涉密文件不得在非涉密计算机和网络中存储、处理). The exit code is 1.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..files import atomic_write
from .clean import Removal, clean
from .data import data as import_data, packaged_data, reading
from .emit import emit, existing_id, existing_title, next_ids
from .marks import assign, take_marks
from .segment import segment
from .sources import SourceError, read_source


@dataclass
class PolicyReport:
    path: str
    id: str
    title: str
    style: str | None
    status: str                       # written | overwritten | dry-run | exists
    counts: dict[str, int]
    lines: tuple[int, int]
    uncertain: list[tuple[int, str]] = field(default_factory=list)
    lint: list[dict] = field(default_factory=list)
    lint_note: str | None = None
    content: str = ""
    title_inferred: bool = False
    confidence: str = "高"                                   # how sure the split before it is
    evidence: list[str] = field(default_factory=list)         # why it starts where it does
    marks: list = field(default_factory=list)                 # official marks carried (marks.Mark)
    removed: list = field(default_factory=list)               # furniture dropped from its lines

    def to_json(self, with_content: bool = False) -> dict:
        d = {"path": self.path, "id": self.id, "title": self.title, "title_inferred": self.title_inferred,
             "style": self.style, "status": self.status,
             "source_lines": {"first": self.lines[0], "last": self.lines[1]}, "counts": self.counts,
             "split": {"confidence": self.confidence, "evidence": self.evidence},
             "marks": [m.to_json() for m in self.marks],
             "removed": [r.to_json() for r in self.removed],
             "uncertain": [{"line": ln, "message": m} for ln, m in self.uncertain],
             "lint": {"diagnostics": self.lint, "note": self.lint_note}}
        if with_content:
            d["content"] = self.content
        return d


@dataclass
class InputReport:
    path: str
    kind: str | None = None
    encoding: str | None = None
    error: str | None = None
    removed: list[Removal] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    policies: list[PolicyReport] = field(default_factory=list)
    markings: list[tuple[str, str, str]] = field(default_factory=list)   # (where, level, text)
    level: str | None = None                                           # the highest level marked

    def to_json(self, with_content: bool = False) -> dict:
        return {"path": self.path, "kind": self.kind, "encoding": self.encoding, "error": self.error,
                "classified": self.level,
                "markings": [{"where": w, "level": lv, "text": t} for w, lv, t in self.markings],
                "notes": [{"line": ln, "message": m} for ln, m in self.notes],
                "removed": [r.to_json() for r in self.removed],
                "policies": [p.to_json(with_content) for p in self.policies]}


@dataclass
class Report:
    inputs: list[InputReport] = field(default_factory=list)
    dry_run: bool = False
    out_dir: str = ""

    @property
    def policies(self) -> list[PolicyReport]:
        return [p for i in self.inputs for p in i.policies]

    def exit_code(self) -> int:
        """0 all imported; 1 some input unreadable, some output not written (exists) or some
        source carries a 国家秘密 marking."""
        bad = any(i.error for i in self.inputs) or any(p.status == "exists" for p in self.policies) \
            or any(i.markings for i in self.inputs)
        return 1 if bad else 0

    def summary(self) -> dict:
        ps = self.policies
        return {"files": len(self.inputs), "failed": sum(1 for i in self.inputs if i.error),
                "policies": len(ps), "written": sum(1 for p in ps if p.status in ("written", "overwritten")),
                "skipped": sum(1 for p in ps if p.status == "exists"),
                "uncertain": sum(len(p.uncertain) for p in ps),
                "removed": sum(len(i.removed) for i in self.inputs),
                "classified": sum(1 for i in self.inputs if i.markings),
                "lint_errors": sum(1 for p in ps for d in p.lint if d.get("severity") == "error"),
                "lint_warnings": sum(1 for p in ps for d in p.lint if d.get("severity") == "warning")}


def _rel(p: Path) -> str:
    try:
        return os.path.relpath(p)
    except ValueError:
        return str(p)


def _shown(p: Path) -> str:
    """A source file as the report names it: relative to the working folder when it is inside
    it, else its absolute path (never a climb such as ../../../seeds/a.docx)."""
    rel = _rel(p)
    return str(Path(p).resolve()) if rel == ".." or rel.startswith(".." + os.sep) else rel


def write_atomic(path: Path, text: str) -> None:
    atomic_write(path, text)


def _to_simplified(lines, notes, enabled: bool):
    """Convert with OpenCC t2s when asked; otherwise only warn when the text looks Traditional."""
    try:
        import opencc
    except ImportError:
        if enabled:
            notes.append((1, "未安装 OpenCC，无法转换为简体"))
        return lines
    conv = opencc.OpenCC("t2s.json" if _has_config("t2s.json") else "t2s")
    if enabled:
        for ln in lines:
            ln.text = conv.convert(ln.text)
        return lines
    sample = "".join(ln.text for ln in lines)[:5000]
    changed = sum(1 for a, b in zip(sample, conv.convert(sample)) if a != b)
    if changed >= 10 and changed > len(sample) * 0.02:
        notes.append((1, f"文本看起来是繁体（{changed} 个字与简体不同），如需转换请使用 --to-simplified"))
    return lines


def _has_config(name: str) -> bool:
    try:
        import opencc

        opencc.OpenCC(name)
        return True
    except Exception:
        return False


def _lint(paths: list[Path], config) -> tuple[dict[str, list[dict]], str | None]:
    try:
        from ..lint import lint_files
    except ImportError:
        return {}, "检查器（baomi.lint.lint_files）尚不可用，未检查"
    try:
        result = lint_files([str(p) for p in paths], config)
    except Exception as exc:  # the import must not fail because of the linter
        return {}, f"检查失败：{type(exc).__name__}: {exc}"
    out: dict[str, list[dict]] = {}
    for d in result.diagnostics:
        out.setdefault(os.path.normpath(d.path), []).append(d.to_json())
    return out, None


def _config():
    """The repository's configuration; a broken one is a ConfigError (exit 2), not ignored: the
    import would otherwise read the packaged data instead of the unit's own."""
    from ..config import load

    return load()


def _levels_in(text: str) -> list[tuple[str, str]]:
    """(level, marking) of every 国家秘密 marking or declared level in one line of text, judged
    as a reader sees it (baomi.guard.find_markings: the one detector of the guard)."""
    from ..guard import find_markings

    return [(m.level, m.text) for m in find_markings(text, markdown=False)]


def find_source_markings(src) -> list[tuple[str, str, str]]:
    """(where, level, marking) of every marking in a source: body lines (第N行 / 第N段), Word
    headers and footers, document properties."""
    unit = "段" if src.kind == "docx" else "行"
    out = []
    for ln in src.lines:
        if "密" in ln.text:
            out.extend((f"第{ln.line}{unit}", lv, t) for lv, t in _levels_in(ln.text))
    for where, text in src.extra:
        for line in text.split("\n"):
            if "密" in line:
                out.extend((where, lv, t) for lv, t in _levels_in(line))
    return out


def _highest(levels) -> str | None:
    from ..visible import defs

    seen = set(levels)
    ranked = [lv for lv in defs().levels if lv in seen]      # 绝密 first
    return ranked[0] if ranked else None


def run(files, *, out_dir=None, force: bool = False, dry_run: bool = False, to_simplified: bool = False,
        fmt: str = "text", config=None, lint: bool = True, progress: bool | None = None) -> Report:
    """Import ``files``; write policies into ``out_dir`` (default: the configured policies dir)."""
    config = config if config is not None else _config()
    out = Path(out_dir) if out_dir else (config.policies if config is not None else Path("policies"))
    today = getattr(config, "today", None) or _dt.date.today()
    source = getattr(config, "data", None)
    if source is None:
        source = packaged_data()
    # every data file the import reads, read (and so checked) before anything is written: a
    # broken one is a DataError naming file and line (exit 2), never silently replaced
    with reading(source):
        import_data(source)
        categories, laws = source.categories, source.laws
        return _run(files, out, force=force, dry_run=dry_run, to_simplified=to_simplified, fmt=fmt,
                    config=config, lint=lint, progress=progress, today=today,
                    categories=categories, laws=laws)


def _run(files, out: Path, *, force, dry_run, to_simplified, fmt, config, lint, progress, today,
         categories, laws) -> Report:
    prefix, last = next_ids([out] + ([config.policies] if config is not None else []))
    report = Report(dry_run=dry_run, out_dir=_rel(out))
    planned: set[Path] = set()
    unit = getattr(config, "unit", None)
    pending: list[tuple[PolicyReport, Path]] = []
    files = [Path(f) for f in files]
    show = progress if progress is not None else (len(files) > 1 and sys.stderr.isatty() and fmt == "text")
    bar = None
    if show:
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task("导入", total=len(files))
    try:
        for f in files:
            ir = InputReport(_shown(f))
            report.inputs.append(ir)
            try:
                src = read_source(f)
            except SourceError as exc:
                ir.error = str(exc)
                continue
            finally:
                if bar is not None:
                    bar.advance(task)
            ir.kind, ir.encoding = src.kind, src.encoding
            ir.notes.extend(src.notes)
            ir.markings = find_source_markings(src)
            ir.level = _highest(lv for _, lv, _ in ir.markings)
            if ir.markings:
                # a classified source: its text goes nowhere (no policy, no dry-run content)
                continue
            lines = _to_simplified(src.lines, ir.notes, to_simplified)
            lines, marks = take_marks(lines)
            cleaned = clean(lines)
            seg = segment(cleaned.lines, stem=f.stem, joinable=src.kind == "txt")
            assign(marks, seg.documents)
            ir.removed = sorted(cleaned.removed + seg.removed, key=lambda r: (r.line, r.column))
            for doc in seg.documents:
                em = emit(doc, policy_id="", categories=categories, laws=laws, today=today, unit=unit)
                # a file name taken in this run, or by an existing file of another policy (another
                # title), gets -2, -3 …; the same policy's file is the one re-imported (--force)
                slug, n = em.slug, 2
                while (out / f"{slug}.md") in planned or _other_policy(out / f"{slug}.md", doc.title):
                    slug, n = f"{em.slug}-{n}", n + 1
                target = out / f"{slug}.md"
                planned.add(target)
                exists = target.exists()
                pid = existing_id(target) if exists else None
                if pid is None:
                    last += 1
                    pid = f"{prefix}-{last:02d}"
                em = emit(doc, policy_id=pid, categories=categories, laws=laws, today=today, unit=unit)
                status = "dry-run" if dry_run else ("exists" if exists and not force else
                                                     "overwritten" if exists else "written")
                pr = PolicyReport(_rel(target), pid, doc.title, doc.style, status, doc.counts(),
                                  (doc.first_line, doc.last_line),
                                  sorted(doc.uncertain + em.uncertain, key=lambda u: u[0]),
                                  content=em.markdown, title_inferred=doc.title_inferred,
                                  confidence=doc.confidence, evidence=list(doc.evidence),
                                  marks=list(doc.marks.get("_all", [])),
                                  removed=[r for r in ir.removed if doc.first_line <= r.line <= doc.last_line])
                if exists and not force:
                    note = f"{pr.path} 已存在，未覆盖（使用 --force 覆盖）"
                    pr.lint_note = note if not dry_run else f"{pr.path} 已存在；实际导入需要 --force"
                if status in ("written", "overwritten"):
                    write_atomic(target, em.markdown)
                ir.policies.append(pr)
                pending.append((pr, target))
    finally:
        if bar is not None:
            bar.stop()
    if lint:
        _lint_all(pending, config, dry_run)
    return report


def _other_policy(target: Path, title: str) -> bool:
    """Whether `target` is an existing file that holds another policy than the one titled `title`
    (a file without a readable title counts as another: it is never taken over silently)."""
    if not target.exists():
        return False
    had = existing_title(target)
    return had is None or _same(had) != _same(title)


def _same(title: str) -> str:
    """A title as compared with an existing file's: NFKC, without spaces and punctuation (what
    `baomi lint --fix` may have normalised in it)."""
    import unicodedata

    t = unicodedata.normalize("NFKC", title)
    return "".join(ch for ch in t if not unicodedata.category(ch).startswith(("P", "Z", "S")))


def _untemp(message: str, paths: list[Path], todo) -> str:
    """A message of the dry-run lint with the temporary copies named as the files that would be
    written (a dry run never shows a temporary path)."""
    for p, (pr, _) in zip(paths, todo):
        # however the linter wrote the path (absolute, relative, ../..), it ends in DIR/NAME
        rx = re.compile(r"[^\s《》“”‘’（）()，,：:；;]*" + re.escape(f"{p.parent.name}{os.sep}{p.name}"))
        message = rx.sub(lambda _m, path=pr.path: path, message)
        if p.name in message:
            message = message.replace(p.name, pr.path)
    return message


def _lint_all(pending: list[tuple[PolicyReport, Path]], config, dry_run: bool) -> None:
    todo = [(pr, t) for pr, t in pending if pr.status in ("written", "overwritten", "dry-run")]
    if not todo:
        return
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="baomi-import-") as tmp:
            paths = []
            for i, (pr, t) in enumerate(todo):
                p = Path(tmp) / f"{i}-{t.name}"
                p.write_text(pr.content, encoding="utf-8")
                paths.append(p)
            found, note = _lint(paths, config)
            for (pr, _), p in zip(todo, paths):
                pr.lint = [dict(d, path=pr.path, message=_untemp(d.get("message", ""), paths, todo))
                           for d in found.get(os.path.normpath(_rel(p)), [])]
                pr.lint_note = pr.lint_note or note
        return
    found, note = _lint([t for _, t in todo], config)
    for pr, t in todo:
        pr.lint = found.get(os.path.normpath(_rel(t)), [])
        pr.lint_note = pr.lint_note or note
