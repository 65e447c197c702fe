"""Git plumbing shared by `baomi diff` (generate/diff.py) and the handbook's revision history
(site/history.py): the only module that runs git — one runner, the parsers of the few commands
we use, and following a file through renames in a log. Nothing here checks out a revision;
files are read with `git ls-tree` / `git cat-file --batch`.

`run` returns the finished process, or None when git cannot be started at all (not installed,
timeout); callers decide whether that is an error (`baomi diff`) or just "no history" (the
handbook).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple

TIMEOUT = 120
# one record per commit: RS, then hash, author date (YYYY-MM-DD), subject, separated by US
LOG_FORMAT = "%x1e%H%x1f%as%x1f%s"


class Revision(NamedTuple):
    commit: str
    date: str          # YYYY-MM-DD (author date)
    subject: str


def run(top: Path | str, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess | None:
    """`git -C top args…` with paths printed unquoted; None when git cannot run."""
    try:
        return subprocess.run(["git", "-C", str(top), "-c", "core.quotePath=false", *args],
                              input=input, capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None


def output(top: Path | str, *args: str, input: bytes | None = None) -> bytes | None:
    """stdout of a successful git command, else None."""
    proc = run(top, *args, input=input)
    return proc.stdout if proc is not None and proc.returncode == 0 else None


def toplevel(path: Path | str) -> Path | None:
    """The work tree root of the Git repository holding `path`, or None."""
    out = output(path, "rev-parse", "--show-toplevel")
    if not out:
        return None
    return Path(out.decode("utf-8", "replace").strip())


def commit_of(top: Path, rev: str) -> str | None:
    """The commit a revision name stands for, or None (names starting with '-' are refused)."""
    if not rev or rev.startswith("-"):
        return None
    out = output(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return out.decode().strip() if out else None


def unchanged(top: Path, rel: str = "") -> bool:
    """True when the work tree below `rel` holds exactly what HEAD holds there: no change, staged
    or not, and no untracked file git would not ignore (False when git cannot tell)."""
    out = output(top, "status", "--porcelain", "--untracked-files=all", "--", rel or ".")
    return out is not None and not out.strip()


def commit_info(top: Path, commit: str) -> tuple[str, str, list[str]]:
    """(commit date YYYY-MM-DD, subject, tags pointing at it) of one commit; blanks when unknown."""
    out = output(top, "log", "-1", "--format=%cs%x1f%s", commit, "--")
    date, _, subject = (out or b"").decode("utf-8", "replace").strip("\n").partition("\x1f")
    tags = output(top, "tag", "--points-at", commit) or b""
    return date, subject, [t for t in tags.decode("utf-8", "replace").split("\n") if t.strip()]


def ls_blobs(top: Path, commit: str, rel: str = "") -> list[tuple[str, str]] | None:
    """(path, blob id) of every file under `rel` at `commit`; None when the tree cannot be read."""
    args = ["ls-tree", "-r", "-z", commit]
    if rel:
        args += ["--", rel]
    out = output(top, *args)
    if out is None:
        return None
    entries = []
    for rec in out.decode("utf-8", "surrogateescape").split("\0"):
        if not rec or "\t" not in rec:
            continue
        info, path = rec.split("\t", 1)
        parts = info.split()
        if len(parts) >= 3 and parts[1] == "blob":
            entries.append((path, parts[2]))
    return entries


def cat_batch(top: Path, specs: list[str], runner=None) -> dict[str, bytes] | None:
    """`git cat-file --batch` of object names (blob ids or `commit:path`) → content; names git
    does not find are left out. None when git fails. `runner` (default `output`) runs git."""
    if not specs:
        return {}
    data = (runner or output)(top, "cat-file", "--batch", input="".join(f"{s}\n" for s in specs).encode("utf-8"))
    if data is None:
        return None
    out, pos = {}, 0
    for spec in specs:
        nl = data.find(b"\n", pos)
        if nl < 0:
            break
        header = data[pos:nl].split()
        if len(header) < 3 or header[-1] == b"missing":
            pos = nl + 1
            continue
        size = int(header[2])
        out[spec] = data[nl + 1:nl + 1 + size]
        pos = nl + 1 + size + 1
    return out


def parse_log(raw: str) -> list[tuple[Revision, list[tuple[str, ...]]]]:
    """`git log --format=LOG_FORMAT --name-status` (or `--name-only`) → [(revision, changes)];
    a change is (status letter, path…) with --name-status, ("", path) with --name-only."""
    out = []
    for rec in raw.split("\x1e"):
        if not rec.strip():
            continue
        head, _, rest = rec.partition("\n")
        commit, date, subject = (head.split("\x1f") + ["", ""])[:3]
        changes = []
        for line in rest.split("\n"):
            if "\t" in line:
                parts = line.split("\t")
                changes.append((parts[0][:1], *parts[1:]))
            elif line.strip():
                changes.append(("", line))
        out.append((Revision(commit, date, subject), changes))
    return out


def follow(log: list[tuple[Revision, list[tuple[str, ...]]]], paths: list[str]) -> dict[str, list[tuple[Revision, str]]]:
    """For each current path, the commits (newest first) that touched it, following renames
    backwards; a path's history stops at the commit that added it."""
    tracked = {p: p for p in paths}          # current path → name at the point reached
    alive = set(paths)
    out: dict[str, list[tuple[Revision, str]]] = {p: [] for p in paths}
    for rev, changes in log:
        if not alive:
            break
        by_new: dict[str, tuple[str, ...]] = {}
        for ch in changes:
            by_new[ch[-1]] = ch
        for cur in list(alive):
            ch = by_new.get(tracked[cur])
            if ch is None:
                continue
            status = ch[0]
            if status == "D":
                alive.discard(cur)
                continue
            out[cur].append((rev, tracked[cur]))
            if status == "A":
                alive.discard(cur)
            elif status in ("R", "C") and len(ch) >= 3:
                if status == "R":
                    tracked[cur] = ch[1]
                else:
                    alive.discard(cur)
    return out
