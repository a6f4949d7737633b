"""The command line: flags become Options; the work happens in runner and report."""

from __future__ import annotations

import functools
import signal
import sys
from dataclasses import replace
from pathlib import Path

import click

from keraslint import __version__

def main(argv: list[str] | None = None) -> None:
    """Entry point: ``keraslint [OPTIONS] [PATH]...`` or ``keraslint rule CODE``."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] == "rule":
        rule_command.main(args[1:], prog_name="keraslint rule")
    else:
        check_command.main(args, prog_name="keraslint")


def _interruptible(command):
    """Ctrl-C (and SIGTERM) end the run with one line and the shell's exit code (130, 143),
    no traceback. A file being written is left whole: files.write_atomic removes its temp file."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        def terminated(signum, frame):
            raise _Terminated

        previous = signal.signal(signal.SIGTERM, terminated)
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt as stop:
            code = 143 if isinstance(stop, _Terminated) else 130
            click.echo(f"\nkeraslint: {'terminated' if code == 143 else 'interrupted'}; "
                       "each file is either unchanged or wholly fixed", err=True)
            sys.exit(code)
        finally:
            signal.signal(signal.SIGTERM, previous)

    return run


class _Terminated(KeyboardInterrupt):
    pass


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select KL1,KL201 --select KL3`` -> ('KL1', 'KL201', 'KL3'); unknown codes rejected."""
    from keraslint.registry import is_valid_selector

    if not values:
        return None
    codes = tuple(c.strip().upper() for value in values for c in value.split(",") if c.strip())
    unknown = [c for c in codes if not is_valid_selector(c)]
    if unknown:
        raise click.BadParameter(f"unknown rule selector(s): {', '.join(unknown)}")
    return codes


def _formats() -> list[str]:
    from keraslint.report import FORMATS

    return list(FORMATS)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that change behaviour.")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--select", multiple=True, callback=_codes, metavar="CODES",
              help="Rule codes or prefixes to enable (comma-separated, e.g. KL0,KL101).")
@click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
              help="Rule codes or prefixes to disable.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching GLOB.")
@click.option("--target", type=click.Choice(["keras3", "keras2"]),
              help="keras3: TF >= 2.16 (default); keras2: TF <= 2.15 or tf-keras.")
@click.option("--output-format", type=click.Choice(_formats()), default="text",
              show_default=True, help="How findings are printed.")
@click.option("--stdin-filename", metavar="NAME",
              help="The name to report for '-' (standard input).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A pyproject.toml (or keraslint.toml) to read instead of the nearest one.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.version_option(__version__, "--version", prog_name="keraslint")
@_interruptible
def check_command(paths, fix, unsafe_fixes, diff, select, ignore, exclude, target, output_format,
                  stdin_filename, config_path, exit_zero, list_rules) -> None:
    """Find Keras 2.2.4 code that relies on old imports and defaults; fix it with --fix.

    PATH defaults to the current directory; '-' reads standard input.
    `keraslint rule CODE` prints a rule's documentation.
    """
    from keraslint import config as config_module
    from keraslint.engine import Options
    from keraslint.registry import select_rules

    if list_rules:
        _print_rules(output_format)
        return
    try:
        config_file = config_path or config_module.find_pyproject(Path.cwd())
        settings = config_module.load_settings(config_file)
    except config_module.ConfigError as error:
        _fail(str(error))
    settings = replace(
        settings,
        select=select or settings.select,
        ignore=settings.ignore + (ignore or ()),
        exclude=settings.exclude + exclude,
        target=target or settings.target,
    )
    from keraslint.registry import is_valid_selector

    bad = [c for c in settings.select + settings.ignore if not is_valid_selector(c)]
    if bad:
        _fail(f"{settings.config_file}: unknown rule selector(s): {', '.join(bad)}")
    options = Options(
        rules=select_rules(settings.select, settings.ignore),
        settings=settings,
        fix=fix or diff,
        unsafe_fixes=unsafe_fixes,
        edits=output_format == "json" and not fix,
    )
    paths = paths or (".",)
    if "-" in paths:
        if len(paths) > 1:
            _fail("'-' (standard input) cannot be combined with other paths")
        sys.exit(_run_stdin(options, stdin_filename or "-", output_format, fix, diff, exit_zero))
    sys.exit(_run_paths(paths, options, output_format, fix, diff, exit_zero))


def _run_paths(paths, options, output_format, fix, diff, exit_zero) -> int:
    from keraslint import report, runner

    results = runner.run_paths(paths, options, write=fix and not diff)
    if diff:
        sys.stdout.write(runner.unified_diff(results))
        failures = [r for r in results if r.error is not None]
        sys.stderr.write(report.render("text", failures))
        _summary_diff(results)
        changed = any(r.fixed_source is not None for r in results)
        return _exit(results, exit_zero, findings=changed or bool(failures))
    sys.stdout.write(report.render(output_format, results))
    _summary(results, fix, options.unsafe_fixes)
    return _exit(results, exit_zero, findings=any(r.diagnostics for r in results))


def _run_stdin(options, filename, output_format, fix, diff, exit_zero) -> int:
    from keraslint import report, runner

    source = sys.stdin.buffer.read()
    result = runner.run_stdin(source, filename, options)
    if diff:
        sys.stdout.write(runner.unified_diff([result]))
        if result.error is not None:
            sys.stderr.write(report.render("text", [result]))
        return _exit([result], exit_zero, findings=result.fixed_source is not None or result.error is not None)
    if fix:
        # The fixed code goes to stdout (format-on-save); what remains goes to stderr.
        sys.stdout.buffer.write(result.fixed_source if result.fixed_source is not None else source)
        sys.stdout.flush()
        sys.stderr.write(report.render("text", [result]))
    else:
        sys.stdout.write(report.render(output_format, [result]))
    _summary([result], fix, options.unsafe_fixes)
    return _exit([result], exit_zero, findings=bool(result.diagnostics))


def _exit(results, exit_zero: bool, *, findings: bool) -> int:
    if any(r.internal_error for r in results):
        return 2
    return 0 if exit_zero or not findings else 1


def _summary(results, fix: bool, unsafe_fixes: bool = False) -> None:
    remaining = sum(len(r.diagnostics) for r in results)
    fixed = sum(len(r.fixed) for r in results)
    fixable = sum(1 for r in results for d in r.diagnostics if d.fixable)
    unsafe = sum(
        1 for r in results for d in r.diagnostics
        if d.fix is not None and d.fix.applicability.value == "unsafe"
    )
    if fix and fixed:
        click.echo(f"Found {fixed + remaining} {_plural(fixed + remaining)} "
                   f"({fixed} fixed, {remaining} remaining).", err=True)
    elif remaining:
        click.echo(f"Found {remaining} {_plural(remaining)}.", err=True)
        if fixable:
            click.echo(f"[*] {fixable} fixable with the `--fix` option.", err=True)
    else:
        click.echo("All checks passed!", err=True)
    if unsafe and not unsafe_fixes:
        click.echo(f"({unsafe} hidden {'fix' if unsafe == 1 else 'fixes'} can be enabled "
                   "with the `--unsafe-fixes` option.)", err=True)


def _summary_diff(results) -> None:
    changed = sum(1 for r in results if r.fixed_source is not None)
    fixes = sum(len(r.fixed) for r in results)
    if changed:
        click.echo(f"Would fix {fixes} {_plural(fixes)} in {changed} "
                   f"{'file' if changed == 1 else 'files'}.", err=True)
    else:
        click.echo("No fixes to apply.", err=True)


def _plural(count: int) -> str:
    return "error" if count == 1 else "errors"


def _fail(message: str) -> None:
    click.echo(f"keraslint: error: {message}", err=True)
    sys.exit(2)


def _print_rules(output_format: str) -> None:
    from keraslint.registry import all_rules

    if output_format == "json":
        import json

        click.echo(json.dumps([_rule_json(rule) for rule in all_rules().values()], indent=2))
        return
    for code, rule in all_rules().items():
        marker = "[*]" if rule.fix_title else "   "
        click.echo(f"{code}  {marker}  {rule.name:<34} {rule.summary}")


def _rule_json(rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "fix": rule.fix_title,
        "explanation": rule.docs(),
    }


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every rule.")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def rule_command(code, show_all, output_format) -> None:
    """Print a rule's documentation: `keraslint rule KL101`."""
    from keraslint.registry import all_rules

    rules = all_rules()
    if show_all:
        chosen = list(rules.values())
    elif code is None:
        raise click.UsageError("give a rule code, e.g. `keraslint rule KL101`, or --all")
    elif code.upper() in rules:
        chosen = [rules[code.upper()]]
    else:
        raise click.BadParameter(f"unknown rule code {code!r}", param_hint="CODE")
    if output_format == "json":
        import json

        data = [_rule_json(rule) for rule in chosen]
        click.echo(json.dumps(data if show_all else data[0], indent=2))
        return
    click.echo("\n\n".join(
        f"# {rule.name} ({rule.code})\n\n{rule.summary}.\n\n{rule.docs()}" for rule in chosen
    ))
