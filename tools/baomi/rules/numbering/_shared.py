"""Helpers shared by the numbering rules: labels and the sequence message."""

from __future__ import annotations

from ... import grammar
from ...numerals import to_chinese


def cn(n: int | None) -> str:
    return to_chinese(n) if isinstance(n, int) and 0 < n <= 99_999_999 else "?"


def unit_label(unit: str, n: int | None) -> str:
    """第十条 · 第二章 · 第一节 · （三） · 1. (the grammar's, numerals out of range as "?")"""
    return grammar.unit_label(unit, n, cn=cn)


def sequence_problem(prev: int | None, got: int | None, unit: str, first_label: str = "",
                     pos: int | None = None) -> str | None:
    """Message when `got` does not follow `prev` (None: it is the first one), else None.

    `pos` is the 1-based position among its siblings: a number that is right for its position is
    not reported again after an error before it (one wrong number, one diagnostic).
    """
    if got is None:
        return None
    expected = 1 if prev is None else prev + 1
    if got == expected or (pos is not None and got == pos):
        return None
    label = lambda n: unit_label(unit, n)
    if prev is None:
        head = f"{first_label}第一个应为{label(1)}"
    else:
        head = f"{label(prev)}之后应为{label(expected)}"
    if prev is not None and got == prev:
        tail = "（重复）"
    elif prev is not None and got < prev:
        tail = "（顺序颠倒）"
    elif got > expected:
        tail = "（跳号）"
    else:
        tail = ""
    return f"{head}，实为{label(got)}{tail}"


def renumber_findings(rule, policy, nodes, unit: str, first_label: str, plan_of, after: int | None = None):
    """One finding per number out of sequence among `nodes` (chapters, or articles without 之N);
    the first carries the renumbering fix of `plan_of()`, or says why there is none. `after`: the
    number the first node follows (None: the first must be number one)."""
    prev = after
    planned = False
    for pos, node in enumerate(nodes, 1):
        msg = sequence_problem(prev, node.number, unit, first_label, pos)
        if msg:
            fix = []
            if not planned:
                plan = plan_of()
                if plan.blocked:
                    msg += f"；不能自动重排：{plan.blocked}"
                else:
                    fix = plan.edits
                planned = True
            m = node.marker
            yield rule.diag(policy, m.line, m.col, msg, end_line=m.line, end_col=m.end_col, fix=fix)
        if node.number is not None:
            prev = node.number
