"""Shared by the front-matter rules: turn the reader's problems of one kind into diagnostics."""

from __future__ import annotations


def problems_of(rule, policy, *kinds):
    for p in policy.problems:
        if p.kind in kinds:
            yield rule.diag(policy, p.line, p.col, p.message, end_col=p.end_col)
