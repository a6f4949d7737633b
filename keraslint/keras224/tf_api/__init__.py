"""What ``tensorflow.keras`` has on each target: the modules an import statement can name
and their public names, generated from installed TensorFlow (``scripts/tf_keras_api.py``)."""

from __future__ import annotations

from keraslint.keras224.targets import EVERY, Target

import importlib
from functools import lru_cache

#: target -> the TensorFlow its table was read from (the one keraslint's tests run on).
TARGETS = EVERY


@lru_cache(maxsize=None)
def modules(target: Target) -> dict[str, frozenset[str]]:
    table = importlib.import_module(f"{__name__}.{target}")
    return {module: frozenset(names.split()) for module, names in table.MODULES.items()}


def tensorflow_version(target: Target) -> str:
    return importlib.import_module(f"{__name__}.{target}").TENSORFLOW


def has(target: Target, dotted: str) -> bool:
    """Whether ``import``/``from ... import`` of ``dotted`` works on ``target``: a module of
    the table, or a name its module has (anything after that is an attribute of it)."""
    table = modules(target)
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        names = table.get(".".join(parts[:cut]))
        if names is not None:
            return cut == len(parts) or parts[cut] in names
    return False
