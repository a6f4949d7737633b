"""Which Keras 2.2.4 object an expression names: its (module, name), class, layer or optimizer.

The import table says what a local name is bound to; this module reads that binding with
the Keras facts of keras224/ (aliases, Keras-1 layer functions, optimizer names). Every rule
asks through ``Context.keras``, so one answer holds for all of them.
"""

from __future__ import annotations

import ast

from keraslint.imports import ImportTable, dotted_name
from keraslint.keras224.layers import ALIASES, LEGACY_FUNCTIONS, RENAMED_LAYERS, SIGNATURES, canonical_layer
from keraslint.keras224.optimizers import ALIASES as OPTIMIZER_ALIASES
from keraslint.keras224.optimizers import OPTIMIZER_NAME as OPTIMIZER_224
from keraslint.keras224.optimizers import SIGNATURES as OPTIMIZER_SIGNATURES
from keraslint.keras224.recurrent import CUDNN_SETTINGS
from keraslint.keras224.spellings import to_keras


class KerasNames:
    """Keras classification over one module's import table."""

    def __init__(self, table: ImportTable) -> None:
        self.table = table
        self._layers: dict[int, str | None] = {}  # layer_of, per node: every KL1/KL2 rule asks
        self._names: dict[int, tuple[str, str] | None] = {}  # keras_name, per node: most rules ask

    def keras_name(self, node: ast.AST) -> tuple[str, str] | None:
        """(module, name) in Keras's own spelling: ``tf.keras.layers.Dense`` and ``L.Dense``
        both give ``("keras.layers", "Dense")``; None if the expression is not Keras's."""
        key = id(node)
        if key in self._names:
            return self._names[key]
        found = self._names[key] = self._keras_name(node)
        return found

    def _keras_name(self, node: ast.AST) -> tuple[str, str] | None:
        qualified = self.table.qualify(node)
        keras_name = None if qualified is None else to_keras(qualified)
        if keras_name is None:
            return None
        module, _, name = keras_name.rpartition(".")
        return module, name

    def keras_class(self, node: ast.AST) -> str | None:
        """The 2.2.4 class a call target names, for layers (any ``keras.layers`` module, aliases
        resolved) and ``Model``; None for anything else."""
        found = self.keras_name(node)
        if found is None:
            return None
        module, name = found
        if module == "keras.layers" or module.startswith("keras.layers."):
            name = ALIASES.get(name, name)
            return LEGACY_FUNCTIONS.get(name, name)
        if name == "Model" and module in ("keras", "keras.models", "keras.engine", "keras.engine.training"):
            return name
        return None

    def layer_of(self, node: ast.AST) -> str | None:
        """The 2.2.4 layer class a call target means, e.g. ``Conv2D`` for ``L.Convolution2D``."""
        key = id(node)
        if key not in self._layers:
            self._layers[key] = self._layer_of(node)
        return self._layers[key]

    def optimizer_of(self, node: ast.AST) -> str | None:
        """The 2.2.4 optimizer class a call target means (``keras.optimizers.adam`` -> Adam;
        also through keraslint's ``optimizer_224(Adam)``)."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == OPTIMIZER_224 \
                and len(node.args) + len(node.keywords) == 1:
            node = node.args[0] if node.args else node.keywords[0].value
            if isinstance(node, ast.Starred):
                node = node.value
        found = self.keras_name(node)
        if found is None or found[0] != "keras.optimizers":
            return None
        name = OPTIMIZER_ALIASES.get(found[1], found[1])
        return name if name in OPTIMIZER_SIGNATURES else None

    def _layer_of(self, node: ast.AST) -> str | None:
        found = self.keras_name(node)
        if found is None:
            return None
        module, name = found
        return canonical_layer(name) if _layer_in(module, name) else None

    def meant_layer(self, func: ast.AST) -> str | None:
        """The Keras 2.2.4 layer a call means. A CuDNN name bound to its tf.keras replacement
        (``from tensorflow.keras.layers import GRU as CuDNNGRU``, as KL001 writes) still means
        the CuDNN layer, whose defaults are not the plain layer's."""
        layer = self.layer_of(func)
        if layer is None:
            return None
        written = (dotted_name(func) or "").rsplit(".", 1)[-1]
        if written in CUDNN_SETTINGS and RENAMED_LAYERS.get(written) == layer:
            return written
        return layer


def _layer_in(keras_module: str, name: str) -> bool:
    """Whether 2.2.4's ``keras_module`` exports the layer ``name``."""
    layer = canonical_layer(name)
    return layer is not None and keras_module in ("keras.layers", SIGNATURES[layer][0])
