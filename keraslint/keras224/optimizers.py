"""Keras 2.2.4 optimizers, and what changed in tf.keras (see keras-defaults.md §1).

Cross-checked against ``keras/optimizers.py`` of the 2.2.4 sdist and against installed
TensorFlow by the fact tests.
"""

from __future__ import annotations

from types import MappingProxyType

#: class -> its 2.2.4 ``__init__`` parameters (after self) and their defaults, in order.
SIGNATURES: MappingProxyType[str, tuple[tuple[str, object], ...]] = MappingProxyType({
    "SGD": (("lr", 0.01), ("momentum", 0.0), ("decay", 0.0), ("nesterov", False)),
    "RMSprop": (("lr", 0.001), ("rho", 0.9), ("epsilon", None), ("decay", 0.0)),
    "Adagrad": (("lr", 0.01), ("epsilon", None), ("decay", 0.0)),
    "Adadelta": (("lr", 1.0), ("rho", 0.95), ("epsilon", None), ("decay", 0.0)),
    "Adam": (("lr", 0.001), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", None),
             ("decay", 0.0), ("amsgrad", False)),
    "Adamax": (("lr", 0.002), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", None),
               ("decay", 0.0)),
    "Nadam": (("lr", 0.002), ("beta_1", 0.9), ("beta_2", 0.999), ("epsilon", None),
              ("schedule_decay", 0.004)),
})

#: Lower-case aliases 2.2.4 kept (``sgd = SGD`` in optimizers.py); tf.keras has only classes.
ALIASES: MappingProxyType[str, str] = MappingProxyType({
    name.lower(): name for name in SIGNATURES
})

#: Defaults that changed: class -> {tf.keras argument: the value that reproduces 2.2.4}.
#: Adagrad's accumulators started at zero in 2.2.4 (``K.zeros``); tf.keras starts at 0.1.
CHANGED_DEFAULTS: MappingProxyType[str, MappingProxyType[str, float]] = MappingProxyType({
    "Adadelta": MappingProxyType({"learning_rate": 1.0}),
    "Adagrad": MappingProxyType({"learning_rate": 0.01, "initial_accumulator_value": 0.0}),
    "Adamax": MappingProxyType({"learning_rate": 0.002}),
    "Nadam": MappingProxyType({"learning_rate": 0.002}),
})

#: 2.2.4 keyword -> tf.keras keyword with the same meaning. `clipnorm` clipped by the
#: global norm in 2.2.4; tf.keras's `clipnorm` clips each tensor, `global_clipnorm` matches.
RENAMED_ARGUMENTS: MappingProxyType[str, str] = MappingProxyType({
    "lr": "learning_rate",
    "clipnorm": "global_clipnorm",
})

#: ``epsilon=None`` meant ``K.epsilon()`` in 2.2.4 (backend/common.py ``_EPSILON = 1e-7``);
#: tf.keras stores the None and fails on the first training step.
EPSILON = 1e-7

#: The schedule that reproduces 2.2.4's ``decay=d`` exactly (2.2.4 read ``iterations`` after
#: its increment, so the first step already used lr/(1+d)).
DECAY_SCHEDULE_MODULE = "tensorflow.keras.optimizers.schedules"
DECAY_SCHEDULE = "InverseTimeDecay"

#: Nadam's 2.2.4 momentum schedule, beta_1 * (1 - 0.5 * 0.96 ** (t * schedule_decay)).
#: tf.keras's new Nadam hard-codes 0.96 ** t and rejects the argument; only
#: tf.keras.optimizers.legacy.Nadam (TF 2.11-2.15, tf-keras) keeps it.
NADAM_SCHEDULE_DECAY = "schedule_decay"
LEGACY_NADAM = "tf.keras.optimizers.legacy.Nadam"

#: Optimizers whose updates differ from 2.2.4 by the bias-correction step (2.2.4's first
#: update used t=2), which no argument can change.
BIAS_CORRECTION_DIFFERS = ("Adam", "Adamax", "Nadam")

#: Optimizers whose 2.2.4 update divided by ``sqrt(a) + epsilon``; tf.keras's new optimizers
#: (TF >= 2.11, Keras 3) use ``sqrt(a + epsilon)``: a small difference, larger where a ≈ 0.
EPSILON_INSIDE_SQRT = ("RMSprop", "Adagrad")

#: The 2.2.4 base class custom optimizers subclassed, and the method they wrote. tf.keras's
#: optimizers (TF >= 2.11, Keras 3) have no ``get_updates``: they call ``update_step`` per
#: variable, so a subclass's ``get_updates`` is never called.
OPTIMIZER_BASE, LEGACY_UPDATE_METHOD = "Optimizer", "get_updates"
