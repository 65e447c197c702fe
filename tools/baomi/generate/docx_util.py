"""Moved to `baomi.document.docx_util` (the python-docx helpers of the form renderer
`document.form_docx`); kept so that `from baomi.generate import docx_util` still works."""

from ..document.docx_util import *  # noqa: F401,F403
from ..document.docx_util import CELL_MARGINS_CM, cell_text, east_asia_font, is_header_row, text_width_cm  # noqa: F401
