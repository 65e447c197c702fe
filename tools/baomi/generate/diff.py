"""修订对照表: compare two Git revisions of the rule book article by article.

Three layers, each in its own module:

- `generate/align.py`: the alignment of two lists of articles (pure; `align_articles`);
- `baomi/gitutil.py`: Git plumbing (shared with the handbook's `site/history.py`);
- `generate/diff_render.py`: the comparison as a neutral `Document` (rendered as HTML and .docx
  by `baomi.document`) and as plain text.

This module joins them: the policy files of each revision are read with `git ls-tree` /
`git cat-file` (no checkout), parsed with `baomi.parser`, matched by policy id, and their
articles aligned (see `align.align_articles`): 相同 rows are left out, 条号调整 rows say only
how the number changed, 修改 rows carry the changed words, 删除 / 新增 the whole article.

涉密不上网 applies to history too: a revision whose file is classified or carries a 国家秘密
marking *at that revision* (judged by `baomi.guard.policy_is_classified` and
`secret_level_value` on the parsed revision) is never compared or shown; the table says that a
version was withheld (`WITHHELD`), never what it held. Commit subjects and tag names shown in
a header or the 修订记录 are judged the same way.

API for the handbook: `revision_history(config, policy_id)`, `revision_diffs(config, policy_id)`,
`diff_policy(old, new)`, `diff_revisions(config, rev_a, rev_b)`, `withheld(policy)`,
`marked_text(text)`; what shows it (`revision_document`, `render_text`, `render_html`,
`render_policy_html`, `write_docx`) is in `generate/diff_render.py`, which imports this module and
not the reverse; nothing here knows HTML or Word.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import gitutil, grammar
from ..files import markdown_files
from ..gitutil import Revision
from ..guard import policy_is_classified, secret_level_value
from ..lint import UsageError
from ..model import Policy, Status
from ..parser import parse_bytes, parse_text
from .align import KINDS as ALIGN_KINDS, THRESHOLD, Row, align_articles, char_diff  # noqa: F401
from .pledge import article_lines, paragraph_lines  # noqa: F401

KINDS = ("新增", "删除", "修改", "条号调整")       # the kinds a 修订对照表 shows (相同 is left out)
WITHHELD = "该版本含有国家秘密标志或密级标注，已略去"
SUBJECT_WITHHELD = "（提交说明含有国家秘密标志或密级标注，已略去）"


class RevisionError(UsageError):
    """A revision cannot be read (bad name, not a Git repository): one Chinese line, exit 2."""


# --- the guard, per revision ----------------------------------------------------------------------

def withheld(policy: Policy | None) -> bool:
    """True when this version of a policy must not be shown: unreadable (it cannot be judged),
    classified in its front matter, or carrying a 国家秘密 marking anywhere in its text."""
    if policy is None:
        return False
    if not getattr(policy, "readable", True):
        return True
    meta = policy.meta if isinstance(policy.meta, dict) else {}
    return bool(secret_level_value(meta.get("classification")) or policy_is_classified(policy))


_MARKED: dict[str, bool] = {}


def marked_text(text: str | None) -> bool:
    """Does a free text shown next to the tables (a commit subject, a tag) carry a 国家秘密 marking
    or a declared level? Judged by the same guard as a policy, on the text as a policy body."""
    if not text:
        return False
    got = _MARKED.get(text)
    if got is None:
        got = _MARKED[text] = policy_is_classified(parse_text(text, "提交说明", "提交说明"))
        if len(_MARKED) > 10_000:
            _MARKED.clear()
    return got


def safe_revision(rev: Revision, version_withheld: bool = False) -> Revision:
    """The revision as it may be shown: its subject replaced when it, or the file at that
    revision, is withheld."""
    if version_withheld:
        return Revision(rev.commit, rev.date, f"（{WITHHELD}）")
    if marked_text(rev.subject):
        return Revision(rev.commit, rev.date, SUBJECT_WITHHELD)
    return rev


# --- units ------------------------------------------------------------------------------------

@dataclass
class Unit:
    """A comparable block: an article (条款式) or a numbered section (公文式)."""

    label: str            # 第十条 / 一、（二）
    text: str             # display text, one line per 款/项/目
    index: int            # position in the document
    anchor: str
    chapter: str = ""     # title of the chapter the article stands in
    chapter_key: tuple = ()   # the names of the tiers down to that chapter (编, 分编, 章: titles repeat per 编)

    @property
    def display(self) -> str:
        return f"{self.label}\u3000{self.text}" if self.text else self.label


def policy_units(policy: Policy | None) -> list[Unit]:
    if policy is None:
        return []
    if grammar.heading_tree(policy.style):
        out = []
        for i, h in enumerate(policy.walk_headings()):
            lines = ([h.title] if h.title else []) + _block_lines(h.paragraphs, h.tables)
            out.append(Unit(_glabel(policy, h), "\n".join(lines), i, h.anchor))
    else:
        out = []
        for i, a in enumerate(policy.articles):
            # the chapter by its place in the tree: chapter numbers start again in each 编 (刑法, 民法典)
            chain = policy.tiers_at(a.line)
            k = max((j for j, t in enumerate(chain) if t.level == "chapter"), default=None)
            out.append(Unit(a.label, "\n".join(_block_lines(a.paragraphs, a.tables)), i, a.anchor,
                            chain[k].title if k is not None else "",
                            tuple(t.name for t in chain[:k + 1]) if k is not None else ()))
    # the 附件 part: the list, then each attachment body
    if policy.attachments or policy.attachment_notes:
        lines = [a.marker + a.title for a in policy.attachments] + [
            x for p in policy.attachment_notes for x in paragraph_lines(p)]
        out.append(Unit("附件", "\n".join(lines), len(out), "att"))
    for b in policy.attachment_bodies:
        lines = ([b.title] if b.title else []) + _block_lines(b.paragraphs, b.tables)
        out.append(Unit(b.label, "\n".join(lines), len(out), b.anchor))
    return out


def _block_lines(paragraphs, tables) -> list[str]:
    """Display lines of 款 (with their 项/目) and the tables among them, in document order."""
    out = [x for t in tables if t.after == 0 for x in t.lines()]
    for k, p in enumerate(paragraphs):
        out.extend(paragraph_lines(p))
        out.extend(x for t in tables if t.after == k + 1 for x in t.lines())
    return out


def _glabel(policy: Policy, node) -> str:
    path = []

    def find(nodes, trail):
        for n in nodes:
            if n is node:
                path.extend(trail + [n])
                return True
            if find(n.children, trail + [n]):
                return True
        return False

    find(policy.headings, [])
    return "".join(n.marker.raw for n in path) or node.marker.raw


# --- rows -------------------------------------------------------------------------------------

def align(old: list[Unit], new: list[Unit]) -> list[Row]:
    """The rows of a 修订对照表: every changed unit, in the order of the new text (deletions where
    they stood), each with its 修订说明 in `note`."""
    new_chapters = {n.chapter_key for n in new}
    rows = []
    for r in align_articles(old, new):
        o, n = r.old, r.new
        if r.kind == "相同":
            continue
        if o is not None and n is not None:
            moved = ""
            if o.chapter_key and n.chapter_key and o.chapter_key != n.chapter_key and o.chapter_key in new_chapters:
                moved = f"，移至“{n.chapter}”一章"
            renum = f"{o.label}→{n.label}" if o.label != n.label else ""
            if r.kind == "条号调整":
                r.note = f"条号调整：{renum or '位置调整'}{moved}"
            else:
                r.note = "修改" + (f"；条号调整：{renum or '位置调整'}{moved}" if renum or moved else "")
        else:
            r.note = r.kind
        rows.append(r)
    return rows


# --- policies -----------------------------------------------------------------------------------

@dataclass
class PolicyDiff:
    policy_id: str
    old: Policy | None
    new: Policy | None
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)       # title, status, chapters, dates
    withheld: str = ""                                    # why the table is not shown ("" = shown)

    @property
    def title(self) -> str:
        for p in (self.new, self.old):
            if p is not None and not withheld(p) and p.title:
                return p.title
        return self.policy_id

    @property
    def changed(self) -> bool:
        return bool(self.rows or self.notes or self.withheld)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)


def diff_policy(old: Policy | None, new: Policy | None) -> PolicyDiff:
    """Article-by-article comparison of two versions of one policy (either may be None). When
    either version is withheld (see `withheld`), the result has no rows and no notes, only the
    reason in `withheld`."""
    pid = (new and new.id) or (old and old.id) or (new or old).relpath
    pd = PolicyDiff(pid, old, new)
    if withheld(old) or withheld(new):
        pd.withheld = WITHHELD
        clean = [p for p in (new, old) if p is not None and not withheld(p)]
        pd.policy_id = (clean[0].id or clean[0].relpath) if clean else "—"
        return pd
    if old is not None and new is not None:
        for key, name in (("title", "标题"), ("status", "状态"), ("effective", "施行日期"), ("revised", "修订日期")):
            a, b = old.meta.get(key), new.meta.get(key)
            if a != b and (a or b):
                pd.notes.append(f"{name}由“{a or '（无）'}”改为“{b or '（无）'}”")
        pd.notes.extend(_chapter_notes(old, new))
    pd.rows = align(policy_units(old), policy_units(new))
    return pd


def _chapter_notes(old: Policy, new: Policy) -> list[str]:
    a = [c.title for c in old.chapters]
    b = [c.title for c in new.chapters]
    notes = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            notes.extend(f"章名由“{x}”改为“{y}”" for x, y in zip(a[i1:i2], b[j1:j2]))
            continue
        notes.extend(f"删除“{x}”一章" for x in a[i1:i2])
        notes.extend(f"新增“{y}”一章" for y in b[j1:j2])
    return notes


@dataclass
class CorpusDiff:
    rev_a: str
    rev_b: str
    commit_a: str
    commit_b: str
    added: list[Policy] = field(default_factory=list)
    removed: list[Policy] = field(default_factory=list)
    repealed: list[Policy] = field(default_factory=list)
    policies: list[PolicyDiff] = field(default_factory=list)   # changed policies present on both sides
    withheld: int = 0                                          # policies added / removed while withheld
    label_a: str = ""                                          # 2025年3月1日 v1（83f3501）
    label_b: str = ""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.repealed or self.policies or self.withheld)


def _natural(text: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def _key(p: Policy) -> str:
    return p.id or p.relpath


def diff_corpora(old: dict[str, Policy], new: dict[str, Policy], rev_a: str = "", rev_b: str = "",
                 commit_a: str = "", commit_b: str = "") -> CorpusDiff:
    cd = CorpusDiff(rev_a, rev_b, commit_a, commit_b)
    for k in sorted(set(old) | set(new), key=_natural):
        a, b = old.get(k), new.get(k)
        if a is None or b is None:
            p = a if b is None else b
            if withheld(p):
                cd.withheld += 1
            else:
                (cd.added if a is None else cd.removed).append(p)
            continue
        if withheld(a) or withheld(b):
            if withheld(a) and withheld(b):
                cd.withheld += 1
            else:
                cd.policies.append(diff_policy(a, b))
            continue
        if b.status == Status.REPEALED and a.status != Status.REPEALED:
            cd.repealed.append(b)
        if a.text == b.text:
            continue
        pd = diff_policy(a, b)
        if pd.changed:
            cd.policies.append(pd)
    return cd


# --- Git ------------------------------------------------------------------------------------------

def _run(cwd: Path, *args: str, input: bytes | None = None):
    proc = gitutil.run(cwd, *args, input=input)
    if proc is None:
        raise RevisionError("找不到 git 命令，无法读取修订版本")
    return proc


def git_toplevel(path: Path) -> Path:
    proc = _run(path, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        raise RevisionError(f"{path} 不在 Git 仓库中，无法比较修订版本")
    return Path(proc.stdout.decode("utf-8", "replace").strip())


def resolve_revision(top: Path, rev: str) -> str:
    """The commit a revision name stands for, or RevisionError."""
    commit = gitutil.commit_of(top, rev)
    if commit is None:
        if not rev or rev.startswith("-"):
            raise RevisionError(f"修订版本“{rev}”无效")
        raise RevisionError(f"找不到修订版本“{rev}”（应为提交、分支或标签，例如 HEAD~1、v1.0）")
    return commit


def _policies_rel(config, top: Path) -> str:
    try:
        rel = Path(config.policies).resolve().relative_to(top.resolve())
    except ValueError:
        raise RevisionError(f"制度目录 {config.policies} 不在 Git 仓库 {top} 中") from None
    return rel.as_posix() if str(rel) != "." else ""


def read_files(top: Path, commit: str, rel: str) -> dict[str, bytes]:
    """Every policy file (*.md, no hidden directories) under `rel` at `commit`: path -> bytes."""
    listed = gitutil.ls_blobs(top, commit, rel)
    if listed is None:
        raise RevisionError(f"无法读取修订版本 {commit[:10]} 的文件列表")
    entries = []
    for path, sha in listed:
        inner = path[len(rel) + 1:] if rel else path
        if path.endswith(".md") and not any(x.startswith(".") for x in inner.split("/")):
            entries.append((path, sha))
    blobs = gitutil.cat_batch(top, [sha for _, sha in entries])
    if blobs is None:
        raise RevisionError(f"无法读取修订版本 {commit[:10]} 的文件内容")
    return {path: blobs[sha] for path, sha in entries if sha in blobs}


def parse_files(top: Path, files: dict[str, bytes]) -> dict[str, Policy]:
    out: dict[str, Policy] = {}
    for path, data in sorted(files.items()):
        p = parse_bytes(data, top / path, path)
        k = _key(p)
        if k not in out:
            out[k] = p
    return out


def policies_at(config, rev: str | None) -> tuple[dict[str, Policy], str]:
    """Policies of a revision by id (None: the working tree), and the commit id ('' for the tree)."""
    top = git_toplevel(Path(config.root))
    rel = _policies_rel(config, top)
    if rev is None:
        files = {}
        for f in markdown_files(config.policies):
            files[f.resolve().relative_to(top.resolve()).as_posix()] = f.read_bytes()
        return parse_files(top, files), ""
    commit = resolve_revision(top, rev)
    return parse_files(top, read_files(top, commit, rel)), commit


def cn_date(iso: str) -> str:
    """2026-03-05 → 2026年3月5日 (anything else unchanged)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日" if m else (iso or "")


def _short_subject(subject: str, limit: int = 20) -> str:
    subject = subject.strip()
    return subject if len(subject) <= limit else subject[:limit - 1] + "…"


def revision_label(top: Path, rev: str | None, commit: str) -> str:
    """How a revision is named in a table header: its commit date and a readable name (a tag
    pointing at it, else its subject), then the short hash: 2026年3月5日 v1.0（83f3501）.
    Names and subjects that carry a marking are left out."""
    if rev is None or not commit:
        return "工作区（尚未提交的修改）"
    date, subject, tags = gitutil.commit_info(top, commit)
    name = next((t for t in tags if not marked_text(t)), "")
    if not name and subject and not marked_text(subject):
        name = f"“{_short_subject(subject)}”"
    return f"{cn_date(date)}{' ' + name if name and not name.startswith('“') else name}（{commit[:7]}）"


def diff_revisions(config, rev_a: str, rev_b: str | None = None, policy_id: str | None = None) -> CorpusDiff:
    """Compare the rule book at two revisions (`rev_b` None: the working tree)."""
    old, ca = policies_at(config, rev_a)
    new, cb = policies_at(config, rev_b)
    if policy_id is not None:
        if policy_id not in old and policy_id not in new:
            raise RevisionError(f"两个修订版本中都没有编号为 {policy_id} 的制度")
        old = {k: v for k, v in old.items() if k == policy_id}
        new = {k: v for k, v in new.items() if k == policy_id}
    cd = diff_corpora(old, new, rev_a, rev_b or "工作区", ca, cb)
    top = git_toplevel(Path(config.root))
    cd.label_a = revision_label(top, rev_a, ca)
    cd.label_b = revision_label(top, rev_b, cb)
    if rev_b is None and (head := gitutil.commit_of(top, "HEAD")) and gitutil.unchanged(top, _policies_rel(config, top)):
        # the working tree is the last commit: name it so, not as uncommitted changes
        cd.label_b = revision_label(top, "HEAD", head) + "（工作区，无未提交的修改）"
    return cd


def _file_id(path: Path) -> str | None:
    """The `id` of a policy file from its front matter alone (cheap)."""
    from ..frontmatter import parse as parse_front
    from ..reader import read_file

    res = read_file(path)
    if res.text is None:
        return None
    v = parse_front(res.text).meta.get("id")
    return v if isinstance(v, str) else None


def _history(config, policy_id: str, path: Path | str | None = None) -> list[tuple[Revision, str]]:
    """(revision, path of the policy file in that commit), newest first; [] outside Git."""
    try:
        top = git_toplevel(Path(config.root))
        rel = _policies_rel(config, top)
    except RevisionError:
        return []
    if path is not None:
        found = Path(path)
        if not found.is_absolute():
            found = Path.cwd() / found
        try:
            path = found.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            path = None
    if path is None:
        for f in markdown_files(config.policies):
            if _file_id(f) == policy_id:
                path = f.resolve().relative_to(top.resolve()).as_posix()
                break
    if path is None:
        try:
            head = resolve_revision(top, "HEAD")
        except RevisionError:
            return []
        for k, p in parse_files(top, read_files(top, head, rel)).items():
            if k == policy_id:
                path = p.relpath
                break
    if path is None:
        return []
    raw = gitutil.output(top, "log", "--follow", f"--format={gitutil.LOG_FORMAT}", "--name-only", "--", path)
    if raw is None:
        return []
    out = []
    for rev, changes in gitutil.parse_log(raw.decode("utf-8", "replace")):
        names = [c[-1] for c in changes]
        out.append((rev, names[-1] if names else path))
    return out


def _versions(top: Path, hist: list[tuple[Revision, str]]) -> list[Policy | None]:
    blobs = gitutil.cat_batch(top, [f"{r.commit}:{p}" for r, p in hist]) or {}
    return [parse_version(blobs.get(f"{r.commit}:{p}"), top, p) for r, p in hist]


_PARSED: dict[tuple[str, str], Policy] = {}


def parse_version(data: bytes | None, top: Path, path: str) -> Policy | None:
    """One stored version of a policy file, parsed (None when it is missing); identical
    contents are parsed once per process."""
    if data is None:
        return None
    key = (hashlib.sha1(data).hexdigest(), path)
    got = _PARSED.get(key)
    if got is None:
        if len(_PARSED) > 4096:
            _PARSED.clear()
        got = _PARSED[key] = parse_bytes(data, top / path, path)
    return got


def revision_history(config, policy_id: str, path: Path | str | None = None) -> list[Revision]:
    """The commits that changed a policy's file, newest first: (commit, date, subject).
    Follows renames; empty when the rule book is not in Git. Pass the policy's file `path`
    (e.g. `policy.path`) to skip looking the id up. The subject of a revision whose file was
    withheld at that revision (or whose subject itself carries a marking) is replaced."""
    hist = _history(config, policy_id, path)
    if not hist:
        return []
    versions = _versions(git_toplevel(Path(config.root)), hist)
    return [safe_revision(r, withheld(v)) for (r, _), v in zip(hist, versions)]


def revision_diffs(config, policy_id: str, path: Path | str | None = None) -> list[tuple[Revision, PolicyDiff | None]]:
    """For each revision of a policy (newest first), its table against the previous revision
    (None for the first version; a table with `withheld` set when either version is withheld)."""
    hist = _history(config, policy_id, path)
    if not hist:
        return []
    versions = _versions(git_toplevel(Path(config.root)), hist)
    out = []
    for i, (rev, _) in enumerate(hist):
        older = versions[i + 1] if i + 1 < len(versions) else None
        shown = safe_revision(rev, withheld(versions[i]))
        if older is None or versions[i] is None:
            out.append((shown, None))
        else:
            out.append((shown, diff_policy(older, versions[i])))
    return out


