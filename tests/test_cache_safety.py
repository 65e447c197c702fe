"""The caches hold only data (JSON, baomi.serial) and are checked when read.

`.baomi-cache/` (parses, findings, checklist claims, the incremental state) and the parsed data
files under $XDG_CACHE_HOME/baomi/data were pickles: a damaged file gave a traceback on every
later run, and a crafted one ran code (CI caches the folder between jobs). Now a damaged,
foreign or crafted entry is a miss: the value is computed again, the result is the one a run
without cache gives, and nothing in the file is ever executed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import POLICIES, ROOT

from baomi import serial
from baomi.cache import Cache
from baomi.config import load
from baomi.data import Data
from baomi.incremental import lint as incremental_lint
from baomi.lint import lint as full_lint
from baomi.output import render
from baomi.parser import parse_bytes

LAWS = ROOT.parent / "shared" / "corpus" / "laws"
PYPROJECT = '[tool.baomi]\npolicies = "policies"\nschemas = "{schemas}"\ntoday = "2026-11-30"\n'


# --- the codec --------------------------------------------------------------------------------

def _state(policy) -> dict:
    return policy.__getstate__()          # what the cache keeps (the parser's block list left out)


def _corpus_files() -> list[Path]:
    files = sorted(POLICIES.glob("*.md"))
    if LAWS.is_dir():
        files += sorted(LAWS.rglob("*.md"))
    return files


def test_every_shipped_policy_and_statute_round_trips_equal():
    validator = Data([ROOT / "schemas"]).validator
    files = _corpus_files()
    assert len(files) > 18 or not LAWS.is_dir()
    for f in files:
        rel = str(f.relative_to(ROOT.parent)) if LAWS in f.parents else f"policies/{f.name}"
        policy = parse_bytes(f.read_bytes(), f, rel, validator)
        back = serial.unpack(serial.pack("policy", "k", policy), "policy", "k")
        assert type(back) is type(policy)
        assert _state(back) == _state(policy), f
        assert back == policy or policy.blocks, f             # equal up to the block list
        assert [type(a.marker) for a in back.articles] == [type(a.marker) for a in policy.articles]
        assert back.key_lines == policy.key_lines and all(type(v) is tuple for v in back.key_lines.values())


def test_diagnostics_and_fixes_round_trip_equal(tmp_path):
    repo = _repo_with_findings(tmp_path)
    with contextlib.chdir(repo):
        cfg = load(repo)
        cfg.cache = False
        diags = full_lint(None, cfg).diagnostics
    assert diags and any(d.fix for d in diags)
    back = serial.loads(serial.dumps(diags))
    assert back == diags
    assert [[e.note for e in d.fix] for d in back] == [[e.note for e in d.fix] for d in diags]


@pytest.mark.parametrize("value", [
    None, True, 0, -3, 2 ** 80, 1.5, "", "机密\ud800", [1, [2, (3, 4)]], (), ("a",),
    {"a": 1}, {1: "x", (2, 3): [4]}, {"\x00": 1, "b": 2}, {"\x00obj": {"n": "x"}}, frozenset({1, "a"}), {3, 4},
    dt.date(2025, 3, 1), dt.datetime(2025, 3, 1, 8, 30), Path("policies/a.md"),
    {"covers": ["4.2"], "effective": dt.date(2025, 3, 1), "nested": {"k": [(1, 2)]}},
])
def test_plain_values_round_trip_with_their_types(value):
    back = serial.loads(serial.dumps(value))
    assert back == value and type(back) is type(value)
    if isinstance(value, list):
        assert type(back[1][1]) is tuple


@pytest.mark.parametrize("payload", [
    b'{"\\u0000": "obj", "n": "os.system", "v": ["touch x"]}',            # not a baomi class
    b'{"\\u0000": "obj", "n": "model.Span", "v": ["a", 1]}',              # a field missing
    b'{"\\u0000": "obj", "n": "model.Span", "v": [1, 2, 3]}',             # text is not a str
    b'{"\\u0000": "obj", "n": "model.Paragraph", "v": ["a", 1, 1, 1, [5]]}',  # items are not Items
    b'{"\\u0000": "eval", "v": "1+1"}',                                    # unknown tag
    b'{"\\u0000": null}',
    b'{"\\u0000": "map", "v": [[[1], 2]]}',                               # unhashable key
    b'{"\\u0000": "date", "v": "2025-02-30"}',
    b'[1, 2',                                                              # truncated
    b'\x80\x04\x95',                                                       # a pickle's first bytes
])
def test_the_decoder_refuses_what_it_did_not_write(payload):
    with pytest.raises(serial.Invalid):
        serial.loads(payload)


def test_the_header_guards_kind_key_format_and_payload():
    raw = serial.pack("policy", "abc", [1, 2])
    assert serial.unpack(raw, "policy", "abc") == [1, 2]
    for kind, key, data in (("diags", "abc", raw), ("policy", "abd", raw),
                            ("policy", "abc", raw.replace(b'"format":1', b'"format":0')),
                            ("policy", "abc", raw[:-1] + b"3"),          # a flipped payload byte
                            ("policy", "abc", raw[: len(raw) // 2]), ("policy", "abc", b"")):
        with pytest.raises(serial.Invalid):
            serial.unpack(data, kind, key)


def test_a_value_the_format_cannot_hold_is_not_cached(tmp_path):
    cache = Cache(tmp_path)
    cache.put("diags", "k", [object()])
    assert cache.get("diags", "k") is None and not list(tmp_path.rglob("*.json"))


# --- damaged, foreign and crafted cache files -------------------------------------------------

def _repo_with_findings(tmp_path: Path) -> Path:
    """A copy of the shipped rule book with findings (one with fixes, one per file, one across)."""
    repo = tmp_path / "book"
    shutil.copytree(POLICIES, repo / "policies")
    (repo / "pyproject.toml").write_text(PYPROJECT.format(schemas=ROOT / "schemas"), encoding="utf-8")
    art = r"^第([一二三四五六七八九十百]+)条([　 ])"
    files = [f for f in sorted((repo / "policies").glob("*.md"))
             if len(re.findall(art, f.read_text(encoding="utf-8"), re.M)) > 2]
    text = files[0].read_text(encoding="utf-8")
    nums = re.findall(art, text, re.M)
    text = re.sub(rf"^第{nums[1][0]}条([　 ])", r"第九十九条\1", text, count=1, flags=re.M)  # a gap: fixable
    files[0].write_text(text.replace("\nstatus:", "\nonwer: 某人\nstatus:", 1), encoding="utf-8")
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace("。", "，，", 1), encoding="utf-8")
    return repo


def _report(repo: Path, *, cache: bool, incremental: bool = True) -> str:
    with contextlib.chdir(repo):
        cfg = load(repo)
        cfg.cache = cache
        result = (incremental_lint if incremental else full_lint)(None, cfg)
    return render("json", result) + "\n".join(repr(d.fix) for d in result.diagnostics if d.fix)


def _entries(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / ".baomi-cache").rglob("*") if p.is_file())


class _Marker:
    """A pickle that, if ever unpickled, creates the directory `path`."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


DAMAGE = {
    "truncated": lambda raw, rnd: raw[: len(raw) // 3],
    "random bytes": lambda raw, rnd: rnd.randbytes(max(len(raw), 64)),
    "one byte flipped": lambda raw, rnd: raw[:-5] + bytes([raw[-5] ^ 0x01]) + raw[-4:],
    "empty": lambda raw, rnd: b"",
    "JSON of the wrong shape": lambda raw, rnd: json.dumps({"policies": [1, 2, 3]}).encode(),
    "right header, wrong shape": None,       # made per file: a valid header over another value
}


def _wrong_shape(path: Path) -> bytes:
    raw = path.read_bytes()
    head = json.loads(raw[len(serial.MAGIC) + 1: raw.index(b"\n")])
    return serial.pack(head["kind"], head["key"], {"not": ["what", "this", "kind", "holds"]})


@pytest.mark.parametrize("how", list(DAMAGE))
def test_damaged_cache_entries_give_the_no_cache_result(tmp_path, how):
    repo = _repo_with_findings(tmp_path)
    expected = _report(repo, cache=False)
    assert '"rule": "BM203"' in expected or "BM2" in expected
    assert _report(repo, cache=True) == expected                   # fills the cache
    entries = _entries(repo)
    assert {p.parent.parent.name for p in entries} >= {"policy", "diags", "state"}
    rnd = random.Random(how)
    for p in entries:
        p.write_bytes(_wrong_shape(p) if DAMAGE[how] is None else DAMAGE[how](p.read_bytes(), rnd))
    assert _report(repo, cache=True) == expected                   # incremental: state damaged too
    assert _report(repo, cache=True) == expected                   # and the rebuilt cache is good
    assert _report(repo, cache=True, incremental=False) == expected


def test_a_damaged_cache_is_no_traceback_in_the_cli(tmp_path):
    repo = _repo_with_findings(tmp_path)
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT / "tools"))
    env.pop("BAOMI_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-m", "baomi", "lint"], cwd=repo, env=env, capture_output=True, text=True)
    for p in _entries(repo):
        p.write_bytes(p.read_bytes()[:7])
    again = subprocess.run([sys.executable, "-m", "baomi", "lint"], cwd=repo, env=env, capture_output=True, text=True)
    assert "Traceback" not in again.stderr, again.stderr
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


def test_a_crafted_pickle_in_the_cache_is_never_executed(tmp_path, monkeypatch):
    repo = _repo_with_findings(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("BAOMI_NO_CACHE", raising=False)
    expected = _report(repo, cache=False)
    assert _report(repo, cache=True) == expected
    marker = tmp_path / "pwned"
    bomb = pickle.dumps(_Marker(str(marker)), protocol=pickle.HIGHEST_PROTOCOL)
    assert not marker.exists()
    written = _entries(repo) + sorted((tmp_path / "xdg").rglob("*.json"))
    assert written and any("data" in p.parts for p in written)
    for p in written:
        p.write_bytes(bomb)                                         # under the current names
        p.with_suffix(".pkl").write_bytes(bomb)                     # and under the old ones
    assert _report(repo, cache=True) == expected
    assert _report(repo, cache=True, incremental=False) == expected
    Data([ROOT / "schemas"]).checklist                               # the data-file cache too
    assert not marker.exists()
    # and the crafted files are really what the runs read: unpickling one does create it
    pickle.loads(bomb)
    assert marker.exists()


def test_no_pickle_or_marshal_on_any_cache_path():
    """No module of baomi reads pickles or marshal data (multiprocessing's own transport between
    a parent and its worker processes, baomi.parallel, is not persisted)."""
    base = ROOT / "tools" / "baomi"
    offenders = []
    for f in sorted(base.rglob("*.py")):
        src = f.read_text(encoding="utf-8")
        for pat in (r"\bimport\s+(c?pickle|marshal|shelve|dill)\b", r"\bfrom\s+(c?pickle|marshal|shelve)\s+import",
                    r"\b(pickle|marshal)\.loads?\(", r"\bUnpickler\b"):
            if re.search(pat, src):
                offenders.append(f"{f.relative_to(base)}: {pat}")
    assert offenders == []
