"""上网不涉密、涉密不上网: recognise what marks a file as carrying state secrets.

The guard judges what a reader will see (baomi.visible: NFKC, invisible characters, spaces and
soft line breaks removed, quotes, brackets and Markdown markup seen through, Traditional forms)
in everything that is published from a policy: the body (every unit, heading, table, link text
and image alt text), the file name and every front-matter value (title, scope, owner…); and in
the comments of the front matter (``owner: 保密办公室  # 秘密★10年``), which are published nowhere
but stay in the repository with the file. What counts as a marking and what as a mention is
defined once, in baomi.visible.

Stable API (used by the site, the generators, import and history):
`policy_is_classified(policy)`, `secret_level_value(value)`, `text_is_classified(text)`,
`find_markings(text)`, `policy_markings(policy)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote

from .visible import TRIGGER, Marking, find_markings, secret_level_value, text_is_classified

LEVEL_KEYS = ("classification", "密级")

__all__ = ["Found", "Marking", "find_markings", "front_matter_comments", "markings_in_line", "one_line",
           "policy_is_classified", "policy_markings", "secret_level_value", "text_is_classified", "LEVEL_KEYS"]

COMMENTS = "前置元数据的注释"
_BREAKS = str.maketrans({c: "⏎" for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def one_line(raw: str) -> str:
    """`raw` (a marking as written, possibly over several lines) on one line: every line break
    shown as ⏎, for a message that must stay one line."""
    return raw.replace("\r\n", "\n").translate(_BREAKS)


@dataclass(frozen=True, slots=True)
class Found:
    """A marking in a policy: `where` (正文 / 文件名 / 前置元数据“title”), 1-based line and column
    of its start and end in the file as stored."""

    where: str
    line: int
    col: int
    end_line: int
    end_col: int
    marking: Marking


def markings_in_line(text: str) -> list[tuple[int, int, str]]:
    """(start, end, marking as written) of every 国家秘密 marking in one line (mentions excluded)."""
    return [(k.start, k.end, k.text) for k in find_markings(text)]


def _position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line = first_line + text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _meta_strings(value, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield path, str(k)
            yield from _meta_strings(v, path)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _meta_strings(v, path)


def file_name_markings(relpath: str) -> list[Marking]:
    """Markings in a file's path as published (URL-decoded; - _ . read as spaces, .md dropped)."""
    p = PurePosixPath(str(relpath).replace("\\", "/"))
    parts = list(p.parent.parts) + [p.stem if p.suffix.lower() in (".md", ".markdown") else p.name]
    out = []
    for part in parts:
        seen = unquote(part)
        for ch in "-_.+~":
            seen = seen.replace(ch, " ")
        out.extend(find_markings(seen, markdown=False))
    return out


def _comment_tokens(c):
    if c is None:
        return
    if isinstance(c, list):
        for x in c:
            yield from _comment_tokens(x)
    elif hasattr(c, "value") and hasattr(c, "start_mark"):
        yield c


def _comment_starts(lines: list[str]) -> list[tuple[int, int]] | None:
    """(line index, column of the #) of every YAML comment, as ruamel's round-trip scanner reads
    them (a # inside a quoted value or a block scalar is no comment); None if it cannot scan."""
    from ruamel.yaml import YAML

    try:
        tokens = list(YAML(typ="rt").scan("\n".join(lines)))
    except Exception:  # ruamel raises many error types: the caller falls back to every #
        return None
    out: list[tuple[int, int]] = []
    for tok in tokens:
        for c in _comment_tokens(getattr(tok, "_comment", None)):
            i = max(0, c.start_mark.line - 1)      # the mark is on, or one line before, the first #
            for piece in str(c.value).split("\n"):
                piece = piece.strip()
                if not piece.startswith("#"):
                    continue
                for j in range(i, len(lines)):
                    line = lines[j].rstrip()
                    if line.endswith(piece):
                        out.append((j, len(line) - len(piece)))
                        i = j + 1
                        break
    return sorted(set(out))


def front_matter_comments(text: str) -> tuple[str, int]:
    """The comments of the front matter of `text`, as a text of the front matter's lines in which
    everything but the comments (and their #) is blanked out, so that offsets keep their line and
    column; and the file line of its first line. ("", 0) when there is no comment to judge."""
    from .frontmatter import split

    yaml_text, close = split(text)
    if yaml_text is None:
        if close != -1:
            return "", 0
        yaml_text = "\n".join(text.split("\n")[1:])      # never closed: every line after the ---
    if "#" not in yaml_text or not TRIGGER.search(yaml_text):
        return "", 0
    lines = yaml_text.split("\n")
    starts = _comment_starts(lines)
    if starts is None:     # not YAML: every # at a line's start or after a space opens a comment
        starts = []
        for j, line in enumerate(lines):
            k = next((k for k, ch in enumerate(line) if ch == "#" and (k == 0 or line[k - 1] in " \t")), None)
            if k is not None:
                starts.append((j, k))
    out = [" " * len(line) for line in lines]
    for j, k in starts:
        out[j] = " " * (k + 1) + lines[j][k + 1:]
    return "\n".join(out), 2


def policy_markings(policy, *, level_keys: bool = False) -> list[Found]:
    """Every marking a reader of the published policy would see: file name, front-matter values
    (`level_keys`: also the classification / 密级 values, which BM901 reports), body; and every
    marking in a comment of the front matter (published nowhere, but kept in the repository)."""
    out: list[Found] = []
    for k in file_name_markings(getattr(policy, "relpath", "") or ""):
        out.append(Found("文件名", 1, 1, 1, 1, k))
    meta = policy.meta if isinstance(getattr(policy, "meta", None), dict) else {}
    for key, value in meta.items():
        if key in LEVEL_KEYS and not level_keys:
            continue
        line = policy.meta_line(key) if hasattr(policy, "meta_line") else 1
        for where, s in _meta_strings(value, str(key)):
            for k in find_markings(s):
                out.append(Found(f"前置元数据“{where}”", line, 1, line, 1, k))
        for k in find_markings(str(key)):
            out.append(Found(f"前置元数据“{key}”", line, 1, line, 1, k))
    text = getattr(policy, "text", "") or ""
    comments, first = front_matter_comments(text)
    for k in find_markings(comments, markdown=False) if comments else ():
        line, col = _position(comments, k.start, first)
        end_line, end_col = _position(comments, k.end, first)
        out.append(Found(COMMENTS, line, col, end_line, end_col, k))
    start = max(1, getattr(policy, "body_start", 1) or 1)
    lines = text.split("\n")
    body = "\n".join(lines[start - 1:])
    for k in find_markings(body):
        line, col = _position(body, k.start, start)
        end_line, end_col = _position(body, k.end, start)
        out.append(Found("正文", line, col, end_line, end_col, k))
    return out


def policy_is_classified(policy) -> bool:
    """True when the policy must never be published: secret front matter or a marking anywhere a
    reader would see it."""
    meta = policy.meta if isinstance(getattr(policy, "meta", None), dict) else {}
    if any(secret_level_value(meta.get(k)) for k in LEVEL_KEYS):
        return True
    return bool(policy_markings(policy))
