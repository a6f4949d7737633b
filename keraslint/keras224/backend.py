"""Keras 2.2.4 backend functions that Keras 3 removed, and what keraslint writes instead."""

from __future__ import annotations

from keraslint.keras224.targets import EVERY, KERAS3_ONLY

FUNCTION = "keras.backend.function"
LEARNING_PHASE = "keras.backend.learning_phase"
#: Targets without ``K.function`` / ``K.learning_phase`` (TF 2.15's tf.keras still has both).
FUNCTION_TARGETS = EVERY

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

BATCH_DOT = "keras.backend.batch_dot"
#: Targets whose K.batch_dot contracts tensors of rank 4 and more otherwise than 2.2.4 (Keras
#: 2.3 rewrote it: (2, 10, 100) . (2, 10, 100, 16) on axes [2, 2] gives (2, 10, 16) in 2.2.4 and
#: (2, 10, 10, 16) in TF 2.15 and 2.21). Ranks up to 3 give the same results.
BATCH_DOT_TARGETS = EVERY
BATCH_DOT_NAME = "batch_dot_224"
BATCH_DOT_CODE = f'''\
def {BATCH_DOT_NAME}(x, y, axes=None):
    """Keras 2.2.4's K.batch_dot: the lower-rank tensor gets trailing dimensions of 1, and
    tensors of rank 3 and more are multiplied as batches of matrices over their leading
    dimensions (later Keras contracts rank 4 and more otherwise)."""
    import tensorflow as tf

    x_rank, y_rank = len(x.shape), len(y.shape)
    if isinstance(axes, int):
        axes = (axes, axes)
    if axes is None:
        axes = (x_rank - 1, y_rank - 2)
    pad = abs(x_rank - y_rank)
    if x_rank < y_rank:
        x = tf.reshape(x, tf.concat([tf.shape(x), [1] * pad], 0))
    elif y_rank < x_rank:
        y = tf.reshape(y, tf.concat([tf.shape(y), [1] * pad], 0))
    rank = max(x_rank, y_rank)
    if rank == 2:
        product = x * y if axes[0] == axes[1] else tf.transpose(x, [1, 0]) * y
        out = tf.reduce_sum(product, axes[0] if axes[0] == axes[1] else axes[1])
    else:
        out = tf.linalg.matmul(x, y, adjoint_a=axes[0] != rank - 1, adjoint_b=axes[1] == rank - 1)
    if pad:
        first = x_rank + y_rank - 3 if x_rank > y_rank else x_rank - 1
        out = tf.squeeze(out, list(range(first, first + pad)))
    if len(out.shape) == 1:
        out = tf.expand_dims(out, 1)
    return out
'''

#: K.in_train_phase / K.in_test_phase: gone with Keras 3's global learning phase (TF 2.15 has them).
PHASE_SWITCH_TARGETS = KERAS3_ONLY
_PHASE_SWITCH = '''\
def {name}(x, alt, training=None):
    """Keras 2.2.4's K.{original}: x {when}, alt otherwise; either may be a function, called
    only when chosen. Keras 3 has no global learning phase: it gives a layer's call its
    `training` argument, and None there means inference, as 2.2.4's default phase 0 did."""
    import tensorflow as tf

    def value(chosen):
        return chosen() if callable(chosen) else chosen

    if training is None or isinstance(training, (bool, int)):
        return value({first}) if training else value({second})
    return tf.cond(tf.cast(training, tf.bool), lambda: value({first}), lambda: value({second}))
'''
#: the 2.2.4 function -> (the name keraslint writes, its definition)
PHASE_SWITCH_CODE = {
    f"keras.backend.{original}": (f"{original}_224", _PHASE_SWITCH.format(
        name=f"{original}_224", original=original, when=when, first=first, second=second))
    for original, when, first, second in (("in_train_phase", "when training", "x", "alt"),
                                          ("in_test_phase", "in inference", "alt", "x"))
}
