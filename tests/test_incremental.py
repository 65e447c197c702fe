"""The incremental lint (baomi.incremental) gives exactly what a full lint gives.

Edits are made to a copy of the shipped rule book; after each edit the incremental result
(JSON, fixes included) is compared with a full lint that uses no cache at all.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import POLICIES, ROOT

from baomi.config import load
from baomi.incremental import lint as incremental_lint
from baomi.lint import lint as full_lint
from baomi.numerals import parse_chinese, to_chinese
from baomi.output import render

PYPROJECT = '[tool.baomi]\npolicies = "policies"\nschemas = "{schemas}"\ntoday = "2026-11-30"\n'


def make_repo(dest: Path) -> Path:
    shutil.copytree(POLICIES, dest / "policies")
    (dest / "pyproject.toml").write_text(PYPROJECT.format(schemas=ROOT / "schemas"), encoding="utf-8")
    return dest


def findings(result) -> str:
    """The JSON report plus every fix's edits (the JSON has only `fixable`)."""
    return render("json", result) + "\n".join(repr(d.fix) for d in result.diagnostics if d.fix)


def both(repo: Path):
    """(incremental result, its findings, a full no-cache lint's findings)."""
    with contextlib.chdir(repo):
        inc = incremental_lint(None, load(repo))
        cfg = load(repo)
        cfg.cache = False
        full = full_lint(None, cfg)
    return inc, findings(inc), findings(full)


def article_lines(path: Path) -> list[int]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return [i for i, ln in enumerate(lines) if re.match(r"第[一二三四五六七八九十百]+条[　 ]", ln) and ln.endswith("。")]


def edit_line(path: Path, index: int, fn) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[index] = fn(lines[index])
    path.write_text("\n".join(lines), encoding="utf-8")


def titles(repo: Path) -> list[str]:
    out = []
    for f in sorted((repo / "policies").glob("*.md")):
        m = re.search(r"^title:\s*(.+)$", f.read_text(encoding="utf-8", errors="replace"), re.M)
        if m:
            out.append(m.group(1).strip())
    return out


def last_article_bumped(path: Path) -> tuple[str, str, str | None]:
    """(title, the text with its last article numbered one too high, that number as written)."""
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^title:\s*(.+)$", text, re.M)
    title = m.group(1).strip() if m else ""
    nums = re.findall(r"^第([一二三四五六七八九十百]+)条 ", text, re.M)
    if not nums:
        return title, text, None
    bumped = f"第{to_chinese(parse_chinese(nums[-1]) + 1)}条"
    return title, re.sub(rf"^第{nums[-1]}条 ", bumped + " ", text, flags=re.M), bumped


@pytest.fixture
def corpus(tmp_path):
    return make_repo(tmp_path)


def test_unchanged_rule_book_is_answered_from_the_state(corpus):
    inc, a, b = both(corpus)
    assert inc.stats.mode == "full" and a == b
    inc, a, b = both(corpus)
    assert inc.stats.mode == "unchanged" and a == b


def test_rewording_an_article_reparses_one_file(corpus):
    both(corpus)
    f = corpus / "policies" / "shemi-renyuan.md"
    edit_line(f, article_lines(f)[3], lambda s: s[:-1] + "，并做好记录。")
    inc, a, b = both(corpus)
    assert (inc.stats.mode, inc.stats.parsed, inc.stats.rechecked) == ("incremental", 1, 1)
    assert a == b


def test_new_citation_of_a_missing_article_is_found(corpus):
    both(corpus)
    f = corpus / "policies" / "shemi-renyuan.md"
    t = titles(corpus)[0]
    edit_line(f, article_lines(f)[2], lambda s: s[:-1] + f"，参照《{t}》第九十九条办理。")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b
    assert "BM302" in a or "第九十九条" in a


def test_citation_into_a_policy_with_a_numbering_gap_updates_its_fix(corpus):
    """The renumbering fix of the cited policy must rewrite the new citation too."""
    pol = corpus / "policies"
    target = pol / "dingmi.md"
    title, text, bumped = last_article_bumped(target)
    target.write_text(text, encoding="utf-8")
    both(corpus)                                    # full run: the gap is there, with its fix
    f = pol / "shemi-renyuan.md"
    edit_line(f, article_lines(f)[1], lambda s: s[:-1] + f"，并遵守《{title}》{bumped}。")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and inc.stats.rechecked == 2
    assert a == b
    assert any(e.path.endswith("shemi-renyuan.md") for d in inc.diagnostics if d.path.endswith("dingmi.md")
               for e in d.fix), "dingmi 的重排修复应改写 shemi-renyuan 中新加的引用"


def cited(corpus: Path, name: str) -> tuple[str, set[str]]:
    """The title of policies/<name> and the files that name it in 《》."""
    title = re.search(r"^title:\s*(.+)$", (corpus / "policies" / name).read_text(encoding="utf-8"), re.M)
    title = title.group(1).strip()
    return title, {f"policies/{f.name}" for f in (corpus / "policies").glob("*.md")
                   if f"《{title}》" in f.read_text(encoding="utf-8")}


def test_structure_change_rechecks_the_files_that_cite_it(corpus):
    both(corpus)
    title, citers = cited(corpus, "shemi-renyuan.md")
    assert len(citers - {"policies/shemi-renyuan.md"}) >= 2
    f = corpus / "policies" / "shemi-renyuan.md"
    lines = f.read_text(encoding="utf-8").split("\n")
    i = article_lines(f)[-1]
    lines[i] = lines[i].replace("条 ", "条之一 ", 1)      # the last article renamed: a citation may break
    f.write_text("\n".join(lines), encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b
    assert inc.stats.rechecked == len(citers | {"policies/shemi-renyuan.md"}) < 18


def test_retitled_policy_breaks_its_citations(corpus):
    both(corpus)
    title, citers = cited(corpus, "dingmi.md")
    f = corpus / "policies" / "dingmi.md"
    f.write_text(f.read_text(encoding="utf-8").replace(f"title: {title}", f"title: {title}（修订）", 1),
                 encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b
    assert "BM310" in a and f"《{title}》" in a


def test_removed_and_added_files(corpus):
    both(corpus)
    removed = corpus / "policies" / "dingmi.md"
    text = removed.read_text(encoding="utf-8")
    removed.unlink()
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b and "BM310" in a
    (corpus / "policies" / "dingmi-2026.md").write_text(text, encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b and "BM310" not in a


def test_another_day_is_a_full_run(corpus):
    both(corpus)
    p = corpus / "pyproject.toml"
    p.write_text(p.read_text(encoding="utf-8").replace("2026-11-30", "2028-06-01"), encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "full" and a == b and "BM405" in a or "review" in a


# --- random edit sequences ---------------------------------------------------------------------

FILES = sorted(p.name for p in POLICIES.glob("*.md"))


def apply(repo: Path, op: tuple) -> None:
    kind, fi, k, n = op
    pol = repo / "policies"
    names = sorted(p.name for p in pol.glob("*.md"))
    if not names:
        return
    f = pol / names[fi % len(names)]
    try:
        f.read_text(encoding="utf-8")
    except UnicodeDecodeError:      # made GB18030 by an earlier step: only add/remove apply
        if kind not in ("remove", "add"):
            return
    arts = article_lines(f) if kind not in ("remove", "add") else []
    line = arts[k % len(arts)] if arts else None
    if kind == "reword" and line is not None:
        edit_line(f, line, lambda s: s[:-1] + "，并做好记录。")
    elif kind == "cite" and line is not None:
        ts = titles(repo) + ["不存在的保密制度"]
        edit_line(f, line, lambda s: s[:-1] + f"，参照《{ts[n % len(ts)]}》第{to_chinese(1 + n % 40)}条办理。")
    elif kind == "uncite":
        text = f.read_text(encoding="utf-8")
        f.write_text(re.sub(r"《[^》]+》第[一二三四五六七八九十]+条", "有关规定", text, count=1), encoding="utf-8")
    elif kind == "renumber" and line is not None:
        edit_line(f, line, lambda s: re.sub(r"^第[一二三四五六七八九十百]+条", "第" + "一二三四五六七八九十"[n % 10] + "条", s))
    elif kind == "gap":             # the last article one number too high: BM203 with a fix
        _, text, bumped = last_article_bumped(f)
        if bumped:
            f.write_text(text, encoding="utf-8")
    elif kind == "retitle":
        text = f.read_text(encoding="utf-8")
        f.write_text(re.sub(r"^title:\s*(.+)$", lambda m: f"title: 新{m.group(1)}", text, count=1, flags=re.M),
                     encoding="utf-8")
    elif kind == "repeal":
        text = f.read_text(encoding="utf-8")
        f.write_text(re.sub(r"^status:.*$", "status: 废止", text, count=1, flags=re.M), encoding="utf-8")
    elif kind == "covers":
        text = f.read_text(encoding="utf-8")
        f.write_text(re.sub(r"(^covers:.*\n(?:\s+-.*\n)?)", r"\1  - '9.9'\n" if n % 2 else r"\1", text,
                            count=1, flags=re.M), encoding="utf-8")
    elif kind == "drop-sentence" and line is not None:
        edit_line(f, line, lambda s: s[: max(s.find(" ") + 1, len(s) // 2)] + "。")
    elif kind == "remove":
        f.unlink()
    elif kind == "add":
        text = (POLICIES / FILES[fi % len(FILES)]).read_text(encoding="utf-8")
        text = re.sub(r"^id:.*$", f"id: BM-{90 + n % 9:02d}", text, count=1, flags=re.M)
        text = re.sub(r"^title:\s*(.+)$", lambda m: f"title: 分院{m.group(1)}", text, count=1, flags=re.M)
        (pol / f"extra-{n % 9}.md").write_text(text, encoding="utf-8")
    elif kind == "encoding":
        f.write_bytes(f.read_text(encoding="utf-8").encode("gb18030"))


OPS = st.tuples(
    st.sampled_from(["reword", "reword", "cite", "cite", "cite", "uncite", "gap", "drop-sentence", "renumber", "retitle",
                     "repeal", "covers", "remove", "add", "encoding", "none"]),
    st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))


@pytest.mark.slow
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(OPS, min_size=1, max_size=5))
def test_random_edit_sequences_match_a_full_lint(ops):
    with tempfile.TemporaryDirectory() as td:
        repo = make_repo(Path(td))
        both(repo)
        for op in ops:
            apply(repo, op)
            inc, a, b = both(repo)
            assert a == b, (op, inc.stats)


def test_numbering_gap_made_in_a_cited_policy_rewrites_the_unchanged_citers(corpus):
    """A policy whose numbering changes needs the citations into it, from files not edited."""
    pol = corpus / "policies"
    target = pol / "dingmi.md"
    title, text, bumped = last_article_bumped(target)
    f = pol / "shemi-renyuan.md"
    edit_line(f, article_lines(f)[1], lambda s: s[:-1] + f"，并遵守《{title}》{bumped}。")
    both(corpus)                                     # the citation points nowhere yet
    target.write_text(text, encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b
    assert any(e.path.endswith("shemi-renyuan.md") for d in inc.diagnostics if d.path.endswith("dingmi.md")
               for e in d.fix)


def test_a_new_title_changes_the_suggestion_for_an_unknown_one(corpus):
    """《定密工作管理制度》 is unknown: first 定密管理制度 is suggested, then the closer new title."""
    pol = corpus / "policies"
    title, citers = cited(corpus, "dingmi.md")
    assert title == "定密管理制度"
    f = next(pol / n for n in FILES
             if f"policies/{n}" not in citers and n != "dingmi.md" and len(article_lines(pol / n)) > 2)
    edit_line(f, article_lines(f)[1], lambda s: s[:-1] + "，并遵守《定密工作管理制度》。")
    _, before, _ = both(corpus)
    assert "是否指《定密管理制度》" in before
    target = pol / "dingmi.md"
    target.write_text(target.read_text(encoding="utf-8").replace(f"title: {title}", "title: 定密工作管理总制度", 1),
                      encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "incremental" and a == b
    assert "是否指《定密工作管理总制度》" in a


def test_a_rule_selection_keeps_its_own_state(corpus):
    """A hook running `--select punctuation` does not throw away the whole run's state."""
    with contextlib.chdir(corpus):
        assert incremental_lint(None, load(corpus)).stats.mode == "full"
        assert incremental_lint(None, load(corpus), select=["punctuation"]).stats.mode == "full"
        assert incremental_lint(None, load(corpus)).stats.mode == "unchanged"
        assert incremental_lint(None, load(corpus), select=["punctuation"]).stats.mode == "unchanged"


def test_a_full_run_clears_out_old_versions_from_the_cache(corpus):
    """Every edit adds a parse to the cache; the next full run (e.g. the first of a day) removes
    the entries of file versions that no longer exist, and keeps the current ones."""
    cache = corpus / ".baomi-cache"

    def entries(kind):
        return {f.name for f in (cache / kind).rglob("*.json")}

    both(corpus)
    first = entries("policy")
    f = corpus / "policies" / "shemi-renyuan.md"
    edit_line(f, article_lines(f)[3], lambda s: s[:-1] + "，并做好记录。")
    assert both(corpus)[0].stats.mode == "incremental"
    assert len(entries("policy")) == len(first) + 1                 # the old version is still there
    p = corpus / "pyproject.toml"
    p.write_text(p.read_text(encoding="utf-8").replace("2026-11-30", "2026-12-01"), encoding="utf-8")
    inc, a, b = both(corpus)
    assert inc.stats.mode == "full" and a == b
    now = entries("policy")
    assert len(now) == len(first) and len(now - first) == 1          # one per file, as it is now
    assert all(n.split("-")[0] in {x.removesuffix(".json") for x in now} for n in entries("diags"))
    assert both(corpus)[0].stats.mode == "unchanged"


def test_named_files_as_in_a_pre_commit_hook(corpus):
    """`baomi lint FILE…` (what the pre-commit hook runs) gives what a full lint of those files gives."""
    f = corpus / "policies" / "shemi-renyuan.md"
    edit_line(f, article_lines(f)[2], lambda s: s[:-1] + ",参照《不存在的保密制度》第九条办理。")
    with contextlib.chdir(corpus):
        for _ in range(2):                                   # full, then from the state
            inc = incremental_lint(["policies/shemi-renyuan.md", "policies/dingmi.md"], load(corpus))
            cfg = load(corpus)
            cfg.cache = False
            full = full_lint(["policies/shemi-renyuan.md", "policies/dingmi.md"], cfg)
            assert findings(inc) == findings(full) and "BM310" in findings(inc)
            assert inc.files == ["policies/dingmi.md", "policies/shemi-renyuan.md"]
        assert inc.stats.mode == "unchanged"


def test_interface_sees_a_tier_a_plug_in_adds():
    """What other files observe of a policy includes the tiers of a plug-in's own level (卷): a
    renamed or renumbered 卷 changes it; without any such tier it is as it was."""
    from helpers import VOLUMES, policy_text, volume_level

    from baomi.incremental import interface
    from baomi.parser import parse_text

    with volume_level():
        one = interface(parse_text(policy_text(VOLUMES), "a.md", "a.md"))
        assert interface(parse_text(policy_text(VOLUMES.replace("附编", "补编")), "a.md", "a.md")) != one
        assert interface(parse_text(policy_text(VOLUMES.replace("第二卷", "第三卷")), "a.md", "a.md")) != one
