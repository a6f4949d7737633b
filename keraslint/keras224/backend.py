"""Keras 2.2.4 backend functions that Keras 3 removed, and what keraslint writes instead."""

from __future__ import annotations

FUNCTION = "keras.backend.function"
LEARNING_PHASE = "keras.backend.learning_phase"
#: Targets without ``K.function`` / ``K.learning_phase`` (TF 2.15's tf.keras still has both).
FUNCTION_TARGETS = ("keras3", "keras2")

LEARNING_PHASE_NAME = "learning_phase_224"
LEARNING_PHASE_CODE = f'''\
def {LEARNING_PHASE_NAME}():
    """Keras 2.2.4's K.learning_phase() as an input of function_224: 1 trains, 0 infers."""
    return "{LEARNING_PHASE_NAME}"
'''

FUNCTION_NAME = "function_224"
FUNCTION_CODE = f'''\
def {FUNCTION_NAME}(inputs, outputs, updates=None, **kwargs):
    """Keras 2.2.4's K.function on a model's tensors: called with a list of arrays, it returns
    the list of output arrays. A {LEARNING_PHASE_NAME}() input, as K.learning_phase() was,
    takes 1 for training mode and 0 for inference (the default)."""
    import tensorflow as tf

    if updates:
        raise NotImplementedError("K.function(updates=...) has no Keras 3 equivalent")
    phase = [i for i, t in enumerate(inputs) if isinstance(t, str) and t == {LEARNING_PHASE_NAME}()]
    model = tf.keras.Model([t for i, t in enumerate(inputs) if i not in phase], list(outputs))

    def call(values):
        training = bool(values[phase[0]]) if phase else False
        arrays = [v for i, v in enumerate(values) if i not in phase]
        kept = [(v, v.numpy()) for v in model.non_trainable_variables] if training else []
        result = model(arrays, training=training)
        for variable, value in kept:  # 2.2.4 ran no updates (moving statistics) without `updates=`
            variable.assign(value)
        return [r.numpy() for r in (result if isinstance(result, (list, tuple)) else [result])]

    return call
'''
