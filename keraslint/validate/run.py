"""``keraslint validate``: port each file twice, slice, build in the child, compare. No TensorFlow here."""

from __future__ import annotations

import io
import sys
import tempfile
import tokenize
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from keraslint.config import Settings
from keraslint.validate import compare, process, project
from keraslint.validate.facts import (
    DOCUMENTED_DIFFERENCES, DOWNLOAD_MESSAGES, DOWNLOAD_SKIP, LOSS_TOLERANCE, OUTPUT_TOLERANCE, RANDOM_LAYERS,
)
from keraslint.validate.ports import fixed_port, line_map, naive_port
from keraslint.validate.settings import ValidateSettings
from keraslint.validate.slicer import Slice, slice_script


#: The reason of a model only the original built (under Keras 2.2.4, in reference mode).
REFERENCE_ONLY = "built under Keras 2.2.4 only"


@dataclass(frozen=True)
class ValidateOptions:
    settings: Settings = field(default_factory=Settings)
    validate: ValidateSettings = field(default_factory=ValidateSettings)
    unsafe_fixes: bool = False
    train_steps: int = 0
    batch: int = 32
    reference_python: str | None = None
    python: str = sys.executable
    #: Report lines of the original file ("original") or of the fixed file (after --fix wrote it).
    lines_of: str = "original"
    #: One training step per model on a tiny synthetic batch: a model that cannot train fails.
    fit_check: bool = True
    #: Directories named on the command line: each is the root of the files under it.
    roots: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModelReport:
    path: str
    line: int | None
    name: str | None
    status: str  # built | failed | skipped
    reason: str | None = None
    layers: int | None = None
    params: int | None = None
    drift: tuple[compare.Drift, ...] = ()
    explained: tuple[compare.Difference, ...] = ()  # architecture changes a drift row accounts for
    naive_error: str | None = None  # why the naive port did not build: evidence for the fix
    train: dict[str, Any] | None = None  # {"naive": losses, "fixed": losses}
    reference: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()


@dataclass
class _File:
    path: str
    original: str
    ports: dict[str, str]  # "naive" / "fixed" / "reference" -> the port's text
    slices: dict[str, Slice]
    job_ids: dict[str, int] = field(default_factory=dict)  # port -> the job of the module's own models
    builder_job_ids: dict[str, list[int]] = field(default_factory=dict)  # port -> one job per builder
    error: str | None = None
    places: dict[str, dict[str, Any]] = field(default_factory=dict)  # port -> project.job_paths
    cells: list[tuple[int, int]] | None = None  # a notebook's (script line, cell) starts
    documented: tuple[str, ...] = ()  # DOCUMENTED_DIFFERENCES codes the fixed port still reports


def validate_sources(sources: list[tuple[str, bytes]], options: ValidateOptions,
                     progress: Callable[[int, int], None] = lambda done, total: None):
    """(versions, reports) for each (path, original bytes) in ``sources``."""
    with tempfile.TemporaryDirectory(prefix="keraslint-validate-") as scratch:
        files = _prepare_all([(p, d) for p, d in sources if b"keras" in d], options, Path(scratch))
        return _run(files, options, Path(scratch), progress)


def _run(files: list[_File], options: ValidateOptions, scratch: Path, progress):
    numbers_dir = scratch / "numbers"
    numbers_dir.mkdir()
    tf_jobs, reference_jobs = [], []
    for key, file in enumerate(files):
        for port, slice_ in file.slices.items():
            builders = [[name, dict(slice_.builder_arguments.get(name, {})), name in slice_.model_builders]
                        for name in slice_.builders]
            builders += [[b.function, b.kwargs, True] for b in options.validate.builders_for(file.path)]
            base = {"path": file.path, "source": slice_.source,
                    "train": port != "naive" or bool(options.train_steps),
                    "stubbable": list(slice_.stubbable), **file.places.get(port, {})}
            if options.reference_python:
                base["numbers"] = {"dir": str(numbers_dir), "key": key}
            # The module's own models in one job, then one job per builder: each fails alone.
            ids = []
            for job in [{**base, "builders": [], "models": len(slice_.model_names)}] + [
                    {**base, "builders": [builder], "builders_only": True, "models": 1} for builder in builders]:
                job["id"] = len(tf_jobs) + len(reference_jobs)
                ids.append(job["id"])
                (reference_jobs if port == "reference" else tf_jobs).append(job)
            file.job_ids[port] = ids[0]
            file.builder_job_ids[port] = ids[1:]
    total = len(tf_jobs) + len(reference_jobs)
    counter = iter(range(1, total + 1))

    def tick(_result):
        progress(next(counter), total)

    limits = dict(timeout=options.validate.timeout, memory_mb=options.validate.memory_mb)
    versions, results = {}, {}
    if reference_jobs:  # first: the ports load the weights Keras 2.2.4 saves
        reference_versions, results = process.run_jobs(
            process.Request("reference", options.reference_python, train_steps=options.train_steps,
                            batch=options.batch, **limits), reference_jobs, tick)
        versions["reference"] = reference_versions
    if tf_jobs:
        tf_versions, tf_results = process.run_jobs(
            process.Request("tf", options.python, train_steps=options.train_steps, batch=options.batch,
                            fit_check=options.fit_check, **limits), tf_jobs, tick)
        versions = {**tf_versions, **versions}
        results.update(tf_results)
    by_id = {job["id"]: job for job in tf_jobs + reference_jobs}
    for file in files:
        for port, main in file.job_ids.items():
            results[main] = _merged(results[main], [(by_id[i]["builders"][0][0], results[i])
                                                    for i in file.builder_job_ids[port]])
    reports = [_in_cell(file, report) for file in files for report in _reports(file, results, options)]
    return versions, reports


def _merged(main: dict, builder_jobs: list[tuple[str, dict]]) -> dict:
    """One result for a file's port: its module's job, and its builders' jobs (whose module
    errors repeat the module job's, and so are not counted twice)."""
    merged = dict(main, models=list(main["models"]), notes=list(main.get("notes", ())))
    for builder, job in builder_jobs:
        merged["models"] += job["models"]
        if job.get("error") and job["error"].get("type") in ("Timeout", "ChildCrashed") and main["error"] is None:
            merged["models"].append({"name": builder + "()", "error": job["error"]})
        merged["notes"] += [note for note in job.get("notes", ()) if note not in merged["notes"]]
    return merged


def _in_cell(file: _File, report: ModelReport) -> ModelReport:
    """A notebook's report names the cell and the line in it, as ``nb.ipynb:cell 3``."""
    if file.cells is None or report.line is None:
        return report
    from keraslint.notebook import cell_of

    cell, line = cell_of(file.cells, report.line)
    return replace(report, path=f"{file.path}:cell {cell}", line=line)


def _prepare_all(sources: list[tuple[str, bytes]], options: ValidateOptions, scratch: Path) -> list[_File]:
    """Each file's ports and slices, its modules' ports written into scratch trees of its project."""
    given = tuple(Path(d).resolve() for d in options.roots)
    by_root: dict[Path, list[tuple[str, bytes]]] = {}
    for path, data in sources:
        by_root.setdefault(project.find_root(Path(path), given), []).append((path, data))
    files = []
    for number, (root, members) in enumerate(by_root.items()):
        scripts = [(p, d) for p, d in members if not p.endswith(".ipynb")]
        trees = None
        if scripts:
            trees = project.build_trees(root, [Path(p) for p, _ in scripts], scratch / f"project{number}",
                                        _port_makers(options), {Path(p).resolve(): d for p, d in scripts})
        files += [_prepare(path, data, options, trees) for path, data in members]
    return files


def _port_makers(options: ValidateOptions) -> dict[str, Callable[[Path, bytes], str]]:
    def decoded(make):
        def port(path: Path, data: bytes) -> str:
            if b"keras" not in data:
                return _decode(data)
            return _decode(make(data, str(path)), data)
        return port

    makers = {
        "naive": decoded(lambda data, path: naive_port(data, path, options.settings)),
        "fixed": decoded(lambda data, path: fixed_port(data, path, options.settings,
                                                       unsafe_fixes=options.unsafe_fixes)),
    }
    if options.reference_python:
        makers["reference"] = lambda path, data: _decode(data)
    return makers


def _decode(data: bytes, original: bytes | None = None) -> str:
    encoding = tokenize.detect_encoding(io.BytesIO(original if original is not None else data).readline)[0]
    return data.decode(encoding)


def _prepare(path: str, data: bytes, options: ValidateOptions, trees: project.Trees | None) -> _File:
    try:
        cells = None
        if path.endswith(".ipynb"):
            from keraslint.notebook import as_script

            script, cells = as_script(data)
            data = script.encode("utf-8")
        original = _decode(data)
        resolved = Path(path).resolve()
        if trees is not None and resolved in trees.texts.get("fixed", {}):
            ports = {port: texts[resolved] for port, texts in trees.texts.items()}
            places = {port: project.job_paths(trees, port, resolved) for port in ports}
        else:
            ports = {port: make(resolved, data) for port, make in _port_makers(options).items()}
            places = {port: {"sys_path": [str(resolved.parent)]} for port in ports}
        if options.reference_python and "reference" not in ports:
            ports["reference"] = original
        values = options.validate.values_for(path)
        slices = {port: slice_script(text, values) for port, text in ports.items()}
        if trees is not None:
            local = sorted(project.local_names(trees))
            for port, place in places.items():
                place["local"] = local
                slices[port] = replace(slices[port], stubbable=tuple(
                    sorted(set(slices[port].stubbable).union(*(
                        project_stubbable(text) for text in trees.texts.get(port, {}).values())) - set(local))))
    except (ValueError, SyntaxError, UnicodeDecodeError) as error:
        return _File(path, "", {}, {}, error=str(error).splitlines()[0] if str(error) else type(error).__name__)
    return _File(path, original, ports, slices, places=places, cells=cells,
                 documented=_documented(original, path, options) if options.reference_python else ())


def _documented(original: str, path: str, options: ValidateOptions) -> tuple[str, ...]:
    """The DOCUMENTED_DIFFERENCES findings ``keraslint check --select`` gives the original file."""
    from keraslint.engine import Options, check_source
    from keraslint.registry import select_rules

    rules = select_rules(DOCUMENTED_DIFFERENCES, (), options.settings.target)
    result = check_source(original.encode("utf-8"), path, Options(rules, options.settings))
    return tuple(sorted({d.code for d in result.diagnostics} & set(DOCUMENTED_DIFFERENCES)))


def project_stubbable(text: str) -> tuple[str, ...]:
    from keraslint.validate.slicer import stubbable_imports

    try:
        return stubbable_imports(text)
    except (SyntaxError, ValueError):
        return ()


def _reports(file: _File, results: dict[int, dict], options: ValidateOptions) -> list[ModelReport]:
    if file.error is not None:
        return [ModelReport(file.path, None, None, "failed", f"cannot read: {file.error}")]

    # Lines are reported in the file the user has: the original, or the fixed one --fix wrote.
    home = file.ports["fixed"] if options.lines_of == "fixed" else file.original
    maps: dict[str, dict[int, int]] = {}

    def line(port: str, number: int | None) -> int | None:
        if number is None or file.ports[port] == home:
            return number
        if port not in maps:
            maps[port] = line_map(home, file.ports[port])
        return maps[port].get(number, number)

    fixed = results[file.job_ids["fixed"]]
    naive = results[file.job_ids["naive"]]
    reference = results.get(file.job_ids.get("reference", -1))
    fixed_slice = file.slices["fixed"]
    notes = tuple(fixed_slice.notes) + tuple(fixed.get("notes", ()))  # the child's: stubs, shims
    reports: list[ModelReport] = []
    if fixed["error"] is not None:
        error = fixed["error"]
        reports.append(ModelReport(file.path, line("fixed", error["line"]), None, *_failure(error), notes=notes))
    # A naive port that stopped where the fixed one did not has no complete models to compare.
    naive_models = {} if _stopped_alone(naive, fixed) else {m["name"]: m for m in naive["models"]}
    reference_models = {m["name"]: m for m in reference["models"]} if reference else {}
    skipped = {skip.name for skip in fixed_slice.skipped}
    for model in fixed["models"]:
        if model["name"] in skipped:
            continue  # bound, but built without the layers that needed dropped data
        where = line("fixed", fixed_slice.assigned.get(model["name"]))
        if "error" in model:
            raised_at = line("fixed", model["error"]["line"])
            at = f" (line {raised_at})" if raised_at not in (None, where) else ""
            status, reason = _failure(model["error"])
            reports.append(ModelReport(file.path, where, model["name"], status, reason + at, notes=notes))
            continue
        reports.append(_model_report(file.path, where, model, naive, naive_models.get(model["name"]),
                                     reference, reference_models.get(model["name"]), notes, options,
                                     file.documented))
    for skip in fixed_slice.skipped:
        reports.append(ModelReport(file.path, line("fixed", skip.line), skip.name, "skipped",
                                   "needs " + ", ".join(skip.needs), notes=notes))
    fixed_names = {m["name"] for m in fixed["models"]} | skipped
    for name, model in reference_models.items():  # the original builds it, the fixed port did not
        if name not in fixed_names and "error" not in model:
            reports.append(ModelReport(
                file.path, line("reference", file.slices["reference"].assigned.get(name)), name, "failed",
                f"{REFERENCE_ONLY} ({model['params']:,} params); the fixed port stopped before it", notes=notes))
    if not reports:
        reason = "no model found"
        if fixed_slice.needs_arguments:
            reason += (f"; {', '.join(fixed_slice.needs_arguments)} build models but need arguments "
                       "(configure [tool.keraslint.validate] builders)")
        reports.append(ModelReport(file.path, None, None, "skipped", reason, notes=notes))
    return reports


def _stopped_alone(job: dict, other: dict) -> bool:
    def what(error):
        return error and (error["type"], error["message"])
    return bool(job["error"]) and what(job["error"]) != what(other["error"])


def _model_report(path, where, model, naive_job, naive, reference_job, reference, notes, options, documented=()):
    naive_error = None
    if naive is None or "error" in naive:
        error = naive["error"] if naive else naive_job["error"]
        naive_error = _error_text(error) if error else "the naive port did not build this model"
        differences, rows = [], []
    else:
        differences = compare.architecture(naive["layers"], model["layers"])
        rows = compare.drift(naive["config"], model["config"])
    wrong = compare.unexplained(differences, rows)
    reason = ("the fix changed the architecture: " + "; ".join(map(str, wrong))) if wrong else None
    if reason is None and model.get("fit_check"):
        reason = "cannot train: " + _error_text(model["fit_check"])
    train = None
    if options.train_steps:
        train = {"naive": _losses(naive), "fixed": _losses(model)}
    notes = tuple(notes) + tuple(model.get("notes", ()))
    return ModelReport(
        path, where, model["name"], "failed" if reason else "built", reason,
        len(model["layers"]), model["params"], tuple(rows),
        tuple(d for d in differences if d not in wrong), naive_error, train,
        _reference(reference_job, reference, model, naive, documented) if options.reference_python else None,
        notes,
    )


def _reference(job: dict | None, reference: dict | None, model: dict, naive: dict | None = None,
               documented: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fixed port against the original under Keras 2.2.4: architecture, then numbers."""
    if reference is None or "error" in reference:
        error = (reference or {}).get("error") or (job or {}).get("error")
        return {"status": "failed", "reason": _error_text(error) if error else "not built under Keras 2.2.4"}
    differences, undefined = compare.against_reference(reference["layers"], model["layers"])
    found = {"status": "differs" if differences else "match", "params": reference["params"],
             "differences": [str(d) for d in differences], "undefined": [str(d) for d in undefined]}
    if "numbers" in model or "numbers" in reference:
        random = sorted({layer["class"] for layer in model["layers"]} & RANDOM_LAYERS)
        numbers = _numbers(model, reference, random)
        numbers["naive"] = _numbers(naive, reference, random) if naive and "numbers" in naive else None
        if numbers.get("equal") is False and not differences:
            found["status"] = "documented" if documented else "differs"
            if documented:
                numbers["documented"] = list(documented)
        found["numbers"] = numbers
    return found


def _numbers(port: dict, reference: dict, random: list[str]) -> dict[str, Any]:
    """The port's outputs and losses on Keras 2.2.4's weights and batch, against 2.2.4's."""
    mine, theirs = port.get("numbers") or {}, reference.get("numbers") or {}
    if "error" in theirs or "error" in mine:  # Keras 2.2.4's failure explains the port's NoReference
        where, error = ("under Keras 2.2.4: ", theirs["error"]) if "error" in theirs else ("", mine["error"])
        return {"equal": None, "reason": where + _error_text(error)}
    if mine.get("fits"):
        return {"equal": None, "reason": "Keras 2.2.4's weights do not fit: " + mine["fits"]}
    if theirs.get("random"):
        return {"equal": None, "reason": "the model samples while predicting: Keras 2.2.4 gave two answers to one batch",
                "max_abs_diff": mine["max_abs_diff"]}
    absolute, relative = OUTPUT_TOLERANCE
    tolerance = absolute + relative * mine["scale"]
    found: dict[str, Any] = {"max_abs_diff": mine["max_abs_diff"], "tolerance": float(f"{tolerance:.3g}"),
                             "equal": mine["max_abs_diff"] <= tolerance}
    if "losses" in mine and "losses" in theirs:
        found["losses"] = mine["losses"]
        found["reference_losses"] = theirs["losses"]
        gaps = [abs(a - b) / max(abs(b), 1e-12) for a, b in zip(mine["losses"], theirs["losses"])]
        found["max_loss_rel_diff"] = float(f"{max(gaps):.3g}") if gaps else 0.0
        if random:
            found["random_layers"] = random  # dropout draws differ between frameworks: shown, not judged
        elif max(gaps, default=0.0) > LOSS_TOLERANCE:
            found["equal"] = False
    return found


def _losses(model: dict | None) -> list[float] | None:
    if not model or not isinstance(model.get("train"), list):
        return None
    return model["train"]


def _failure(error: dict) -> tuple[str, str]:
    """(status, reason) of a build that raised: a blocked download skips the model."""
    text = _error_text(error)
    if any(message in text for message in DOWNLOAD_MESSAGES):
        return "skipped", DOWNLOAD_SKIP
    return "failed", text


def _error_text(error: dict) -> str:
    return f"{error['type']}: {error['message']}" if error.get("message") else error["type"]
