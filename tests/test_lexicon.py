"""The reference lexicon (baomi/lexicon): shipped current with its sources, read without jieba or
pypinyin, word boundaries, leave-one-out; and the language benchmark's figures on the vendored
statutes (tests/fixtures/laws/) and a fixed seed (benchmarks/language.py)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from baomi.lexicon import SHIPPED, Bloom, Lexicon, read, shipped
from baomi.laws.registry import default_corpus
from helpers import ROOT

CORPUS = default_corpus(ROOT)
needs_corpus = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus/laws（法律法规文本）不在本机")


@needs_corpus
def test_shipped_lexicon_is_current_with_its_sources():
    from baomi.lexicon.__main__ import main

    assert main(["build", "--check", "--schemas", str(ROOT / "schemas")]) == 0, \
        "tools/baomi/lexicon/lexicon.bin 已过时：运行 python -m baomi.lexicon build"


@needs_corpus
def test_the_build_reads_its_rule_data_through_the_validated_loader(tmp_path, capsys):
    """A rule data file that does not fit its schema stops the build (exit 2) with the file and
    line, as for every command; nothing is written."""
    from baomi.lexicon.__main__ import main

    schemas = tmp_path / "schemas"
    schemas.mkdir()
    for name in ("terms.yaml", "language.yaml"):
        (schemas / name).write_bytes((ROOT / "schemas" / name).read_bytes())
    (schemas / "shapes.yaml").write_text("# 形近字\ngroups: 己已巳\n", encoding="utf-8")
    out = tmp_path / "lexicon.bin"
    assert main(["build", "--schemas", str(schemas), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "shapes.yaml:2:" in err and "groups" in err and "应为列表" in err, err
    assert not out.exists()


def test_shipped_lexicon_is_compact_and_reads_without_jieba_or_pypinyin():
    assert SHIPPED.stat().st_size < 3_000_000
    probe = ("import sys, json\nfrom baomi.lexicon import shipped\nlex = shipped()\n"
             "t = lex.typos('应当做好保秘工作')\n"
             "print(json.dumps({'n': len(lex.variants), 'found': [x.term for x in t],"
             " 'heavy': sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'pypinyin'))}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(ROOT / "tools"), "PATH": "/usr/bin:/bin"})
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    assert doc["heavy"] == [] and doc["n"] > 10_000 and doc["found"] == ["保密工作"]


def test_a_damaged_lexicon_is_refused(tmp_path):
    from baomi import serial

    raw = bytearray(SHIPPED.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    p = tmp_path / "lexicon.bin"
    p.write_bytes(bytes(raw))
    with pytest.raises((serial.Invalid, OSError, EOFError, ValueError)):
        read(p)


def test_bloom_has_no_false_negatives_and_few_false_positives():
    words = [hashlib.sha1(str(i).encode()).hexdigest()[:6] for i in range(5000)]
    b = Bloom.sized(len(words), 0.001)
    for w in words:
        b.add(w)
    assert all(w in b for w in words)
    b2 = Bloom.from_data(json.loads(json.dumps(b.to_data())))
    others = [f"x{i}" for i in range(20000)]
    assert all(w in b2 for w in words)
    assert sum(w in b2 for w in others) < 100


def _tiny(words=("保密", "工作", "秘密", "确保", "安全")) -> Lexicon:
    b = Bloom.sized(100, 0.0001)
    for w in words:
        b.add(w)
    return Lexicon({"format": 1, "params": {"min_count": 3, "min_sources": 2},
                    "terms": [["保密", 10, "保守国家秘密法", "第一条"]],
                    "variants": {"保秘": [0, "reading"]}, "bloom": b,
                    "names": ["a.md", "b.md", "c.md"], "titles": ["甲法", "乙法", "丙法"],
                    "term_sources": [{"0": 8, "1": 1, "2": 1}], "where": [{"0": "第一条", "1": "第二条", "2": "第三条"}],
                    "law_used": {"保秘": [1]}, "sources": 3})


def test_a_variant_counts_only_where_no_word_straddles_its_edges():
    lex = _tiny()
    assert [t.found for t in lex.typos("做好保秘工作")] == ["保秘"]
    assert lex.typos("确保秘密安全") == []          # 确保|秘密: 保秘 straddles two words


def test_leave_one_out_takes_a_statutes_counts_and_strings_out():
    lex = _tiny()
    # b.md writes 保秘: without b.md the string is a typo again; without a.md the term is too rare
    assert "保秘" in lex.without("b.md").variants
    assert "保秘" not in lex.without("c.md").variants
    gone = lex.without("a.md")
    assert "保密" not in gone.term_set and gone.variants == {}


# --- benchmarks/language.py ------------------------------------------------------------------

def _bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import language as bench

    return bench


SAMPLE = {}


def _sample_names():
    """Names in the corpus of the vendored statutes (tests/fixtures/laws/ holds copies)."""
    from baomi.lexicon.build import corpus_files, source_name

    want = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "tests" / "fixtures" / "laws").glob("*.md")}
    names = [source_name(CORPUS, p) for p in corpus_files(CORPUS) if hashlib.sha256(p.read_bytes()).hexdigest() in want]
    assert len(names) == len(want)
    return names


@pytest.mark.slow
@needs_corpus
def test_clean_statutes_give_no_error_and_few_warnings_leave_one_out():
    bench = _bench()
    lex = bench.bench_lexicon(CORPUS)
    data = bench.yaml(ROOT / "schemas" / "language.yaml")
    got = bench.precision(CORPUS, lex, data, names=_sample_names())
    assert got["files"] == 4 and got["chars"] > 50_000
    assert got["errors"] == 0, got["error_list"]
    assert got["warnings_per_100k"] <= 5, got["sample"]


@pytest.mark.slow
@needs_corpus
def test_planted_typos_in_legal_terms_are_found_fixed_seed():
    bench = _bench()
    lex = bench.bench_lexicon(CORPUS)
    data = bench.yaml(ROOT / "schemas" / "language.yaml")
    # over the whole corpus (300 planted per kind; four statutes hold too few of each kind)
    got = bench.recall(CORPUS, lex, data, trials=300, seed=18)
    for kind in ("reading", "shape", "swap"):
        assert got[kind]["planted"] == 300, got[kind]
        assert got[kind]["recall"] >= 0.8, (kind, got[kind])
    assert got["synonym"]["recall"] >= 0.9 and got["non-level"]["planted"] >= 3
    # BM416 is narrow on purpose (unambiguous patterns only): some of the law's 地 turned into 的
    # are found, most are not (有计划的安排 reads as a noun phrase too)
    de = got["de-particle"]
    assert de["planted"] >= 50 and 0.05 <= de["recall"] < 0.5, de
