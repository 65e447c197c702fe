"""Helpers shared by the structure rules."""

from __future__ import annotations

SELF_NAMES = ("实施细则", "制度", "规定", "办法", "细则", "守则", "规则", "准则", "方案", "条例")


def self_name(title: str | None) -> str | None:
    """本制度 for 涉密人员保密管理制度; None when the title ends with no known kind of document."""
    if not title:
        return None
    for n in SELF_NAMES:
        if title.endswith(n):
            return "本" + ("细则" if n == "实施细则" else n)
    return None


def last_char_pos(policy, line: int) -> tuple[int, str] | None:
    """(column, char) of the last non-blank character of a line."""
    lines = policy.lines
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1].rstrip(" \t\\")
    if not text:
        return None
    return len(text), text[-1]
