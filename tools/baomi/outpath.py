"""Where a command's `--output` goes, and where it must never go: one place for every command.

- no `--output`: standard output (None);
- a folder — one that exists, or a name ending in `/` (or `\\` on Windows) that does not exist
  yet — gets the command's default file name inside it, and is created;
- anything else is a file; its folder is created.

A generated document never replaces a policy file or a data file: `refuse_protected` takes the
final path (symlinks followed) and refuses (exit 2) a target inside the policies directory or a
schemas directory (the repository's own and the one installed with baomi), or one of the
command's input files; `resolve_output` applies it (`baomi new` and `baomi import` write policies,
so they pass `policies_ok`). `check_site_dir` guards the folder a build replaces as a whole.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError

_SEPS = tuple({"/", os.sep, os.altsep or "/"})


def names_folder(output: str | os.PathLike) -> bool:
    """Does `--output` name a folder (existing, or written with a trailing separator)?"""
    raw = os.fspath(output)
    return raw.endswith(_SEPS) or Path(raw).is_dir()


def _inside(path: Path, folder) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(Path(folder).resolve())
        return True
    except (ValueError, OSError):
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


def resolve_output(output: str | os.PathLike | None, default_name: str, *, config=None,
                   protect: bool = True, create: bool = True) -> Path | None:
    """The file `--output` stands for (None: standard output). `default_name` is used inside a
    folder. With `config` and `protect`, refuse targets inside its policies or schemas folder."""
    if output is None or os.fspath(output) == "":
        return None
    if names_folder(output):
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"输出位置 {folder} 是文件，不是文件夹")
        target = folder / default_name
    else:
        target = Path(output)
        if target.is_dir():
            target = target / default_name
    if protect and config is not None:
        refuse_protected(target, config)
    if create:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"无法创建输出目录 {target.parent}：{exc.strerror or exc}") from None
        if target.parent.exists() and not target.parent.is_dir():
            raise UsageError(f"输出位置 {target.parent} 是文件，不是文件夹")
    return target


def check_site_dir(output: str | os.PathLike, config) -> Path:
    """The folder a build replaces as a whole: never the repository root, the policies or the
    schemas folder, nor a folder that holds or lies inside one of them."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"手册输出目录 {folder} 是文件，不是文件夹")
    for base, what in ((getattr(config, "root", None), "仓库根"), (getattr(config, "policies", None), "制度文件"),
                       (getattr(config, "schemas", None), "数据文件")):
        if base is None:
            continue
        if _inside(folder, base) and what != "仓库根" or _inside(Path(base), folder):
            raise UsageError(f"手册输出目录 {folder} 与{what}目录 {base} 重叠：生成手册时会整体替换输出目录，"
                             "请改用单独的目录（例如 site/）")
    return folder


def resolve_output_dir(output: str | os.PathLike, *, config=None, protect: bool = True) -> Path:
    """A folder for several files (created); refused inside the policies or schemas folder."""
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"输出位置 {folder} 是文件，不是文件夹（生成多份文件时 --output 应为文件夹）")
    if protect and config is not None:
        for base, what in protected_dirs(config):
            if _inside(folder / "x", base):
                raise UsageError(f"--output {folder} 位于{what} {base} 中：输出不能写入{what}"
                                 "（以免覆盖制度或数据文件），请写到其他位置")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
