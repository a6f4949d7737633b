"""The code keraslint writes into a module (``Definition``s: 2.2.4's methods as functions, the
helpers it inlines) must never be rewritten by keraslint itself, whatever else the module
binds: otherwise ``--fix`` would not reach a fixed point, or a helper would call itself."""

from __future__ import annotations

import ast

import pytest

from keraslint.keras224 import backend, by_name, inlined, keras1, layers, methods, optimizers, recurrent, training
from tests.rules.cases import lint

#: What user code around the definitions binds, so that every name-based rule is awake: an
#: optimizer, a model, a layer, Keras imported every way.
AROUND = ("import tensorflow as tf\nimport keras\nfrom keras import backend as K\n"
          "from keras.models import Sequential\nfrom keras.optimizers import *\nfrom keras.layers import *\n"
          "optimizer = model.optimizer\nlayer = model.layers[0]\nopt = SGD(lr=0.1, decay=1e-3)\n")


def _definitions() -> dict[str, str]:
    modules = (backend, by_name, inlined, keras1, layers, methods, optimizers, recurrent, training)
    found = {  # every *_CODE constant of the facts modules, so that a new one is checked too
        f"{module.__name__.rsplit('.', 1)[1]} {name}": value
        for module in modules for name, value in vars(module).items()
        if name.endswith("_CODE") and isinstance(value, str)
    }
    found.update({  # and the code made by functions
        **{f"node {m}": methods.node_function_code(m) for m in methods.NODE_METHODS},
        **{f"log {c}": training.rate_log_class(c)[1] for c in training.RATE_LOG_CALLBACKS},
        **{f"inlined {k}": inlined.definition(k, k.rsplit(".", 1)[1]) for k in inlined.INLINED},
        **{f"module {k}": inlined.definition(k, k.rsplit(".", 1)[1]) for k in inlined.INLINED_MODULES},
        **{f"by_name {p} {t}": make(t) for p, make in by_name.CODE.items() for t in by_name.TARGETS},
    })
    found.update({f"attribute {a}": code for a, (_, code) in methods.ATTRIBUTE_FUNCTIONS.items()})
    found.update({f"layer attribute {a}": code for a, (_, code) in methods.LAYER_ATTRIBUTE_FUNCTIONS.items()})
    return found


DEFINITIONS = _definitions()


@pytest.mark.parametrize("target", ["keras3", "keras2"])
@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_keraslint_leaves_its_own_definitions_alone(name: str, target: str) -> None:
    code = DEFINITIONS[name]
    ast.parse(code)
    source = AROUND + "\n\n" + code
    start = source.count("\n", 0, len(AROUND)) + 1
    inside = [f"{d.code} {d.message}" for d in lint(source, target=target) if d.start.row > start]
    assert inside == []
