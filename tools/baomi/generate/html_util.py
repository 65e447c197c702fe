"""Shared helpers for generated HTML documents, now in `baomi.document.html_render` (the HTML
renderer of the neutral document model); kept so that older imports keep working."""

from __future__ import annotations

# the one escaping helper (baomi.htmlsafe), re-exported for the document generators
from ..htmlsafe import esc, esc_lines, href, html_id  # noqa: F401
from ..document.html_render import (  # noqa: F401
    BODY_FONTS, PRINT_CSS, SANS_FONTS, TITLE_FONTS, document, segments_html,
)
