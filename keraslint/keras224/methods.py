"""Keras 2.2.4 methods that tf.keras removed, written back as module-level functions.

Each is 2.2.4's own code for the method (engine/sequential.py, engine/base_layer.py),
changed only to read what the target keeps; keraslint adds it once to a module that calls
the method, and rewrites ``obj.method(args)`` to ``function(obj, args)``.
"""

from __future__ import annotations

from keraslint.keras224.targets import EVERY, KERAS3_ONLY

from types import MappingProxyType

#: Sequential.predict_classes(x, batch_size=32, verbose=0): argmax of the probabilities, or
#: ``p > 0.5`` as int32 for a single output unit.
PREDICT_CLASSES_METHOD = "predict_classes"
PREDICT_CLASSES_NAME = "predict_classes_224"
PREDICT_CLASSES_CODE = f'''\
def {PREDICT_CLASSES_NAME}(model, x, batch_size=32, verbose=0):
    """Keras 2.2.4's Sequential.predict_classes, which tf.keras removed."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")
'''

#: Layer.get_<what>_at(node_index) -> (the Keras 3 node attribute it reads, whether 2.2.4
#: returned shapes). Keras 3 layers keep their call nodes in ``_inbound_nodes``, with
#: ``input_tensors``/``output_tensors``; they have no per-node getters. A single tensor is
#: returned alone, as 2.2.4 did.
NODE_METHODS: MappingProxyType[str, tuple[str, bool]] = MappingProxyType({
    "get_input_at": ("input_tensors", False),
    "get_output_at": ("output_tensors", False),
    "get_input_shape_at": ("input_tensors", True),
    "get_output_shape_at": ("output_tensors", True),
})
NODE_METHODS_TARGETS = EVERY


def node_function_name(method: str) -> str:
    return f"{method}_224"


def node_function_code(method: str) -> str:
    attribute, shapes = NODE_METHODS[method]
    value = "tuple(t.shape)" if shapes else "t"
    own = "inputs" if attribute == "input_tensors" else "outputs"
    return f'''\
def {node_function_name(method)}(layer, node_index):
    """Keras 2.2.4's Layer.{method}, which Keras 3 layers lack. A 2.2.4 model counted the
    node from its own inputs to its outputs first; a tf.keras model starts at its first call."""
    import tensorflow as tf

    if isinstance(layer, tf.keras.Model):
        tensors = layer.{own} if node_index == 0 else layer._inbound_nodes[node_index - 1].{attribute}
    else:
        tensors = layer._inbound_nodes[node_index].{attribute}
    if not isinstance(tensors, (list, tuple)):  # TF 2.15 keeps a single tensor bare
        tensors = [tensors]
    found = [{value} for t in tensors]
    return found[0] if len(found) == 1 else found
'''


#: Keras 3 writes weights only to names ending in ``.weights.h5`` (in a layout of its own),
#: but still reads 2.2.4's HDF5 layout from any name (``load_weights(path, by_name=True)``
#: too). keraslint's function writes 2.2.4's layout under the name given, with the writer
#: Keras 3 itself uses for ``model.save('m.h5')``.
SAVE_WEIGHTS_METHOD = "save_weights"
SAVE_WEIGHTS_NAME = "save_weights_224"
SAVE_WEIGHTS_KEEPS = (".weights.h5", ".keras")  # names Keras 3 writes weights to itself
SAVE_WEIGHTS_TARGETS = KERAS3_ONLY
SAVE_WEIGHTS_CODE = f'''\
def {SAVE_WEIGHTS_NAME}(model, filepath, overwrite=True):
    """Keras 2.2.4's Model.save_weights: HDF5 in 2.2.4's layout under any file name (Keras 3
    writes weights only to names ending in .weights.h5); load_weights reads it back."""
    import os

    if str(filepath).endswith({SAVE_WEIGHTS_KEEPS!r}):
        return getattr(model, "save_weights")(filepath, overwrite=overwrite)  # not rewritten again
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(filepath)
    import importlib

    import h5py

    # Keras 3's own writer for HDF5 in 2.2.4's layout (what model.save("m.h5") uses)
    legacy_h5_format = importlib.import_module("keras.src.legacy.saving.legacy_h5_format")
    with h5py.File(filepath, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
'''

#: Model/Layer attributes Keras 3 removed -> (the function keraslint writes, its code). Each
#: reads the attribute when the object still has it (Keras 3 models keep ``output_shape``).
ATTRIBUTE_FUNCTIONS_TARGETS = KERAS3_ONLY
ATTRIBUTE_FUNCTIONS: MappingProxyType[str, tuple[str, str]] = MappingProxyType({
    "metrics_names": ("metrics_names_224", '''\
def metrics_names_224(model):
    """Keras 2.2.4's Model.metrics_names: 'loss', each output's loss, then each output's metrics
    (Keras 3's metrics_names names its metric objects instead)."""
    try:
        logs = list(model.get_metrics_result())
    except ValueError:  # Keras 3 knows the names once the model has run
        return list(getattr(model, "metrics_names"))
    losses = [f"{name}_loss" for name in getattr(model, "output_names", None) or ()]
    head = [key for key in ["loss", *losses] if key in logs]
    return head + [key for key in logs if key not in head]
'''),
    "input_names": ("input_names_224", '''\
def input_names_224(model):
    """Keras 2.2.4's Model.input_names, which Keras 3 models lack: the names of its inputs."""
    try:
        return getattr(model, "input_names")  # not rewritten again
    except AttributeError:
        return [tensor.name for tensor in model.inputs]
'''),
    "output_shape": ("output_shape_224", '''\
def output_shape_224(layer):
    """Keras 2.2.4's Layer.output_shape, which Keras 3 layers lack: the shape of its output."""
    try:
        return getattr(layer, "output_shape")  # a Keras 3 model has it; not rewritten again
    except AttributeError:
        output = layer.output
    if isinstance(output, (list, tuple)):
        return [tuple(t.shape) for t in output]
    return tuple(output.shape)
'''),
    "output_mask": ("output_mask_224", '''\
def output_mask_224(layer):
    """Keras 2.2.4's Layer.output_mask, which Keras 3 layers lack: the mask of its output."""
    try:
        return getattr(layer, "output_mask")  # not rewritten again
    except AttributeError:
        output = layer.output
    if isinstance(output, (list, tuple)):
        return [getattr(t, "_keras_mask", None) for t in output]
    return getattr(output, "_keras_mask", None)
'''),
    "implementation": ("implementation_224", '''\
def implementation_224(layer):
    """Keras 2.2.4's RNN layer.implementation, which Keras 3 keeps on the layer's cell."""
    return getattr(getattr(layer, "cell", layer), "implementation")  # not rewritten again
'''),
    "input_shape": ("input_shape_224", '''\
def input_shape_224(layer):
    """Keras 2.2.4's Layer.input_shape, which Keras 3 layers lack: the shape of its input."""
    try:
        return getattr(layer, "input_shape")  # a Keras 3 model has it; not rewritten again
    except AttributeError:
        value = layer.input
    if isinstance(value, (list, tuple)):
        return [tuple(t.shape) for t in value]
    return tuple(value.shape)
'''),
})

#: What evaluate(), train_on_batch() and test_on_batch() return, in 2.2.4's order: Keras 3 puts
#: the metrics of a model with several outputs in the order of their sorted names.
RESULTS_METHODS = ("evaluate", "train_on_batch", "test_on_batch")
RESULTS_NAME = "results_224"
RESULTS_CODE = f'''\
def {RESULTS_NAME}(model, values):
    """What evaluate()/train_on_batch()/test_on_batch() returned, in Keras 2.2.4's order (that
    of metrics_names_224): Keras 3 sorts the metrics of a model with several outputs by name."""
    if not isinstance(values, list):
        return values
    logs = list(model.get_metrics_result())
    flat = []
    for metric in model.metrics:
        inner = getattr(metric, "metrics", None) if metric.name == "compile_metrics" else None
        flat += [m.name for m in inner] if inner is not None else [metric.name]
    keras3 = [name for name in flat if name in logs]
    keras3 += sorted(name for name in logs if name not in keras3)
    by_name = dict(zip(keras3, values))
    return [by_name[name] for name in metrics_names_224(model)]
'''

#: Attributes that differ only on some layers, rewritten where the object is a layer of a
#: model (``model.layers[0]``, ``model.get_layer(name)``): a 2.2.4 InputLayer's ``input`` was
#: its tensor, a Keras 3 one's is an empty list.
LAYER_ATTRIBUTE_FUNCTIONS: MappingProxyType[str, tuple[str, str]] = MappingProxyType({
    "input": ("input_224", '''\
def input_224(layer):
    """Keras 2.2.4's Layer.input: an InputLayer's is its tensor (in Keras 3, an empty list)."""
    import tensorflow as tf

    if isinstance(layer, tf.keras.layers.InputLayer):
        return layer.output
    return getattr(layer, "input")  # not rewritten again
'''),
})
