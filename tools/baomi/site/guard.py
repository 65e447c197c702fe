"""The publishing guard (上网不涉密、涉密不上网), applied defensively by the page generator.

The lint's `security` rules stop the build before we get here; this filter makes sure that even
a build that skipped the lint never writes a classified policy into the site or the index.
"""

from __future__ import annotations

from ..guard import LEVEL_KEYS, policy_markings, secret_level_value
from ..model import Status

PUBLISHABLE_CLASSIFICATIONS = {"公开", "内部"}


def refusal(policy, *, drafts: bool = False) -> str | None:
    """Why `policy` must not be published (Chinese), or None if it may be."""
    if not getattr(policy, "readable", True):
        return "文件无法读取"
    meta = policy.meta if isinstance(policy.meta, dict) else {}
    cls = meta.get("classification")
    if not isinstance(cls, str) or cls.strip() not in PUBLISHABLE_CLASSIFICATIONS:
        return f"密级标注为“{cls}”，只发布“公开”或“内部”的制度"
    for key in LEVEL_KEYS:
        if secret_level_value(meta.get(key)):
            return f"前置元数据“{key}”标注为国家秘密"
    found = policy_markings(policy)
    if found:
        f = found[0]
        return f"含有国家秘密标志（{f.where}第{f.line}行）"
    status = policy.status
    if status == Status.DRAFT and not drafts:
        return "草案（未配置发布草案）"
    if not isinstance(status, Status):          # a value outside schemas/policy.schema.json
        return f"状态为“{status}”"
    return None


def publishable(policies, *, drafts: bool = False) -> tuple[list, list[tuple[object, str]]]:
    """Split policies into (published, [(withheld policy, reason)])."""
    keep, held = [], []
    for p in policies:
        why = refusal(p, drafts=drafts)
        if why is None:
            keep.append(p)
        else:
            held.append((p, why))
    return keep, held
