"""Several processes (`jobs`) give exactly the findings of one process."""

from __future__ import annotations

import contextlib
import sys

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from gen_corpus import generate  # noqa: E402

from baomi import parallel  # noqa: E402
from baomi.config import load  # noqa: E402
from baomi.lint import lint  # noqa: E402
from baomi.output import render  # noqa: E402


def findings(result) -> str:
    return render("json", result) + "\n".join(repr(d.fix) for d in result.diagnostics if d.fix)


def test_two_processes_find_what_one_finds(tmp_path):
    n = parallel.THRESHOLD + 12
    files = generate(tmp_path / "policies", n)
    # defects of every kind of rule: local (punctuation, terms), numbering with a fix that
    # rewrites citations in other files, a missing mandated clause (checklist claims)
    files[3].write_text(files[3].read_text(encoding="utf-8").replace("。\n", ",其它。\n", 3), encoding="utf-8")
    text = files[5].read_text(encoding="utf-8")
    files[5].write_text(text.replace("\n第三条 ", "\n第四条 ", 1), encoding="utf-8")
    personnel = tmp_path / "policies" / "shemi-renyuan.md"
    personnel.write_text(personnel.read_text(encoding="utf-8").replace("保密承诺书", "承诺"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.baomi]\npolicies = "policies"\nschemas = "{ROOT / "schemas"}"\ncache = false\n'
        'today = "2026-11-30"\n', encoding="utf-8")
    out = {}
    with contextlib.chdir(tmp_path):
        for jobs in (1, 2):
            cfg = load(tmp_path)
            cfg.jobs = jobs
            assert parallel.workers(cfg, n) == jobs
            out[jobs] = findings(lint(None, cfg))
    assert out[1] == out[2]
    for code in ("BM601", "BM501", "BM203", "BM403"):
        assert code in out[1], code


def test_few_new_files_use_one_process(tmp_path):
    cfg = load(ROOT)
    cfg.jobs = 0
    assert parallel.workers(cfg, parallel.THRESHOLD - 1) == 1
    cores = parallel.cpu_count()
    assert parallel.workers(cfg, parallel.THRESHOLD) == (cores if cores > 1 else 1)


def test_spawned_workers_when_other_threads_run(tmp_path):
    """Under `baomi serve` other threads run: forking then could deadlock, so workers are spawned."""
    import threading

    files = generate(tmp_path / "policies", parallel.THRESHOLD)
    stop = threading.Event()
    t = threading.Thread(target=stop.wait, daemon=True)
    t.start()
    try:
        assert parallel._context().get_start_method() == "spawn"
        cfg = load(ROOT)
        done = parallel.parse_many([(f, f.name, f.read_bytes()) for f in files[:8]], cfg, 2)
    finally:
        stop.set()
        t.join()
    assert [p.relpath for p, _, _ in done] == [f.name for f in files[:8]]
    assert all(p.articles or p.headings for p, _, _ in done)
