"""Loading many policies fast: a content-keyed on-disk cache and parallel parsing.

- Parsed policies are cached under `.baomi-cache/` keyed on the file's bytes, its path, the
  baomi version and a fingerprint of the data files (schema, vocabularies): any change to
  one of them makes a new key, so a stale parse is never used.
- Diagnostics of *local* rules (rules that read only their own file) are cached per file
  keyed on the same content key plus the rule selection, and so are the per-file facts
  registered `stored` (the checklist claims, see `baomi.facts`).
- `baomi lint` also keeps the state of its last whole-corpus run (kind "state", see
  `baomi.incremental`), from which it decides which cross-file checks must run again; each of
  its full runs prunes the entries of file versions that no longer exist.
- Uncached files are parsed on several cores when there are many of them and `jobs` says so.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import __version__, serial
from .diagnostics import Diagnostic
from .facts import FACTS, FactCrash, fact_shape_ok
from .files import atomic_write
from .frontmatter import Problem
from .model import Policy
from .parallel import parse_many, workers
from .parser import parse_bytes
from .reader import ReadResult

CACHE_DIR = ".baomi-cache"
FORMAT = 5
SUFFIX = ".json"


def _rel(p: Path) -> str:
    try:
        return os.path.relpath(p)
    except ValueError:
        return str(p)


def code_fingerprint() -> str:
    """Stat of every module of the package: a changed rule or parser invalidates the cache."""
    h = hashlib.sha256()
    base = Path(__file__).resolve().parent
    for root, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "assets", "templates"))
        for f in sorted(files):
            if f.endswith(".py"):
                st = os.stat(os.path.join(root, f))
                h.update(f"{root}/{f}:{st.st_mtime_ns}:{st.st_size};".encode())
    return h.hexdigest()


def data_fingerprint(data) -> str:
    h = hashlib.sha256(f"{__version__}/{FORMAT}/{code_fingerprint()}".encode())
    for d in getattr(data, "dirs", []):
        if not d.is_dir():
            continue
        for f in sorted(d.iterdir()):
            if f.suffix in (".yaml", ".yml", ".json"):
                h.update(f.name.encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:24]


class Cache:
    def __init__(self, root: Path | None, enabled: bool = True):
        self.dir = (root / CACHE_DIR) if root is not None else None
        self.enabled = enabled and self.dir is not None and os.environ.get("BAOMI_NO_CACHE") != "1"
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.dir / kind / key[:2] / f"{key}{SUFFIX}"

    def get(self, kind: str, key: str):
        """The stored value, or None: absent, unreadable, damaged, written by another format or
        for another key, or not of the shape `kind` holds (see `baomi.serial`) are all misses,
        and the caller computes the value again."""
        if not self.enabled:
            return None
        try:
            with open(self._path(kind, key), "rb") as fh:
                raw = fh.read()
            value = serial.unpack(raw, kind, key)
        except (OSError, serial.Invalid):
            self.misses += 1
            return None
        if not shape_ok(kind, value):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value) -> None:
        if not self.enabled:
            return
        path = self._path(kind, key)
        try:
            raw = serial.pack(kind, key, value)
        except (TypeError, ValueError):   # a value the format cannot hold: not cached
            return
        try:
            atomic_write(path, raw)
        except OSError:
            self.enabled = False  # read-only checkout: carry on without a cache

    def prune(self, keep: set[str], kinds=("policy", "diags", "facts")) -> int:
        """Delete the entries of `kinds` whose key does not start with one of `keep` (the content
        keys of the files as they are now): parses and findings of old versions of files, which
        would otherwise pile up with every edit. Returns how many were deleted."""
        if not self.enabled or self.dir is None:
            return 0
        gone = 0
        for kind in kinds:
            base = self.dir / kind
            if not base.is_dir():
                continue
            for sub in os.scandir(base):
                if not sub.is_dir():
                    continue
                for f in os.scandir(sub.path):
                    if f.name.endswith(".tmp"):          # being written by another run
                        continue
                    key = f.name.split("-", 1)[0].removesuffix(SUFFIX)
                    if key not in keep or not f.name.endswith(SUFFIX):   # and files of older formats
                        try:
                            os.unlink(f.path)
                            gone += 1
                        except OSError:
                            pass
        return gone


def _diags_ok(value) -> bool:
    return isinstance(value, list) and all(isinstance(d, Diagnostic) for d in value)


# What each kind of entry must be, beyond what `baomi.serial` checks of every object. A kind
# that no module declared is never read back. The modules above the cache declare their own
# kinds (`baomi.incremental` the state of the last run) with `shape`.
SHAPES: dict[str, object] = {
    "policy": lambda value: isinstance(value, Policy),
    "diags": _diags_ok,
    "facts": fact_shape_ok,     # (name, value) of a stored fact (baomi.facts), keyed "<content key>-<name>"
}


def shape(kind: str):
    """Declare the check of the entries of `kind` (a decorator on `check(value) -> bool`)."""
    def register(check):
        SHAPES[kind] = check
        return check
    return register


def shape_ok(kind: str, value) -> bool:
    check = SHAPES.get(kind)
    return check is not None and bool(check(value))


def _key(data: bytes, rel: str, fp: str) -> str:
    h = hashlib.sha256(fp.encode())
    h.update(rel.encode())
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


class Source:
    """One file as read for loading: its bytes (None when unreadable) and its content key."""

    __slots__ = ("path", "rel", "data", "key", "error")

    def __init__(self, path, rel: str, data: bytes | None, key: str, error: str = ""):
        self.path, self.rel, self.data, self.key, self.error = path, rel, data, key, error


def read_sources(paths: list[Path], config, cache: Cache) -> list[Source]:
    """Read every file once and compute its content key ("" when the cache is off)."""
    fp = data_fingerprint(config.data) if cache.enabled else ""
    out = []
    for p in paths:
        rel = _rel(p)
        try:
            data = Path(p).read_bytes()
        except OSError as exc:
            out.append(Source(p, rel, None, "", str(exc.strerror or exc)))
            continue
        out.append(Source(p, rel, data, _key(data, rel, fp) if cache.enabled else ""))
    return out


def load_policies(paths: list[Path], validator, config, cache: Cache | None = None) -> list:
    """Parse every file (from cache where possible), keeping the order of `paths`."""
    if cache is None:
        cache = Cache(getattr(config, "root", None), getattr(config, "cache", True))
    return load_sources(read_sources(paths, config, cache), validator, config, cache)


def load_sources(sources: list[Source], validator, config, cache: Cache, *, local_rules=None,
                 local_out: dict | None = None, facts=None, ship=()) -> list:
    """The policy model of each source: from the cache by content key, else parsed.

    Many new files are parsed on several processes (`baomi.parallel`); then, if `local_rules`
    is given, the workers run those rules too and their findings go into `local_out`
    (relpath → diagnostics), and the per-file facts named `ship` they computed into `facts`
    (the run's `baomi.facts.Facts`); a stored fact is also cached by the file's content key.
    """
    out: list = [None] * len(sources)
    todo = []
    for i, s in enumerate(sources):
        if s.data is None:
            pol = Policy(path=Path(s.path), relpath=s.rel, readable=False)
            pol.problems.append(Problem("encoding", 1, 1, f"无法读取文件：{s.error}"))
            out[i] = pol
            continue
        cached = cache.get("policy", s.key) if s.key else None
        if cached is not None:
            cached.path = Path(s.path)
            cached.digest = s.key
            out[i] = cached
        else:
            todo.append((i, s.path, s.rel, s.data, s.key))
    n = workers(config, len(todo))
    if n > 1:
        done = parse_many([(p, rel, data) for _, p, rel, data, _ in todo], config, n, local_rules,
                          ship if facts is not None else ())
        parsed = [pol for pol, _, _ in done]
        for (_, _, rel, _, key), (pol, found, shipped) in zip(todo, done):
            if local_out is not None and found is not None:
                local_out[rel] = found
            for name, value in (shipped or {}).items():
                facts.put(pol, name, value)
                if key and FACTS[name].stored and not isinstance(value, FactCrash):
                    cache.put("facts", f"{key}-{name}", (name, value))
    else:
        v = validator() if callable(validator) and todo else validator
        parsed = [parse_bytes(data, p, rel, v) for _, p, rel, data, _ in todo]
    for (i, p, rel, data, key), pol in zip(todo, parsed):
        pol.digest = key
        if key:
            cache.put("policy", key, pol)
        out[i] = pol
    return out
