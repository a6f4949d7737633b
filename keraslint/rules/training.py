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
    BINARY_LOSS,
    HISTORY_KEY,
    CALLBACK_REJECTED_BY_KERAS3,
    CALLBACK_RENAMES,
    CALLBACK_SIGNATURES,
    DIVIDED_BY_BATCH_SIZE,
    FIRST_PARAMETER_RENAMES,
    FIT_RENAMES,
    GENERATOR_METHODS,
    GENERATOR_RENAMES,
    KERAS3_REJECTED,
    PREDICT_HELPERS,
    QUIET_METHODS,
)
from keraslint.rule import Import, Rule
from keraslint.rules._pinned import PinnedDefaultRule


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
    `steps_per_epoch` unchanged and is unsafe. Removing the data-loading arguments on
    `keras3` changes how batches are produced (in one thread), not which.
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
        new_method, parameters = GENERATOR_METHODS[method]
        unsafe = DIVIDED_BY_BATCH_SIZE in calls.keyword_names(node)
        drop = KERAS3_REJECTED if self.context.settings.target == "keras3" else ()
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
    default behaviour, and `min_delta` is what 2.2.4 converted `epsilon` to.
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
        positional = [a.value for a in node.args if a.keyword is None]
        passed = {**dict(zip(parameters, positional)),
                  **{a.keyword.value: a.value for a in node.args if a.keyword is not None}}
        removable, blocked = [], []
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
        self.report(
            node,
            f"`{callback}`: {', '.join(f'`{c}`' if c != 'positional arguments' else c for c in changed)} "
            "changed in tf.keras",
            transform=transform,
        )


class SequentialPredictHelpers(Rule):
    """
    ## What it does
    Rewrites `model.predict_proba(x)` to `model.predict(x, verbose=0)`, and
    `model.predict_classes(x)` to `model.predict(x, verbose=0).argmax(axis=-1)`.

    ## Why is this bad?
    Both were removed from `Sequential` in TF 2.6 (`AttributeError`). In 2.2.4
    `predict_proba` returned `predict`'s output, and `predict_classes` took the argmax over
    the last axis, or `(p > 0.5).astype('int32')` when the model had a single output unit.

    ## Example
    ```python
    classes = model.predict_classes(x_test)
    ```

    ## Use instead
    ```python
    classes = model.predict(x_test, verbose=0).argmax(axis=-1)
    # a single sigmoid output: (model.predict(x_test, verbose=0) > 0.5).astype('int32')
    ```

    ## Fix safety
    `predict_proba`: safe. `predict_classes`: unsafe, since the argmax form is right only
    for models with more than one output unit, which keraslint cannot see.
    """

    code = "KL605"
    name = "sequential-predict-helpers"
    summary = "`predict_classes`/`predict_proba` were removed from tf.keras"
    fix_title = "Use `predict`"
    valid = ("import keras\nmodel.predict(x)\n",)
    invalid = (
        ("import keras\np = model.predict_proba(x_test, batch_size=64)\n",
         "import keras\np = model.predict(x_test, batch_size=64, verbose=0)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, cst.Attribute):
            return
        method = node.func.attr.value
        if method not in PREDICT_HELPERS or method in self.context.table.shadowed:
            return
        if calls.has_star_args(node):
            self.report(node, f"`{method}` was removed from tf.keras; use `predict` by hand")
            return
        classes = method == "predict_classes"
        self.report(
            node,
            f"`{method}` was removed from tf.keras; use `predict`",
            transform=lambda updated: _predict(updated, PREDICT_HELPERS[method], classes),
            applicability=Applicability.UNSAFE if classes else Applicability.SAFE,
            fix_title="Use `predict(...).argmax(axis=-1)` (for more than one output unit)"
            if classes else None,
        )


def _predict(call: cst.Call, parameters: tuple[str, ...], classes: bool) -> cst.BaseExpression:
    call = calls.keywords_for_positionals(call, parameters, 1)
    if "verbose" not in calls.keyword_names(call):
        call = calls.add_keywords(call, [("verbose", cst.Integer("0"))])
    call = call.with_changes(func=call.func.with_changes(attr=cst.Name("predict")))
    if not classes:
        return call
    return cst.parse_expression("_.argmax(axis=-1)").with_changes(
        func=cst.Attribute(value=call, attr=cst.Name("argmax"))
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
    reports categorical accuracy instead (0.5 instead of 0.83 in keras-defaults.md §6).

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
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "compile"):
            return
        metrics = calls.argument(node, "metrics", None)
        if not isinstance(metrics, (cst.List, cst.Tuple)):
            return
        loss = calls.argument(node, "loss", 1)
        binary = calls.string_value(loss) == BINARY_LOSS or (
            (dotted_name(loss) or "").rsplit(".", 1)[-1] == BINARY_LOSS if loss is not None else False
        )
        table = self.context.table
        for element in metrics.elements:
            text = calls.string_value(element.value)
            if text not in ACCURACY_STRINGS or (text == HISTORY_KEY and not binary):
                continue
            if binary:
                bound = table.bindings.get(BINARY_ACCURACY)
                if BINARY_ACCURACY in table.shadowed or (
                        bound is not None and not bound.endswith(f".{BINARY_ACCURACY}")):
                    self.report(element.value, f"`{text!r}` with binary_crossentropy: use BinaryAccuracy(name='acc') by hand")
                    continue
                quote = element.value.value[len(element.value.prefix)]
                replacement = cst.parse_expression(f"{BINARY_ACCURACY}(name={quote}{HISTORY_KEY}{quote})")
                message = (f"`{text!r}` with binary_crossentropy was binary accuracy, logged as "
                           f"`{HISTORY_KEY}`, in Keras 2.2.4")
                imports = (Import(BINARY_ACCURACY_MODULE, BINARY_ACCURACY),)
            else:
                quote = element.value.value[len(element.value.prefix)]
                replacement = cst.SimpleString(f"{quote}{HISTORY_KEY}{quote}")
                message = f"`{text!r}` was logged as `{HISTORY_KEY}`/`val_{HISTORY_KEY}` in Keras 2.2.4"
                imports = ()
            self.report(
                element.value,
                message,
                transform=lambda updated, r=replacement: r,
                imports=imports,
            )
