"""Validation results as a text table per model, or one JSON object."""

from __future__ import annotations

import json
from typing import Any

from keraslint.validate import compare
from keraslint.validate.run import ModelReport


def render(output_format: str, versions: dict, reports: list[ModelReport]) -> str:
    return render_json(versions, reports) if output_format == "json" else render_text(versions, reports)


def render_text(versions: dict, reports: list[ModelReport]) -> str:
    lines = []
    for report in reports:
        where = f"{report.path}:{report.line}" if report.line else report.path
        head = f"{where}  {report.name or '-'}  {report.status}"
        if report.status == "built":
            head += f"  {report.layers} layers  {report.params:,} params"
        if report.reason:
            head += f": {report.reason}"
        lines.append(head)
        if report.naive_error:
            lines.append(f"    naive port failed: {report.naive_error}")
        lines += [f"    drift      {row}" for row in report.drift]
        lines += [f"    explained  {difference}" for difference in report.explained]
        if report.train:
            lines += _train_lines(report.train)
        if report.reference:
            lines.append("    reference  " + _reference_text(report.reference))
            numbers = report.reference.get("numbers")
            if numbers:
                lines += _number_lines(numbers)
        lines += [f"    note       {note}" for note in report.notes]
    return "\n".join(lines) + ("\n" if lines else "")


def _train_lines(train: dict[str, Any]) -> list[str]:
    rows = []
    for port in ("naive", "fixed"):
        losses = train.get(port)
        if not losses:
            rows.append(f"    loss {port:<5} not trained")
            continue
        fall = compare.loss_fall(losses)
        flag = "" if compare.learns(losses) else "  LOSS DOES NOT FALL"
        rows.append(f"    loss {port:<5} {losses[0]:.4g} -> {losses[-1]:.4g} "
                    f"({-fall:+.1%} over {len(losses) - 1} steps){flag}")
    return rows


def _reference_text(reference: dict[str, Any]) -> str:
    if reference["status"] == "match":
        undefined = reference.get("undefined") or []
        also = (f"; {len(undefined)} {'shape' if len(undefined) == 1 else 'shapes'} Keras 2.2.4 left "
                f"undefined compared on their defined dimensions: {'; '.join(undefined)}") if undefined else ""
        return f"matches Keras 2.2.4 ({reference['params']:,} params{also})"
    if reference["status"] == "differs":
        return "DIFFERS from Keras 2.2.4: " + "; ".join(reference["differences"])
    return f"not built under Keras 2.2.4: {reference['reason']}"


def _number_lines(numbers: dict[str, Any]) -> list[str]:
    """Outputs (and losses) on Keras 2.2.4's weights and batch, for the fixed port and the naive one."""
    rows = [f"    numbers    fixed {_numbers_text(numbers)}"]
    if numbers.get("naive"):
        rows.append(f"    numbers    naive {_numbers_text(numbers['naive'])}")
    return rows


def _numbers_text(numbers: dict[str, Any]) -> str:
    if numbers.get("equal") is None:
        return f"not compared: {numbers.get('reason')}"
    verdict = "equal" if numbers["equal"] else ("DIFFERENT (documented: " + ", ".join(numbers["documented"]) + ")"
                                                if numbers.get("documented") else "DIFFERENT")
    text = f"{verdict}: outputs max |diff| {numbers['max_abs_diff']:.3g} (tolerance {numbers['tolerance']:.3g})"
    if "losses" in numbers:
        text += (f", loss per step max rel. diff {numbers['max_loss_rel_diff']:.3g} "
                 f"(2.2.4 {numbers['reference_losses'][0]:.4g} -> {numbers['reference_losses'][-1]:.4g}, "
                 f"here {numbers['losses'][0]:.4g} -> {numbers['losses'][-1]:.4g})")
        if numbers.get("random_layers"):
            text += f"; losses not judged: {', '.join(numbers['random_layers'])} draws differ"
    return text


def render_json(versions: dict, reports: list[ModelReport]) -> str:
    data = {
        "tensorflow": versions.get("tensorflow"),
        "keras": versions.get("keras"),
        "reference": versions.get("reference"),
        "models": [_model_json(report) for report in reports],
    }
    return json.dumps(data, indent=2) + "\n"


def _model_json(report: ModelReport) -> dict[str, Any]:
    return {
        "path": report.path, "line": report.line, "name": report.name, "status": report.status,
        "reason": report.reason, "layers": report.layers, "params": report.params,
        "drift": [{"object": d.object, "attribute": d.attribute, "naive": d.naive, "fixed": d.fixed}
                  for d in report.drift],
        "explained": [str(d) for d in report.explained],
        "naive_error": report.naive_error,
        "train": report.train,
        "reference": report.reference,
        "notes": list(report.notes),
    }


def summary(reports: list[ModelReport]) -> str:
    counts = {status: sum(r.status == status for r in reports) for status in ("built", "failed", "skipped")}
    text = ", ".join(f"{n} {status}" for status, n in counts.items())
    references = [r.reference["status"] for r in reports if r.reference]
    if references:
        text += f"; {references.count('match')} of {len(references)} match Keras 2.2.4"
        numbers = [r.reference["numbers"] for r in reports if r.reference and r.reference.get("numbers")]
        if numbers:
            equal = sum(n.get("equal") is True for n in numbers)
            text += f" ({equal} of {len(numbers)} by numbers)"
    files = {r.path for r in reports}
    where = ""
    if len(files) > 1:
        built_files = {r.path for r in reports if r.status == "built"}
        where = f" in {len(files)} files ({len(built_files)} with a built model)"
    return f"Validated {len(reports)} {'model' if len(reports) == 1 else 'models'}{where}: {text}."
