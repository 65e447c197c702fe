"""Errors every layer may raise and the command line turns into an exit status."""

from __future__ import annotations


class UsageError(Exception):
    """The command cannot run (missing path …): one Chinese line, exit 2."""
