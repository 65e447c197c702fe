"""Parsing (and checking) many new files on several cores.

A worker process parses a file and, when asked, runs the *local* rules on it too (rules that
read only that file) and computes the per-file facts the cross-file rules declared (the
checklist claims, `baomi.facts`), so that the parent only unpickles the model, its findings and
those facts (plain data) and runs the cross-file rules. Measured on 2 cores (README, 性能): sending back the model alone costs
about as much as the parse saves; sending back model and findings leaves the parent enough
idle time to unpickle while the workers work.

Pickle is only the transport between this process and the workers it started; nothing read
from disk is ever unpickled (the caches are JSON, see baomi.serial).
"""

from __future__ import annotations

import os
from pathlib import Path

# below this many new files one process is faster (pool start-up ≈ 0.15 s)
THRESHOLD = 96

_DATA = None
_RULES: list | None = None
_SHIP: list[str] = []


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def workers(config, n_files: int) -> int:
    """How many processes to use for `n_files` new files (`jobs` = 0 means one per core)."""
    jobs = getattr(config, "jobs", 0) or cpu_count()
    return jobs if jobs > 1 and n_files >= THRESHOLD else 1


def _init(dirs: list[str], rule_specs: list[tuple[str, str | None]] | None, ship: list[str]) -> None:
    global _DATA, _RULES, _SHIP
    from .data import Data

    _DATA = Data([Path(d) for d in dirs])
    _SHIP = list(ship)
    if rule_specs is not None:
        from .rules import all_rules

        registry = all_rules()
        _RULES = [(registry[code], sev) for code, sev in rule_specs]


def _work(args):
    from .corpus import Corpus
    from .parser import parse_bytes

    path, rel, data = args
    policy = parse_bytes(data, path, rel, _DATA.validator)
    if _RULES is None:
        return policy, None, None
    from .runrules import check_local

    corpus = Corpus([policy], data=_DATA)
    found = check_local(policy, corpus, _RULES)
    return policy, found, ship_facts(policy, corpus, _SHIP)


def ship_facts(policy, corpus, names) -> dict:
    """{name: value} of the facts `names` of `policy`, computed here (a crash as its
    `FactCrash`), for the parent: plain data only, never code."""
    from .facts import FactCrash, plain
    from .runrules import ensure_facts

    if not names or not policy.readable:
        return {}
    ensure_facts(policy, corpus, names)
    out = {}
    got = corpus.facts.of(policy)
    for name in names:
        value = got[name]
        if not isinstance(value, FactCrash) and not plain(value):
            value = FactCrash(name, 1, 1, f"TypeError: 值 {type(value).__name__} 不是纯数据，不能传回主进程")
        out[name] = value
    return out


def _context():
    """fork where it is safe (no other thread whose locks the child would inherit, e.g. under
    `baomi serve`), else spawn (slower to start, fine for the many files it is used for)."""
    import multiprocessing
    import threading

    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def parse_many(items: list[tuple], config, n_workers: int, local_rules=None, ship=()) -> list[tuple]:
    """[(policy, local findings, {fact: value})] for [(path, relpath, bytes)], in order, the facts
    those named `ship`; without `local_rules` the workers only parse and the last two are None."""
    from concurrent.futures import ProcessPoolExecutor   # imported only when many files are new

    specs = [(r.code, s) for r, s in local_rules] if local_rules is not None else None
    dirs = [str(d) for d in config.data.dirs]
    chunk = max(4, len(items) // (n_workers * 8))
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=_context(), initializer=_init,
                             initargs=(dirs, specs, list(ship))) as pool:
        return list(pool.map(_work, items, chunksize=chunk))
