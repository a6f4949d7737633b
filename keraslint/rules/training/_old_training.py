"""KL6xx: the Keras 2.2.4 training API that tf.keras changed or removed."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.imports import dotted_name
from keraslint.keras224.training import (
    ACCURACY_STRINGS,
    BINARY_ACCURACY,
    BINARY_ACCURACY_MODULE,
    HISTORY_KEY,
    CALLBACK_REJECTED_BY_KERAS3,
    CALLBACK_RENAMES,
    CALLBACK_SIGNATURES,
    CHECKPOINT,
    CHECKPOINT_224_CODE,
    CHECKPOINT_224_NAME,
    CHECKPOINT_224_TARGETS,
    CHECKPOINT_PERIOD,
    DIVIDED_BY_BATCH_SIZE,
    FIRST_PARAMETER_RENAMES,
    FIT_RENAMES,
    GENERATOR_METHODS,
    GENERATOR_RENAMES,
    GRAPH_TENSOR_ARGUMENTS,
    HDF5_SUFFIXES,
    KERAS3_SAVE_SUFFIXES,
    KERAS3_REJECTED,
    PREDICT_HELPERS,
    QUIET_METHODS,
    RESET_STATES_CODE,
    RESET_STATES_METHOD,
    RESET_STATES_NAME,
)
from keraslint.keras224.layers import INPUT_LAYER, KERAS3_INPUT_KEYWORDS
from keraslint.keras224.methods import (
    NODE_METHODS,
    NODE_METHODS_TARGETS,
    PREDICT_CLASSES_CODE,
    PREDICT_CLASSES_METHOD,
    PREDICT_CLASSES_NAME,
    node_function_code,
    node_function_name,
)
from keraslint.moves import Moved, resolve
from keraslint.rule import Definition, Import, Rule, definable, tf_free
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.training._compile_values import binary_loss, metric_strings


class GeneratorTrainingMethod(Rule):
    """
    ## What it does
    Rewrites `fit_generator`, `evaluate_generator` and `predict_generator` calls to `fit`,
    `evaluate` and `predict`: arguments passed by position after the generator become
    keywords (the new methods have other parameters there), Keras-1 names become Keras 2
    names (`nb_epoch` is `epochs`), `verbose=0` is pinned where 2.2.4 printed nothing, and on
    the `keras3` target the data-loading arguments Keras 3 rejects (`workers`,
    `use_multiprocessing`, `max_queue_size`) are removed.

    ## Why is this bad?
    The generator methods were deprecated in TF 2.1 and are gone in Keras 3
    (`AttributeError`). `fit`, `evaluate` and `predict` accept generators directly.

    ## Example
    ```python
    model.fit_generator(datagen.flow(x, y, batch_size=32), 100, epochs=10, workers=4)
    ```

    ## Use instead
    ```python
    model.fit(datagen.flow(x, y, batch_size=32), steps_per_epoch=100, epochs=10)
    ```

    ## Fix safety
    Safe, except with `samples_per_epoch`: 2.2.4 divided it by `generator.batch_size` when
    the generator had one, which cannot be known statically; that fix renames it to
    `steps_per_epoch` unchanged and is unsafe. It is safe when the generator is a call of a
    generator function of the module (`def ...: yield ...`), whose generator has no
    `batch_size`: 2.2.4 took the number as it was. Removing the data-loading arguments on
    `keras3` changes how batches are produced (in one thread), not which; it is unsafe
    when a removed value calls a function (`workers=cpu_count()`), since the call goes too.
    """

    code = "KL601"
    name = "generator-training-method"
    summary = "`fit_generator` and friends are gone in Keras 3; use `fit`/`evaluate`/`predict`"
    fix_title = "Use the tf.keras method"
    valid = (
        "import keras\nmodel.fit(gen, steps_per_epoch=10)\n",
        "import keras\nthing.fit_generator_like(gen)\n",
    )
    invalid = (
        ("import keras\nmodel.fit_generator(gen, 100, 5, validation_data=val)\n",
         "import keras\nmodel.fit(gen, steps_per_epoch=100, epochs=5, validation_data=val)\n"),
        ("import keras\nmodel.fit_generator(gen, steps_per_epoch=10, nb_epoch=3, workers=4)\n",
         "import keras\nmodel.fit(gen, steps_per_epoch=10, epochs=3)\n"),
        ("import keras\npreds = model.predict_generator(gen, steps=5)\n",
         "import keras\npreds = model.predict(gen, steps=5, verbose=0)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, cst.Attribute):
            return
        method = node.func.attr.value
        if method in self.context.table.shadowed:
            return  # the module defines its own `fit_generator`: not Keras's
        if method not in GENERATOR_METHODS or calls.has_star_args(node):
            if method in GENERATOR_METHODS:
                self.report(node, f"`{method}` is gone in Keras 3; use `{GENERATOR_METHODS[method][0]}` by hand")
            return
        self._calls.append((node, method))

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._calls: list[tuple[cst.Call, str]] = []
        self._functions: list[str] = []
        self._generators: set[str] = set()  # functions of the module that yield

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node.name.value)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.pop()

    def visit_Yield(self, node: cst.Yield) -> None:
        if self._functions:
            self._generators.add(self._functions[-1])

    def _plain_generator(self, node: cst.Call) -> bool:
        """A call of a generator function of the module: its generator has no ``batch_size``."""
        generator = calls.argument(node, "generator", 0)
        table = self.context.table
        return isinstance(generator, cst.Call) and isinstance(generator.func, cst.Name) \
            and generator.func.value in self._generators and table.binding_count(generator.func.value) == 1

    def leave_Module(self, node: cst.Module) -> None:
        for call, method in self._calls:
            self._check(call, method)

    def _check(self, node: cst.Call, method: str) -> None:
        new_method, parameters = GENERATOR_METHODS[method]
        drop = KERAS3_REJECTED if self.context.settings.target == "keras3" else ()
        divided = DIVIDED_BY_BATCH_SIZE in calls.keyword_names(node) and not self._plain_generator(node)
        unsafe = divided or calls.drops_a_call(calls.argument(node, name, None) for name in drop)
        self.report(
            node,
            f"`{method}` is deprecated in TF 2 and gone in Keras 3; use `{new_method}`",
            transform=lambda updated: _to_method(updated, method, new_method, parameters, drop),
            fix_title=f"Use `{new_method}`"
            + (" (`samples_per_epoch` was divided by the generator's batch_size in 2.2.4)" if unsafe else ""),
            applicability=Applicability.UNSAFE if unsafe else Applicability.SAFE,
        )


def _to_method(call: cst.Call, method: str, new_method: str, parameters: tuple[str, ...],
               drop: tuple[str, ...]) -> cst.Call:
    call = calls.keywords_for_positionals(call, parameters, 1)
    for old, new in {**FIRST_PARAMETER_RENAMES, **GENERATOR_RENAMES}.items():
        if old in calls.keyword_names(call) and new not in calls.keyword_names(call):
            call = calls.rename_keyword(call, old, new)
    for name in drop:
        if name in calls.keyword_names(call):
            call = calls.remove_keyword(call, name)
    if method in QUIET_METHODS and "verbose" not in calls.keyword_names(call):
        call = calls.add_keywords(call, [("verbose", cst.Integer("0"))])
    return call.with_changes(func=call.func.with_changes(attr=cst.Name(new_method)))


class FitNbEpoch(Rule):
    """
    ## What it does
    Renames the Keras-1 `nb_epoch=` of `fit` to `epochs=`.

    ## Why is this bad?
    Keras 2.2.4's `fit` still accepted `nb_epoch` with a warning; tf.keras rejects it.

    ## Example
    ```python
    model.fit(x, y, nb_epoch=10)
    ```

    ## Use instead
    ```python
    model.fit(x, y, epochs=10)
    ```

    ## Fix safety
    Safe: the same parameter.
    """

    code = "KL602"
    name = "fit-nb-epoch"
    summary = "`fit(nb_epoch=)` is rejected by tf.keras; use `epochs=`"
    fix_title = "Rename `nb_epoch` to `epochs`"
    valid = ("import keras\nmodel.fit(x, y, epochs=3)\n",)
    invalid = (
        ("import keras\nmodel.fit(x, y, nb_epoch=3)\n", "import keras\nmodel.fit(x, y, epochs=3)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "fit"):
            return
        names = calls.keyword_names(node)
        for old, new in FIT_RENAMES.items():
            if old in names and new not in names:
                self.report(
                    node,
                    f"`fit({old}=...)` is rejected by tf.keras; use `{new}`",
                    transform=lambda updated, old=old, new=new: calls.rename_keyword(updated, old, new),
                )


class AveragePoolingWithoutPoolSize(PinnedDefaultRule):
    """
    ## What it does
    Finds AveragePooling1D/2D/3D calls without `pool_size` and writes out the Keras 2.2.4
    default: `2`, `(2, 2)` or `(2, 2, 2)`.

    ## Why is this bad?
    Keras 3 made `pool_size` a required argument of the AveragePooling layers, so
    `AveragePooling2D()` fails with a `TypeError` on TF 2.16+.

    ## Example
    ```python
    x = AveragePooling2D()(x)
    ```

    ## Use instead
    ```python
    x = AveragePooling2D(pool_size=(2, 2))(x)
    ```

    ## Fix safety
    Safe: it is the 2.2.4 default, and every tf.keras accepts it.
    """

    code = "KL603"
    name = "average-pooling-without-pool-size"
    summary = "AveragePooling without `pool_size` fails on Keras 3"
    fix_title = "Pin `pool_size`"
    argument = "pool_size"
    message = "`{layer}` relies on the `pool_size` default, which Keras 3 removed"
    valid = ("from keras.layers import AveragePooling2D\nAveragePooling2D(3)\n",)
    invalid = (
        ("from keras.layers import AveragePooling2D\nAveragePooling2D(padding='same')\n",
         "from keras.layers import AveragePooling2D\nAveragePooling2D(padding='same', pool_size=(2, 2))\n"),
        ("from keras.layers import AveragePooling1D\nAveragePooling1D()\n",
         "from keras.layers import AveragePooling1D\nAveragePooling1D(pool_size=2)\n"),
    )


class CallbackArguments(Rule):
    """
    ## What it does
    Fixes callback arguments that changed: `ReduceLROnPlateau(epsilon=)` becomes
    `min_delta=`; TensorBoard arguments passed by position become keywords (Keras 3
    removed `batch_size` from the third position); and on the `keras3` target the
    arguments Keras 3 rejects are removed where that changes nothing but logs
    (`TensorBoard(batch_size=, write_grads=, embeddings_layer_names=, embeddings_data=)`,
    `ModelCheckpoint(period=1)`). `ModelCheckpoint(period=N)` with N > 1 is reported.

    ## Why is this bad?
    Keras 3 raises `TypeError` on the removed arguments, and reads
    `TensorBoard(log_dir, 0, 32)` as `write_graph=32`.

    ## Example
    ```python
    TensorBoard(log_dir='./logs', batch_size=32, write_grads=True)
    ModelCheckpoint('best.h5', period=5)
    ```

    ## Use instead
    ```python
    TensorBoard(log_dir='./logs')
    ModelCheckpoint('best.h5', save_freq=5 * steps_per_epoch)  # save_freq counts batches
    ```

    ## Fix safety
    Safe: the removed arguments shaped only what TensorBoard logged, `period=1` is the
    default behaviour, and `min_delta` is what 2.2.4 converted `epsilon` to. Unsafe when
    a removed value calls a function (`embeddings_data=load_samples()`): the call goes too.
    `period=N` needs the number of batches per epoch, which keraslint cannot know, so it
    is reported without a fix.
    """

    code = "KL604"
    name = "callback-arguments"
    summary = "Callback arguments renamed or rejected by tf.keras"
    fix_title = "Use tf.keras's callback arguments"
    valid = ("from keras.callbacks import TensorBoard\nTensorBoard(log_dir='logs', histogram_freq=1)\n",)
    invalid = (
        ("from keras.callbacks import TensorBoard\nTensorBoard('./logs', 0, 32, write_grads=True)\n",
         "from keras.callbacks import TensorBoard\nTensorBoard('./logs', 0)\n"),
        ("from keras.callbacks import ReduceLROnPlateau\nReduceLROnPlateau(epsilon=1e-4)\n",
         "from keras.callbacks import ReduceLROnPlateau\nReduceLROnPlateau(min_delta=1e-4)\n"),
        ("import keras\nkeras.callbacks.ModelCheckpoint('w.h5', period=1)\n",
         "import keras\nkeras.callbacks.ModelCheckpoint('w.h5')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        found = self.context.table.keras_name(node.func)
        if found is None or found[0] != "keras.callbacks":
            return
        callback = found[1]
        if callback not in CALLBACK_SIGNATURES or calls.has_star_args(node):
            return
        parameters = CALLBACK_SIGNATURES[callback]
        keep_positional = 2 if callback == "TensorBoard" else len(parameters)
        renames = CALLBACK_RENAMES.get(callback, {})
        rejected = CALLBACK_REJECTED_BY_KERAS3.get(callback, {}) if self.context.settings.target == "keras3" else {}
        if callback == CHECKPOINT and "KL607" in self.context.enabled:
            rejected = {}  # KL607 makes it 2.2.4's ModelCheckpoint, which has `period`
        positional = [a.value for a in node.args if a.keyword is None]
        passed = {**dict(zip(parameters, positional)),
                  **{a.keyword.value: a.value for a in node.args if a.keyword is not None}}
        removable, blocked = [], []  # removable: argument names
        for name, harmless in rejected.items():
            if name in passed:
                value = passed[name]
                literal = isinstance(value, cst.Integer) and value.evaluated_value == harmless
                (removable if harmless is None or literal else blocked).append(name)
        todo_renames = [old for old in renames if old in passed and renames[old] not in passed]
        moves = len(positional) > keep_positional
        for name in blocked:
            self.report(node, f"`{callback}({name}=...)` is rejected by Keras 3; "
                              f"use `save_freq` (in batches) by hand")
        if not (removable or todo_renames or moves):
            return

        def transform(updated: cst.Call) -> cst.Call:
            if moves:
                updated = calls.keywords_for_positionals(updated, parameters, keep_positional)
            for old in todo_renames:
                updated = calls.rename_keyword(updated, old, renames[old])
            for name in removable:
                updated = calls.remove_keyword(updated, name)
            return updated

        changed = [*todo_renames, *removable] or ["positional arguments"]
        unsafe = calls.drops_a_call(passed[name] for name in removable)
        self.report(
            node,
            f"`{callback}`: {', '.join(f'`{c}`' if c != 'positional arguments' else c for c in changed)} "
            "changed in tf.keras",
            transform=transform,
            applicability=Applicability.UNSAFE if unsafe else Applicability.SAFE,
        )


class SequentialPredictHelpers(Rule):
    """
    ## What it does
    Rewrites `model.predict_proba(x)` to `model.predict(x, verbose=0)`, and
    `model.predict_classes(x)` to `predict_classes_224(model, x)`, Keras 2.2.4's own method
    written as a function that keraslint adds to the module once.

    ## Why is this bad?
    Both were removed from `Sequential` in TF 2.6 (`AttributeError`). In 2.2.4
    `predict_proba` returned `predict`'s output, and `predict_classes` took the argmax over
    the last axis, or `(p > 0.5).astype('int32')` when the model had a single output unit.
    The common hand port, `predict(x).argmax(axis=-1)`, gives all zeros for a one-unit
    sigmoid output.

    ## Example
    ```python
    classes = model.predict_classes(x_test)
    ```

    ## Use instead
    ```python
    def predict_classes_224(model, x, batch_size=32, verbose=0):
        ...  # 2.2.4's method (added once)

    classes = predict_classes_224(model, x_test)
    ```

    ## Fix safety
    Safe: `predict_proba` was `predict`; `predict_classes_224` is 2.2.4's `predict_classes`,
    for one output unit or many. The fix is refused when `predict_classes_224` means
    something else in the module.
    """

    code = "KL605"
    name = "sequential-predict-helpers"
    summary = "`predict_classes`/`predict_proba` were removed from tf.keras"
    fix_title = "Use `predict`"
    valid = ("import keras\nmodel.predict(x)\n",)
    invalid = (
        ("import keras\np = model.predict_proba(x_test, batch_size=64)\n",
         "import keras\np = model.predict(x_test, batch_size=64, verbose=0)\n"),
        ("import keras\nc = model.predict_classes(x_test, 128)\n",
         "import keras\n\n\n" + PREDICT_CLASSES_CODE + "\n\nc = predict_classes_224(model, x_test, 128)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, cst.Attribute):
            return
        method = node.func.attr.value
        if method not in PREDICT_HELPERS or method in self.context.table.shadowed:
            return
        if method == PREDICT_CLASSES_METHOD:
            self._predict_classes(node)
            return
        if calls.has_star_args(node):
            self.report(node, f"`{method}` was removed from tf.keras; use `predict` by hand")
            return
        self.report(
            node,
            f"`{method}` was removed from tf.keras; use `predict`",
            transform=lambda updated: _predict(updated, PREDICT_HELPERS[method]),
        )

    def _predict_classes(self, node: cst.Call) -> None:
        message = f"`{PREDICT_CLASSES_METHOD}` was removed from tf.keras"
        if not definable(self.context.table, PREDICT_CLASSES_NAME):
            self.report(node, f"{message}; use `predict` by hand (`{PREDICT_CLASSES_NAME}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: calls.method_as_function(updated, PREDICT_CLASSES_NAME),
            fix_title=f"Use `{PREDICT_CLASSES_NAME}(model, ...)`, 2.2.4's method",
            definitions=(Definition(PREDICT_CLASSES_NAME, PREDICT_CLASSES_CODE),),
        )


def _predict(call: cst.Call, parameters: tuple[str, ...]) -> cst.BaseExpression:
    call = calls.keywords_for_positionals(call, parameters, 1)
    if "verbose" not in calls.keyword_names(call):
        call = calls.add_keywords(call, [("verbose", cst.Integer("0"))])
    return call.with_changes(func=call.func.with_changes(attr=cst.Name("predict")))


class LayerNodeMethods(Rule):
    """
    ## What it does
    Rewrites `layer.get_output_at(i)`, `get_input_at`, `get_output_shape_at` and
    `get_input_shape_at` to a call of Keras 2.2.4's method written as a function,
    `get_output_at_224(layer, i)`, which keraslint adds to the module once.

    ## Why is this bad?
    Keras 3 layers have none of these methods (`AttributeError`). TF 2.15's have them, but
    number a model's call nodes from its first call, where 2.2.4 counted the model's own
    inputs-to-outputs node first: the same index picks another call, or raises ("Asked to
    get output at node 2, but the layer has only 2 inbound nodes"). Code that shares a layer
    between models, or reads a wrapped model's outputs, used them to pick the tensor of one
    call of the layer.

    ## Example
    ```python
    features = base.get_layer('fc1').get_output_at(0)
    ```

    ## Use instead
    ```python
    def get_output_at_224(layer, node_index):
        ...  # 2.2.4's method (added once)

    features = get_output_at_224(base.get_layer('fc1'), 0)
    ```

    ## Fix safety
    Safe: the function reads the same call node 2.2.4 read, and returns a lone tensor (or
    shape) alone, as 2.2.4 did. It reads `layer._inbound_nodes`, which tf.keras keeps but
    does not document. The mask getters (`get_output_mask_at`) are not rewritten.
    """

    code = "KL614"
    name = "layer-node-methods"
    summary = "`layer.get_output_at(i)` and its siblings: gone in Keras 3, renumbered in TF 2.15"
    fix_title = "Use 2.2.4's method as a function"
    valid = ("import keras\nx = layer.output\n", "import keras\nlayer.get_output_at(*a)\n")
    invalid = (
        ("import keras\nx = model.layers[1].get_output_at(0)\n",
         "import keras\n\n\n" + node_function_code("get_output_at")
         + "\n\nx = get_output_at_224(model.layers[1], 0)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (self.context.settings.target not in NODE_METHODS_TARGETS or not isinstance(func, cst.Attribute)
                or func.attr.value not in NODE_METHODS or len(node.args) != 1 or calls.has_star_args(node)):
            return
        method = func.attr.value
        name = node_function_name(method)
        message = (f"Keras 3 layers have no `{method}`" if self.context.settings.target == "keras3"
                   else f"TF 2.15 numbers a model's nodes for `{method}` otherwise than 2.2.4")
        if not definable(self.context.table, name):
            self.report(node, f"{message}; read the layer's call node by hand (`{name}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: calls.method_as_function(updated, name),
            definitions=(Definition(name, node_function_code(method)),),
        )


class AccuracyMetric(Rule):
    """
    ## What it does
    In `compile(metrics=[...])`, rewrites `'accuracy'` to `'acc'`, and with a
    `binary_crossentropy` loss rewrites `'accuracy'`/`'acc'` to
    `BinaryAccuracy(name='acc')`, adding its import.

    ## Why is this bad?
    Keras 2.2.4 logged both spellings as `acc`/`val_acc`, so its code reads
    `history.history['acc']` and monitors `'val_acc'`; tf.keras logs `accuracy`/
    `val_accuracy` for `'accuracy'`, and those readers break (a `KeyError`, or a callback
    that silently never triggers). And with `binary_crossentropy` 2.2.4 computed *binary*
    accuracy; tf.keras decides from the output shape alone, so a multi-label sigmoid model
    reports categorical accuracy instead (0.5 instead of 0.83 in docs/facts.md §6).

    ## Example
    ```python
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
    history.history['val_acc']
    ```

    ## Use instead
    ```python
    from tensorflow.keras.metrics import BinaryAccuracy
    model.compile(loss='binary_crossentropy', optimizer='adam',
                  metrics=[BinaryAccuracy(name='acc')])
    history.history['val_acc']
    ```

    ## Fix safety
    Safe: both keep 2.2.4's metric and its `acc` key. The loss is recognised when it is the
    string `'binary_crossentropy'` or a name ending in `binary_crossentropy`.
    """

    code = "KL606"
    name = "accuracy-metric"
    summary = "`metrics=['accuracy']` logs another key, and with binary_crossentropy another metric"
    fix_title = "Keep Keras 2.2.4's accuracy and its `acc` key"
    valid = (
        "import keras\nmodel.compile(loss='mse', optimizer='sgd', metrics=['acc'])\n",
        "import keras\nmodel.compile(loss='mse', optimizer='sgd', metrics=['mae'])\n",
    )
    invalid = (
        ("import keras\nmodel.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])\n",
         "import keras\nmodel.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['acc'])\n"),
        ("import keras\nmodel.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])\n",
         "import keras\nfrom tensorflow.keras.metrics import BinaryAccuracy\n\n"
         "model.compile(loss='binary_crossentropy', optimizer='adam', metrics=[BinaryAccuracy(name='acc')])\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        table = self.context.table
        for string, loss in metric_strings(node):
            text = string.evaluated_value
            binary = binary_loss(loss)
            if text not in ACCURACY_STRINGS or (text == HISTORY_KEY and binary is False):
                continue
            if binary is None and isinstance(loss, list):
                continue  # a flat list on outputs with other losses: KL613 writes one list per output
            if binary is None:
                self.report(string, f"`{text!r}` was `{HISTORY_KEY}` in Keras 2.2.4, binary accuracy for "
                                    f"binary_crossentropy: keep both by hand (the loss is not known here)")
                continue
            quote = string.value[len(string.prefix)]
            if binary:
                bound = table.bindings.get(BINARY_ACCURACY)
                if BINARY_ACCURACY in table.shadowed or (
                        bound is not None and not bound.endswith(f".{BINARY_ACCURACY}")):
                    self.report(string, f"`{text!r}` with binary_crossentropy: use BinaryAccuracy(name='acc') by hand")
                    continue
                replacement = cst.parse_expression(f"{BINARY_ACCURACY}(name={quote}{HISTORY_KEY}{quote})")
                message = (f"`{text!r}` with binary_crossentropy was binary accuracy, logged as "
                           f"`{HISTORY_KEY}`, in Keras 2.2.4")
                imports = (Import(BINARY_ACCURACY_MODULE, BINARY_ACCURACY),)
            else:
                replacement = cst.SimpleString(f"{quote}{HISTORY_KEY}{quote}")
                message = f"`{text!r}` was logged as `{HISTORY_KEY}`/`val_{HISTORY_KEY}` in Keras 2.2.4"
                imports = ()
            self.report(
                string,
                message,
                transform=lambda updated, r=replacement: r,
                imports=imports,
            )


class Keras3SavePath(Rule):
    """
    ## What it does
    On the `keras3` target, keeps the files 2.2.4 code wrote where Keras 3 rejects their
    names:
    - a `ModelCheckpoint` whose name Keras 3 rejects (`'best.hdf5'`, or `'w.h5'` with
      `save_weights_only=True`), or that passes `period`, becomes `ModelCheckpoint_224`, a
      subclass of tf.keras's that keraslint adds to the module once, which writes HDF5 under
      the name given and counts `period` as 2.2.4 did;
    - `model.save('model')` (no suffix, or one Keras 3 rejects, `.hdf`) gets the `.h5`
      suffix, and a `load_model` of the same name in the module is renamed with it.
    (`model.save_weights('w.h5')` keeps its name: KL616.)

    ## Why is this bad?
    Keras 2.2.4 wrote HDF5 whatever the name. Keras 3 chooses the format from the suffix
    and raises `ValueError` for `ModelCheckpoint('best.hdf5')` and
    `ModelCheckpoint('w.h5', save_weights_only=True)` when it is created, for `period=`
    (`TypeError`), and for `save('model')` at the end of a training run.

    ## Example
    ```python
    checkpoint = ModelCheckpoint('best.{epoch:02d}.hdf5', save_best_only=True, period=2)
    model.save('model')
    ```

    ## Use instead
    ```python
    checkpoint = ModelCheckpoint_224('best.{epoch:02d}.hdf5', save_best_only=True, period=2)
    model.save('model.h5')
    ```

    ## Fix safety
    `ModelCheckpoint_224`: safe, the same files under the same names, in 2.2.4's HDF5 layout
    (written with the HDF5 writers Keras 3 itself uses for `model.save('m.h5')`). The
    `.h5` rename of `save`: unsafe, since the file on disk gets another name and whatever
    else reads it must follow. Only literal names are seen: a string, the last part of
    `os.path.join(...)`, or the template of `'...' % x` / `'...'.format(x)`, written in the
    call or assigned to a name that is bound nowhere else in the module.
    """

    code = "KL607"
    name = "keras3-save-path"
    summary = "File name Keras 3 rejects for `save` or `ModelCheckpoint`"
    fix_title = "Keep the name Keras 2.2.4 wrote"
    valid = (
        "import keras\nmodel.save('model.h5')\nmodel.save_weights('w.weights.h5')\n",
        "import keras\nimage.save('plot.png')\n",
        "import keras\ncb = keras.callbacks.ModelCheckpoint('best.h5', save_best_only=True)\n",
    )
    invalid = (
        ("import tensorflow as tf\nimport keras\ncb = keras.callbacks.ModelCheckpoint('w.hdf5', period=2)\n",
         "import tensorflow as tf\nimport keras\n\n\n" + CHECKPOINT_224_CODE
         + "\n\ncb = ModelCheckpoint_224('w.hdf5', period=2)\n"),
        ("import keras\nmodel.save('model_%d' % i)\nm = keras.models.load_model('model_%d' % i)\n",
         "import keras\nmodel.save('model_%d.h5' % i)\nm = keras.models.load_model('model_%d.h5' % i)\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._saves: list[tuple[cst.Call, str, cst.BaseExpression]] = []
        self._loads: list[tuple[cst.Call, str, cst.BaseExpression]] = []
        self._checkpoints: list[tuple[cst.Call, cst.BaseExpression | None]] = []
        self._assigned: dict[str, list[cst.BaseExpression]] = {}

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target != "keras3" or calls.has_star_args(node):
            return
        path = calls.argument(node, "filepath", 0)
        if self.context.table.keras_name(node.func) == ("keras.callbacks", CHECKPOINT) \
                and self.context.settings.target in CHECKPOINT_224_TARGETS:
            self._checkpoints.append((node, path))
            return
        saver = self._saver(node)
        if saver is not None and path is not None:
            self._saves.append((node, saver, path))
        loader = None if saver else self._loader(node)
        if loader is not None and path is not None:
            self._loads.append((node, loader, path))

    def visit_Assign(self, node: cst.Assign) -> None:
        """``path = os.path.join(d, 'w.h5')``: a name bound once is followed to its literal."""
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self._assigned.setdefault(target.target.value, []).append(node.value)

    def leave_Module(self, node: cst.Module) -> None:
        for call, path in self._checkpoints:
            self._checkpoint(call, path)
        renamed: dict[tuple[str, str], str] = {}  # (loader, old name) -> new name
        for call, saver, path in self._saves:
            literal = self._literal(path)
            if literal is None:
                continue
            accepted, suffix, loader = KERAS3_SAVE_SUFFIXES[saver]
            old = literal.evaluated_value
            if saver == "save" and not (old.endswith(HDF5_SUFFIXES) or "." not in old.rsplit("/", 1)[-1]):
                continue  # `image.save('plot.png')`: not a Keras model
            new = _with_suffix(old, accepted, suffix)
            if new is not None:
                renamed[(loader, old)] = new
                self._rename(call, literal, new, f"Keras 3 rejects the file name {old!r} for `{saver}`")
        for call, loader, path in self._loads:
            literal = self._literal(path)
            new = None if literal is None else renamed.get((loader, literal.evaluated_value))
            if new is not None:
                self._rename(call, literal, new, f"`{loader}` of a file that keraslint renames where it is saved")

    def _checkpoint(self, call: cst.Call, path: cst.BaseExpression | None) -> None:
        """A ModelCheckpoint Keras 3 would reject (its name, or `period`): 2.2.4's own, which
        keeps the name."""
        weights_only = calls.argument(call, "save_weights_only", 4)
        saver = "save_weights" if isinstance(weights_only, cst.Name) and weights_only.value == "True" \
            else CHECKPOINT
        literal = None if path is None else self._literal(path)
        accepted = KERAS3_SAVE_SUFFIXES[saver][0]
        period = calls.argument(call, *CHECKPOINT_PERIOD) is not None
        if literal is not None and literal.evaluated_value.endswith(accepted) and not period:
            return
        message = ("Keras 3's ModelCheckpoint has no `period`" if period and literal is not None
                   and literal.evaluated_value.endswith(accepted) else
                   "Keras 3's ModelCheckpoint rejects file names 2.2.4 wrote (it wants "
                   + " or ".join(f"`{a}`" for a in accepted) + ")")
        table = self.context.table
        if not tf_free(table) \
                or not definable(table, CHECKPOINT_224_NAME):
            self.report(call, message + "; keraslint's ModelCheckpoint_224 needs `tf` and its name free")
            return
        self.report(call, message, transform=lambda updated: updated.with_changes(func=cst.Name(CHECKPOINT_224_NAME)),
                    fix_title="Use 2.2.4's ModelCheckpoint, which keeps the name",
                    imports=(Import("tensorflow", None, "tf"),),
                    definitions=(Definition(CHECKPOINT_224_NAME, CHECKPOINT_224_CODE),))

    def _literal(self, path: cst.BaseExpression) -> cst.SimpleString | None:
        if isinstance(path, cst.Name):
            values = self._assigned.get(path.value, [])
            if len(values) != 1 or self.context.table.binding_count(path.value) != 1:
                return None
            path = values[0]
        return _path_literal(path)

    def _rename(self, call: cst.Call, literal: cst.SimpleString, new: str, message: str) -> None:
        dropped = _hdf5_suffix(literal.evaluated_value)
        body = literal.raw_value
        if not body.endswith(dropped):
            self.report(call, message)  # an escape in the suffix: leave it to a human
            return
        added = new[len(literal.evaluated_value) - len(dropped):]
        new_body = body[: len(body) - len(dropped)] + added
        self.report(call, message, target=literal, applicability=Applicability.UNSAFE,
                    transform=lambda updated: updated.with_changes(
                        value=f"{updated.prefix}{updated.quote}{new_body}{updated.quote}"))

    def _saver(self, node: cst.Call) -> str | None:
        found = self.context.table.keras_name(node.func)
        if found == ("keras.callbacks", "ModelCheckpoint"):
            weights_only = calls.argument(node, "save_weights_only", 4)
            weights = isinstance(weights_only, cst.Name) and weights_only.value == "True"
            return "save_weights" if weights else "ModelCheckpoint"
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "save":  # save_weights: KL616
            head, table = node.func.value, self.context.table
            if not (isinstance(head, cst.Name) and (head.value in table.bindings
                                                    or head.value in table.foreign_imports)):
                return node.func.attr.value  # `model.save`, not `np.save`
        return None

    def _loader(self, node: cst.Call) -> str | None:
        loaders = {loader for _, _, loader in KERAS3_SAVE_SUFFIXES.values()}
        found = self.context.table.keras_name(node.func)
        if found is not None and found[1] in loaders:
            return found[1]
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in loaders:
            return node.func.attr.value
        return None


def _path_literal(value: cst.BaseExpression | None) -> cst.SimpleString | None:
    """The string literal that ends a file name: ``'w.h5'``, ``os.path.join(d, 'w.h5')``,
    ``'w_%d.h5' % i``, ``'w_{}.h5'.format(i)``."""
    while isinstance(value, cst.Call) and dotted_name(value.func) in ("os.path.join", "path.join", "join"):
        value = value.args[-1].value if value.args and not value.args[-1].star else None
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Modulo):
        value = value.left
    elif (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
          and value.func.attr.value == "format"):
        value = value.func.value
    if isinstance(value, cst.SimpleString) and "b" not in value.prefix.lower():
        return value
    return None


def _with_suffix(name: str, accepted: tuple[str, ...], suffix: str) -> str | None:
    """``name`` with the suffix Keras 3 needs (replacing an HDF5 one), or None if it has one
    Keras 3 accepts."""
    if name.endswith(accepted) or not name:
        return None
    return name[: len(name) - len(_hdf5_suffix(name))] + suffix


def _hdf5_suffix(name: str) -> str:
    return next((s for s in HDF5_SUFFIXES if name.endswith(s)), "")


class LayerBatchSize(Rule):
    """
    ## What it does
    On the `keras3` target, finds layers given `batch_size=` or `batch_input_shape=` (with
    `input_shape` or `input_dim`), as the first layer of a `Sequential`, and moves them to
    an `InputLayer(input_shape=..., batch_size=...)` added before it, as in
    `examples/lstm_stateful.py`.

    ## Why is this bad?
    2.2.4 took these keywords on any layer. Keras 3 rejects them
    (`ValueError: Unrecognized keyword arguments passed to LSTM: {'batch_size': 1}`),
    and a stateful RNN needs the fixed batch size they gave.

    ## Example
    ```python
    model = Sequential()
    model.add(LSTM(20, input_shape=(lahead, 1), batch_size=batch_size, stateful=True))
    ```

    ## Use instead
    ```python
    model = Sequential()
    model.add(InputLayer(input_shape=(lahead, 1), batch_size=batch_size))
    model.add(LSTM(20, stateful=True))
    ```

    ## Fix safety
    Safe: the same input, and `InputLayer(input_shape=, batch_size=)` is accepted by
    2.2.4, TF 2.x and Keras 3. The fix needs the layer to be the first of a `Sequential`:
    `model.add(...)` right after `model = Sequential()`, or the first item of
    `Sequential([...])`. Elsewhere the layer is reported without a fix.
    """

    code = "KL608"
    name = "layer-batch-size"
    summary = "`batch_size`/`batch_input_shape` on a layer; Keras 3 wants an InputLayer"
    fix_title = "Move them to an `InputLayer`"
    valid = ("from keras.layers import LSTM\nLSTM(3, input_shape=(5, 2))\n",)
    invalid = (
        ("from keras.models import Sequential\nfrom keras.layers import LSTM\n"
         "model = Sequential()\nmodel.add(LSTM(20, input_shape=(9, 1), batch_size=4, stateful=True))\n",
         "from keras.models import Sequential\nfrom keras.layers import InputLayer, LSTM\n"
         "model = Sequential()\nmodel.add(InputLayer(input_shape=(9, 1), batch_size=4))\n"
         "model.add(LSTM(20, stateful=True))\n"),
        ("import keras\nm = keras.models.Sequential([keras.layers.Dense(2, batch_input_shape=(8, 3))])\n",
         "import keras\nm = keras.models.Sequential([keras.layers.InputLayer(input_shape=(3,), batch_size=8), "
         "keras.layers.Dense(2)])\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._placed: set[int] = set()  # layer calls a fix handles

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._statements(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._statements(node.body)

    def _statements(self, body) -> None:
        """``model = Sequential()`` then ``model.add(Layer(..., batch_size=...))``."""
        if self.context.settings.target != "keras3":
            return
        for previous, line in zip(body, body[1:]):
            layer = _added_layer(line, self._new_sequential(previous))
            input_layer = self._first_layer(layer)
            if input_layer is None:
                continue
            expression, imports = input_layer

            def transform(updated: cst.SimpleStatementLine, expression=expression) -> cst.FlattenSentinel:
                add = updated.body[0].value
                first = updated.with_changes(body=[updated.body[0].with_changes(
                    value=add.with_changes(args=[add.args[0].with_changes(value=expression(add.args[0].value))]))])
                rest = updated.with_changes(leading_lines=[], body=[updated.body[0].with_changes(
                    value=add.with_changes(args=[add.args[0].with_changes(value=_without_input(add.args[0].value))]))])
                return cst.FlattenSentinel([first, rest])

            self.report(layer, self._message(layer), target=line, transform=transform, imports=imports)

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target != "keras3":
            return
        if self.context.table.keras_name(node.func) in (("keras.models", "Sequential"), ("keras", "Sequential")):
            self._sequential_list(node)
        if id(node) in self._placed or not self._is_layer(node) or not self._input_keywords(node):
            return
        self.report(node, self._message(node) + "; add an `InputLayer(input_shape=..., batch_size=...)` "
                                                "as the model's first layer by hand")

    def _sequential_list(self, node: cst.Call) -> None:
        layers = calls.argument(node, "layers", 0)
        if not isinstance(layers, cst.List) or not layers.elements:
            return
        first = layers.elements[0].value
        input_layer = self._first_layer(first)
        if input_layer is None:
            return
        expression, imports = input_layer

        def transform(updated: cst.List) -> cst.List:
            head = updated.elements[0]
            added = cst.Element(expression(head.value), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            return updated.with_changes(elements=[added, head.with_changes(value=_without_input(head.value)),
                                                  *updated.elements[1:]])

        self.report(first, self._message(first), target=layers, transform=transform, imports=imports)

    def _first_layer(self, layer: cst.BaseExpression | None):
        """The InputLayer a Sequential's first layer needs, if it has input keywords, or None."""
        if not (isinstance(layer, cst.Call) and self._is_layer(layer) and self._input_keywords(layer)):
            return None
        input_layer = self._input_layer(layer)
        if input_layer is not None:
            self._placed.add(id(layer))
        return input_layer

    def _message(self, layer: cst.Call) -> str:
        given = ", ".join(f"`{k}`" for k in self._input_keywords(layer))
        return f"Keras 3 rejects {given} on a layer"

    def _is_layer(self, node: cst.Call) -> bool:
        found = self.context.table.keras_name(node.func)
        return found is not None and found[0].startswith("keras.layers") and found[1] != INPUT_LAYER

    @staticmethod
    def _input_keywords(node: cst.Call) -> list[str]:
        names = calls.keyword_names(node)
        return [k for k in KERAS3_INPUT_KEYWORDS if k in names]

    def _new_sequential(self, line) -> str | None:
        """``model`` for ``model = Sequential()``."""
        if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1
                and isinstance(line.body[0], cst.Assign) and len(line.body[0].targets) == 1):
            return None
        assign = line.body[0]
        target, value = assign.targets[0].target, assign.value
        if (isinstance(target, cst.Name) and isinstance(value, cst.Call) and not value.args
                and self.context.table.keras_name(value.func) in (("keras.models", "Sequential"),
                                                                 ("keras", "Sequential"))):
            return target.value
        return None

    def _input_layer(self, layer: cst.Call):
        """(function from the updated layer call to ``InputLayer(...)``, imports), or None."""
        table = self.context.table
        if INPUT_LAYER in table.shadowed:
            return None
        names = calls.keyword_names(layer)
        if "batch_input_shape" in names:
            if names & {"batch_size", "input_shape", "input_dim"}:
                return None
        elif not names & {"input_shape", "input_dim"}:
            return None
        if isinstance(layer.func, cst.Attribute):
            func, imports = layer.func.with_changes(attr=cst.Name(INPUT_LAYER)), ()
        else:
            qualified = table.qualify(layer.func) or ""
            module = qualified.rsplit(".", 1)[0] if "." in qualified else "keras.layers"
            module = module if module.endswith(".layers") else module.rsplit(".layers", 1)[0] + ".layers"
            moved = resolve(f"{module}.{INPUT_LAYER}", self.context.settings.target)
            if isinstance(moved, Moved) and "KL001" in self.context.enabled:
                module = moved.new.rsplit(".", 1)[0]  # KL001 moves the layer's import in this run
            func, imports = cst.Name(INPUT_LAYER), (Import(module, INPUT_LAYER),)

        def expression(updated: cst.Call) -> cst.Call:
            batch_shape = calls.argument(updated, "batch_input_shape", None)
            if batch_shape is not None:
                shape, batch = _split_batch_shape(batch_shape)
            else:
                shape = calls.argument(updated, "input_shape", None)
                if shape is None:
                    shape = calls.tuple_of([calls.argument(updated, "input_dim", None)])
                    shape = shape.with_changes(elements=[shape.elements[0].with_changes(
                        comma=cst.Comma())])
                batch = calls.argument(updated, "batch_size", None)
            keywords = [("input_shape", shape)] + ([("batch_size", batch)] if batch is not None else [])
            return calls.add_keywords(cst.Call(func=func), keywords)

        return expression, imports


def _split_batch_shape(value: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.BaseExpression]:
    """``(8, 3)`` -> ``(3,)``, ``8``; a name ``s`` -> ``s[1:]``, ``s[0]``."""
    if isinstance(value, (cst.Tuple, cst.List)) and value.elements and not any(
            isinstance(e, cst.StarredElement) for e in value.elements):
        rest = [e.value for e in value.elements[1:]]
        shape = calls.tuple_of(rest) if len(rest) != 1 else cst.Tuple([cst.Element(rest[0], comma=cst.Comma())])
        return shape, value.elements[0].value
    return cst.parse_expression("_[1:]").with_changes(value=value), cst.parse_expression("_[0]").with_changes(value=value)


def _without_input(layer: cst.Call) -> cst.Call:
    for keyword in (*KERAS3_INPUT_KEYWORDS, "input_shape", "input_dim"):
        layer = calls.remove_keyword(layer, keyword)
    return layer


def _added_layer(line, model: str | None) -> cst.Call | None:
    """The layer call in ``model.add(Layer(...))``."""
    if model is None or not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1
                             and isinstance(line.body[0], cst.Expr)):
        return None
    call = line.body[0].value
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "add" and isinstance(call.func.value, cst.Name)
            and call.func.value.value == model and len(call.args) == 1
            and isinstance(call.args[0].value, cst.Call)):
        return None
    return call.args[0].value


class ModelResetStates(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `model.reset_states()` to `reset_states_224(model)`, a
    small function keraslint adds to the module once: Keras 2.2.4's own
    `Model.reset_states`, which resets every stateful layer. For anything without `layers`
    (a layer, a metric) the function calls its own `reset_states()`, as before.

    ## Why is this bad?
    Keras 3 models have no `reset_states` (`AttributeError`); only layers have. A stateful
    model, as in `examples/lstm_stateful.py`, resets its state between epochs this way.

    ## Example
    ```python
    model.reset_states()
    ```

    ## Use instead
    ```python
    reset_states_224(model)  # def reset_states_224(model): ... (added once)
    ```

    ## Fix safety
    Safe: the function is 2.2.4's `Model.reset_states`, and other objects keep their own
    method. The fix is refused when `reset_states_224` means something else in the module.
    """

    code = "KL609"
    name = "model-reset-states"
    summary = "`model.reset_states()`: Keras 3 models have none"
    fix_title = f"Use `{RESET_STATES_NAME}(model)`"
    valid = ("import keras\nmodel.reset_states(states)\n",)
    invalid = (
        ("import keras\nmodel.reset_states()\n",
         "import keras\n\n\n" + RESET_STATES_CODE + "\n\nreset_states_224(model)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (self.context.settings.target != "keras3" or node.args or not isinstance(func, cst.Attribute)
                or func.attr.value != RESET_STATES_METHOD):
            return
        message = f"Keras 3 models have no `{RESET_STATES_METHOD}()`"
        if not definable(self.context.table, RESET_STATES_NAME):
            self.report(node, f"{message}; reset the stateful layers by hand (`{RESET_STATES_NAME}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: cst.Call(func=cst.Name(RESET_STATES_NAME), args=[cst.Arg(updated.func.value)],
                                               lpar=updated.lpar, rpar=updated.rpar),
            definitions=(Definition(RESET_STATES_NAME, RESET_STATES_CODE),),
        )


class GraphTensorArgument(Rule):
    """
    ## What it does
    On the `keras3` target, reports the TF1-graph ways of feeding tensors into a model:
    `compile(target_tensors=...)` and `Input(tensor=...)`.

    ## Why is this bad?
    Keras 3 has no `target_tensors`, and `Input(tensor=)` takes only a KerasTensor, so
    models built on TensorFlow tensors (a `tf.data` iterator's `get_next()`, as in
    `examples/mnist_dataset_api.py`) fail to build.

    ## Example
    ```python
    model_input = layers.Input(tensor=inputs)
    model.compile(optimizer, loss, target_tensors=[labels])
    ```

    ## Use instead
    ```python
    model_input = layers.Input(shape=(28, 28, 1))
    model.compile(optimizer, loss)
    model.fit(dataset)  # a tf.data.Dataset of (inputs, labels)
    ```

    ## Fix safety
    No fix: the data pipeline has to move to `fit()`.
    """

    code = "KL610"
    name = "graph-tensor-argument"
    summary = "`compile(target_tensors=)` / `Input(tensor=)`: Keras 3 has no TF1 graph inputs"
    valid = ("import keras\nx = keras.layers.Input(shape=(3,))\n",)
    invalid = (
        ("import keras\nx = keras.layers.Input(tensor=t)\n", "import keras\nx = keras.layers.Input(tensor=t)\n"),
        ("import keras\nmodel.compile('sgd', 'mse', target_tensors=[y])\n",
         "import keras\nmodel.compile('sgd', 'mse', target_tensors=[y])\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target != "keras3":
            return
        found = self.context.table.keras_name(node.func)
        if found is not None:
            function = found[1]
        elif isinstance(node.func, cst.Attribute):
            function = node.func.attr.value  # a method: `model.compile`
        else:
            return
        for argument in calls.keyword_names(node):
            guidance = GRAPH_TENSOR_ARGUMENTS.get((function, argument))
            if guidance is not None:
                self.report(node, f"Keras 3 has no `{function}({argument}=...)`: {guidance}")
