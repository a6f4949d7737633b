"""``keraslint validate``: port each file twice, slice, build in the child, compare. No TensorFlow here."""

from __future__ import annotations

import io
import sys
import tokenize
from dataclasses import dataclass, field
from typing import Any, Callable

from keraslint.config import Settings
from keraslint.validate import compare, process
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
    job_ids: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def validate_sources(sources: list[tuple[str, bytes]], options: ValidateOptions,
                     progress: Callable[[int, int], None] = lambda done, total: None):
    """(versions, reports) for each (path, original bytes) in ``sources``."""
    files = [_prepare(path, data, options) for path, data in sources if b"keras" in data]
    tf_jobs, reference_jobs = [], []
    for file in files:
        for port, slice_ in file.slices.items():
            builders = [[name, {}] for name in slice_.builders]
            builders += [[b.function, b.kwargs] for b in options.validate.builders_for(file.path)]
            job = {"id": len(tf_jobs) + len(reference_jobs), "path": file.path, "source": slice_.source,
                   "builders": builders, "train": True, "stubbable": list(slice_.stubbable)}
            file.job_ids[port] = job["id"]
            (reference_jobs if port == "reference" else tf_jobs).append(job)
    total = len(tf_jobs) + len(reference_jobs)
    counter = iter(range(1, total + 1))

    def tick(_result):
        progress(next(counter), total)

    limits = dict(timeout=options.validate.timeout, memory_mb=options.validate.memory_mb)
    versions, results = process.run_jobs(
        process.Request("tf", options.python, train_steps=options.train_steps, batch=options.batch, **limits),
        tf_jobs, tick) if tf_jobs else ({}, {})
    if reference_jobs:
        reference_versions, reference_results = process.run_jobs(
            process.Request("reference", options.reference_python, **limits), reference_jobs, tick)
        versions = {**versions, "reference": reference_versions}
        results.update(reference_results)
    reports = [report for file in files for report in _reports(file, results, options)]
    return versions, reports


def _prepare(path: str, data: bytes, options: ValidateOptions) -> _File:
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
        original = data.decode(encoding)
        ports = {
            "naive": naive_port(data, path, options.settings).decode(encoding),
            "fixed": fixed_port(data, path, options.settings, unsafe_fixes=options.unsafe_fixes).decode(encoding),
        }
        if options.reference_python:
            ports["reference"] = original
        values = options.validate.values_for(path)
        slices = {port: slice_script(text, values) for port, text in ports.items()}
    except (ValueError, SyntaxError, UnicodeDecodeError) as error:
        return _File(path, "", {}, {}, error=str(error).splitlines()[0] if str(error) else type(error).__name__)
    return _File(path, original, ports, slices)


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
        reports.append(ModelReport(file.path, line("fixed", error["line"]), None, "failed",
                                   _error_text(error), notes=notes))
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
            reports.append(ModelReport(file.path, where, model["name"], "failed",
                                       _error_text(model["error"]) + at, notes=notes))
            continue
        reports.append(_model_report(file.path, where, model, naive, naive_models.get(model["name"]),
                                     reference, reference_models.get(model["name"]), notes, options))
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


def _model_report(path, where, model, naive_job, naive, reference_job, reference, notes, options):
    naive_error = None
    if naive is None or "error" in naive:
        error = naive["error"] if naive else naive_job["error"]
        naive_error = _error_text(error) if error else "the naive port did not build this model"
        differences, rows = [], []
    else:
        differences = compare.architecture(naive["layers"], model["layers"])
        rows = compare.drift(naive["config"], model["config"])
    wrong = compare.unexplained(differences, rows)
    train = None
    if options.train_steps:
        train = {"naive": _losses(naive), "fixed": _losses(model)}
    notes = tuple(notes) + tuple(model.get("notes", ()))
    return ModelReport(
        path, where, model["name"], "failed" if wrong else "built",
        ("the fix changed the architecture: " + "; ".join(map(str, wrong))) if wrong else None,
        len(model["layers"]), model["params"], tuple(rows),
        tuple(d for d in differences if d not in wrong), naive_error, train,
        _reference(reference_job, reference, model) if options.reference_python else None, notes,
    )


def _reference(job: dict | None, reference: dict | None, model: dict) -> dict[str, Any]:
    """The fixed port against the original under Keras 2.2.4."""
    if reference is None or "error" in reference:
        error = (reference or {}).get("error") or (job or {}).get("error")
        return {"status": "failed", "reason": _error_text(error) if error else "not built under Keras 2.2.4"}
    differences, undefined = compare.against_reference(reference["layers"], model["layers"])
    return {"status": "differs" if differences else "match", "params": reference["params"],
            "differences": [str(d) for d in differences], "undefined": [str(d) for d in undefined]}


def _losses(model: dict | None) -> list[float] | None:
    if not model or not isinstance(model.get("train"), list):
        return None
    return model["train"]


def _error_text(error: dict) -> str:
    return f"{error['type']}: {error['message']}" if error.get("message") else error["type"]
