"""Glue shared by the language rules (terminology, punctuation, script, marking).

A language rule runs a pure text check (`baomi.text.*`) over every prose span of a policy and
turns each `Finding` of its kind into a diagnostic with exact line/column and a fix edit.
Checks that serve several rules (punctuation: five rules, one pass) are run once per policy
and span: a registered per-file fact (`span_fact`, see `baomi.facts`) that the rules declare,
`facts = ("lang.punct",)`, and the engine computes before they run. Its value is plain data,
(index of the span in `policy.prose`, `Finding`) pairs, so that it can be shipped and kept.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ...facts import FACTS, fact
from ..base import Edit, Rule


def span_fact(name: str, finder: Callable, doc: str = "") -> None:
    """Register fact `name`: the findings over `policy.prose` of the text check
    `finder(policy, corpus)` (a function str -> [Finding]), as [(span index, Finding)]."""
    def compute(policy, corpus) -> list:
        fn = finder(policy, corpus)
        return [(i, f) for i, span in enumerate(policy.prose) for f in fn(span.text)]

    compute.__qualname__ = f"span_fact[{name}]"
    compute.__doc__ = doc
    fact(name)(compute)


def fact_pairs(policy, name: str, corpus=None) -> list[tuple[object, object]]:
    """(span, finding) pairs of the span fact `name` of `policy`: the run's (`corpus.facts`),
    else computed now."""
    facts = getattr(corpus, "facts", None)
    value = facts.value(policy, name, corpus) if facts is not None else FACTS[name].compute(policy, corpus)
    prose = policy.prose
    return [(prose[i], f) for i, f in value]


def span_findings(policy, key: str, fn: Callable[[str], list], corpus=None) -> list[tuple[object, object]]:
    """(span, finding) pairs of `fn` over `policy.prose`, computed once per policy and key in a
    run (the undeclared fact `lang.<key>` of the file in `corpus.facts`, computed lazily; without
    a corpus, every time). The shipped rules declare registered facts instead (`fact_pairs`)."""
    if f"lang.{key}" in FACTS:          # a registered fact holds span indices: read it as such
        return fact_pairs(policy, f"lang.{key}", corpus)

    def compute() -> list:
        return [(span, f) for span in policy.prose for f in fn(span.text)]

    facts = getattr(corpus, "facts", None)
    return compute() if facts is None else facts.file_fact(policy, f"lang.{key}", compute)


class SpanRule(Rule):
    """A rule that reports the findings of one kind (or kinds) of a shared text check."""

    kinds: tuple[str, ...] = ()

    def findings(self, policy, corpus) -> list[tuple[object, object]]:
        raise NotImplementedError

    def emit(self, policy, pairs: Iterable[tuple[object, object]]) -> Iterator:
        for span, f in pairs:
            if self.kinds and f.kind not in self.kinds:
                continue
            col, end = span.col + f.start, span.col + f.end
            fix = None
            if self.fixable and f.replacement is not None:
                a, b = f.fix_range
                fix = [Edit(policy.relpath, span.line, span.col + a, span.line, span.col + b, f.replacement)]
            yield self.diag(policy, span.line, col, f.message, end_line=span.line, end_col=end,
                            fix=fix, severity=getattr(f, "severity", None) or None)

    def check(self, policy, corpus):
        return self.emit(policy, self.findings(policy, corpus))
