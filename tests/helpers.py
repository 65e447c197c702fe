"""Shared test helpers: temporary rule-book repositories and policy text builders.

Import these with `from helpers import …` (not from conftest: there are several conftest modules).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ROOT / "policies"

FRONT = {
    "id": "BM-90",
    "title": "测试保密管理制度",
    "category": "涉密人员",
    "scope": "本单位全体涉密人员",
    "owner": "保密办公室",
    "roles": "[涉密人员]",
    "covers": "[]",
    "basis": "[保密法]",
    "classification": "内部",
    "status": "现行",
    "effective": "2025-03-01",
    "review": "2099-03-01",
}


def front_matter(**overrides) -> str:
    meta = dict(FRONT)
    meta.update(overrides)
    lines = ["---"]
    for k, v in meta.items():
        if v is None:
            continue
        lines.append(f"{k}: {v}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def policy_text(body: str, **overrides) -> str:
    return front_matter(**overrides) + "\n" + textwrap.dedent(body).lstrip("\n")


def write_policy(repo: Path, name: str, text: str | bytes) -> Path:
    p = repo / "policies" / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p
