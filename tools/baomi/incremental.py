"""Re-lint after a few files changed, without loading the whole corpus again.

A whole-corpus lint leaves a *state* in the cache (`.baomi-cache/state/`): for every file its
content key, the findings of the local rules and of the cross-file rules, its *interface*
(what other files can observe of it: id, title, status, category and outline — chapters,
sections, article numbers, counts of 款, 项 and 目) and the names it gives in 《》, plus a light
copy of the policy (front matter and text, no parsed body) for the corpus-wide checks.

The next run reads every file and computes its content key. If nothing changed, the stored
findings are the answer. Otherwise only the changed files are parsed, and the cross-file rules
run again on:

- the changed files;
- the files that name, in 《》, a policy whose interface changed or that was added or removed
  (their citations now resolve differently), under its old or its new title;
- when the set of titles changed, the files with findings of rules marked `title_set`
  (an unknown title's closest match, a name in 《》 taken for a policy or a law);
- the policies named by a changed file, before or after the change, whose findings depend on
  citations into them (rules marked `inbound`: renumbering fixes rewrite those citations).
  Whether a policy has such findings depends on its own numbering, so for a policy whose
  interface did not change the last run tells; a changed interface is assumed to have them.

The policies these name are loaded in full so that their citations resolve as in a full run,
and for `inbound` findings so are the policies that cite them. The others are light copies
for the corpus-scope rules (duplicate ids and titles, checklist coverage). Every file's entry
carries the per-file facts the cross-file rules declared (`baomi.facts`: the checklist claims),
so that those of unchanged files are not computed again. A full run happens only without a
usable state: the first run, other rules or severities, other data, another day (the
review-date rule), another baomi.

`tests/test_incremental.py` checks on random edit sequences that the answer is always the one
a full run gives.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import lint as L
from . import serial
from .cache import Cache, data_fingerprint, load_sources, read_sources, shape
from .corpus import Corpus
from .diagnostics import Diagnostic
from .facts import FACTS, FactCrash, Facts
from .model import Policy
from .runrules import facts_of, gc_paused, kept_facts, rules_key

serial.storable(__name__)   # its dataclasses may be kept in the on-disk caches

FORMAT = 3
# Front-matter keys whose values the checks of *other* files read (references resolve by title,
# link by id, warn on citing a 废止 policy; coverage groups by category). Other keys (scope,
# owner, dates, covers …) are read only by the file's own checks and by the corpus-scope rules,
# which always run again.
OBSERVED = ("id", "title", "status", "category", "repealed")
TITLE = re.compile(r"《([^《》]{1,60})》")


@dataclass
class Entry:
    key: str
    interface: str
    cites: frozenset
    stub: tuple                 # see stub(): plain values, quick to store (baomi.serial)
    local: list
    cross: list
    # the per-file facts the cross-file rules declared (name → value, or its FactCrash)
    facts: dict = field(default_factory=dict)

    @property
    def meta(self) -> dict:
        return self.stub[2]


@dataclass
class State:
    fingerprint: str
    entries: dict[str, Entry]                      # relpath → entry, in corpus order
    corpus_diags: list = field(default_factory=list)


@shape("state")
def state_ok(value) -> bool:
    """A state read back from the cache is used only if it is what `make_state` writes."""
    def diags(ds) -> bool:
        return isinstance(ds, list) and all(isinstance(d, Diagnostic) for d in ds)

    def facts(fs) -> bool:
        return isinstance(fs, dict) and all(
            isinstance(n, str) and n in FACTS and FACTS[n].shippable
            and (isinstance(v, FactCrash) or FACTS[n].check is None or FACTS[n].check(v))
            for n, v in fs.items())

    return (isinstance(value, State) and isinstance(value.entries, dict) and diags(value.corpus_diags)
            and all(isinstance(e, Entry) and diags(e.local) and diags(e.cross) and facts(e.facts)
                    for e in value.entries.values()))


@dataclass
class Stats:
    mode: str = "full"          # full | unchanged | incremental
    reason: str = ""            # why a full run was needed
    parsed: int = 0             # files whose content changed
    loaded: int = 0             # policies loaded in full
    rechecked: int = 0          # policies the cross-file rules ran on again


# --- what a policy shows to the others ------------------------------------------------------

def interface(p: Policy) -> str:
    """A hash of everything the cross-file rules of *other* files can observe of `p`."""
    h = hashlib.sha256()
    h.update(repr((p.relpath, p.readable, p.style, p.h1, [(k, p.meta.get(k)) for k in OBSERVED])).encode())
    for c in p.chapters:
        h.update(repr(("c", c.number, c.part, c.subpart, c.title,
                       [(s.number, s.title) for s in c.sections])).encode())
    for x in p.all_parts():
        h.update(repr(("p", x.kind, x.number, x.part, x.title)).encode())
    for s in p.sections:
        h.update(repr(("s", s.number, s.chapter)).encode())
    for t in p.other_tiers:     # a level a style plug-in adds (卷), with what stands in it
        h.update(repr(("t", t.level, t.number, t.title, [(c.level, c.number) for c in t.walk()])).encode())
    for a in p.articles:
        h.update(repr(("a", a.number, a.sub, a.chapter, a.section, a.marker.raw,
                       [[(i.number, len(i.subitems)) for i in para.items] for para in a.paragraphs])).encode())
    stack = list(p.headings)
    while stack:
        g = stack.pop()
        h.update(repr(("g", g.level, g.number, len(g.paragraphs))).encode())
        stack.extend(g.children)
    return h.hexdigest()


def cites(p: Policy) -> frozenset:
    """Every name in 《》 in the file: a superset of the policies it cites."""
    return frozenset(m.group(1) for m in TITLE.finditer(p.text)) if p.readable else frozenset()


STUB_FIELDS = ("relpath", "text", "meta", "key_lines", "item_lines", "body_start", "readable", "style", "h1",
               "h1_line", "digest")


def stub(p: Policy) -> tuple:
    """A light copy for the corpus-wide checks: front matter (its text only up to the body), no
    parsed body. Those checks read the front matter and the checklist claims, which the state
    carries; a policy whose body they need (an item no policy claims) is loaded in full."""
    head = "\n".join(p.text.split("\n")[: max(p.body_start - 1, 0)])
    return (p.relpath, head, p.meta, p.key_lines, p.item_lines, p.body_start, p.readable, p.style, p.h1,
            p.h1_line, p.digest)


def unstub(values: tuple, path) -> Policy:
    # no body: baomi.xref finds no citations to resolve in it
    return Policy(path=Path(path), light=True, **dict(zip(STUB_FIELDS, values)))


def fingerprint(config, rules) -> str:
    parts = (FORMAT, data_fingerprint(config.data), rules_key(rules), str(config.today),
             os.path.abspath(config.policies), config.drafts, config.unit, config.site_name)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def kept(corpus: Corpus, p: Policy, names) -> dict:
    """The facts `names` of `p` the run has (values or crashes), to keep in its entry."""
    got = corpus.facts.of(p)
    return {n: got[n] for n in names if n in got}


def make_state(fp: str, policies: list[Policy], run, corpus: Corpus, names) -> State:
    entries = {}
    for p in policies:
        entries[p.relpath] = Entry(
            key=p.digest, interface=interface(p), cites=cites(p), stub=stub(p),
            local=run.local.get(p.relpath, []), cross=run.cross.get(p.relpath, []),
            facts=kept(corpus, p, names))
    return State(fp, entries, run.corpus)


# --- the run ---------------------------------------------------------------------------------

def lint(paths, config, *, select=None, ignore=None):
    """`baomi lint` with the state: the same result as `baomi.lint.lint`, usually faster."""
    with gc_paused():
        return _lint(paths, config, select, ignore)


def _lint(paths, config, select, ignore):
    files = L.discover(paths, config)
    cache = Cache(config.root, config.cache)
    sources_paths = L.corpus_paths(config, files)
    rules = L.selected_rules(config, select, ignore)
    targets = {L.relpath(f) for f in files} if paths else None
    if not cache.enabled or (targets is not None and len(sources_paths) != len(L.corpus_paths(config))):
        result = L.lint(paths, config, select=select, ignore=ignore)      # files outside the corpus
        result.stats = Stats(reason="缓存关闭" if not cache.enabled else "检查了汇编以外的文件")
        return result
    fp = fingerprint(config, rules)
    sources = read_sources(sources_paths, config, cache)
    # one state per rule selection: `--select` in a hook does not throw away the full run's
    state_key = f"lint-{L.rules_key(rules)}"
    state = cache.get("state", state_key)
    stats = Stats()
    if isinstance(state, State) and state.fingerprint == fp:
        result = _incremental(state, sources, config, rules, cache, stats, state_key)
    else:
        stats.reason = "首次检查或规则、数据、日期有变"
        result = _full(sources, config, rules, cache, fp, state_key)
        stats.parsed = stats.loaded = stats.rechecked = len(sources)
    result.stats = stats
    if targets is not None:
        result.diagnostics = L.finish(result.diagnostics, targets)
        result.files = sorted(targets)
    return result


def _full(sources, config, rules, cache, fp, state_key):
    data = config.data
    local_done: dict = {}
    facts = Facts()
    names = kept_facts(rules)
    policies = load_sources(sources, lambda: data.validator, config, cache,
                            local_rules=L.local_rules_of(rules), local_out=local_done, facts=facts, ship=names)
    corpus = Corpus(policies, data=data, config=config, facts=facts)
    corpus.cache = cache
    run = L.run_parts(corpus, rules, policies, policies, local_done)
    if all(p.digest for p in policies):
        cache.put("state", state_key, make_state(fp, policies, run, corpus, names))
        # a full run (the first of a day, or after a change of rules, data or baomi) clears out
        # what earlier versions of the files left in the cache
        cache.prune({p.digest for p in policies})
    order = [p.relpath for p in policies]
    return L.LintResult(L.finish(run.findings(order)), order, corpus)


def _title(meta: dict) -> str | None:
    t = meta.get("title")
    return t if isinstance(t, str) else None


def _incremental(state: State, sources, config, rules, cache, stats: Stats, state_key: str):
    """The result from the state and the files changed since it was written."""
    old = state.entries
    order = [s.rel for s in sources]
    changed = [s for s in sources if s.rel not in old or s.key != old[s.rel].key]
    removed = [rel for rel in old if rel not in set(order)]
    if not changed and not removed:
        stats.mode = "unchanged"
        diags = [d for e in old.values() for d in e.local + e.cross]
        return L.LintResult(L.finish(diags + state.corpus_diags), list(old), None)
    data = config.data
    validator = lambda: data.validator  # noqa: E731
    keep = kept_facts(rules)          # the facts each entry carries
    # many changed files are parsed on several processes, which also run the local rules on them
    # and compute the facts the cross-file rules declared
    fresh_local: dict = {}
    fresh_facts = Facts()
    fresh = dict(zip((s.rel for s in changed),
                     load_sources(changed, validator, config, cache, local_rules=L.local_rules_of(rules),
                                  local_out=fresh_local, facts=fresh_facts, ship=keep)))
    new_iface = {rel: interface(p) for rel, p in fresh.items()}
    new_cites = {rel: cites(p) for rel, p in fresh.items()}
    # files whose interface changed (or that are new): what others see of them is different
    moved = {rel for rel in fresh if rel not in old or new_iface[rel] != old[rel].interface}
    metas = {rel: (fresh[rel].meta if rel in fresh else old[rel].meta) for rel in order}
    all_cites = {rel: new_cites[rel] if rel in fresh else old[rel].cites for rel in order}
    by_title: dict[str, str] = {}
    for rel in order:
        t = _title(metas[rel])
        if t is not None:
            by_title.setdefault(t, rel)
    citers_of: dict[str, set[str]] = {}            # name in 《》 → files naming it
    for rel, names in all_cites.items():
        for t in names:
            citers_of.setdefault(t, set()).add(rel)
    # titles whose target may now be another policy, another outline, or none
    touched = {_title(old[rel].meta) for rel in moved if rel in old} | {_title(metas[rel]) for rel in moved}
    touched |= {_title(old[rel].meta) for rel in removed}
    touched.discard(None)
    old_titles = {_title(e.meta) for e in old.values()} - {None}

    inbound_codes = {r.code for r, _ in rules if r.inbound}
    title_codes = {r.code for r, _ in rules if r.title_set}

    def had(rel: str, codes: set) -> bool:
        return rel in old and any(d.rule in codes for d in old[rel].cross)

    # A policy's findings depend on citations into it only through rules marked `inbound`
    # (renumbering fixes); whether it has such findings depends on its own numbering, so for a
    # policy whose interface did not change the last run tells.
    def inbound(rel: str) -> bool:
        return rel in moved or had(rel, inbound_codes)

    def targets(names) -> set[str]:
        return {by_title[t] for t in names if t in by_title}

    recheck = set(fresh)
    for t in touched:
        recheck |= citers_of.get(t, set())
    if old_titles != set(by_title):
        recheck |= {rel for rel in order if had(rel, title_codes)}
    for rel in fresh:
        named = targets(all_cites[rel]) | targets(old[rel].cites if rel in old else ())
        recheck |= {q for q in named if inbound(q)}
    full = set(recheck)
    for rel in recheck:
        full |= targets(all_cites[rel])
        t = _title(metas[rel])
        if inbound(rel) and t is not None:
            full |= citers_of.get(t, set())
    to_load = [s for s in sources if s.rel in full and s.rel not in fresh]
    loaded = dict(zip((s.rel for s in to_load), load_sources(to_load, validator, config, cache)))
    loaded.update(fresh)
    stubs = {rel: old[rel].stub for rel in order if rel not in fresh}
    corpus = _corpus(order, stubs, loaded, sources, data, config, cache, old, fresh, fresh_facts)
    # the coverage check reads the text of policies expected to claim an unclaimed item
    extra = _needed_for_coverage(corpus, loaded) if "checklist.claims" in facts_of(rules) else set()
    if extra:
        more = [s for s in sources if s.rel in extra]
        loaded.update(zip((s.rel for s in more), load_sources(more, validator, config, cache)))
        corpus = _corpus(order, stubs, loaded, sources, data, config, cache, old, fresh, fresh_facts)
    by_rel = corpus.by_path
    run = L.run_parts(corpus, rules, [by_rel[r] for r in order if r in fresh],
                      [by_rel[r] for r in order if r in recheck], fresh_local)
    new_entries = {}
    for rel in order:
        if rel in fresh:
            p = fresh[rel]
            e = Entry(key=p.digest, interface=new_iface[rel], cites=new_cites[rel], stub=stub(p),
                      local=run.local[rel], cross=run.cross[rel], facts=kept(corpus, by_rel[rel], keep))
        else:
            e = old[rel]
            facts = kept(corpus, by_rel[rel], keep)
            if rel in recheck or facts != e.facts:
                e = Entry(key=e.key, interface=e.interface, cites=e.cites, stub=e.stub, local=e.local,
                          cross=run.cross[rel] if rel in recheck else e.cross, facts=facts)
        new_entries[rel] = e
    cache.put("state", state_key, State(state.fingerprint, new_entries, run.corpus))
    stats.mode = "incremental"
    stats.parsed, stats.loaded, stats.rechecked = len(fresh), len(loaded), len(recheck)
    diags = [d for e in new_entries.values() for d in e.local + e.cross]
    return L.LintResult(L.finish(diags + run.corpus), order, corpus)


def _corpus(order, stubs, loaded, sources, data, config, cache, old, fresh, fresh_facts) -> Corpus:
    """The corpus of this run: the policies loaded, light copies of the others; every unchanged
    file with the facts its entry kept, every changed one with those its worker shipped."""
    paths = {s.rel: s.path for s in sources}
    policies = []
    for rel in order:
        p = loaded.get(rel)
        if p is None:
            p = unstub(stubs[rel], paths[rel])
        policies.append(p)
    corpus = Corpus(policies, data=data, config=config)
    corpus.cache = cache
    for p in policies:
        got = old[p.relpath].facts if p.relpath not in fresh else fresh_facts.of(p)
        for name, value in got.items():
            corpus.facts.put(p, name, value)
    return corpus


def _needed_for_coverage(corpus: Corpus, loaded: dict) -> set[str]:
    from .checklist import coverage

    need = set()
    for ic in coverage(corpus).items:
        if ic.status == "unclaimed":
            need |= {p.relpath for p in ic.expected if p.relpath not in loaded}
    return need


__all__ = ["lint", "State", "Entry", "Stats", "interface", "cites"]
