"""``compile()`` arguments a program holds in a variable (``compile(optimizer=optimizer)`` in a
model factory, ``loss=args.loss``): keraslint cannot read the name they hold, so it writes
functions that apply 2.2.4's meaning of a name when the program runs. Their code is made from
the same tables the rules read for names written in the call.
"""

from __future__ import annotations

from keraslint.keras224.optimizers import ALIASES, CHANGED_DEFAULTS, OPTIMIZER_NAME, wrapped_optimizers
from keraslint.keras224.training import (
    ACCURACY_STRINGS,
    BINARY_LOSS,
    HISTORY_KEY,
    LOSS_RENAMES,
    METRIC_ALIASES,
    WRAPPED_METRICS,
)
from keraslint.keras224.targets import EVERY, Target

#: compile() parameter -> the function keraslint wraps a variable argument in.
FUNCTIONS = {"optimizer": "optimizer_by_name_224", "loss": "loss_by_name_224", "metrics": "metrics_by_name_224"}
TARGETS = EVERY


def optimizers(target: Target) -> dict[str, tuple[str, dict[str, float], bool]]:
    """2.2.4's optimizer strings -> (tf.keras class, the arguments that give 2.2.4's defaults,
    whether 2.2.4's updates need ``optimizer_224``)."""
    return {alias: (name, dict(CHANGED_DEFAULTS.get(name, {})), name in wrapped_optimizers(target))
            for alias, name in sorted(ALIASES.items())}


def needs_optimizer_224(target: Target) -> bool:
    return any(updates for _, _, updates in optimizers(target).values())


def optimizer_code(target: Target) -> str:
    make = f"({OPTIMIZER_NAME}(cls) if updates else cls)" if needs_optimizer_224(target) else "cls"
    return f'''\
def {FUNCTIONS["optimizer"]}(optimizer):
    """Keras 2.2.4's compile(optimizer='name'): the optimizer with 2.2.4's defaults and updates
    (tf.keras gives some of them other defaults); anything else is passed on."""
    import tensorflow as tf

    found = {optimizers(target)!r}.get(optimizer.lower()) if isinstance(optimizer, str) else None
    if found is None:
        return optimizer
    name, arguments, updates = found
    cls = getattr(tf.keras.optimizers, name)
    return {make}(**arguments)
'''


def loss_code(target: Target) -> str:
    return f'''\
def {FUNCTIONS["loss"]}(loss):
    """Keras 2.2.4's loss names that tf.keras spells otherwise, also in a list or dict of them."""
    renames = {dict(LOSS_RENAMES[target])!r}
    if isinstance(loss, str):
        return renames.get(loss, loss)
    if isinstance(loss, dict):
        return {{key: {FUNCTIONS["loss"]}(value) for key, value in loss.items()}}
    if isinstance(loss, (list, tuple)):
        return [{FUNCTIONS["loss"]}(value) for value in loss]
    return loss
'''


def metrics_code(target: Target) -> str:
    return f'''\
def {FUNCTIONS["metrics"]}(metrics, loss=None):
    """Keras 2.2.4's metric names: 'accuracy' logged as {HISTORY_KEY!r} (binary accuracy with a
    {BINARY_LOSS} loss), aliases ('mse') logged under the function's name, and the functions
    tf.keras does not take by name; also in a dict of them per output."""
    import tensorflow as tf

    aliases, wrapped = {dict(METRIC_ALIASES)!r}, {dict(WRAPPED_METRICS[target])!r}
    binary = {BINARY_LOSS!r} in (loss, getattr(loss, "__name__", None))

    def one(metric):
        if not isinstance(metric, str):
            return metric
        if metric in {ACCURACY_STRINGS!r}:
            return tf.keras.metrics.BinaryAccuracy(name={HISTORY_KEY!r}) if binary else {HISTORY_KEY!r}
        key = aliases.get(metric, metric)
        if key in wrapped:
            return tf.keras.metrics.MeanMetricWrapper(getattr(tf.keras.losses, wrapped[key]), name=key)
        return key

    if isinstance(metrics, dict):
        return {{output: one(m) if isinstance(m, str) else [one(n) for n in m] for output, m in metrics.items()}}
    if isinstance(metrics, (list, tuple)):
        return [one(m) for m in metrics]
    return metrics
'''


CODE = {"optimizer": optimizer_code, "loss": loss_code, "metrics": metrics_code}
