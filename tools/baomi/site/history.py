"""Revision history of every policy page, from Git, in a constant number of git calls.

`generate.diff.revision_history` / `revision_diffs` run one `git log --follow` (and one `git
cat-file`) for each policy; for a whole handbook that is dozens of processes. Here one
`git log --name-status` over the policies directory gives the history of every file (renames
followed), and one `git cat-file --batch` reads every version (Git plumbing: `baomi.gitutil`).
Each version is judged by the publishing guard (`generate.diff.withheld`): the subject of a
revision whose file was classified or marked at that revision is replaced, and its 修订对照表
is replaced by a notice. The comparison itself is `generate.diff.diff_policy`, the table
`generate.diff.render_policy_html`. Outside Git (or without git) every history is empty and
nothing fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import gitutil
from ..generate.diff import PolicyDiff, Revision, diff_policy, parse_version, safe_revision, withheld

DIFF_DEPTH = 3        # revisions of each policy that get a 修订对照表 (newest first)


@dataclass
class History:
    """The commits that changed one policy file, newest first, with the file's path in each.
    Subjects are as they may be shown (`generate.diff.safe_revision`)."""

    path: str                                   # path in the repository (HEAD side)
    revisions: list[tuple[Revision, str]] = field(default_factory=list)
    diffs: dict[str, PolicyDiff | None] = field(default_factory=dict)   # commit → table (None: first version)


def _git(top: Path, *args: str, input: bytes | None = None) -> bytes | None:
    return gitutil.output(top, *args, input=input)


# the Git side (log parsing, following renames) is baomi.gitutil's; kept here by name for callers
parse_log = gitutil.parse_log
follow = gitutil.follow


def _blobs(top: Path, specs: list[str]) -> dict[str, bytes]:
    """`commit:path` → content, in one `git cat-file --batch`."""
    return gitutil.cat_batch(top, specs, runner=_git) or {}


def histories(root: Path, policies_dir: Path, files: list[Path], *, depth: int = DIFF_DEPTH) -> dict[Path, History]:
    """History (and the tables of the `depth` latest revisions) of every file in `files`,
    keyed by the file's resolved path. Empty dict outside Git."""
    base = Path(policies_dir).resolve()
    top = gitutil.toplevel(base if base.is_dir() else Path(root))
    if top is None:
        return {}
    top = top.resolve()
    rels: dict[str, Path] = {}
    for f in files:
        try:
            rels[Path(f).resolve().relative_to(top).as_posix()] = Path(f).resolve()
        except ValueError:
            continue
    if not rels:
        return {}
    try:
        scope = base.relative_to(top).as_posix()
    except ValueError:
        scope = "."
    raw = _git(top, "log", "-M", f"--format={gitutil.LOG_FORMAT}", "--name-status", "--", scope or ".")
    if raw is None:
        return {}
    found = follow(parse_log(raw.decode("utf-8", "replace")), list(rels))
    # every version is read and judged: a revision whose file was classified or carried a
    # marking at that revision is never shown, not even its subject
    wanted: list[str] = []
    for revs in found.values():
        wanted.extend(f"{rev.commit}:{path}" for rev, path in revs)
    blobs = _blobs(top, wanted)

    def version(spec: str):
        return parse_version(blobs.get(spec), top, spec.partition(":")[2])

    out: dict[Path, History] = {}
    for rel, revs in found.items():
        if not revs:
            continue
        h = History(rel, [(safe_revision(rev, withheld(version(f"{rev.commit}:{path}"))), path)
                          for rev, path in revs])
        for i, (rev, path) in enumerate(revs[:depth]):
            new = version(f"{rev.commit}:{path}")
            old = version(f"{revs[i + 1][0].commit}:{revs[i + 1][1]}") if i + 1 < len(revs) else None
            h.diffs[rev.commit] = diff_policy(old, new) if (old is not None and new is not None) else None
        out[rels[rel]] = h
    return out


def render(h: History | None) -> str:
    """The 修订记录 section of a policy page (Markdown heading + HTML block); "" without history."""
    from ..generate.diff import cn_date
    from ..generate.diff_render import render_policy_html
    from .urls import esc

    if h is None or not h.revisions:
        return ""
    rows = []
    for rev, _ in h.revisions:
        rows.append(f'<tr><td class="bm-rev-date">{esc(rev.date)}</td><td>{esc(rev.subject)}</td>'
                    f'<td><code>{esc(rev.commit[:7])}</code></td></tr>')
    out = ["\n## 修订记录 {#revisions .bm-history-h}\n\n",
           '<div class="bm-history">\n',
           f"<p>本制度文件在版本库中共有 {len(h.revisions)} 次修订记录（按时间倒序）。</p>\n",
           '<table class="bm-revisions"><thead><tr><th>日期</th><th>修订说明</th><th>提交</th></tr></thead>'
           "<tbody>" + "".join(rows) + "</tbody></table>\n"]
    for rev, _ in h.revisions:
        if rev.commit not in h.diffs:
            break
        pd = h.diffs[rev.commit]
        if pd is None:
            continue
        summary = f"修订对照表：{esc(cn_date(rev.date))}（{esc(rev.commit[:7])}）与上一版本对照"
        if pd.withheld:
            out.append(f'<div class="bm-revision bm-withheld" data-commit="{esc(rev.commit)}">'
                       f"<p>{summary}：{esc(pd.withheld)}</p></div>\n")
            continue
        if pd.changed:
            counts = "，".join(f"{k}{pd.count(k)}条" for k in ("新增", "删除", "修改", "条号调整") if pd.count(k))
            body = render_policy_html(pd, heading=False)
            summary += f"（{counts}）" if counts else ""
        else:
            body = "<p>本次修订未改动条文（只改动了元数据或格式）。</p>"
        out.append(f'<details class="bm-revision" data-commit="{esc(rev.commit)}">'
                   f"<summary>{summary}</summary>\n{body}\n</details>\n")
    out.append("</div>\n")
    return "".join(out)
