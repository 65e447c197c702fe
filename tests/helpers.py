"""Shared test helpers: temporary rule-book repositories and policy text builders.

Import these with `from helpers import …` (not from conftest: there are several conftest modules).
"""

from __future__ import annotations

import contextlib
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


# a code of three levels above 条 (编, 章, 节), and the same under a toy level 卷 that a plug-in adds
CODE = """\
# 测试保密法典

## 第一编 总则

### 第一章 任务

第一条 为了加强管理，制定本法典。

### 第二章 原则

第二条 保密工作坚持依法管理。

## 第二编 分则

### 第一章 定密

#### 第一节 一般规定

第三条 定密应当依法进行。

#### 第二节 程序

第四条 定密应当履行程序。

### 第二章 附则

第五条 本法典自2025年1月1日起施行。
"""

VOLUMES = """\
# 测试保密法典

## 第一卷 总纲

### 第一编 总则

#### 第一章 任务

第一条 为了加强管理，制定本法典。

### 第二编 分则

#### 第一章 定密

第二条 定密应当依法进行。

## 第二卷 附编

### 第一编 附则

#### 第一章 施行

##### 第一节 日期

第三条 本法典自2025年1月1日起施行。
"""


@contextlib.contextmanager
def volume_level():
    """条款式 with a level 卷 (kind "volume") above 编, registered for the duration: one `Level` in
    a copy of the shipped plug-in, one registration, as CONTRIBUTING.md describes."""
    import dataclasses
    import re

    from baomi import grammar
    from baomi.model import Style

    base = grammar.plugin(Style.TIAOKUAN)
    juan = grammar.Level("volume", "卷", re.compile(r"^第([一二三四五六七八九十]+)卷"), heading=True)
    plug = dataclasses.replace(base, levels=(juan,) + base.levels)
    grammar.register(plug, first=True)
    try:
        yield plug
    finally:
        grammar.unregister(plug)


@contextlib.contextmanager
def registered_rules(classes):
    """Test-only rule classes registered for the duration (their codes, in order), and gone from
    the registry afterwards, whatever the test did."""
    from baomi.rules.base import REGISTRY, register

    made = []
    try:
        for cls in classes:
            register(cls)
            made.append(cls.code)
        yield made
    finally:
        for code in made:
            REGISTRY.pop(code, None)
