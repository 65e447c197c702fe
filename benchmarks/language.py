"""Language checks against the law (issue 18): precision on clean text, recall on planted errors.

(a) Precision. Every statute of the corpus is checked with a lexicon that does not know it
    (leave-one-out: its word counts and the strings it writes are taken out of the lexicon, see
    `baomi.lexicon.Lexicon.without`). Correct official Chinese must give no error-level finding;
    the warnings per 100,000 characters are printed, per check, with a sample to read.
(b) Recall. A generator with a fixed seed corrupts legal terms in statutes, one error per line,
    with each kind — same-reading character, shape-alike character, two neighbouring characters
    swapped (inside a word of a legal term, never making a dictionary word), a spun synonym of a
    secrecy-law term, the wrong verb of a fixed collocation, a non-level listed among the 密级,
    a 地/得 the law writes after an adverbial / before a degree word turned into 的 (BM416) —
    and the share of planted errors found (a finding of that check over the planted span) is
    printed per kind.

The lexicon of the benchmark is built from the corpus with per-statute counts
(`build(..., sources=True)`) and cached by the sources' digest under ~/.cache/baomi.

    .venv/bin/python benchmarks/language.py [--corpus DIR] [--files N] [--trials N] [--seed 18]
        [--sample 10] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from baomi.lexicon import Lexicon, read, write  # noqa: E402
from baomi.lexicon.build import build, corpus_files, digest_sources, read_law, shape_table, source_name  # noqa: E402
from baomi.datamodel import Language  # noqa: E402
from baomi.text import language  # noqa: E402

SCHEMAS = ROOT / "schemas"
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
ERROR_KINDS = {"non-level"}                 # BM905 is the error-level check of these rules
INFO_KINDS = {"law-title"}                  # BM610 is advice (info)
TYPO_KINDS = ("reading", "shape", "swap")


def yaml(p: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(p.read_text(encoding="utf-8"))


def bench_lexicon(corpus: Path) -> Lexicon:
    digest = digest_sources(corpus, SCHEMAS)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "baomi"
    path = base / f"lexicon-bench-{digest[:24]}.bin"
    if path.is_file():
        try:
            return read(path)
        except Exception:  # noqa: BLE001 — a damaged cache is rebuilt
            pass
    data = build(corpus, SCHEMAS, sources=True)
    data["digest"] = digest
    base.mkdir(parents=True, exist_ok=True)
    write(path, data)
    return Lexicon(data)


_TYPED: dict[int, tuple] = {}


def typed(data: dict) -> Language:
    """language.yaml as the rules read it (baomi.datamodel.Language); the planting below reads
    the file's own entries (`data`), so the benchmark keeps both."""
    got = _TYPED.get(id(data))
    if got is None or got[0] is not data:
        got = _TYPED[id(data)] = (data, Language.from_data(data))
    return got[1]


def check_line(line: str, lex: Lexicon, data: dict) -> list:
    data = typed(data)
    return (language.typos(line, lex) + language.spun(line, data) + language.collocations(line, lex, data)
            + language.levels(line, data) + language.numerals(line) + language.pairs(line)
            + language.redundancy(line, data) + language.repeats(line, lex) + language.de_particles(line, data))


def precision(corpus: Path, lex: Lexicon, data: dict, names: list[str] | None = None, sample: int = 10,
              seed: int = 18) -> dict:
    files = [p for p in corpus_files(corpus) if names is None or source_name(corpus, p) in names]
    chars = 0
    by_kind: Counter = Counter()
    errors = []
    warnings = []
    infos = []
    for p in files:
        name = source_name(corpus, p)
        lx = lex.without(name)
        title, lines = read_law(p)
        whole = "\n".join(line for _, line in lines)
        texts = [line for _, line in lines]
        quoted = defaultdict(list)
        for li, f in language.quotes(texts):
            quoted[li].append(f)
        seen = set()                            # BM610: a law's first mention without 书名号
        for li, line in enumerate(texts):
            for a, e, law, inside in language.law_names(line, lx):
                if law not in seen and not title.startswith(law):     # as BM610: not the text's own name
                    seen.add(law)
                    if not inside:
                        quoted[li].append(language.Finding(a, e, f"《{law}》", None, "law-title"))
        for li, line in enumerate(texts):
            chars += len(line)
            for f in check_line(line, lx, data) + quoted.get(li, []):
                if f.kind.startswith("typo-") and whole.count(line[f.start:f.end]) >= 2:
                    continue                    # the rule's own test: a string the text writes twice
                by_kind[f.kind] += 1
                item = {"file": name, "kind": f.kind, "text": line[max(0, f.start - 12):f.end + 12],
                        "message": f.message}
                if f.kind in INFO_KINDS:
                    infos.append(item)
                    continue
                (errors if f.kind in ERROR_KINDS else warnings).append(item)
    rng = random.Random(seed)
    return {
        "files": len(files), "chars": chars, "errors": len(errors),
        "infos": len(infos), "warnings": len(warnings), "warnings_per_100k": round(len(warnings) / max(chars, 1) * 1e5, 2),
        "by_kind": dict(sorted(by_kind.items())), "error_list": errors[:50],
        "sample": rng.sample(warnings, min(sample, len(warnings))), "warning_list": warnings,
    }


# --- the generator -----------------------------------------------------------------------

class Planter:
    def __init__(self, lex: Lexicon, data: dict, corpus: Path):
        import jieba
        from pypinyin import Style, pinyin

        jieba.setLogLevel(60)
        self.tok = jieba.Tokenizer()
        self.tok.initialize()
        self.dict_words = set(self.tok.FREQ) if hasattr(self.tok, "FREQ") else set()
        self.lex, self.data = lex, data
        self.shapes = shape_table(yaml(SCHEMAS / "shapes.yaml").get("groups") or [])
        chars: Counter = Counter()
        for p in corpus_files(corpus):
            for _, line in read_law(p)[1]:
                chars.update("".join(HAN_RUN.findall(line)))
        par = (data.get("lexicon") or {})
        common = sorted(c for c, n in chars.items() if n >= int(par.get("min_char_count", 30)))
        tone = bool(par.get("tone", False))
        self.read_of, self.by_reading = {}, defaultdict(list)
        for c in common:
            r = pinyin(c, style=Style.TONE3 if tone else Style.NORMAL, heteronym=False, errors="ignore")
            if r and r[0]:
                self.read_of[c] = r[0][0]
                self.by_reading[r[0][0]].append(c)

    def is_word(self, w: str) -> bool:
        return self.dict_words and self.tok.FREQ.get(w, 0) > 0

    def typo(self, rng: random.Random, line: str, kind: str, terms: set[str]):
        """(corrupted line, start, end) with one typo of `kind` inside a legal-term word, or None."""
        pos, spots = 0, []
        for w in self.tok.cut(line, HMM=False):
            if w in terms:
                spots.append((pos, w))
            pos += len(w)
        rng.shuffle(spots)
        for pos, w in spots:
            edits = []
            for i, ch in enumerate(w):
                if kind == "reading":
                    edits += [(i, c) for c in self.by_reading.get(self.read_of.get(ch, ""), ()) if c != ch]
                elif kind == "shape":
                    edits += [(i, c) for c in sorted(self.shapes.get(ch, ()))]
                elif i + 1 < len(w) and w[i] != w[i + 1]:
                    edits.append((i, None))
            rng.shuffle(edits)
            for i, c in edits:
                bad = w[:i] + c + w[i + 1:] if c is not None else w[:i] + w[i + 1] + w[i] + w[i + 2:]
                if self.is_word(bad):
                    continue                    # a real-word error: out of scope
                return line[:pos] + bad + line[pos + len(w):], pos, pos + len(w)
        return None

    def synonym(self, rng, line):
        opts = [(m.start(), e["term"], s) for e in self.data.get("spun") or ()
                for m in re.finditer(re.escape(e["term"]), line) for s in e["spun"]]
        if not opts:
            return None
        a, term, s = rng.choice(opts)
        return line[:a] + s + line[a + len(term):], a, a + len(s)

    def collocation(self, rng, line, lex):
        table = lex.data.get("collocations") or {}
        conf = self.data.get("collocations") or {}
        min_count = int(conf.get("min_count", 5))
        opts = []
        for group in conf.get("groups") or ():
            for v in group:
                for o, n in (table.get(v) or {}).items():
                    if n < min_count:
                        continue
                    for m in re.finditer(re.escape(v + o), line):
                        for v2 in group:
                            if v2 != v and (table.get(v2) or {}).get(o, 0) == 0:
                                opts.append((m.start(), v, v2, o))
        if not opts:
            return None
        a, v, v2, o = rng.choice(opts)
        return line[:a] + v2 + line[a + len(v):], a, a + len(v2) + len(o)

    def non_level(self, rng, line):
        conf = self.data.get("classification") or {}
        m = re.search(r"(?<!国家)(?<!工作)绝密级?、机密级?(?:、|和|或者|或)秘密级?", line)
        if not m:
            return None
        w = rng.choice([x for x in conf.get("non_levels") or () if len(x) >= 2])
        return line[:m.end()] + "和" + w + line[m.end():], m.end() + 1, m.end() + 1 + len(w)


    def de_particle(self, rng, line):
        """A 地 after an adverbial of the rule's list, or a 得 before a degree word, written 的
        (the share found says how narrow BM416 is: it checks only unambiguous patterns)."""
        conf = self.data.get("de_particles") or {}
        adv = "|".join(map(re.escape, sorted(conf.get("adverbials") or (), key=len, reverse=True)))
        deg = "|".join(map(re.escape, sorted(conf.get("degrees") or (), key=len, reverse=True)))
        spots = [m.end() - 1 for m in re.finditer(f"(?:{adv})地(?=[\u4e00-\u9fff])", line)] if adv else []
        spots += [m.start() + 1 for m in re.finditer(f"[\u4e00-\u9fff](?<!不)(?<!获)(?<!取)得(?:{deg})", line)] if deg else []
        if not spots:
            return None
        i = rng.choice(spots)
        return line[:i] + "的" + line[i + 1:], i, i + 1


def recall(corpus: Path, lex: Lexicon, data: dict, trials: int = 300, seed: int = 18,
           names: list[str] | None = None, planter: Planter | None = None) -> dict:
    planter = planter or Planter(lex, data, corpus)
    rng = random.Random(seed)
    files = [p for p in corpus_files(corpus) if names is None or source_name(corpus, p) in names]
    lines = []
    for p in files:
        for _, line in read_law(p)[1]:
            if len(line) >= 12:
                lines.append((source_name(corpus, p), line))
    rng.shuffle(lines)
    kinds = TYPO_KINDS + ("synonym", "collocation", "non-level", "de-particle")
    found, planted, missed = Counter(), Counter(), defaultdict(list)
    loo: dict[str, Lexicon] = {}
    for kind in kinds:
        for name, line in lines:
            if planted[kind] >= trials:
                break
            lx = loo.get(name)
            if lx is None:
                lx = loo[name] = lex.without(name)
            terms = lx.term_set
            if kind in TYPO_KINDS:
                got = planter.typo(rng, line, kind, terms)
                check = lambda t: language.typos(t, lx)  # noqa: E731
            elif kind == "synonym":
                got = planter.synonym(rng, line)
                check = lambda t: language.spun(t, typed(data))  # noqa: E731
            elif kind == "collocation":
                got = planter.collocation(rng, line, lx)
                check = lambda t: language.collocations(t, lx, typed(data))  # noqa: E731
            elif kind == "non-level":
                got = planter.non_level(rng, line)
                check = lambda t: language.levels(t, typed(data))  # noqa: E731
            else:
                got = planter.de_particle(rng, line)
                check = lambda t: language.de_particles(t, typed(data))  # noqa: E731
            if got is None:
                continue
            bad, a, b = got
            planted[kind] += 1
            if any(f.start < b and a < f.end for f in check(bad)):
                found[kind] += 1
            elif len(missed[kind]) < 5:
                missed[kind].append(bad[max(0, a - 10):b + 10])
    return {k: {"planted": planted[k], "found": found[k],
                "recall": round(found[k] / planted[k], 3) if planted[k] else None,
                "missed_sample": missed[k]} for k in kinds}


def main(argv=None) -> int:
    from baomi.laws.registry import default_corpus

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--trials", type=int, default=300, help="planted errors per kind")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--sample", type=int, default=10, help="warnings on clean text to show")
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args(argv)
    corpus = a.corpus or default_corpus(ROOT)
    if corpus is None:
        print("找不到法律文本目录（--corpus）", file=sys.stderr)
        return 2
    data = yaml(SCHEMAS / "language.yaml")
    t0 = time.time()
    lex = bench_lexicon(corpus)
    t1 = time.time()
    prec = precision(corpus, lex, data, sample=a.sample, seed=a.seed)
    t2 = time.time()
    rec = recall(corpus, lex, data, trials=a.trials, seed=a.seed)
    t3 = time.time()
    print(f"lexicon: {len(lex.terms)} terms, {len(lex.variants)} variants ({t1 - t0:.0f}s)")
    print(f"(a) clean text, leave-one-out: {prec['files']} statutes, {prec['chars']:,} chars "
          f"({t2 - t1:.0f}s)")
    print(f"    error-level findings: {prec['errors']}")
    print(f"    info (BM610 advice): {prec['infos']}")
    print(f"    warnings: {prec['warnings']} = {prec['warnings_per_100k']} per 100,000 chars; by kind: {prec['by_kind']}")
    for e in prec["error_list"][:10]:
        print(f"    ERROR {e['file']}: {e['kind']} …{e['text']}… {e['message']}")
    for s in prec["sample"]:
        print(f"    warning {s['file']}: {s['kind']} …{s['text']}…")
    print(f"(b) planted errors, seed {a.seed} ({t3 - t2:.0f}s)")
    for k, r in rec.items():
        print(f"    {k:12} planted {r['planted']:4}  found {r['found']:4}  recall {r['recall']}")
        for m in r["missed_sample"][:3]:
            print(f"        missed …{m}…")
    if a.json:
        a.json.write_text(json.dumps({"precision": prec, "recall": rec}, ensure_ascii=False, indent=1),
                          encoding="utf-8")
    return 1 if prec["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
