"""KL7xx: Keras 2.2.4 backend (``K.``) functions that Keras 3 removed."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.keras224.backend import (
    BATCH_DOT,
    BATCH_DOT_CODE,
    BATCH_DOT_NAME,
    BATCH_DOT_TARGETS,
    FUNCTION,
    FUNCTION_CODE,
    FUNCTION_NAME,
    FUNCTION_TARGETS,
    LEARNING_PHASE,
    LEARNING_PHASE_CODE,
    LEARNING_PHASE_NAME,
    PHASE_SWITCH_CODE,
    PHASE_SWITCH_TARGETS,
)
from keraslint.keras224.modules import ABSENT
from keraslint.keras224.tf1 import COMPAT_V1, TF1_FUNCTIONS
from keraslint.rule import Definition, Rule, definable


def _absent(name: str) -> str:
    return ABSENT[name.replace("keras.", "tensorflow.keras.", 1)]


class BackendFunction(Rule):
    """
    ## What it does
    Rewrites `K.function(inputs, outputs)` to
    `function_224(inputs, outputs)`, Keras 2.2.4's behaviour as a function keraslint adds to
    the module once: called with a list of arrays, it returns the list of output arrays. A
    `K.learning_phase()` among the inputs becomes `learning_phase_224()`, and its value (1 or
    0) chooses training or inference mode, as in 2.2.4. Other uses of `K.learning_phase()`
    are reported.

    ## Why is this bad?
    Keras 3 has no symbolic backend functions: `K.function` raises `AttributeError`. TF 2.15
    has it, but in eager mode it builds a model, which refuses the learning phase as an
    input (`ValueError: Found unexpected instance while processing input tensors`). Code of
    the 2.2.4 era used it to read a layer's activations (`K.function([model.input],
    [layer.output])`) and to run a model with dropout on (`K.learning_phase()`).

    ## Example
    ```python
    get_features = K.function([model.input, K.learning_phase()], [model.layers[2].output])
    features = get_features([x, 0])[0]
    ```

    ## Use instead
    ```python
    get_features = function_224([model.input, learning_phase_224()], [model.layers[2].output])
    features = get_features([x, 0])[0]
    ```

    ## Fix safety
    Safe for functions of a model's tensors, which is what the function builds: a
    `tf.keras.Model` from the inputs to the outputs, called in the mode the learning phase
    asks for. `K.function(..., updates=...)` (a training step written by hand) is reported
    without a fix: it has no Keras 3 equivalent.
    """

    code = "KL701"
    name = "backend-function"
    summary = "`K.function` and `K.learning_phase()` are gone in Keras 3"
    fix_title = "Use 2.2.4's `K.function` as a function of the module"
    rewrites = (FUNCTION, LEARNING_PHASE)
    valid = ("import keras\nfrom keras import backend as K\nx = K.epsilon()\n",)
    invalid = (
        ("from keras import backend as K\nf = K.function([m.input], [m.layers[1].output])\n",
         "from keras import backend as K\n\n\n" + FUNCTION_CODE
         + "\n\nf = function_224([m.input], [m.layers[1].output])\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._phases: set[int] = set()  # K.learning_phase() calls among a K.function's inputs

    def _is(self, node: cst.BaseExpression, name: str) -> bool:
        found = self.context.table.keras_name(node)
        return found is not None and ".".join(found) == name

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in FUNCTION_TARGETS:
            return
        keras3 = self.context.settings.target == "keras3"
        if self._is(node.func, LEARNING_PHASE):
            if id(node) not in self._phases and keras3:
                self.report(node, f"Keras 3 has no `K.learning_phase()`: {_absent(LEARNING_PHASE)}")
            return
        if not self._is(node.func, FUNCTION):
            return
        inputs = calls.argument(node, "inputs", 0)
        phases = [e.value for e in inputs.elements if isinstance(e.value, cst.Call)
                  and self._is(e.value.func, LEARNING_PHASE)] if isinstance(inputs, (cst.List, cst.Tuple)) else []
        if not keras3 and not phases:
            return  # TF 2.15's K.function runs a model's tensors
        message = "Keras 3 has no `K.function`" if keras3 else "TF 2.15's `K.function` takes no learning phase"
        table = self.context.table
        if calls.has_star_args(node) or calls.argument(node, "updates", 2) is not None \
                or not definable(table, FUNCTION_NAME) or not definable(table, LEARNING_PHASE_NAME):
            self.report(node, f"{message}: {_absent(FUNCTION)}")
            return
        self._phases.update(id(p) for p in phases)
        phase_ids = {id(p) for p in phases}

        def transform(updated: cst.Call) -> cst.Call:
            new_inputs = calls.argument(updated, "inputs", 0)
            if phase_ids and isinstance(new_inputs, (cst.List, cst.Tuple)):
                # the original elements line up with the updated ones, position by position
                elements = [e.with_changes(value=cst.Call(func=cst.Name(LEARNING_PHASE_NAME)))
                            if id(original.value) in phase_ids else e
                            for e, original in zip(new_inputs.elements, inputs.elements)]
                updated = calls.set_positional_value(updated, 0, new_inputs.with_changes(elements=elements)) \
                    if updated.args[0].keyword is None else calls.set_keyword_value(
                        updated, "inputs", new_inputs.with_changes(elements=elements))
            return updated.with_changes(func=cst.Name(FUNCTION_NAME))

        definitions = (Definition(FUNCTION_NAME, FUNCTION_CODE),)
        if phases:
            definitions += (Definition(LEARNING_PHASE_NAME, LEARNING_PHASE_CODE),)
        self.report(node, message, transform=transform, definitions=definitions)


class TensorFlow1Function(Rule):
    """
    ## What it does
    Finds TensorFlow 1 functions called on `tf` that TensorFlow 2 keeps only in
    `tf.compat.v1` (`tf.random_normal`, `tf.random_uniform`, `tf.div`, `tf.to_float`,
    `tf.log`, ...), as Keras 2.2.4-era code used them inside `Lambda` layers, custom layers and
    losses, and writes `tf.compat.v1.NAME`.

    ## Why is this bad?
    Keras 2.2.4 ran on TensorFlow 1, and its users wrote TensorFlow 1 ops into their layers.
    TensorFlow 2 removed these names from `tf` (`AttributeError: module 'tensorflow' has no
    attribute 'random_normal'`), so the model does not build, or fails at its first call.

    ## Example
    ```python
    import tensorflow as tf
    noise = tf.random_normal(tf.shape(x))
    ```

    ## Use instead
    ```python
    import tensorflow as tf
    noise = tf.compat.v1.random_normal(tf.shape(x))
    ```

    ## Fix safety
    Safe: `tf.compat.v1.NAME` is TensorFlow 1's function, with its arguments and results.
    TensorFlow 1's graph-only functions (`tf.placeholder`, sessions, collections, variable
    scopes) are not rewritten: they have no meaning in TensorFlow 2's eager mode and need a
    rewrite by hand.
    """

    code = "KL702"
    name = "tensorflow-1-function"
    summary = "A TensorFlow 1 function TensorFlow 2 keeps only in `tf.compat.v1`"
    fix_title = "Use `tf.compat.v1.NAME`"
    valid = (
        "import keras\nimport tensorflow as tf\nnoise = tf.random.normal(tf.shape(x))\n",
        "import keras\nimport tensorflow as tf\nx = tf.compat.v1.div(a, b)\n",
        "import keras\nimport tensorflow as tf\nx = tf.placeholder(tf.float32)\n",
        "import keras\nimport numpy as np\nx = np.log(a)\n",
    )
    invalid = (
        ("import keras\nimport tensorflow as tf\nnoise = tf.random_normal(tf.shape(x))\n",
         "import keras\nimport tensorflow as tf\nnoise = tf.compat.v1.random_normal(tf.shape(x))\n"),
        ("import keras\nimport tensorflow\ny = tensorflow.to_float(tensorflow.div(a, b))\n",
         "import keras\nimport tensorflow\ny = tensorflow.compat.v1.to_float(tensorflow.compat.v1.div(a, b))\n"),
    )

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value not in TF1_FUNCTIONS or self.context.table.qualify(node) != f"tensorflow.{node.attr.value}":
            return
        self.report(
            node,
            f"`tf.{node.attr.value}` is TensorFlow 1's; TensorFlow 2 keeps it as `tf.{COMPAT_V1}.{node.attr.value}`",
            transform=lambda updated: updated.with_changes(value=_compat_v1(updated.value)),
        )


def _compat_v1(module: cst.BaseExpression) -> cst.BaseExpression:
    for part in COMPAT_V1.split("."):
        module = cst.Attribute(value=module, attr=cst.Name(part))
    return module


class BatchDot(Rule):
    """
    ## What it does
    Rewrites `K.batch_dot(x, y, axes)` to `batch_dot_224(x, y, axes)`, Keras 2.2.4's
    `batch_dot` as a function keraslint adds to the module once.

    ## Why is this bad?
    Keras 2.3 rewrote `K.batch_dot`, and tf.keras (TF 2.15 and Keras 3) has the new one. For
    tensors of rank 3 and less both agree; from rank 4 they contract other dimensions: 2.2.4
    multiplied batches of matrices over all leading dimensions, so capsule networks' routing
    (`K.batch_dot(c, u_hat, [2, 2])` on shapes (b, 10, 100) and (b, 10, 100, 16)) gave
    (b, 10, 16), and tf.keras gives (b, 10, 10, 16): the layer then fails, or computes
    something else.

    ## Example
    ```python
    o = K.batch_dot(c, hat_inputs, [2, 2])
    ```

    ## Use instead
    ```python
    def batch_dot_224(x, y, axes=None):
        ...  # Keras 2.2.4's batch_dot, written out once per module

    o = batch_dot_224(c, hat_inputs, [2, 2])
    ```

    ## Fix safety
    Safe: `batch_dot_224` computes what 2.2.4's did, for every rank. When the module already
    binds the name `batch_dot_224`, the call is reported without a fix.
    """

    code = "KL703"
    name = "batch-dot"
    summary = "`K.batch_dot` contracts rank-4 tensors otherwise than 2.2.4"
    fix_title = "Use `batch_dot_224` (Keras 2.2.4's batch_dot)"
    valid = (
        "from keras import backend as K\nK.dot(x, y)\n",
        "import numpy as np\nimport keras\nnp.dot(x, y)\n",
    )
    invalid = (
        ("from keras import backend as K\no = K.batch_dot(c, u, [2, 2])\n",
         "from keras import backend as K\n\n\n" + BATCH_DOT_CODE + "\n\no = batch_dot_224(c, u, [2, 2])\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in BATCH_DOT_TARGETS:
            return
        found = self.context.table.keras_name(node.func)
        if found is None or ".".join(found) != BATCH_DOT:
            return
        message = "tf.keras's `K.batch_dot` contracts tensors of rank 4 and more otherwise than Keras 2.2.4"
        if not definable(self.context.table, BATCH_DOT_NAME):
            self.report(node, message)
            return
        self.report(node, message, transform=lambda updated: updated.with_changes(func=cst.Name(BATCH_DOT_NAME)),
                    definitions=(Definition(BATCH_DOT_NAME, BATCH_DOT_CODE),))


class PhaseSwitch(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `K.in_train_phase(x, alt, training=...)` and
    `K.in_test_phase(...)` to `in_train_phase_224(...)` and `in_test_phase_224(...)`, Keras
    2.2.4's functions written into the module once.

    ## Why is this bad?
    Keras 3 has no global learning phase, and with it went `K.in_train_phase` and
    `K.in_test_phase`: custom layers that switch on them (dropout variants such as
    EfficientNet's DropConnect, noise layers) fail when the model is built ("module
    'keras.backend' has no attribute 'in_train_phase'"). Keras 3 passes a layer's `call` its
    `training` argument, which is what these functions choose on.

    ## Example
    ```python
    def call(self, inputs, training=None):
        return K.in_train_phase(lambda: dropped(inputs), inputs, training=training)
    ```

    ## Use instead
    ```python
    def call(self, inputs, training=None):
        return in_train_phase_224(lambda: dropped(inputs), inputs, training=training)
    ```

    ## Fix safety
    Safe: the functions choose as 2.2.4's did for a given `training`; where 2.2.4 read its
    learning phase (`training=None`), they choose inference, which is what Keras 3 gives a
    layer outside `fit`, and inside `fit` Keras 3 passes `training=True`. When the module
    already binds the name, the call is reported without a fix.
    """

    code = "KL704"
    name = "learning-phase-switch"
    summary = "`K.in_train_phase`/`K.in_test_phase` are gone in Keras 3"
    fix_title = "Use 2.2.4's function, written into the module"
    rewrites = tuple(PHASE_SWITCH_CODE)
    valid = (
        "from keras import backend as K\nK.switch(c, x, y)\n",
    )
    invalid = (
        ("from keras import backend as K\ny = K.in_train_phase(x * 0, x, training=training)\n",
         "from keras import backend as K\n\n\n" + PHASE_SWITCH_CODE["keras.backend.in_train_phase"][1]
         + "\n\ny = in_train_phase_224(x * 0, x, training=training)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in PHASE_SWITCH_TARGETS:
            return
        found = self.context.table.keras_name(node.func)
        entry = PHASE_SWITCH_CODE.get(".".join(found)) if found is not None else None
        if entry is None:
            return
        name, code = entry
        message = f"Keras 3 has no `K.{found[1]}` (no global learning phase)"
        if not definable(self.context.table, name):
            self.report(node, message)
            return
        self.report(node, message, transform=lambda updated: updated.with_changes(func=cst.Name(name)),
                    definitions=(Definition(name, code),))
