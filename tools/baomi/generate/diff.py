"""修订对照表: compare two Git revisions of the rule book article by article.

The policy files of each revision are read with `git ls-tree` / `git cat-file` (no checkout),
parsed with `baomi.parser`, matched by policy id, and their articles aligned:

1. articles with identical text are paired first (in document order); if the number changed,
   the row is 条序调整 (renumbered or moved), not a deletion plus an insertion;
2. the remaining articles are paired by text similarity (difflib ratio ≥ `THRESHOLD`, best
   pairs first); such a row is 修改, with the number change noted when there is one;
3. what is left is 删除 (old side) or 新增 (new side).

Within a 修改 row the changed characters are marked (difflib on characters, with one-character
islands folded into the change so the marks read as words).

API for the handbook: `revision_history(config, policy_id)`, `revision_diffs(config, policy_id)`,
`diff_policy(old, new)`, `diff_revisions(config, rev_a, rev_b)`, `render_policy_html(pd)`,
`DIFF_CSS`.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..lint import UsageError
from ..model import Policy
from ..parser import parse_bytes
from .html_util import document, esc, segments_html
from .pledge import paragraph_lines

THRESHOLD = 0.6
KINDS = ("新增", "删除", "修改", "条序调整")


class RevisionError(UsageError):
    """A revision cannot be read (bad name, not a Git repository): one Chinese line, exit 2."""


# --- units ------------------------------------------------------------------------------------

@dataclass
class Unit:
    """A comparable block: an article (条款式) or a numbered section (公文式)."""

    label: str            # 第十条 / 一、（二）
    text: str             # display text, one line per 款/项/目
    index: int            # position in the document
    anchor: str
    chapter: str = ""     # title of the chapter the article stands in

    @property
    def display(self) -> str:
        return f"{self.label}\u3000{self.text}" if self.text else self.label


def policy_units(policy: Policy | None) -> list[Unit]:
    if policy is None:
        return []
    if policy.style == "公文式":
        out = []
        for i, h in enumerate(policy.walk_headings()):
            lines = ([h.title] if h.title else []) + _block_lines(h.paragraphs, h.tables)
            out.append(Unit(_glabel(policy, h), "\n".join(lines), i, h.anchor))
    else:
        chapters = {c.number: c.title for c in policy.chapters}
        out = [Unit(a.label, "\n".join(_block_lines(a.paragraphs, a.tables)), i, a.anchor,
                    chapters.get(a.chapter, "") if a.chapter else "")
               for i, a in enumerate(policy.articles)]
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

@dataclass
class Row:
    kind: str                      # 新增 | 删除 | 修改 | 条序调整
    old: Unit | None
    new: Unit | None
    note: str                      # 修订说明
    ratio: float = 1.0
    old_parts: list[tuple[str, str]] = field(default_factory=list)   # (plain|del, text)
    new_parts: list[tuple[str, str]] = field(default_factory=list)   # (plain|ins, text)

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.label != self.new.label


def char_diff(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Character diff of two texts as (old parts, new parts); changed parts are `del` / `ins`."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segs = [["equal" if tag == "equal" else "change", a[i1:i2], b[j1:j2]]
            for tag, i1, i2, j1, j2 in sm.get_opcodes()]
    out: list[list[str]] = []
    for k, s in enumerate(segs):
        if (s[0] == "equal" and 0 < k < len(segs) - 1 and len(s[1]) <= 1
                and segs[k - 1][0] == "change" and segs[k + 1][0] == "change"):
            s = ["change", s[1], s[2]]
        if out and out[-1][0] == "change" and s[0] == "change":
            out[-1][1] += s[1]
            out[-1][2] += s[2]
        else:
            out.append(list(s))
    old = [("plain" if t == "equal" else "del", x) for t, x, _ in out if x]
    new = [("plain" if t == "equal" else "ins", y) for t, _, y in out if y]
    return old, new


def _ratio(a: str, b: str) -> float:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < THRESHOLD or sm.quick_ratio() < THRESHOLD:
        return 0.0
    return sm.ratio()


def align(old: list[Unit], new: list[Unit]) -> list[Row]:
    """Rows for every changed unit, in the order of the new text (deletions where they stood)."""
    pairs: dict[int, int] = {}          # old index -> new index
    by_text: dict[str, list[int]] = {}
    for o in old:
        by_text.setdefault(o.text, []).append(o.index)
    for n in new:                        # 1. identical text
        cands = by_text.get(n.text)
        if cands:
            pairs[cands.pop(0)] = n.index
    taken_new = set(pairs.values())
    rest_old = [o for o in old if o.index not in pairs]
    rest_new = [n for n in new if n.index not in taken_new]
    scored = []                          # 2. similar text
    for o in rest_old:
        for n in rest_new:
            r = _ratio(o.text, n.text)
            if r >= THRESHOLD:
                scored.append((-r, abs(o.index - n.index), o.index, n.index, r))
    ratios: dict[int, float] = {}
    for _, _, oi, ni, r in sorted(scored):
        if oi in pairs or ni in taken_new:
            continue
        pairs[oi] = ni
        taken_new.add(ni)
        ratios[oi] = r

    rows: list[tuple[tuple, Row]] = []
    new_titles = {n.chapter for n in new}
    for o in old:
        if o.index in pairs:
            n = new[pairs[o.index]]
            if o.text == n.text and o.label == n.label:
                continue
            moved = ""
            if o.chapter and n.chapter and o.chapter != n.chapter and o.chapter in new_titles:
                moved = f"，移至“{n.chapter}”一章"
            renum = f"原{o.label}改为{n.label}" if o.label != n.label else ""
            if o.text == n.text:
                note = f"条序调整：{renum or '位置调整'}{moved}"
                row = Row("条序调整", o, n, note, 1.0, [("plain", o.text)], [("plain", n.text)])
            else:
                note = "修改" + (f"；条序调整：{renum}{moved}" if renum or moved else "")
                op, np_ = char_diff(o.text, n.text)
                row = Row("修改", o, n, note, ratios.get(o.index, 1.0), op, np_)
            rows.append(((n.index, 0, 0), row))
        else:
            prev = [pairs[i] for i in range(o.index) if i in pairs]
            key = (max(prev) if prev else -1, 1, o.index)
            rows.append((key, Row("删除", o, None, "删除", 0.0, [("del", o.text)], [])))
    for n in new:
        if n.index not in taken_new:
            rows.append(((n.index, 0, 0), Row("新增", None, n, "新增", 0.0, [], [("ins", n.text)])))
    return [r for _, r in sorted(rows, key=lambda kr: kr[0])]


# --- policies -----------------------------------------------------------------------------------

@dataclass
class PolicyDiff:
    policy_id: str
    old: Policy | None
    new: Policy | None
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)       # title, status, chapters, dates

    @property
    def title(self) -> str:
        p = self.new or self.old
        return (p.title if p else None) or self.policy_id

    @property
    def changed(self) -> bool:
        return bool(self.rows or self.notes)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)


def diff_policy(old: Policy | None, new: Policy | None) -> PolicyDiff:
    """Article-by-article comparison of two versions of one policy (either may be None)."""
    pid = (new and new.id) or (old and old.id) or (new or old).relpath
    pd = PolicyDiff(pid, old, new)
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

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.repealed or self.policies)


def _natural(text: str) -> list:
    import re

    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def _key(p: Policy) -> str:
    return p.id or p.relpath


def diff_corpora(old: dict[str, Policy], new: dict[str, Policy], rev_a: str = "", rev_b: str = "",
                 commit_a: str = "", commit_b: str = "") -> CorpusDiff:
    cd = CorpusDiff(rev_a, rev_b, commit_a, commit_b)
    for k in sorted(set(old) | set(new), key=_natural):
        a, b = old.get(k), new.get(k)
        if a is None:
            cd.added.append(b)
            continue
        if b is None:
            cd.removed.append(a)
            continue
        if b.status == "废止" and a.status != "废止":
            cd.repealed.append(b)
        if a.text == b.text:
            continue
        pd = diff_policy(a, b)
        if pd.changed:
            cd.policies.append(pd)
    return cd


# --- Git ------------------------------------------------------------------------------------------

def _git(cwd: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], input=input, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise RevisionError("找不到 git 命令，无法读取修订版本") from None


def git_toplevel(path: Path) -> Path:
    proc = _git(path, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        raise RevisionError(f"{path} 不在 Git 仓库中，无法比较修订版本")
    return Path(proc.stdout.decode("utf-8", "replace").strip())


def resolve_revision(top: Path, rev: str) -> str:
    """The commit a revision name stands for, or RevisionError."""
    if not rev or rev.startswith("-"):
        raise RevisionError(f"修订版本“{rev}”无效")
    proc = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if proc.returncode != 0:
        raise RevisionError(f"找不到修订版本“{rev}”（应为提交、分支或标签，例如 HEAD~1、v1.0）")
    return proc.stdout.decode().strip()


def _policies_rel(config, top: Path) -> str:
    try:
        rel = Path(config.policies).resolve().relative_to(top.resolve())
    except ValueError:
        raise RevisionError(f"制度目录 {config.policies} 不在 Git 仓库 {top} 中") from None
    return rel.as_posix() if str(rel) != "." else ""


def read_files(top: Path, commit: str, rel: str) -> dict[str, bytes]:
    """Every policy file (*.md, no hidden directories) under `rel` at `commit`: path -> bytes."""
    args = ["ls-tree", "-r", "-z", commit]
    if rel:
        args += ["--", rel]
    proc = _git(top, *args)
    if proc.returncode != 0:
        raise RevisionError(f"无法读取修订版本 {commit[:10]} 的文件列表")
    entries = []
    for rec in proc.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not rec or "\t" not in rec:
            continue
        info, path = rec.split("\t", 1)
        parts = info.split()
        if len(parts) < 3 or parts[1] != "blob" or not path.endswith(".md"):
            continue
        inner = path[len(rel) + 1:] if rel else path
        if any(x.startswith(".") for x in inner.split("/")):
            continue
        entries.append((path, parts[2]))
    if not entries:
        return {}
    batch = _git(top, "cat-file", "--batch", input="".join(f"{sha}\n" for _, sha in entries).encode())
    if batch.returncode != 0:
        raise RevisionError(f"无法读取修订版本 {commit[:10]} 的文件内容")
    out, data, pos = {}, batch.stdout, 0
    for path, sha in entries:
        nl = data.index(b"\n", pos)
        header = data[pos:nl].split()
        size = int(header[2])
        out[path] = data[nl + 1:nl + 1 + size]
        pos = nl + 1 + size + 1
    return out


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
        base = Path(config.policies)
        if base.is_dir():
            for f in sorted(base.rglob("*.md")):
                if any(x.startswith(".") for x in f.relative_to(base).parts):
                    continue
                files[f.resolve().relative_to(top.resolve()).as_posix()] = f.read_bytes()
        return parse_files(top, files), ""
    commit = resolve_revision(top, rev)
    return parse_files(top, read_files(top, commit, rel)), commit


def diff_revisions(config, rev_a: str, rev_b: str | None = None, policy_id: str | None = None) -> CorpusDiff:
    """Compare the rule book at two revisions (`rev_b` None: the working tree)."""
    old, ca = policies_at(config, rev_a)
    new, cb = policies_at(config, rev_b)
    if policy_id is not None:
        if policy_id not in old and policy_id not in new:
            raise RevisionError(f"两个修订版本中都没有编号为 {policy_id} 的制度")
        old = {k: v for k, v in old.items() if k == policy_id}
        new = {k: v for k, v in new.items() if k == policy_id}
    return diff_corpora(old, new, rev_a, rev_b or "工作区", ca, cb)


class Revision(NamedTuple):
    commit: str
    date: str          # YYYY-MM-DD (author date)
    subject: str


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
    base = Path(config.policies)
    if path is None and base.is_dir():
        for f in sorted(base.rglob("*.md")):
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
    proc = _git(top, "log", "--follow", "--format=%x1e%H%x1f%as%x1f%s", "--name-only", "--", path)
    if proc.returncode != 0:
        return []
    out = []
    for rec in proc.stdout.decode("utf-8", "replace").split("\x1e"):
        if not rec.strip():
            continue
        head, _, rest = rec.partition("\n")
        commit, date, subject = (head.split("\x1f") + ["", ""])[:3]
        names = [x for x in rest.split("\n") if x.strip()]
        out.append((Revision(commit, date, subject), names[-1] if names else path))
    return out


def revision_history(config, policy_id: str, path: Path | str | None = None) -> list[Revision]:
    """The commits that changed a policy's file, newest first: (commit, date, subject).
    Follows renames; empty when the rule book is not in Git. Pass the policy's file `path`
    (e.g. `policy.path`) to skip looking the id up."""
    return [r for r, _ in _history(config, policy_id, path)]


def _policy_at(top: Path, commit: str, path: str) -> Policy | None:
    proc = _git(top, "show", f"{commit}:{path}")
    if proc.returncode != 0:
        return None
    return parse_bytes(proc.stdout, top / path, path)


def revision_diffs(config, policy_id: str, path: Path | str | None = None) -> list[tuple[Revision, PolicyDiff | None]]:
    """For each revision of a policy (newest first), its table against the previous revision
    (None for the first version)."""
    hist = _history(config, policy_id, path)
    if not hist:
        return []
    top = git_toplevel(Path(config.root))
    versions = [_policy_at(top, r.commit, path) for r, path in hist]
    out = []
    for i, (rev, _) in enumerate(hist):
        older = versions[i + 1] if i + 1 < len(versions) else None
        if older is None or versions[i] is None:
            out.append((rev, None))
        else:
            out.append((rev, diff_policy(older, versions[i])))
    return out


# --- rendering --------------------------------------------------------------------------------------

def _short(commit: str) -> str:
    return commit[:7] if commit else ""


def _rev_label(rev: str, commit: str) -> str:
    short = _short(commit)
    return f"{rev}（{short}）" if short and not commit.startswith(rev) else (short or rev)


def _policy_name(p: Policy) -> str:
    return f"{p.id + ' ' if p.id else ''}《{p.title or p.relpath}》"


def _cell_parts(unit: Unit | None, parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if unit is None:
        return []
    return [("bold", unit.label), ("plain", "\u3000")] + parts


def _text_parts(parts: list[tuple[str, str]]) -> str:
    out = []
    for style, t in parts:
        if style == "ins":
            out.append(f"[+{t}+]")
        elif style == "del":
            out.append(f"[-{t}-]")
        else:
            out.append(t)
    return "".join(out)


def _summary_lines(cd: CorpusDiff) -> list[str]:
    lines = []
    for title, items in (("新增制度", cd.added), ("删除制度", cd.removed), ("废止制度", cd.repealed)):
        for p in items:
            extra = "（草案）" if title == "新增制度" and p.status == "草案" else ""
            lines.append(f"{title}：{_policy_name(p)}{extra}")
    return lines


def render_text(cd: CorpusDiff) -> str:
    out = [f"修订对照表：{_rev_label(cd.rev_a, cd.commit_a)} → {_rev_label(cd.rev_b, cd.commit_b)}", ""]
    summary = _summary_lines(cd)
    if summary:
        out.extend(summary)
        out.append("")
    if cd.empty:
        out.append("两个修订版本的制度条文没有差异。")
    for pd in cd.policies:
        out.append(f"{pd.policy_id} 《{pd.title}》")
        out.extend(f"  {n}" for n in pd.notes)
        for r in pd.rows:
            if r.kind == "条序调整":
                out.append(f"  【条序调整】{r.note.removeprefix('条序调整：')}")
                out.append(f"    条文：{_indent(r.new.text)}")
                continue
            if r.kind == "修改":
                head = r.new.label + (f"（原{r.old.label}）" if r.renumbered else "")
                moved = r.note.partition("，")[2]
                head += f"（{moved}）" if moved else ""
            else:
                head = (r.new or r.old).label
            out.append(f"  【{r.kind}】{head}")
            if r.old is not None:
                out.append(f"    原：{_indent(_text_parts(r.old_parts))}")
            if r.new is not None:
                out.append(f"    新：{_indent(_text_parts(r.new_parts))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _indent(text: str) -> str:
    return text.replace("\n", "\n        ")


DIFF_CSS = """
table.bm-diff { table-layout: fixed; margin: 0.5em 0 1.5em; }
table.bm-diff col.bm-col-text { width: 40%; }
table.bm-diff col.bm-col-note { width: 20%; }
table.bm-diff td { white-space: normal; word-break: break-all; }
table.bm-diff tr.bm-kind-条序调整 td { color: #444; }
.bm-diff-notes { margin: 0.3em 0; padding-left: 1.5em; }
"""


def render_policy_html(pd: PolicyDiff, heading: bool = True, level: int = 2) -> str:
    """One policy's table (原条文 | 修订后条文 | 修订说明) as an HTML fragment."""
    out = []
    if heading:
        out.append(f"<h{level}>{esc(pd.policy_id)} 《{esc(pd.title)}》</h{level}>")
    if pd.notes:
        out.append('<ul class="bm-diff-notes">' + "".join(f"<li>{esc(n)}</li>" for n in pd.notes) + "</ul>")
    if pd.rows:
        out.append('<table class="bm-diff"><colgroup><col class="bm-col-text"><col class="bm-col-text">'
                   '<col class="bm-col-note"></colgroup>')
        out.append("<thead><tr><th>原条文</th><th>修订后条文</th><th>修订说明</th></tr></thead><tbody>")
        for r in pd.rows:
            old = segments_html(_cell_parts(r.old, r.old_parts))
            new = segments_html(_cell_parts(r.new, r.new_parts))
            out.append(f'<tr class="bm-kind-{esc(r.kind)}" data-kind="{esc(r.kind)}"><td>{old}</td>'
                       f"<td>{new}</td><td>{esc(r.note)}</td></tr>")
        out.append("</tbody></table>")
    return "\n".join(out)


def render_html(cd: CorpusDiff) -> str:
    title = "修订对照表"
    body = [f"<h1>{title}</h1>",
            f"<p>{esc(_rev_label(cd.rev_a, cd.commit_a))} → {esc(_rev_label(cd.rev_b, cd.commit_b))}</p>"]
    summary = _summary_lines(cd)
    if summary:
        body.append('<ul class="bm-diff-notes">' + "".join(f"<li>{esc(s)}</li>" for s in summary) + "</ul>")
    if cd.empty:
        body.append("<p>两个修订版本的制度条文没有差异。</p>")
    body.extend(render_policy_html(pd) for pd in cd.policies)
    return document(title, "\n".join(body), DIFF_CSS, wide=True)


def build_docx(cd: CorpusDiff):
    from docx.shared import Cm

    from . import docx_util as du

    doc = du.new_document(landscape=True, title="修订对照表")
    du.add_title(doc, "修订对照表")
    du.add_text(doc, f"{_rev_label(cd.rev_a, cd.commit_a)} → {_rev_label(cd.rev_b, cd.commit_b)}",
                size=du.SMALL_SIZE, align="center")
    for line in _summary_lines(cd):
        du.add_text(doc, line, size=du.SMALL_SIZE)
    if cd.empty:
        du.add_text(doc, "两个修订版本的制度条文没有差异。", size=du.SMALL_SIZE)
    for pd in cd.policies:
        du.add_text(doc, f"{pd.policy_id} 《{pd.title}》", font=du.HEADING_FONT, size=du.SMALL_SIZE)
        for n in pd.notes:
            du.add_text(doc, n, size=du.TABLE_SIZE)
        if not pd.rows:
            continue
        table = du.add_table(doc, ["原条文", "修订后条文", "修订说明"],
                             widths=[Cm(10.5), Cm(10.5), Cm(4.7)])
        for r in pd.rows:
            cells = table.add_row().cells
            for cell, w in zip(cells, (Cm(10.5), Cm(10.5), Cm(4.7))):
                cell.width = w
            du.set_cell(cells[0], _cell_parts(r.old, r.old_parts))
            du.set_cell(cells[1], _cell_parts(r.new, r.new_parts))
            du.set_cell(cells[2], r.note)
    return doc


def write_docx(cd: CorpusDiff, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(cd).save(str(path))
    return path
