"""`--output` never writes over a policy or a data file.

Every command that writes where `--output` says (lint, outline, checklist, pledge, diff, import,
new) calls `refuse_protected` with the path it is about to write, resolved (symlinks followed):
a file inside the policies directory or a schemas directory (the repository's own and the one
installed with baomi), or one of the command's input files, is refused with exit 2.

How `--output` becomes that path (a folder named with a trailing slash, a folder that does not
exist yet) is each command's business; this check only takes the final, resolved path.
"""

from __future__ import annotations

from pathlib import Path


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def protected_dirs(config) -> list[tuple[Path, str]]:
    """(resolved folder, what it holds) that no output may be written into."""
    out = [(Path(config.policies).resolve(), "制度目录")]
    for d in [Path(config.schemas), *config.data.dirs]:      # the repository's and the packaged copy
        r = Path(d).resolve()
        if all(r != p for p, _ in out):
            out.append((r, "数据目录"))
    return out


def refuse_protected(target: Path, config, inputs=(), *, policies_ok: bool = False) -> None:
    """Raise UsageError (exit 2) if `target` (resolved) is or lies in the policies or a schemas
    directory, or is one of `inputs`. `policies_ok`: the command's output *is* a policy
    (`baomi import` writes into a folder of policies, `baomi new` creates one), so only the
    schemas directories and the inputs are refused."""
    from .lint import UsageError

    target = Path(target).resolve()
    for inp in inputs:
        if Path(inp).resolve() == target:
            raise UsageError(f"--output {target} 就是输入文件本身：不能用输出覆盖输入，请换一个输出路径")
    for d, what in protected_dirs(config):
        if policies_ok and what == "制度目录":
            continue
        if target == d or _inside(target, d):
            raise UsageError(f"--output {target} 位于{what} {d} 中：输出不能写入{what}"
                             "（以免覆盖制度或数据文件），请写到其他位置")
