"""Keras 2.2.4's parameter lists of the functions and methods whose arguments rules read.

A call may pass any argument by position, so a rule reading ``save_weights_only`` of a
``ModelCheckpoint`` asks ``position(MODEL_CHECKPOINT, "save_weights_only")`` where it stands.
The signatures of the layers keraslint pins defaults on are in layers.py (``SIGNATURES``). Each entry names the definition in the 2.2.4 source (module, then qualified
name); tests/test_keras224_signatures.py reads every one there.
"""

from __future__ import annotations

from types import MappingProxyType

COMPILE = "keras.engine.training:Model.compile"
FIT_GENERATOR = "keras.engine.training:Model.fit_generator"
EVALUATE_GENERATOR = "keras.engine.training:Model.evaluate_generator"
PREDICT_GENERATOR = "keras.engine.training:Model.predict_generator"
SAVE = "keras.engine.network:Network.save"
SAVE_WEIGHTS = "keras.engine.network:Network.save_weights"
MODEL = "keras.engine.network:Network._init_graph_network"  # Model(inputs, outputs, name)
SEQUENTIAL = "keras.engine.sequential:Sequential.__init__"
LOAD_MODEL = "keras.engine.saving:load_model"
MODEL_CHECKPOINT = "keras.callbacks:ModelCheckpoint.__init__"
TENSORBOARD = "keras.callbacks:TensorBoard.__init__"
REDUCE_LR_ON_PLATEAU = "keras.callbacks:ReduceLROnPlateau.__init__"
LAMBDA = "keras.layers.core:Lambda.__init__"
ZERO_PADDING_2D = "keras.layers.convolutional:ZeroPadding2D.__init__"
BACKEND_FUNCTION = "keras.backend.tensorflow_backend:function"
SET_IMAGE_DIM_ORDERING = "keras.backend.common:set_image_dim_ordering"

#: definition -> its parameters after ``self``, in order (``*args``/``**kwargs`` left out)
SIGNATURES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    COMPILE: ("optimizer", "loss", "metrics", "loss_weights", "sample_weight_mode", "weighted_metrics",
              "target_tensors"),
    FIT_GENERATOR: ("generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
                    "validation_steps", "class_weight", "max_queue_size", "workers", "use_multiprocessing",
                    "shuffle", "initial_epoch"),
    EVALUATE_GENERATOR: ("generator", "steps", "max_queue_size", "workers", "use_multiprocessing", "verbose"),
    PREDICT_GENERATOR: ("generator", "steps", "max_queue_size", "workers", "use_multiprocessing", "verbose"),
    SAVE: ("filepath", "overwrite", "include_optimizer"),
    SAVE_WEIGHTS: ("filepath", "overwrite"),
    MODEL: ("inputs", "outputs", "name"),
    SEQUENTIAL: ("layers", "name"),
    LOAD_MODEL: ("filepath", "custom_objects", "compile"),
    MODEL_CHECKPOINT: ("filepath", "monitor", "verbose", "save_best_only", "save_weights_only", "mode", "period"),
    TENSORBOARD: ("log_dir", "histogram_freq", "batch_size", "write_graph", "write_grads", "write_images",
                  "embeddings_freq", "embeddings_layer_names", "embeddings_metadata", "embeddings_data",
                  "update_freq"),
    REDUCE_LR_ON_PLATEAU: ("monitor", "factor", "patience", "verbose", "mode", "min_delta", "cooldown", "min_lr"),
    LAMBDA: ("function", "output_shape", "mask", "arguments"),
    ZERO_PADDING_2D: ("padding", "data_format"),
    BACKEND_FUNCTION: ("inputs", "outputs", "updates"),
    SET_IMAGE_DIM_ORDERING: ("dim_ordering",),
})


def position(definition: str, parameter: str) -> int:
    """Where 2.2.4's ``definition`` takes ``parameter``."""
    return SIGNATURES[definition].index(parameter)
