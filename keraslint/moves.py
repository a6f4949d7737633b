"""Resolve a Keras 2.2.4 dotted name to its tf.keras home, using the tables in keras224."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache

from keraslint.keras224 import tf_api
from keraslint.keras224.exports import REIMPORTS
from keraslint.keras224.inlined import INLINED, INLINED_MODULES
from keraslint.keras224.modules import ABSENT, MODULE_MOVES, NAME_MOVES, NO_HOME, OUTSIDE_MOVES
from keraslint.keras224.targets import Target

#: Where a name a Keras module re-imported may be imported from directly: the standard
#: library, and what TensorFlow itself depends on.
_OUTSIDE_HOMES = frozenset(sys.stdlib_module_names) | {"numpy", "tensorflow"}


@dataclass(frozen=True, slots=True)
class Moved:
    new: str  # e.g. "tensorflow.keras.layers.Conv2D", or "warnings" for a re-imported module


@dataclass(frozen=True, slots=True)
class NoHome:
    guidance: str


@dataclass(frozen=True, slots=True)
class Inlined:
    """A small 2.2.4 helper keraslint writes into the module instead of importing it."""

    old: str


@lru_cache(maxsize=4096)
def resolve(old: str, target: Target = Target.KERAS3) -> Moved | NoHome | Inlined | None:
    """Where ``old`` (a ``keras.…`` name) lives on ``target``; None if it is not Keras's.

    A ``Moved`` name is always one the target's ``tensorflow.keras`` has (``tf_api``), or the
    standard-library or numpy object a Keras module had re-imported.
    """
    parts = old.split(".")
    if parts[0] != "keras":
        return None
    if old in INLINED or old in INLINED_MODULES:
        return Inlined(old)
    module, _, name = old.rpartition(".")
    origin = REIMPORTS.get(module, {}).get(name)
    if origin is not None:
        if origin.split(".")[0] in _OUTSIDE_HOMES:
            return Moved(OUTSIDE_MOVES.get(origin, origin))
        return NoHome(f"Keras 2.2.4 only re-exported it from `{origin}`: import it from there")
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
    if not tf_api.has(target, new):
        return NoHome(_missing(new, target))
    return Moved(new)


def _missing(new: str, target: Target) -> str:
    module, _, name = new.rpartition(".")
    version = tf_api.tensorflow_version(target)
    if name.startswith("_"):
        return (f"a private Keras 2.2.4 helper; `{module}` has no `{name}` (TensorFlow {version}): "
                f"copy what you need of it into your code")
    return f"`{module}` has no `{name}` on the {target} target (TensorFlow {version})"
