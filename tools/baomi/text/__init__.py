"""Pure text checks over one line of prose: punctuation, terminology, script and 密级 markings.

Every function takes a string (a prose span, code and URLs already masked with U+FFFC) and
returns `Finding`s with string offsets; the rules in `baomi.rules.{punctuation,terminology,
script,marking}` turn them into diagnostics with exact line/column. Nothing here imports the
policy model, so these functions can be reused by other tools (import, the site, the
publishing guard).
"""

from .finding import Finding

__all__ = ["Finding"]
