"""Helpers shared by the structure rules."""

from __future__ import annotations

from ...datamodel import FALLBACK_GENRES, Genres


def genres(data=None) -> Genres:
    """genres.yaml of the data set, typed (baomi.datamodel.Genres); the built-in genres without one."""
    return data.genres if data is not None else FALLBACK_GENRES


def self_name(title: str | None, data=None) -> str | None:
    """本制度 for 涉密人员保密管理制度; None when the title ends with no known kind of document."""
    names = genres(data).self_names(title)
    return names[0] if names else None


def last_char_pos(policy, line: int) -> tuple[int, str] | None:
    """(column, char) of the last non-blank character of a line."""
    lines = policy.lines
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1].rstrip(" \t\\")
    if not text:
        return None
    return len(text), text[-1]
