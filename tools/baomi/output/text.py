"""`path:line:col: 错误 CODE [category] message`, coloured on a terminal, then a summary line.

The severity is a word on every line (错误 / 警告 / 提示), not only a colour, so that a CI log or
a file read without colours still tells an error from a warning; the VS Code task of `baomi init`
(templates/init/vscode-tasks.json) reads it with one problem matcher per word.
"""

from __future__ import annotations

_COLORS = {"error": "31", "warning": "33", "info": "36"}
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def render(result, color: bool = False) -> str:
    lines = []
    for d in result.diagnostics:
        loc = f"{d.path}:{d.line}:{d.column}:"
        head = f"{SEVERITY_WORDS.get(d.severity, d.severity)} {d.rule} [{d.category}]"
        fix = " (可自动修复)" if d.fixable else (" (可用 --unsafe-fixes 修复，须核对)" if d.unsafe_fixable else "")
        if color:
            c = _COLORS.get(d.severity, "0")
            lines.append(f"\x1b[1m{loc}\x1b[0m \x1b[{c}m{head}\x1b[0m {d.message}\x1b[2m{fix}\x1b[0m")
        else:
            lines.append(f"{loc} {head} {d.message}{fix}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result) -> str:
    n = len(result.files)
    fixable = sum(1 for d in result.diagnostics if d.fixable)
    text = f"检查 {n} 个文件：{result.errors} 个错误，{result.warnings} 个警告"
    infos = sum(1 for d in result.diagnostics if d.severity == "info")
    if infos:
        text += f"，{infos} 条提示"
    unsafe = sum(1 for d in result.diagnostics if d.unsafe_fixable)
    if fixable:
        text += f"；其中 {fixable} 处可用 --fix 自动修复"
    if unsafe:
        text += f"；{unsafe} 处有不安全的修复（可能改变原意，核对后用 --fix --unsafe-fixes 应用）"
    return text
