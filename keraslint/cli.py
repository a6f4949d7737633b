"""The command line: flags become Options; the work happens in runner and report."""

from __future__ import annotations

import functools
import os
import signal
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import click

from keraslint import __version__
from keraslint.keras224.targets import Target

def main(argv: list[str] | None = None) -> None:
    """Entry point: ``keraslint [OPTIONS] [PATH]...``, ``keraslint rule CODE``, ``keraslint validate``."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args and args[0] == "rule":
        rule_command.main(args[1:], prog_name="keraslint rule")
    elif args and args[0] == "clean":
        clean_command.main(args[1:], prog_name="keraslint clean")
    elif args and args[0] == "validate":
        from keraslint.validate.cli import validate_command

        validate_command.main(args[1:], prog_name="keraslint validate")
    else:
        if args and args[0] == "check":  # `keraslint check PATHS`, as ruff spells it
            args = args[1:]
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


_CACHE = ".keraslint_cache"  # keraslint.cache.DIRECTORY, without importing it for --help


def _formats() -> list[str]:
    from keraslint.report import FORMATS

    return list(FORMATS)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that change behaviour.")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--select", multiple=True, callback=_codes, metavar="CODES",
              help="Rule codes, prefixes or groups to enable, instead of the configured ones "
                   "(comma-separated, e.g. KL0,KL101, or raises,changes).")
@click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
              help="Rule codes, prefixes or groups (raises, changes, unchanged) to disable.")
@click.option("--extend-select", multiple=True, callback=_codes, metavar="CODES",
              help="Codes, prefixes or groups to enable on top of the configured ones.")
@click.option("--extend-ignore", multiple=True, callback=_codes, metavar="CODES",
              help="Codes, prefixes or groups to disable on top of the configured ones.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching GLOB.")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Same as --exclude (which adds to the configured globs).")
@click.option("--fix-only", is_flag=True, help="Apply fixes; do not report or exit 1 for what remains.")
@click.option("--add-noqa", is_flag=True, help="Add `# noqa: CODE` to every line with a finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary.")
@click.option("-s", "--silent", is_flag=True, help="Print nothing; the exit code tells.")
@click.option("--target", type=click.Choice([target.value for target in Target]),
              help="keras3: TF >= 2.16 (default); keras2: TF <= 2.15 or tf-keras.")
@click.option("--output-format", type=click.Choice(_formats()), default="text",
              show_default=True, help="How findings are printed.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the findings (or --statistics) to this file instead of stdout.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--show-fixes", is_flag=True, help="List the fixes applied (or, with --diff, that would be).")
@click.option("--stdin-filename", metavar="NAME",
              help="The name to report for '-' (standard input).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A pyproject.toml (or keraslint.toml) to read instead of the nearest one.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--validate", is_flag=True,
              help="With --fix: build the models under TensorFlow, naive port against fixed port.")
@click.option("--reference-python", type=click.Path(exists=True, dir_okay=False, path_type=str), metavar="PATH",
              help="With --validate: a Python with keras==2.2.4 and tensorflow==1.13.1 to build the "
                   "original models in and compare with the fixed port.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--no-cache", is_flag=True, help=f"Check every file; do not read or write {_CACHE}/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes to use (default: every core; runs with under 64 kB of Keras code "
                   "use one whatever N is; -j1 forces one).")
@click.version_option(__version__, "--version", prog_name="keraslint")
@_interruptible
def check_command(paths, fix, unsafe_fixes, diff, select, ignore, extend_select, extend_ignore, exclude,
                  extend_exclude, fix_only, add_noqa, quiet, silent, target, output_format,
                  output_file, statistics, show_fixes, stdin_filename, config_path, exit_zero,
                  validate, reference_python, list_rules, no_cache, jobs) -> None:
    """Find Keras 2.2.4 code that relies on old imports and defaults; fix it with --fix.

    PATH defaults to the current directory; '-' reads standard input.
    `keraslint rule CODE` prints a rule's documentation.
    """
    from keraslint import config as config_module
    from keraslint import report
    from keraslint.options import Options

    if list_rules:
        _print_rules(output_format)
        return
    if statistics and output_format not in (*_HUMAN, "json"):
        _fail(f"--statistics prints text or json, not {output_format}")
    try:
        config_file = config_path or config_module.find_pyproject(Path.cwd())
        settings = config_module.load_settings(config_file)
    except config_module.ConfigError as error:
        _fail(str(error))
    settings = replace(
        settings,
        select=(select or settings.select) + (extend_select or ()),
        ignore=settings.ignore + (ignore or ()) + (extend_ignore or ()),
        exclude=settings.exclude + exclude + extend_exclude,
        target=target or settings.target,
    )
    if add_noqa and (fix or diff or fix_only):
        _fail("--add-noqa marks findings; it does not go with --fix, --fix-only or --diff")
    fix = fix or fix_only
    from keraslint.registry import is_valid_selector

    per_file = tuple(code for _, codes in settings.per_file_ignores for code in codes)
    bad = [c for c in settings.select + settings.ignore + per_file if not is_valid_selector(c)]
    if bad:
        _fail(f"{settings.config_file}: unknown rule selector(s): {', '.join(bad)}")
    options = Options(
        rules=None,  # chosen from the settings when a file is checked: not for cached files
        settings=settings,
        fix=fix or diff,
        unsafe_fixes=unsafe_fixes,
        edits=report.needs_edits(output_format) and not fix,
    )
    if validate and (not fix or diff or output_format not in _HUMAN):
        _fail("--validate goes with --fix and text output (or run `keraslint validate`)")
    if reference_python and not validate:
        _fail("--reference-python goes with --fix --validate (or `keraslint validate`)")
    output = _Output(output_format, output_file, statistics, show_fixes, unsafe_fixes,
                     quiet=quiet or fix_only, silent=silent, report=not fix_only)
    paths = paths or (".",)
    if "-" in paths:
        if len(paths) > 1:
            _fail("'-' (standard input) cannot be combined with other paths")
        sys.exit(_run_stdin(options, stdin_filename or "-", output, fix, diff, exit_zero))
    from keraslint.parallel import available_cores

    run = _Run(None if no_cache else settings.config_file, no_cache, jobs or available_cores())
    if add_noqa:
        from keraslint.noqa_writer import add_noqa_comments

        sys.exit(add_noqa_comments(paths, options, run.jobs, silent))
    sys.exit(_run_paths(paths, options, output, fix, diff, exit_zero or fix_only, validate, run, reference_python))


@dataclass(frozen=True)
class _Run:
    """How the files are processed: the cache (next to the config file) and processes."""

    config_file: Path | None
    no_cache: bool
    jobs: int

    def cache(self, options):
        if self.no_cache:
            return None
        from keraslint.cache import Cache, root_for

        return Cache(root_for(self.config_file), options)


_HUMAN = ("text", "concise", "full")  # formats for people: colored on a terminal


def _use_color(stream) -> bool:
    """NO_COLOR (any value) turns color off, FORCE_COLOR on; otherwise color on a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


@dataclass(frozen=True)
class _Output:
    """Where and how the findings are written: the chosen format (or --statistics) to stdout
    or --output-file; --show-fixes and the summary to stderr."""

    format: str
    file: Path | None
    statistics: bool
    show_fixes: bool
    unsafe_fixes: bool
    quiet: bool = False  # the findings, no summary
    silent: bool = False  # nothing at all
    report: bool = True  # False with --fix-only: what remains is not reported

    def options(self, stream, output_format: str):
        from keraslint.report import RenderOptions

        color = output_format in _HUMAN and stream is not None and _use_color(stream)
        return RenderOptions(color=color, unsafe_fixes=self.unsafe_fixes)

    def findings(self, results, stream=None) -> None:
        """The report, to ``--output-file`` if given, else to ``stream`` (stdout)."""
        from keraslint import report

        if self.silent or not self.report:
            return
        stream = stream or sys.stdout
        target = None if self.file is not None else stream
        options = self.options(target, self.format)
        if self.statistics:
            from keraslint.report.statistics import statistics

            text = statistics(results, options, as_json=self.format == "json")
        else:
            text = report.render(self.format, results, options)
        if self.file is None:
            stream.write(text)
            return
        try:
            self.file.write_text(text, encoding="utf-8")
        except OSError as error:
            _fail(f"cannot write {self.file}: {error.strerror or error}")

    def needs_sources(self) -> bool:
        """Whether the report shows source lines (else a result keeps its bytes only for a diff)."""
        return self.format == "full" and not self.statistics

    def fixes(self, results, *, applied: bool) -> None:
        if self.show_fixes and not self.silent:
            from keraslint.report.statistics import fixes

            sys.stderr.write(fixes(results, self.options(sys.stderr, "text"), applied=applied))

    def errors(self, results) -> None:
        """Files that could not be processed, as text on stderr (the diff owns stdout)."""
        from keraslint import report

        failures = [r for r in results if r.error is not None]
        sys.stderr.write(report.render("text", failures, self.options(sys.stderr, "text")))


def _run_paths(paths, options, output: _Output, fix, diff, exit_zero, validate=False, run=None,
               reference_python=None) -> int:
    from keraslint import runner

    run = run or _Run(None, True, 1)
    results = runner.run_paths(paths, options, write=fix and not diff, cache=run.cache(options), jobs=run.jobs,
                               keep_sources=validate or output.needs_sources())
    if diff:
        if not output.silent:
            sys.stdout.write(runner.unified_diff(results))
            output.errors(results)
        output.fixes(results, applied=False)
        if not (output.quiet or output.silent):
            _summary_diff(results)
        changed = any(r.fixed_source is not None for r in results)
        failed = any(r.error is not None for r in results)
        return _exit(results, exit_zero, findings=changed or failed)
    output.findings(results)
    output.fixes(results, applied=True)
    if not output.report and not output.silent:
        output.errors(results)  # --fix-only reports no findings, but still names the bad files
    if not (output.quiet or output.silent):
        _summary(results, fix, options.unsafe_fixes, options.settings.target)
    code = _exit(results, exit_zero, findings=any(r.diagnostics for r in results))
    if validate:
        from keraslint.validate.cli import after_fix

        code = max(code, after_fix(results, options.settings, options.unsafe_fixes, reference_python))
    return code


def _run_stdin(options, filename, output: _Output, fix, diff, exit_zero) -> int:
    from keraslint import runner

    source = sys.stdin.buffer.read()
    result = runner.run_stdin(source, filename, options)
    if diff:
        sys.stdout.write(runner.unified_diff([result]))
        output.errors([result])
        output.fixes([result], applied=False)
        return _exit([result], exit_zero, findings=result.fixed_source is not None or result.error is not None)
    if fix:
        # The fixed code goes to stdout (format-on-save); what remains goes to stderr
        # (or to --output-file, in the chosen format).
        sys.stdout.buffer.write(result.fixed_source if result.fixed_source is not None else source)
        sys.stdout.flush()
        if output.file is not None:
            output.findings([result])
        else:
            replace(output, format="text", statistics=False).findings([result], sys.stderr)
    else:
        output.findings([result])
    output.fixes([result], applied=True)
    if not (output.quiet or output.silent):
        _summary([result], fix, options.unsafe_fixes, options.settings.target)
    return _exit([result], exit_zero, findings=bool(result.diagnostics))


def _exit(results, exit_zero: bool, *, findings: bool) -> int:
    if any(r.internal_error for r in results):
        return 2
    return 0 if exit_zero or not findings else 1


def _summary(results, fix: bool, unsafe_fixes: bool = False, target: Target = Target.KERAS3) -> None:
    remaining = sum(len(r.diagnostics) for r in results)
    fixed = sum(len(r.fixed) for r in results)
    fixable = sum(1 for r in results for d in r.diagnostics
                  if d.fix is not None and d.fix.applicability.applies(unsafe_fixes))
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
    for line in _impact_lines(results, fix, unsafe_fixes, target):
        click.echo(line, err=True)
    if unsafe and not unsafe_fixes:
        click.echo(f"({unsafe} hidden {'fix' if unsafe == 1 else 'fixes'} can be enabled "
                   "with the `--unsafe-fixes` option.)", err=True)


def _impact_lines(results, fix: bool, unsafe_fixes: bool, target: Target) -> list[str]:
    """What the findings mean on the target, most urgent first; after --fix, what still raises."""
    from collections import Counter

    from keraslint.keras224.impact import CHANGES, RAISES, UNCHANGED, impact

    diagnostics = [d for r in results for d in r.diagnostics]
    groups = Counter(impact(d.code, target) for d in diagnostics)
    if not diagnostics or set(groups) == {None}:
        return []
    what = {RAISES: "would raise", CHANGES: "would change behaviour", UNCHANGED: "only write out what is unchanged"}
    counts = ", ".join(f"{groups[g]} {what[g]}" for g in (RAISES, CHANGES, UNCHANGED) if groups[g])
    lines = [f"On the {target} target{' the remaining ones' if fix else ''}: {counts}."]
    raising = Counter((d.code, _how(d, unsafe_fixes)) for d in diagnostics if impact(d.code, target) == RAISES)
    if fix and raising:
        parts = ", ".join(f"{code} ×{count} ({how})" for (code, how), count in sorted(raising.items()))
        lines.append(f"{sum(raising.values())} will still fail on {target}: {parts}.")
    return lines


def _how(diagnostic, unsafe_fixes: bool) -> str:
    """How a remaining finding can be fixed."""
    if diagnostic.fix is not None and diagnostic.fix.applicability.value == "unsafe" and not unsafe_fixes:
        return "an unsafe fix: --unsafe-fixes"
    return "by hand, as its message says"


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

        from keraslint.ruledocs import as_json

        click.echo(json.dumps([as_json(rule) for rule in all_rules().values()], indent=2))
        return
    for code, rule in all_rules().items():
        marker = "[*]" if rule.fix_title else "   "
        click.echo(f"{code}  {marker}  {rule.name:<34} {rule.summary}")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every rule.")
@click.option("--output-format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the text of docs/rules.md.")
def rule_command(code, show_all, output_format) -> None:
    """Print a rule's documentation: `keraslint rule KL101`, `keraslint rule --all`."""
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
    if output_format == "markdown":
        from keraslint.ruledocs import markdown

        click.echo(markdown(chosen), nl=False)
        return
    if output_format == "json":
        import json

        from keraslint.ruledocs import as_json

        data = [as_json(rule) for rule in chosen]
        click.echo(json.dumps(data if show_all else data[0], indent=2))
        return
    click.echo("\n\n".join(
        f"# {rule.name} ({rule.code})\n\n{rule.summary}.\n\n{rule.docs()}" for rule in chosen
    ))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The configuration whose folder holds the cache (default: the nearest one).")
def clean_command(config_path) -> None:
    """Remove the cache (.keraslint_cache/ next to the configuration, or here)."""
    from keraslint import config as config_module
    from keraslint.cache import DIRECTORY, clean, root_for

    try:
        config_file = config_path or config_module.find_pyproject(Path.cwd())
    except config_module.ConfigError as error:
        _fail(str(error))
    root = root_for(config_file)
    removed = clean(root)
    click.echo(f"{'Removed' if removed else 'No cache at'} {root / DIRECTORY}", err=True)
