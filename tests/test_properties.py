"""Property-based tests: no input makes baomi crash, and --fix is idempotent and never harmful.

Fixed seed (derandomize) and bounded example counts, so CI is repeatable and fast.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from baomi.config import from_table
from baomi.fix import apply_edits
from baomi.lint import lint, run_rules, selected_rules
from baomi.corpus import Corpus
from baomi.parser import parse_bytes, parse_text

from helpers import POLICIES, policy_text

SETTINGS = settings(max_examples=60, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
SHIPPED = sorted(POLICIES.glob("*.md"))
ODD = ["\u3000", "\u200b", "\ufeff", "\u00a0", "\u2028", "\r", "\t", "★", "☆", "（", "）", "(", ")", "，", ",",
       "。", "、", "；", "：", "“", "”", "《", "》", "第", "条", "章", "节", "之", "一", "十", "百", "1.", "（一）",
       "一、", "#", "##", "---", "```", "`", "<", ">", "|", "*", "\n", "\n\n", "秘密★", "机密", "https://x.invalid/"]

structured = st.lists(st.sampled_from(ODD) | st.text(max_size=8), max_size=80).map("".join)
anything = st.text(max_size=400) | structured


def _config(tmp: Path):
    return from_table({"today": "2026-01-01", "cache": False}, tmp)


def _rules(cfg):
    return selected_rules(cfg)


def _lint_text(text: str, tmp: Path, rules) -> list:
    pol = parse_text(text, tmp / "x.md", "x.md")
    cfg = _config(tmp)
    corpus = Corpus([pol], data=cfg.data, config=cfg)
    return run_rules(corpus, rules, None)


def _internal_errors(diags):
    return [d for d in diags if "内部出错" in d.message]


_TMP = Path(__file__).resolve().parent / ".cache" / "props"
_TMP.mkdir(parents=True, exist_ok=True)
_CFG = _config(_TMP)
_RULES = _rules(_CFG)


@SETTINGS
@given(anything)
def test_arbitrary_body_never_crashes(body):
    diags = _lint_text(policy_text(body), _TMP, _RULES)
    assert _internal_errors(diags) == []


@SETTINGS
@given(anything)
def test_arbitrary_front_matter_never_crashes(fm):
    diags = _lint_text("---\n" + fm + "\n---\n\n# 标题\n\n第一条 为了测试，制定本制度。\n", _TMP, _RULES)
    assert _internal_errors(diags) == []


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data):
    pol = parse_bytes(data, "x.md", "x.md")
    corpus = Corpus([pol], data=_CFG.data, config=_CFG)
    assert _internal_errors(run_rules(corpus, _RULES, None)) == []


@SETTINGS
@given(st.sampled_from(SHIPPED), st.integers(min_value=0, max_value=2**32 - 1),
       st.lists(st.sampled_from(ODD), min_size=1, max_size=6))
def test_mutated_real_policies_never_crash(path, seed, inserts):
    text = path.read_text(encoding="utf-8")
    rnd = random.Random(seed)
    chars = list(text)
    for ins in inserts:
        op = rnd.randrange(3)
        i = rnd.randrange(len(chars) + 1)
        if op == 0:
            chars.insert(i, ins)
        elif op == 1 and chars:
            del chars[min(i, len(chars) - 1): min(i + rnd.randrange(1, 40), len(chars))]
        else:
            j = rnd.randrange(len(chars) + 1)
            chars[min(i, j):max(i, j)] = chars[min(i, j):max(i, j)][::-1]
    diags = _lint_text("".join(chars), _TMP, _RULES)
    assert _internal_errors(diags) == []


def test_surrogates_zero_width_bom_and_long_lines():
    body = ("# 测试保密管理制度\n\n## 第一章 总则\n\n第一条 为了\u200b测试\ufeff，制定本制度。" + "保密" * 20000 +
            "\n\n第二条 \u3000\u3000全角空格开头。\n")
    diags = _lint_text(policy_text(body, scope='"\\ud800孤立代理"'), _TMP, _RULES)
    assert _internal_errors(diags) == []


def test_ten_thousand_articles():
    from baomi.numerals import to_chinese

    arts = "\n\n".join(f"第{to_chinese(i)}条 第{i}条的内容，不得泄露国家秘密。" for i in range(1, 10001))
    body = f"# 测试保密管理制度\n\n## 第一章 总则\n\n{arts}\n"
    pol = parse_text(policy_text(body), "x.md", "x.md")
    assert len(pol.articles) == 10000 and pol.articles[-1].number == 10000
    diags = _lint_text(policy_text(body), _TMP, _RULES)
    assert _internal_errors(diags) == []


# --- the fixer ---------------------------------------------------------------------------

def _fix_once(text: str) -> str:
    diags = _lint_text(text, _TMP, _RULES)
    edits = [e for d in diags for e in d.fix if e.path == "x.md"]
    new, _ = apply_edits(text, edits)
    return new


def _fix_to_fixpoint(text: str, rounds: int = 8) -> str:
    for _ in range(rounds):
        new = _fix_once(text)
        if new == text:
            return text
        text = new
    return text


@SETTINGS
@given(st.sampled_from(SHIPPED))
def test_fix_never_changes_a_clean_shipped_policy(path):
    text = path.read_text(encoding="utf-8")
    assert _fix_once(text) == text


@settings(max_examples=40, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(SHIPPED), st.integers(min_value=0, max_value=2**32 - 1))
def test_fix_is_idempotent_on_damaged_policies(path, seed):
    text = path.read_text(encoding="utf-8")
    rnd = random.Random(seed)
    damage = [(",", "，"), (":", "："), (";", "；"), ("(", "（"), (")", "）")]
    chars = list(text)
    body_start = text.index("\n---\n") + 5
    for _ in range(6):
        half, full = rnd.choice(damage)
        positions = [i for i in range(body_start, len(chars)) if chars[i] == full]
        if positions:
            chars[rnd.choice(positions)] = half
    damaged = "".join(chars)
    fixed = _fix_to_fixpoint(damaged)
    assert _fix_once(fixed) == fixed                     # idempotent
    before = {(d.rule, d.line) for d in _lint_text(text, _TMP, _RULES) if d.path == "x.md"}
    after = {(d.rule, d.line) for d in _lint_text(fixed, _TMP, _RULES) if d.severity == "error" and d.path == "x.md"}
    assert not (after - before), after - before          # never leaves new errors behind
