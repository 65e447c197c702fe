"""Access to the terminology data of the corpus (schemas/terms.yaml, override first)."""

from __future__ import annotations

from ...text import terms


def matcher(corpus) -> terms.TermMatcher:
    """The compiled terms.yaml of this corpus's data set (packaged default if none)."""
    data = corpus.data
    if data is None:
        from ...data import Data

        data = Data()
    return terms.matcher_for(data.load("terms", default={"terms": []}))
