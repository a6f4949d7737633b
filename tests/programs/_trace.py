"""What a program observably did, printed as one JSON line per call (read by harness.py).

Standard library and numpy only, so the same file runs beside the original program under
Keras 2.2.4 (Python 3.7) and beside its port under current TensorFlow.
"""

import json
import math

import numpy as np

PREFIX = "KLTRACE "


def trace(**items):
    """Print ``items`` for the harness; a key may be traced once per program."""
    print(PREFIX + json.dumps(plain(items), sort_keys=True), flush=True)


def approx(value, rel=1e-3, abs=1e-5):
    """A number (or nested list of numbers) compared within a tolerance, not exactly."""
    return {"~": plain(value), "rel": rel, "abs": abs}


def _leaf_layers(model):
    """The layers that hold weights, in model order, nested models opened. Keras 2.2.4's
    ``model.get_weights()`` lists all trainable weights first, tf.keras's goes layer by layer:
    reading layer by layer gives the same order under both."""
    for layer in getattr(model, "layers", []):
        if getattr(layer, "layers", None):
            for inner in _leaf_layers(layer):
                yield inner
        elif layer.weights:
            yield layer


def seed_weights(model, seed=0, scale=0.1):
    """Set every weight from a seeded generator, so both frameworks start from the same numbers
    (BatchNormalization's moving variance stays positive)."""
    rng = np.random.RandomState(seed)
    for layer in _leaf_layers(model):
        values = []
        for weight, value in zip(layer.weights, layer.get_weights()):
            low, high = (0.5, 1.5) if "moving_variance" in weight.name else (-scale, scale)
            values.append(rng.uniform(low, high, value.shape).astype(value.dtype))
        layer.set_weights(values)


def snapshot(model):
    """Copies of every weight of ``model``, layer by layer, to compare after training."""
    return [np.array(w, copy=True) for layer in _leaf_layers(model) for w in layer.get_weights()]


def changed(before, after):
    """For each weight, whether it moved between two snapshots."""
    return [bool(not np.array_equal(a, b)) for a, b in zip(before, after)]


def plain(value):
    """JSON-friendly: numpy scalars and arrays, tuples, sets and dict keys made plain."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, np.generic):
        return plain(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "as_list"):  # a TensorShape of either TensorFlow
        return plain(value.as_list())
    raise TypeError("cannot trace a %s: convert it first" % type(value).__name__)
