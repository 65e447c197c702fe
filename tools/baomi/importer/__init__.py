"""`baomi import`: turn .docx and .txt rule books into structured policies.

Pipeline (one module each): sources (read) → marks (official marks to front matter) →
clean (remove page furniture, forms in schemas/import.yaml) →
segment (recognise documents and structure) → emit (canonical Markdown + front matter) →
run (write, lint, report). `report` renders the summary as Chinese text or JSON.
"""

from __future__ import annotations

__all__ = ["run"]


def run(*args, **kwargs):
    """Shortcut for :func:`baomi.importer.run.run`."""
    from .run import run as _run

    return _run(*args, **kwargs)
