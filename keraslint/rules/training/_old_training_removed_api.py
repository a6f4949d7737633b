"""KL616-KL617: model and layer API Keras 3 removed, kept by writing 2.2.4's code as a function."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.keras224.methods import (
    ATTRIBUTE_FUNCTIONS,
    LAYER_ATTRIBUTE_FUNCTIONS,
    ATTRIBUTE_FUNCTIONS_TARGETS,
    SAVE_WEIGHTS_CODE,
    SAVE_WEIGHTS_KEEPS,
    SAVE_WEIGHTS_METHOD,
    SAVE_WEIGHTS_NAME,
    SAVE_WEIGHTS_TARGETS,
)
from keraslint.keras224.training import (
    PARAMS_GONE,
    PARAMS_TARGETS,
    LAMBDA_LAYER,
    LAMBDA_LOAD_TARGETS,
    LOAD_MODEL_CODE,
    LOAD_MODEL_FUNCTIONS,
    LOAD_MODEL_NAME,
    LOAD_MODEL_TARGETS,
    MODEL_LOADERS,
    RATE_LOG_CALLBACKS,
    RATE_LOG_TARGETS,
    SAFE_MODE_LOADERS,
    rate_log_class,
)
from keraslint.rule import Definition, Import, Rule, definable, tf_free


class SaveWeightsFileName(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `model.save_weights(path)` to
    `save_weights_224(model, path)`, a function keraslint adds to the module once that writes
    the weights as Keras 2.2.4 did: HDF5 in 2.2.4's layout, under the name given. A literal
    name ending in `.weights.h5` (or `.keras`) is left to Keras 3.

    ## Why is this bad?
    Keras 2.2.4 wrote HDF5 weights under any name, and code of its time saved to
    `weights.h5` or `model_weights.hdf5`. Keras 3 raises `ValueError: The filename must end
    in .weights.h5`. It still *reads* 2.2.4's layout from any name (`load_weights('w.h5')`,
    with `by_name=True` too), so only the writing needs help; renaming the file instead
    would change what the program leaves on disk.

    ## Example
    ```python
    model.save_weights('weights.h5')
    model.load_weights('weights.h5', by_name=True)
    ```

    ## Use instead
    ```python
    def save_weights_224(model, filepath, overwrite=True):
        ...  # 2.2.4's HDF5 layout under any name (added once)

    save_weights_224(model, 'weights.h5')
    model.load_weights('weights.h5', by_name=True)
    ```

    ## Fix safety
    Safe: the same file name and 2.2.4's own layout, which Keras 2.2.4 can load too. The
    function uses the HDF5 writer Keras 3 ships for `model.save('m.h5')`
    (`keras.src.legacy.saving`), which Keras 3 does not document.
    """

    code = "KL616"
    name = "save-weights-file-name"
    summary = "`save_weights('w.h5')`: Keras 3 writes weights only to `.weights.h5` names"
    fix_title = f"Use `{SAVE_WEIGHTS_NAME}`, which keeps the name"
    valid = (
        "import keras\nmodel.save_weights('w.weights.h5')\n",
        "import keras\nmodel.load_weights('w.h5')\n",
    )
    invalid = (
        ("import keras\nmodel.save_weights('w.h5')\n",
         "import keras\n\n\n" + SAVE_WEIGHTS_CODE + "\n\nsave_weights_224(model, 'w.h5')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (self.context.settings.target not in SAVE_WEIGHTS_TARGETS or not isinstance(func, cst.Attribute)
                or func.attr.value != SAVE_WEIGHTS_METHOD or calls.has_star_args(node) or not node.args):
            return
        path = calls.string_value(calls.argument(node, "filepath", 0))
        if path is not None and path.endswith(SAVE_WEIGHTS_KEEPS):
            return
        message = "Keras 3 writes weights only to file names ending in `.weights.h5`"
        if not definable(self.context.table, SAVE_WEIGHTS_NAME):
            self.report(node, f"{message}; name the file `*.weights.h5` by hand (`{SAVE_WEIGHTS_NAME}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: calls.method_as_function(updated, SAVE_WEIGHTS_NAME),
            definitions=(Definition(SAVE_WEIGHTS_NAME, SAVE_WEIGHTS_CODE),),
        )


def _model_layer(node: cst.BaseExpression) -> bool:
    """``model.layers[i]`` or ``model.get_layer(...)``."""
    if isinstance(node, cst.Subscript):
        return isinstance(node.value, cst.Attribute) and node.value.attr.value == "layers"
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get_layer"


class RemovedModelAttribute(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites reads of model and layer attributes Keras 3 removed to a
    call of Keras 2.2.4's definition, written as a function once per module:
    `model.metrics_names` becomes `metrics_names_224(model)`, `layer.output_shape`
    `output_shape_224(layer)`, `layer.input_shape` `input_shape_224(layer)`,
    `layer.output_mask` `output_mask_224(layer)` and `model.input_names`
    `input_names_224(model)`; and `model.layers[0].input` becomes `input_224(...)`, since a
    Keras 3 InputLayer's `input` is an empty list where 2.2.4's was the input tensor.

    ## Why is this bad?
    Keras 3 layers have no `output_shape` or `input_shape`, nor models `input_names`
    (`AttributeError`), and Keras 3's
    `model.metrics_names` is `['loss', 'compile_metrics']`: code that zips it with what
    `evaluate()` returns (`dict(zip(model.metrics_names, scores))`) pairs the wrong names
    and values, without an error.

    ## Example
    ```python
    scores = model.evaluate(x_test, y_test)
    print(dict(zip(model.metrics_names, scores)))
    print(model.layers[0].output_shape)
    ```

    ## Use instead
    ```python
    scores = model.evaluate(x_test, y_test)
    print(dict(zip(metrics_names_224(model), scores)))
    print(output_shape_224(model.layers[0]))
    ```

    ## Fix safety
    Safe: each function returns what 2.2.4's attribute held (the attribute itself when the
    object still has one, as Keras 3 models have `output_shape`). `metrics_names_224` names
    the values in the order Keras 3 returns them, which is 2.2.4's order for one output;
    with several outputs Keras 3 returns the per-output metrics in sorted order. Attributes
    that are assigned are left alone.
    """

    code = "KL617"
    name = "removed-model-attribute"
    summary = "`metrics_names`, `output_shape`, `input_shape`, `input_names` are gone or changed in Keras 3"
    fix_title = "Use 2.2.4's definition as a function"
    valid = (
        "import keras\nself.input_shape = input_shape\n",
        "import keras\nshape = model.output.shape\n",
    )
    invalid = (
        ("import keras\nprint(dict(zip(model.metrics_names, scores)))\n",
         "import keras\n\n\n" + ATTRIBUTE_FUNCTIONS["metrics_names"][1]
         + "\n\nprint(dict(zip(metrics_names_224(model), scores)))\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._assigned: set[int] = set()

    def _assigned_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Attribute):
            self._assigned.add(id(target))
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._assigned_target(element.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._assigned_target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._assigned_target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._assigned_target(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._assigned_target(node.target)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        attribute = node.attr.value
        if self.context.settings.target not in ATTRIBUTE_FUNCTIONS_TARGETS or id(node) in self._assigned:
            return
        if attribute in ATTRIBUTE_FUNCTIONS:
            name, code = ATTRIBUTE_FUNCTIONS[attribute]
        elif attribute in LAYER_ATTRIBUTE_FUNCTIONS and _model_layer(node.value):
            name, code = LAYER_ATTRIBUTE_FUNCTIONS[attribute]
        else:
            return
        message = f"Keras 3 {'changed' if attribute == 'metrics_names' else 'removed'} `.{attribute}`"
        if not definable(self.context.table, name):
            self.report(node, f"{message}; read it by hand (`{name}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: cst.Call(func=cst.Name(name), args=[cst.Arg(updated.value)],
                                               lpar=updated.lpar, rpar=updated.rpar),
            definitions=(Definition(name, code),),
        )


class RateLogKey(Rule):
    """
    ## What it does
    On the `keras3` target, replaces `ReduceLROnPlateau(...)` and `LearningRateScheduler(...)`
    with a subclass keraslint adds to the module once (`ReduceLROnPlateau_224`), which logs
    the learning rate under Keras 2.2.4's key, `lr`.

    ## Why is this bad?
    Both callbacks add the rate to the epoch's logs: 2.2.4 as `lr`, Keras 3 as
    `learning_rate`. Code that plots `history.history['lr']`, a `CSVLogger` column, or a
    callback that reads `logs['lr']` then fails with `KeyError` or reads nothing.

    ## Example
    ```python
    history = model.fit(x, y, callbacks=[ReduceLROnPlateau(patience=2)])
    plt.plot(history.history['lr'])
    ```

    ## Use instead
    ```python
    class ReduceLROnPlateau_224(tf.keras.callbacks.ReduceLROnPlateau):
        ...  # logs the rate as `lr` (added once)

    history = model.fit(x, y, callbacks=[ReduceLROnPlateau_224(patience=2)])
    plt.plot(history.history['lr'])
    ```

    ## Fix safety
    Safe: the same callback, with 2.2.4's log key. It is refused when `tf` means something
    else in the module.
    """

    code = "KL618"
    name = "rate-log-key"
    summary = "ReduceLROnPlateau/LearningRateScheduler log `learning_rate` in Keras 3, `lr` in 2.2.4"
    fix_title = "Log the rate as `lr`, as 2.2.4 did"
    valid = ("import keras\ncb = keras.callbacks.EarlyStopping(patience=2)\n",)
    invalid = (
        ("import tensorflow as tf\nfrom keras.callbacks import ReduceLROnPlateau\ncb = ReduceLROnPlateau(patience=2)\n",
         "import tensorflow as tf\nfrom keras.callbacks import ReduceLROnPlateau\n\n\n"
         + rate_log_class("ReduceLROnPlateau")[1] + "\n\ncb = ReduceLROnPlateau_224(patience=2)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in RATE_LOG_TARGETS:
            return
        found = self.context.table.keras_name(node.func)
        if found is None or found[0] != "keras.callbacks" or found[1] not in RATE_LOG_CALLBACKS:
            return
        name, code = rate_log_class(found[1])
        message = f"`{found[1]}` logs the rate as `learning_rate` in Keras 3; 2.2.4 logged `lr`"
        table = self.context.table
        if not tf_free(table) \
                or not definable(table, name):
            self.report(node, message)
            return
        self.report(
            node, message,
            transform=lambda updated: updated.with_changes(func=cst.Name(name)),
            imports=(Import("tensorflow", None, "tf"),),
            definitions=(Definition(name, code),),
        )


class LambdaLayerLoad(Rule):
    """
    ## What it does
    On the `keras3` target, in a module that builds `Lambda` layers, lets its
    `load_model`/`model_from_json` calls load them again as Keras 2.2.4 did: `load_model` gets
    `safe_mode=False` when a `Lambda` wraps a Python `lambda`, and the functions that `Lambda`s
    wrap by name are added to `custom_objects`.

    ## Why is this bad?
    Keras 2.2.4 stored a Lambda's code in the model file and loaded it back without being
    asked. Keras 3 refuses a Python lambda unless `safe_mode=False` ("Requested the
    deserialization of a `Lambda` layer whose `function` is a Python lambda"), and cannot find a
    named function unless it is passed in `custom_objects` ("Could not locate function").

    ## Example
    ```python
    x = Lambda(lambda t: t / 255.0)(inputs)
    ...
    restored = load_model('model.h5')
    ```

    ## Use instead
    ```python
    restored = load_model('model.h5', safe_mode=False)
    ```

    ## Fix safety
    Safe: the model loads as it did in 2.2.4, which ran the stored code just the same; that is
    why Keras 3 asks for it to be said. Only calls whose `custom_objects` is absent or a dict
    written in the call get the named functions. A lambda loaded with `model_from_json`
    (which has no `safe_mode` in Keras 3) is reported: wrap the call in
    `with tf.keras.config.enable_unsafe_deserialization():` by hand.
    """

    code = "KL620"
    name = "lambda-layer-load"
    summary = "A model with Lambda layers: Keras 3 loads it only with safe_mode=False / custom_objects"
    fix_title = "Load the Lambda layers as 2.2.4 did"
    valid = ("from keras.models import load_model\nm = load_model('m.h5')\n",)
    invalid = (
        ("from keras.models import load_model\nfrom keras.layers import Lambda\nx = Lambda(lambda t: t * 2)(i)\n"
         "m = load_model('m.h5')\n",
         "from keras.models import load_model\nfrom keras.layers import Lambda\nx = Lambda(lambda t: t * 2)(i)\n"
         "m = load_model('m.h5', safe_mode=False)\n"),
        ("from keras.models import load_model\nfrom keras.layers import Lambda\ndef double(t): return t * 2\n"
         "x = Lambda(double)(i)\nm = load_model('m.h5', custom_objects={'Scale': Scale})\n",
         "from keras.models import load_model\nfrom keras.layers import Lambda\ndef double(t): return t * 2\n"
         "x = Lambda(double)(i)\nm = load_model('m.h5', custom_objects={'Scale': Scale, 'double': double})\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._lambdas = False  # a Lambda wraps a Python lambda
        self._functions: list[str] = []  # functions Lambdas wrap by name
        self._loads: list[tuple[cst.Call, str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in LAMBDA_LOAD_TARGETS:
            return
        table = self.context.table
        found = table.keras_name(node.func)
        name = ".".join(found) if found else None
        if table.keras_class(node.func) == LAMBDA_LAYER:
            function = calls.argument(node, "function", 0)
            if isinstance(function, cst.Lambda):
                self._lambdas = True
            elif isinstance(function, cst.Name) and function.value in table.functions \
                    and function.value not in self._functions:
                self._functions.append(function.value)
        elif name in MODEL_LOADERS and not calls.has_star_args(node):
            self._loads.append((node, found[1]))

    def leave_Module(self, node: cst.Module) -> None:
        for call, loader in self._loads:
            names = calls.keyword_names(call)
            safe_mode = self._lambdas and loader in SAFE_MODE_LOADERS and "safe_mode" not in names
            custom = calls.argument(call, "custom_objects", 1)
            known = {e.key.evaluated_value for e in custom.elements
                     if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)} \
                if isinstance(custom, cst.Dict) else set()
            missing = [f for f in self._functions if f not in known] if custom is None or isinstance(custom, cst.Dict) else []
            message = "Keras 3 loads the Lambda layers of this module only when told to"
            if self._lambdas and loader not in SAFE_MODE_LOADERS:
                self.report(call, f"{message}: `{loader}` has no `safe_mode`; load inside "
                                  f"`tf.keras.config.enable_unsafe_deserialization()` by hand")
                continue
            if not safe_mode and not missing:
                continue
            self.report(call, message, transform=lambda updated, s=safe_mode, m=missing: _load_as_224(updated, s, m))


def _load_as_224(call: cst.Call, safe_mode: bool, missing: list[str]) -> cst.Call:
    if missing:
        custom = calls.argument(call, "custom_objects", 1)
        entries = [cst.DictElement(cst.SimpleString(f"'{f}'"), cst.Name(f)) for f in missing]
        if isinstance(custom, cst.Dict):
            elements = [e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                        for e in custom.elements] + entries
            new = custom.with_changes(elements=[*elements[:-1], elements[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
            keyword = "custom_objects" in calls.keyword_names(call)
            call = calls.set_keyword_value(call, "custom_objects", new) if keyword else calls.set_positional_value(call, 1, new)
        else:
            call = calls.add_keywords(call, [("custom_objects", cst.Dict(
                [e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for e in entries[:-1]]
                + [entries[-1]]))])
    if safe_mode:
        call = calls.add_keywords(call, [("safe_mode", cst.Name("False"))])
    return call


class CompiledModelLoad(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `load_model(path)` to `load_model_224(path)`, a function
    keraslint adds to the module once: it loads the model with Keras 3, and when the file held
    a compiled model it gives the model a fresh optimizer of the saved config, built on the
    model's weights and holding the saved optimizer state.

    ## Why is this bad?
    Keras 2.2.4's `load_model` returned a compiled model that went on training where it
    stopped: its optimizer had its state (SGD momentum, Adam's moments) back. Keras 3.15 loads
    a compiled HDF5 model with an optimizer built on no variables, and the first `fit` raises
    `ValueError: Unknown variable`.

    ## Example
    ```python
    model.save('model.h5')
    restored = load_model('model.h5')
    restored.fit(x, y)
    ```

    ## Use instead
    ```python
    def load_model_224(filepath, custom_objects=None, compile=True, **kwargs):
        ...  # Keras 3's load_model, then an optimizer on the model's weights (added once)

    model.save('model.h5')
    restored = load_model_224('model.h5')
    restored.fit(x, y)
    ```

    ## Fix safety
    Safe: the function returns what Keras 3's `load_model` returns, and replaces the optimizer
    only when Keras 3 left it unusable. It reads the optimizer state with the HDF5 reader
    Keras 3 ships (`keras.src.legacy.saving`), which Keras 3 does not document; if the state
    does not match the model's weights, the optimizer starts afresh, as after `compile`.
    """

    code = "KL624"
    name = "compiled-model-load"
    summary = "`load_model` of a compiled HDF5 model: Keras 3 cannot train the result"
    fix_title = f"Use `{LOAD_MODEL_NAME}`, which restores the optimizer"
    valid = ("import keras\nm = keras.models.load_model('m.h5', compile=False)\n",)
    invalid = (
        ("from keras.models import load_model\nm = load_model('m.h5')\n",
         "from keras.models import load_model\nimport tensorflow as tf\n\n\n" + LOAD_MODEL_CODE
         + "\n\nm = load_model_224('m.h5')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        table = self.context.table
        if self.context.settings.target not in LOAD_MODEL_TARGETS or calls.has_star_args(node) \
                or ".".join(table.keras_name(node.func) or ()) not in LOAD_MODEL_FUNCTIONS:
            return
        compile_flag = calls.argument(node, "compile", 2)
        if isinstance(compile_flag, cst.Name) and compile_flag.value == "False":
            return
        message = "Keras 3 loads a compiled HDF5 model with an optimizer that cannot train it"
        if not tf_free(table) \
                or not definable(table, LOAD_MODEL_NAME):
            self.report(node, f"{message}; keraslint's `{LOAD_MODEL_NAME}` needs `tf` and its name free")
            return
        self.report(node, message,
                    transform=lambda updated: updated.with_changes(func=cst.Name(LOAD_MODEL_NAME)),
                    imports=(Import("tensorflow", None, "tf"),),
                    definitions=(Definition(LOAD_MODEL_NAME, LOAD_MODEL_CODE),))


class CallbackParamsKey(Rule):
    """
    ## What it does
    Reports reads of `params` keys that tf.keras (Keras 3, and TF 2.15) no longer fills:
    `self.params['samples']`, `['batch_size']`, `['metrics']`, `['do_validation']` in a
    callback (and `history.params[...]`).

    ## Why is this bad?
    Keras 2.2.4 told callbacks the number of samples, the batch size, the names of the logged
    metrics and whether there was validation data. tf.keras's `params` has only `epochs`,
    `steps` and `verbose`: these reads raise `KeyError` (or `.get` returns `None`).

    ## Example
    ```python
    total_steps = self.params['epochs'] * self.params['samples'] // self.params['batch_size']
    ```

    ## Use instead
    ```python
    total_steps = self.params['epochs'] * self.params['steps']
    ```

    ## Fix safety
    No fix: what to use instead depends on what the callback needs (the message says what
    Keras 3 offers).
    """

    code = "KL622"
    name = "callback-params-key"
    summary = "A callback reads a `params` key tf.keras does not fill"
    valid = ("import keras\nepochs = self.params['epochs']\n",)
    invalid = (
        ("import keras\nn = self.params['samples']\n", "import keras\nn = self.params['samples']\n"),
    )

    def visit_Subscript(self, node: cst.Subscript) -> None:
        value = node.value
        if self.context.settings.target not in PARAMS_TARGETS or not (
                isinstance(value, cst.Attribute) and value.attr.value == "params") or len(node.slice) != 1:
            return
        index = node.slice[0].slice
        key = index.value.evaluated_value if isinstance(index, cst.Index) and \
            isinstance(index.value, cst.SimpleString) else None
        if key in PARAMS_GONE:
            self.report(node, f"Keras 3 callbacks' `params` have no {key!r}: {PARAMS_GONE[key]}")

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if self.context.settings.target in PARAMS_TARGETS and isinstance(func, cst.Attribute) \
                and func.attr.value == "get" and isinstance(func.value, cst.Attribute) \
                and func.value.attr.value == "params" and node.args:
            key = calls.string_value(node.args[0].value)
            if key in PARAMS_GONE:
                self.report(node, f"Keras 3 callbacks' `params` have no {key!r}: {PARAMS_GONE[key]}")
