"""The `baomi` command line. Messages are Chinese; exit codes follow SPEC (0 ok, 1 errors, 2 cannot run)."""

from __future__ import annotations

import json
import os
import sys

import click

from . import __version__, cli_zh
from .config import ConfigError
from .output import REGISTRY as OUTPUT_FORMATS

cli_zh.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _config():
    from .config import load

    return load()


def _check_output(output: str | None, config, inputs=()) -> None:
    """Refuse (exit 2) an --output that is a policy, a data file or an input (baomi.outpath)."""
    if output:
        from pathlib import Path

        from .outpath import refuse_protected

        refuse_protected(Path(output), config, inputs)


def _emit(text: str, output: str | None, default_name: str = "baomi.txt", config=None) -> None:
    """Write to `--output` (a file, or a folder: `default_name` inside it; see baomi.outpath)
    or to standard output."""
    from .outpath import resolve_output

    target = resolve_output(output, default_name, config=config)
    if target is not None:
        target.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


LINT_FILES = {name: f.default_file for name, f in OUTPUT_FORMATS.items()}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="baomi", message="%(prog)s %(version)s",
                      help="显示版本并退出")
def cli():
    """baomi：检查、发布和生成保密制度汇编。"""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(OUTPUT_FORMATS)), default="text",
              help="输出格式")
@click.option("--output", "-o", type=click.Path(), help="写入文件而不是标准输出（文件夹：写入其中的默认文件名：" + "、".join(f"{f} → {OUTPUT_FORMATS[f].default_file}" for f in OUTPUT_FORMATS) + "）")
@click.option("--fix", is_flag=True, help="自动修复可安全修复的问题（重排编号并改写所有引用等）")
@click.option("--unsafe-fixes", "unsafe_fixes", is_flag=True,
              help="与 --fix 同用：也应用不安全的修复（可能改变原意，如错别字、法律用语的改正；请事后核对）")
@click.option("--strict", is_flag=True, help="有警告也以退出码 1 结束")
@click.option("--select", multiple=True, help="只运行这些规则（代码、名称或类别，可重复）")
@click.option("--ignore", multiple=True, help="不运行这些规则（代码、名称或类别，可重复）")
@click.option("--quiet", "-q", is_flag=True, help="只输出问题，不输出修复报告")
def lint(paths, fmt, output, fix, unsafe_fixes, strict, select, ignore, quiet):
    """检查制度文件：元数据、结构编号、引用、强制条款、用语、标点、繁简和密级标志。"""
    from .lint import lint as run_lint
    from .output import render

    if unsafe_fixes and not fix:
        raise click.UsageError("--unsafe-fixes 只能与 --fix 同用（baomi lint --fix --unsafe-fixes）")
    config = _config()
    _check_output(output, config, paths)

    def once():
        return run_lint(list(paths) or None, config, select=list(select), ignore=list(ignore))

    if fix:
        from .fix import fix as run_fix

        report, result = run_fix(once, unsafe=unsafe_fixes)
        if not quiet and report.count:
            lines = [f"已修复 {report.count} 处（{report.files} 个文件）："]
            for rel, changes in sorted(report.changes.items()):
                for line, rule, msg in changes:
                    lines.append(f"  {rel}:{line}: {rule} {msg}")
            click.echo("\n".join(lines), err=True)
        if not quiet and report.hidden:
            click.echo(f"另有 {report.hidden} 处不安全的修复未应用（可能改变原意）：核对后可用 --fix --unsafe-fixes 应用",
                       err=True)
    else:
        from .incremental import lint as incremental_lint   # same findings, reuses the last run's

        result = incremental_lint(list(paths) or None, config, select=list(select), ignore=list(ignore))
    color = fmt == "text" and not output and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    _emit(render(fmt, result, color=color), output, LINT_FILES[fmt], config)
    return result.exit_code(strict)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
@click.option("--output", "-o", type=click.Path(), help="写入文件（文件夹：写入其中的 outline.<格式>）")
def outline(paths, fmt, output):
    """显示工具读出的结构（章、节、条、款、项；公文式层级），便于核对。"""
    from .lint import discover
    from .outline import policy_outline, render_text
    from .parser import load_policy
    from .lint import relpath

    config = _config()
    _check_output(output, config, paths)
    files = discover(list(paths) or None, config)
    outlines = [policy_outline(load_policy(f, relpath(f))) for f in files]
    if fmt == "json":
        _emit(json.dumps({"policies": outlines}, ensure_ascii=False, indent=2) + "\n", output, "outline.json", config)
    else:
        _emit(render_text(outlines), output, "outline.txt", config)
    # a file whose structure could not be read is not "an empty outline"
    return 1 if any(o["problems"] for o in outlines) else 0


@cli.command()
@click.argument("rule", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def explain(rule, fmt):
    """显示规则说明：为什么、错误示例、正确示例。不带参数时列出全部规则。"""
    from .rules import all_rules, get_rule

    if not rule:
        rules = all_rules().values()
        if fmt == "json":
            click.echo(json.dumps([r.doc() for r in rules], ensure_ascii=False, indent=2))
        else:
            for r in rules:
                click.echo(f"{r.code}  {r.name:<34} [{r.category}] {r.summary}")
        return 0
    r = get_rule(rule)
    if r is None:
        raise click.UsageError(f"没有规则 {rule}（用 baomi explain 列出全部规则）")
    if fmt == "json":
        click.echo(json.dumps(r.doc(), ensure_ascii=False, indent=2))
        return 0
    fixable = "不能自动修复"
    if r.fixable:
        fixable = "可以自动修复" if r.fix_applicability == "safe" else "提供不安全的修复，须用 --fix --unsafe-fixes 应用"
    level = {"error": "错误", "warning": "警告", "info": "提示"}[r.severity]
    click.echo(f"{r.code} {r.name}（{r.category}，默认级别：{level}，{fixable}）\n")
    click.echo(f"{r.summary}\n\n为什么：\n{r.rationale}\n\n错误示例：\n{_indent(r.bad)}\n\n正确示例：\n{_indent(r.good)}")
    return 0


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


# Commands implemented in their own packages register here when present.
def _add_optional_commands() -> None:
    import importlib

    for module, attr in (
        ("baomi.checklist_cmd", "checklist_command"),
        ("baomi.importer.cli", "import_command"),
        ("baomi.site.cli", "build_command"),
        ("baomi.site.cli", "serve_command"),
        ("baomi.generate.cli", "pledge_command"),
        ("baomi.generate.cli", "diff_command"),
        ("baomi.scaffold", "init_command"),
        ("baomi.scaffold", "new_command"),
        ("baomi.export_cmd", "export_command"),
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        cmd = getattr(mod, attr, None)
        if cmd is not None:
            cli.add_command(cmd)


def main(argv=None) -> None:
    from .data import DataError
    from .lint import UsageError

    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None and args[:1] == ["lint"]:
        import gc

        # the `baomi lint` process makes no cyclic garbage (baomi.lint.gc_paused): the collector
        # stays off to the exit, instead of one last full scan of everything when it comes back on
        gc.disable()
    _add_optional_commands_safe()
    try:
        rv = cli.main(args=args, prog_name="baomi", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("baomi：已中止", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        click.echo(f"baomi：{_with_hint(exc)}", err=True)
        sys.exit(2)
    except (ConfigError, UsageError, DataError) as exc:
        click.echo(f"baomi：{exc}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"baomi：{exc.format_message()}", err=True)
        sys.exit(exc.exit_code if exc.exit_code != 1 else 2)
    except BrokenPipeError:
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("baomi：已中断", err=True)
        sys.exit(130)
    sys.exit(rv if isinstance(rv, int) else 0)


def _with_hint(exc: click.UsageError) -> str:
    """A usage error with one hint: its own when it already names what to run (没有规则 BM999
    （用 baomi explain 列出全部规则）), else the --help of the command that was used."""
    import re

    message = exc.format_message().rstrip()
    if message.endswith(".") and re.search(r"[\u4e00-\u9fff]", message):
        message = message[:-1]   # click ends some messages with a literal "." after our Chinese
    if re.search(r"（[^（）]*baomi[^（）]*）\s*$", message):
        return message
    path = exc.ctx.command_path if exc.ctx is not None and exc.ctx.command_path else "baomi"
    return f"{message}（用 {path} --help 查看用法）"


def _add_optional_commands_safe() -> None:
    if getattr(cli, "_optional_added", False):
        return
    cli._optional_added = True
    _add_optional_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
