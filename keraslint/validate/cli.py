"""``keraslint validate [PATH]...`` and the ``--validate`` step after ``keraslint --fix``."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

MISSING_TENSORFLOW = ("validation builds models under TensorFlow, which is not installed here; "
                      "install it with: pip install 'keraslint[validate]'")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--unsafe-fixes", is_flag=True, help="Build the fixed port with unsafe fixes too.")
@click.option("--train-steps", type=click.IntRange(min=0), default=0, show_default=True,
              help="Train both ports N steps on one synthetic batch and compare the losses.")
@click.option("--batch", type=click.IntRange(min=1), default=32, show_default=True,
              help="The synthetic batch size for --train-steps.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=str), metavar="FILE.png",
              help="Draw both ports' loss curves (needs matplotlib and --train-steps).")
@click.option("--reference-python", type=click.Path(exists=True, dir_okay=False, path_type=str),
              metavar="PATH", help="A Python with keras==2.2.4 and tensorflow==1.13.1: build the "
                                   "original model there and compare it with the fixed port.")
@click.option("--no-fit-check", is_flag=True,
              help="Do not train each fixed model one step on a tiny synthetic batch (a model that "
                   "builds but cannot train then passes).")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching GLOB.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A pyproject.toml (or keraslint.toml) to read instead of the nearest one.")
def validate_command(paths, unsafe_fixes, train_steps, batch, plot_path, reference_python, no_fit_check,
                     output_format, exclude, config_path) -> None:
    """Build each model of PATH under TensorFlow: naive port against fixed port.

    Nothing of the user's program runs but its imports, constants and model construction
    (and the modules of its project it imports). A directory is a project: its packages import
    as packages; setup.py, docs/, tests/ and examples/ under it are left out unless named.
    """
    from keraslint import files
    from keraslint.validate.project import find_root, not_run
    from keraslint.validate.run import ValidateOptions

    if plot_path and not train_steps:
        raise click.UsageError("--plot draws the --train-steps losses; give --train-steps N")
    settings, validate_settings = _settings(config_path)
    settings = replace(settings, exclude=settings.exclude + exclude)
    sources = []
    paths = paths or (".",)
    given = tuple(str(Path(p).resolve()) for p in paths if Path(p).is_dir())
    for candidate in files.discover(paths, settings.exclude):
        named = any(Path(candidate.path).resolve() == Path(p).resolve() for p in paths)
        if not named and not_run(Path(candidate.path), find_root(Path(candidate.path), tuple(map(Path, given)))):
            continue
        try:
            sources.append((candidate.path, files.read(candidate.path)))
        except OSError as error:
            click.echo(f"{candidate.path}: {candidate.error or error.strerror or error}", err=True)
    options = ValidateOptions(settings, validate_settings, unsafe_fixes, train_steps, batch,
                              reference_python, fit_check=not no_fit_check, roots=given)
    sys.exit(run_and_print(sources, options, output_format, plot_path))


def run_and_print(sources, options, output_format: str, plot_path: str | None = None) -> int:
    """Validate, print the report; 0 when nothing failed, 1 when a model failed, 2 when we could not run."""
    from keraslint.validate import process, report
    from keraslint.validate.run import validate_sources

    if process.tensorflow_missing(options.python):
        return _fail(MISSING_TENSORFLOW)
    try:
        versions, reports = validate_sources(sources, options, _progress_bar())
    except process.ChildUnavailable as error:
        return _fail(f"the build child could not start: {error}")
    finally:
        _clear_progress()
    sys.stdout.write(report.render(output_format, versions, reports))
    click.echo(report.summary(reports), err=True)
    if plot_path:
        from keraslint.validate.plot import PlotUnavailable, plot

        try:
            drawn = plot(reports, plot_path)
        except PlotUnavailable as error:
            return _fail(str(error))
        click.echo(f"Loss curves of {drawn} {'model' if drawn == 1 else 'models'} in {plot_path}.", err=True)
    return 1 if any(r.status == "failed" for r in reports) else 0


def after_fix(results, settings, unsafe_fixes: bool, reference_python: str | None = None) -> int:
    """``keraslint --fix --validate``: validate the files just fixed (naive port from their originals)."""
    from keraslint.validate.run import ValidateOptions

    _, validate_settings = _settings(settings.config_file)
    sources = [(r.filename, r.source) for r in results if r.source is not None and r.error is None]
    options = ValidateOptions(settings, validate_settings, unsafe_fixes, reference_python=reference_python,
                              lines_of="fixed")
    return run_and_print(sources, options, "text")


def _settings(config_path):
    from keraslint import config as config_module
    from keraslint.validate import settings as validate_settings

    try:
        config_file = config_path or config_module.find_pyproject(Path.cwd())
        return config_module.load_settings(config_file), validate_settings.load(config_file)
    except config_module.ConfigError as error:
        sys.exit(_fail(str(error)))


def _fail(message: str) -> int:
    click.echo(f"keraslint: error: {message}", err=True)
    return 2


def _progress_bar():
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        if total > 1:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\rbuilding [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()
    return show


def _clear_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()
