"""Resolve a Keras 2.2.4 dotted name to its tf.keras home, using the tables in keras224."""

from __future__ import annotations

from dataclasses import dataclass

from keraslint.keras224.modules import ABSENT, MODULE_MOVES, NAME_MOVES, NO_HOME


@dataclass(frozen=True, slots=True)
class Moved:
    new: str  # e.g. "tensorflow.keras.layers.Conv2D"


@dataclass(frozen=True, slots=True)
class NoHome:
    guidance: str


def resolve(old: str) -> Moved | NoHome | None:
    """Where ``old`` (a ``keras.…`` name) lives in tf.keras; None if it is not Keras's."""
    parts = old.split(".")
    if parts[0] != "keras":
        return None
    for cut in range(len(parts), 0, -1):
        prefix, rest = ".".join(parts[:cut]), parts[cut:]
        if prefix in NAME_MOVES:
            new = ".".join([NAME_MOVES[prefix], *rest])
            break
        if prefix in NO_HOME:
            return NoHome(NO_HOME[prefix])
        if prefix in MODULE_MOVES:
            new = ".".join([MODULE_MOVES[prefix], *rest])
            break
    else:  # pragma: no cover - "keras" itself is always in MODULE_MOVES
        return None
    new_parts = new.split(".")
    for cut in range(len(new_parts), 0, -1):
        guidance = ABSENT.get(".".join(new_parts[:cut]))
        if guidance is not None:
            return NoHome(guidance)
    return Moved(new)
