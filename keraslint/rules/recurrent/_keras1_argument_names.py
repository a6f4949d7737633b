"""The Keras-1 argument names 2.2.4 still took on recurrent layers, for KL401 and KL403."""

from __future__ import annotations

from keraslint.keras224.keras1 import OLD_NAMES


def keras1_names(layer: str, name: str) -> tuple[str, ...]:
    """The Keras-1 names (``inner_activation``, ``dropout_W``) 2.2.4 still took for ``name``."""
    return OLD_NAMES.get(layer, {}).get(name, ())
