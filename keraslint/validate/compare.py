"""Naive port vs fixed port (and fixed port vs Keras 2.2.4): architecture equal, config drift listed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


def drift(naive: dict[str, Any], fixed: dict[str, Any]) -> list[Drift]:
    """Every layer, optimizer or compile setting whose value differs between the ports."""
    rows = []
    for key in sorted(naive.keys() | fixed.keys(), key=_key_order(naive, fixed)):
        if naive.get(key) != fixed.get(key):
            obj, _, attribute = key.partition(".")
            rows.append(Drift(obj, attribute, naive.get(key), fixed.get(key)))
    return rows


def unexplained(differences: list[Difference], rows: list[Drift]) -> list[Difference]:
    """Architecture differences on layers whose settings did not change: the fix altered the model."""
    changed = {row.object for row in rows}
    return [d for d in differences if not d.layer or d.layer not in changed]


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
