"""Naive port vs fixed port (and fixed port vs Keras 2.2.4): architecture equal, config drift listed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The drift row of the model's input shape (the child's "model.input_shape" config key).
INPUT_SHAPE = ("model", "input_shape")
#: A port "learns" when its loss falls by at least this fraction over the training steps.
MIN_FALL = 0.05


@dataclass(frozen=True)
class Difference:
    layer: str      # the layer's name in the fixed port ("" for the whole model)
    what: str       # "class", "shape", "params" or "layers"
    before: Any
    after: Any

    def __str__(self) -> str:
        where = f"{self.layer} " if self.layer else ""
        return f"{where}{self.what} {_show(self.before)} -> {_show(self.after)}"


@dataclass(frozen=True)
class Drift:
    object: str
    attribute: str
    naive: Any
    fixed: Any

    def __str__(self) -> str:
        return f"{self.object}.{self.attribute} {_show(self.naive)} -> {_show(self.fixed)}"


def architecture(before: list[dict], after: list[dict]) -> list[Difference]:
    """Layer classes, output shapes and parameter counts that differ, layer by layer."""
    if len(before) != len(after):
        return [Difference("", "layers", len(before), len(after))]
    differences = []
    for old, new in zip(before, after):
        for what in ("class", "shape", "params"):
            if old[what] != new[what]:
                differences.append(Difference(new["name"], what, old[what], new[what]))
    return differences


def against_reference(reference: list[dict], fixed: list[dict]) -> tuple[list[Difference], list[Difference]]:
    """(differences, undefined): like ``architecture``, but a dimension Keras 2.2.4 left undefined
    (``None``: a nested Sequential's sequence length before its first call) matches any size.
    Shapes that differ only there are returned apart, as compared on their defined dimensions."""
    differences, undefined = [], []
    for difference in architecture(reference, fixed):
        if difference.what == "shape" and _defined_dims_agree(difference.before, difference.after):
            undefined.append(difference)
        else:
            differences.append(difference)
    return differences, undefined


def _defined_dims_agree(reference: Any, fixed: Any) -> bool:
    if reference is None:
        return True
    if isinstance(reference, list) and isinstance(fixed, list):
        return len(reference) == len(fixed) and all(map(_defined_dims_agree, reference, fixed))
    return reference == fixed


def drift(naive: dict[str, Any], fixed: dict[str, Any]) -> list[Drift]:
    """Every layer, optimizer or compile setting whose value differs between the ports."""
    rows = []
    for key in sorted(naive.keys() | fixed.keys(), key=_key_order(naive, fixed)):
        if naive.get(key) != fixed.get(key):
            obj, _, attribute = key.partition(".")
            rows.append(Drift(obj, attribute, naive.get(key), fixed.get(key)))
    return rows


def unexplained(differences: list[Difference], rows: list[Drift]) -> list[Difference]:
    """Architecture differences on layers whose settings did not change: the fix altered the model.

    A changed model input shape (``Embedding(input_length=)``, which Keras 3 ignores, pinned as
    ``input_shape``) explains every changed output shape after it."""
    changed = {row.object for row in rows}
    inputs_changed = any((row.object, row.attribute) == INPUT_SHAPE for row in rows)
    return [d for d in differences
            if not (d.layer and d.layer in changed) and not (inputs_changed and d.what == "shape")]


def loss_fall(losses: list[float] | None) -> float | None:
    """The relative fall of the loss from the first to the last value (0.3 = fell by 30%)."""
    if not losses or len(losses) < 2 or not losses[0]:
        return None
    return (losses[0] - losses[-1]) / abs(losses[0])


def learns(losses: list[float] | None) -> bool:
    fall = loss_fall(losses)
    return fall is not None and fall >= MIN_FALL


def _key_order(*configs: dict[str, Any]):
    """Keep the child's order (layers in model order, then optimizer, then compile)."""
    order: dict[str, int] = {}
    for config in configs:
        for key in config:
            order.setdefault(key, len(order))
    return order.__getitem__


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "(" + ", ".join(_show(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict) and "class_name" in value:  # a serialized object: Class(settings)
        config = value.get("config") or {}
        settings = ", ".join(f"{k}={_show(v)}" for k, v in config.items() if k != "dtype")
        return f"{value['class_name']}({settings})"
    if value is None:
        return "None"
    return repr(value) if isinstance(value, str) else str(value)
