"""KL611-KL613: what ``compile`` is given for losses and metrics, read the way 2.2.4 read it."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.training import (
    ACCURACY_STRINGS,
    BATCH_READERS,
    LIST_BATCH_TARGETS,
    SEQUENCE,
    SEQUENCE_METHOD,
    BINARY_ACCURACY,
    BINARY_ACCURACY_MODULE,
    HISTORY_KEY,
    LOSS_RENAMES,
    LOSSES_MODULE,
    ACCURACY_BY_LOSS,
    METRIC_ALIASES,
    METRIC_CLASSES,
    METRICS_MODULE,
    WEIGHTED_METRIC_CODE,
    WEIGHTED_METRIC_NAME,
    WEIGHTED_PREFIX,
    METRIC_WRAPPER,
    METRIC_WRAPPER_MODULE,
    WRAPPED_METRICS,
)
from keraslint.keras224.methods import ATTRIBUTE_FUNCTIONS, RESULTS_CODE, RESULTS_METHODS, RESULTS_NAME
from keraslint.rules.training._compile_values import (
    binary_loss, by_output, compile_argument, metric_strings, only_strings, strings_of,
)
from keraslint.rule import Definition, Import, Rule, definable

METRICS_NAMES = ATTRIBUTE_FUNCTIONS["metrics_names"]
RESULT_ORDER_TARGETS = ("keras3",)


def _quoted(node: cst.SimpleString, text: str) -> cst.SimpleString:
    quote = node.value[len(node.prefix)]
    return cst.SimpleString(f"{quote}{text}{quote}")


class MetricAliasKey(Rule):
    """
    ## What it does
    In `compile(metrics=...)`, rewrites the metric strings whose History key changed to the
    name Keras 2.2.4 logged them under: `'mse'` becomes `'mean_squared_error'`, `'mae'`
    `'mean_absolute_error'` (also `'mape'`, `'msle'`). The 2.2.4 metrics the target no longer
    accepts as strings (`'cosine'`, and on Keras 3 `'logcosh'` and
    `'kullback_leibler_divergence'`) become `MeanMetricWrapper(<the same function>, name=<2.2.4's key>)`.

    ## Why is this bad?
    Keras 2.2.4 named a metric's History key after its function, so `metrics=['mse']` logged
    `mean_squared_error` and `val_mean_squared_error`, and 2.2.4 code reads those keys
    (`history.history['val_mean_squared_error']`, `monitor='val_mean_absolute_error'`).
    tf.keras logs the string as given (`mse`): the readers raise `KeyError`, and a callback
    monitoring the old key silently never acts. The strings tf.keras does not know fail in
    `compile`.

    ## Example
    ```python
    model.compile(optimizer='adam', loss='mse', metrics=['mae', 'cosine'])
    ```

    ## Use instead
    ```python
    from tensorflow.keras.losses import cosine_similarity
    from tensorflow.keras.metrics import MeanMetricWrapper
    model.compile(optimizer='adam', loss='mse', metrics=[
        'mean_absolute_error', MeanMetricWrapper(cosine_similarity, name='cosine_proximity')])
    ```

    ## Fix safety
    Safe: the same function, logged under 2.2.4's key. 2.2.4's `cosine_proximity` and
    tf.keras's `cosine_similarity` loss are the same formula, `-sum(l2_normalize(y_true) *
    l2_normalize(y_pred))`.
    """

    code = "KL611"
    name = "metric-alias-key"
    summary = "Metric string logged under another History key (or rejected) by tf.keras"
    fix_title = "Keep Keras 2.2.4's metric and History key"
    valid = (
        "import keras\nmodel.compile('sgd', 'mse', metrics=['mean_squared_error', 'acc'])\n",
        "import keras\nthing.compile(source, 'exec')\n",
    )
    invalid = (
        ("import keras\nmodel.compile(optimizer='sgd', loss='mean_squared_error', metrics=['mae'])\n",
         "import keras\nmodel.compile(optimizer='sgd', loss='mean_squared_error', metrics=['mean_absolute_error'])\n"),
        ("import keras\nmodel.compile('adam', 'categorical_crossentropy', ['acc', \"mse\"])\n",
         "import keras\nmodel.compile('adam', 'categorical_crossentropy', ['acc', \"mean_squared_error\"])\n"),
        ("import keras\nmodel.compile('adam', loss='mean_squared_error', metrics=['cosine'])\n",
         "import keras\nfrom tensorflow.keras.losses import cosine_similarity\n"
         "from tensorflow.keras.metrics import MeanMetricWrapper\n\n"
         "model.compile('adam', loss='mean_squared_error', "
         "metrics=[MeanMetricWrapper(cosine_similarity, name='cosine_proximity')])\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        wrapped = WRAPPED_METRICS[self.context.settings.target]
        table = self.context.table
        for string, _loss in metric_strings(node):
            text = string.evaluated_value
            key = METRIC_ALIASES.get(text, text)
            if key in wrapped:
                function = wrapped[key]
                if any(name in table.shadowed or table.bindings.get(name, f"{module}.{name}") != f"{module}.{name}"
                       for module, name in ((METRIC_WRAPPER_MODULE, METRIC_WRAPPER), (LOSSES_MODULE, function))):
                    self.report(string, f"`{text!r}`: use `{METRIC_WRAPPER}({function}, name={key!r})` by hand")
                    continue
                quote = string.value[len(string.prefix)]
                replacement = cst.parse_expression(f"{METRIC_WRAPPER}({function}, name={quote}{key}{quote})")
                self.report(
                    string,
                    f"metric {text!r} is not a tf.keras metric string; 2.2.4 logged it as `{key}`",
                    transform=lambda updated, r=replacement: r,
                    imports=(Import(METRIC_WRAPPER_MODULE, METRIC_WRAPPER), Import(LOSSES_MODULE, function)),
                )
            elif key != text:
                self.report(
                    string,
                    f"metric {text!r} was logged as `{key}` in Keras 2.2.4; tf.keras logs `{text}`",
                    transform=lambda updated, key=key: _quoted(updated, key),
                )


class WeightedMetricKey(Rule):
    """
    ## What it does
    In `compile(weighted_metrics=[...])`, rewrites each metric string to
    `weighted_metric_224(<the tf.keras metric class>, name=<2.2.4's key>)`, with a function
    keraslint adds to the module once: `'mae'` becomes
    `weighted_metric_224(MeanAbsoluteError, name='weighted_mean_absolute_error')`, and `'acc'`
    with a `categorical_crossentropy` loss uses `CategoricalAccuracy` and `'weighted_acc'`.

    ## Why is this bad?
    Keras 2.2.4 logged a weighted metric as `weighted_` and its key
    (`weighted_mean_absolute_error`, `weighted_acc`), and code of its time reads those History
    keys. tf.keras logs the string as given (`mae`), and adds the prefix only when the same
    name is among `metrics` too. The value differs as well: 2.2.4 averaged `weight * value`
    over the samples of nonzero weight, tf.keras divides by the sum of the weights (0.903
    against 0.821 for weights from 0.2 to 2.0 in keraslint's test program).

    ## Example
    ```python
    model.compile(loss='mse', optimizer='adam', weighted_metrics=['mae'])
    ```

    ## Use instead
    ```python
    from tensorflow.keras.metrics import MeanAbsoluteError

    def weighted_metric_224(cls, name):
        ...  # the metric, averaged as 2.2.4 did (added once)

    model.compile(loss='mse', optimizer='adam', weighted_metrics=[
        weighted_metric_224(MeanAbsoluteError, name='weighted_mean_absolute_error')])
    ```

    ## Fix safety
    Safe: the same function, weighted and averaged as 2.2.4 did, under 2.2.4's key. An
    accuracy whose loss is not a cross-entropy string depended on the output's shape in 2.2.4
    and is reported without a fix.
    """

    code = "KL626"
    name = "weighted-metric-key"
    summary = "A weighted metric string is logged under another History key by tf.keras"
    fix_title = "Keep Keras 2.2.4's weighted metric key"
    valid = ("import keras\nmodel.compile('sgd', 'mse', metrics=['mae'])\n",)
    invalid = (
        ("import keras\nmodel.compile('sgd', 'mse', weighted_metrics=['mae'])\n",
         "import keras\nfrom tensorflow.keras.metrics import MeanAbsoluteError\n\n\n" + WEIGHTED_METRIC_CODE
         + "\n\nmodel.compile('sgd', 'mse', weighted_metrics=[weighted_metric_224(MeanAbsoluteError, "
         "name='weighted_mean_absolute_error')])\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        table = self.context.table
        for string, loss in metric_strings(node, "weighted_metrics"):
            text = string.evaluated_value
            key = METRIC_ALIASES.get(text, text)
            function = key
            if text in ACCURACY_STRINGS:
                key = HISTORY_KEY
                function = ACCURACY_BY_LOSS.get(calls.string_value(loss) if isinstance(loss, cst.BaseExpression) else "")
            name = WEIGHTED_PREFIX + key
            cls = METRIC_CLASSES.get(function or "")
            message = f"weighted metric {text!r} was logged as `{name}` in Keras 2.2.4"
            if cls is None or cls in table.shadowed or table.bindings.get(cls, f"{METRICS_MODULE}.{cls}") \
                    != f"{METRICS_MODULE}.{cls}" or not definable(table, WEIGHTED_METRIC_NAME):
                self.report(string, message + "; name a tf.keras metric so by hand")
                continue
            quote = string.value[len(string.prefix)]
            replacement = cst.parse_expression(f"{WEIGHTED_METRIC_NAME}({cls}, name={quote}{name}{quote})")
            self.report(string, message, transform=lambda updated, r=replacement: r,
                        imports=(Import(METRICS_MODULE, cls),),
                        definitions=(Definition(WEIGHTED_METRIC_NAME, WEIGHTED_METRIC_CODE),))


class LossAliasString(Rule):
    """
    ## What it does
    In `compile(loss=...)`, rewrites the 2.2.4 loss strings that fail on the target to the
    name the target gives the same function: on Keras 3 the aliases `'mse'`, `'mae'`,
    `'mape'`, `'msle'` and `'kld'` become their long names, `'logcosh'` becomes
    `'log_cosh'` and `'kullback_leibler_divergence'` `'kl_divergence'`; on every target
    `'cosine'` and `'cosine_proximity'` become `'cosine_similarity'`.

    ## Why is this bad?
    Keras 3 writes the alias into an HDF5 file's training config and then cannot read it
    back: `model.save('m.h5')` works and `load_model('m.h5')` raises
    `ValueError: Could not deserialize 'keras.metrics.mse'`. Some 2.2.4 names
    (`'cosine_proximity'`, and on Keras 3 `'logcosh'`) are rejected by `compile` outright.

    ## Example
    ```python
    model.compile(optimizer='adam', loss='mse')
    model.save('model.h5')
    ```

    ## Use instead
    ```python
    model.compile(optimizer='adam', loss='mean_squared_error')
    model.save('model.h5')
    ```

    ## Fix safety
    Safe: each name is the same function in Keras 2.2.4 and in tf.keras (2.2.4's
    `cosine_proximity` is tf.keras's `cosine_similarity` loss, `-sum(l2_normalize(y_true) *
    l2_normalize(y_pred))`). The History key of the loss is `loss` either way.
    """

    code = "KL612"
    name = "loss-alias-string"
    summary = "Loss string tf.keras rejects, or cannot load again from an HDF5 file"
    fix_title = "Use the loss's tf.keras name"
    valid = (
        "import keras\nmodel.compile('sgd', 'mean_squared_error')\n",
        "import keras\nmodel.compile('sgd', loss={'a': 'categorical_crossentropy'})\n",
    )
    invalid = (
        ("import keras\nmodel.compile(optimizer='sgd', loss='mse')\n",
         "import keras\nmodel.compile(optimizer='sgd', loss='mean_squared_error')\n"),
        ("import keras\nmodel.compile('sgd', ['mae', 'binary_crossentropy'], loss_weights=[1., .2])\n",
         "import keras\nmodel.compile('sgd', ['mean_absolute_error', 'binary_crossentropy'], loss_weights=[1., .2])\n"),
        ("import keras\nmodel.compile('sgd', loss={'out': 'cosine_proximity'})\n",
         "import keras\nmodel.compile('sgd', loss={'out': 'cosine_similarity'})\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        renames = LOSS_RENAMES[self.context.settings.target]
        for string in strings_of(compile_argument(node, "loss"), nested=False):
            text = string.evaluated_value
            if text in renames:
                new = renames[text]
                self.report(
                    string,
                    f"loss {text!r} fails on the target (rejected, or not loadable from HDF5); "
                    f"tf.keras calls it {new!r}",
                    transform=lambda updated, new=new: _quoted(updated, new),
                )


def _output_count(value: cst.BaseExpression | None) -> int | None:
    """How many outputs a list/tuple literal names (no starred element), else None."""
    if isinstance(value, (cst.List, cst.Tuple)) and all(isinstance(e, cst.Element) for e in value.elements):
        return len(value.elements)
    return None


def _per_output(value: cst.BaseExpression | None) -> int | tuple[str, ...] | None:
    """From a loss or loss_weights value: the number of outputs (a list), their names (a
    dict with string keys), or None."""
    count = _output_count(value)
    if count is not None:
        return count
    if isinstance(value, cst.Dict) and value.elements and all(
            isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) for e in value.elements):
        return tuple(e.key.value for e in value.elements)
    return None


class MultiOutputMetricsList(Rule):
    """
    ## What it does
    Finds `compile(metrics=[...])` with one flat list of metrics on a model with several
    outputs, and writes the list once per output: `[[...], [...]]`, or a dict by output name
    when the losses are given as a dict. The number of outputs is read from the `loss` or
    `loss_weights` list (or dict) of the same call, or from the model's `Model(inputs,
    [out1, out2])` call in the module.

    ## Why is this bad?
    Keras 2.2.4 applied a flat metrics list to every output. Keras 3 matches it against the
    outputs instead and fails at the first `fit` with `ValueError: tuple arity mismatch`.

    ## Example
    ```python
    model = Model(inputs, [class_out, box_out])
    model.compile('adam', loss=['categorical_crossentropy', 'mse'], metrics=['acc'])
    ```

    ## Use instead
    ```python
    model = Model(inputs, [class_out, box_out])
    model.compile('adam', loss=['categorical_crossentropy', 'mse'], metrics=[['acc'], ['acc']])
    ```

    ## Fix safety
    Safe: every output gets the metrics 2.2.4 gave it, logged under the same keys
    (`<output>_acc`). Metric objects in the list are written once per output, so each output
    has its own instance, as 2.2.4's per-output metric functions had their own state.
    """

    code = "KL613"
    name = "multi-output-metrics-list"
    summary = "A flat metrics list on a multi-output model fails in Keras 3's fit"
    fix_title = "Give each output its metrics"
    valid = (
        "import keras\nmodel.compile('sgd', 'mse', metrics=['acc'])\n",
        "import keras\nmodel.compile('sgd', ['mse', 'mse'], metrics=[['acc'], ['mae']])\n",
        "import keras\nmodel.compile('sgd', ['mse', 'mse'], metrics={'a': 'acc'})\n",
    )
    invalid = (
        ("import keras\nmodel.compile('sgd', ['mse', 'mse'], metrics=['acc'])\n",
         "import keras\nmodel.compile('sgd', ['mse', 'mse'], metrics=[['acc'], ['acc']])\n"),
        ("import keras\nmodel.compile('sgd', loss={'a': 'mse', 'b': 'mse'}, metrics=['mae'])\n",
         "import keras\nmodel.compile('sgd', loss={'a': 'mse', 'b': 'mse'}, metrics={'a': ['mae'], 'b': ['mae']})\n"),
        ("from keras.models import Model\nm = Model(inputs=x, outputs=[a, b, c])\n"
         "m.compile('sgd', 'mse', metrics=['acc'])\n",
         "from keras.models import Model\nm = Model(inputs=x, outputs=[a, b, c])\n"
         "m.compile('sgd', 'mse', metrics=[['acc'], ['acc'], ['acc']])\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._outputs: dict[str, list[int | None]] = {}  # model name -> output counts it is bound to
        self._compiles: list[tuple[cst.Call, str | None, cst.BaseExpression]] = []

    def visit_Assign(self, node: cst.Assign) -> None:
        _note_outputs(self.context.table, node, self._outputs)

    def visit_Call(self, node: cst.Call) -> None:
        metrics = compile_argument(node, "metrics")
        flat = isinstance(metrics, (cst.List, cst.Tuple)) and metrics.elements and all(
            isinstance(e, cst.Element) and not isinstance(e.value, (cst.List, cst.Tuple, cst.Dict))
            for e in metrics.elements)
        if flat:  # a metric object in it is constructed once per output, as it should be
            self._compiles.append((node, dotted_name(node.func.value), metrics))

    def leave_Module(self, node: cst.Module) -> None:
        for call, model, metrics in self._compiles:
            outputs = _per_output(compile_argument(call, "loss"))
            if outputs is None:
                outputs = _per_output(compile_argument(call, "loss_weights"))
            if outputs is None and model is not None and len(set(self._outputs.get(model, ()))) == 1:
                outputs = self._outputs[model][0]
            if outputs is None or outputs == 1:
                continue
            count = outputs if isinstance(outputs, int) else len(outputs)
            losses = by_output(compile_argument(call, "loss"))
            losses = list(losses.values()) if isinstance(losses, dict) else losses
            binaries = [binary_loss(loss) for loss in losses] if losses and len(losses) == count else [None] * count
            accuracy = any(string.evaluated_value in ACCURACY_STRINGS for string in only_strings(metrics))
            self.report(
                metrics,
                f"a flat metrics list on a model with {count} outputs: Keras 2.2.4 gave it to "
                f"each output, Keras 3 fails in `fit`",
                transform=lambda updated, outputs=outputs, binaries=binaries: _spread(updated, outputs, binaries),
                imports=(Import(BINARY_ACCURACY_MODULE, BINARY_ACCURACY),) if accuracy and any(binaries) else (),
            )


def _spread(metrics: cst.List | cst.Tuple, outputs: int | tuple[str, ...], binaries: list) -> cst.BaseExpression:
    """The list once per output, with 2.2.4's accuracy for each output's loss (KL606 cannot
    choose one for a list that measures outputs with different losses)."""
    texts = []
    for binary in binaries:
        elements = []
        for element in metrics.elements:
            value = element.value
            text = value.evaluated_value if isinstance(value, cst.SimpleString) else None
            if text in ACCURACY_STRINGS and binary is not None:
                quote = value.value[len(value.prefix)]
                value = cst.parse_expression(f"{BINARY_ACCURACY}(name={quote}{HISTORY_KEY}{quote})") if binary \
                    else cst.SimpleString(f"{quote}{HISTORY_KEY}{quote}")
            elements.append(element.with_changes(value=value, comma=cst.MaybeSentinel.DEFAULT))
        texts.append(cst.Module([]).code_for_node(cst.List(elements)))
    if isinstance(outputs, int):
        return cst.parse_expression("[" + ", ".join(texts) + "]")
    return cst.parse_expression("{" + ", ".join(f"{key}: {text}" for key, text in zip(outputs, texts)) + "}")


class MultiOutputResultOrder(Rule):
    """
    ## What it does
    On the `keras3` target, wraps `evaluate`, `train_on_batch` and `test_on_batch` of a model
    with several outputs in `results_224(model, ...)`, a function keraslint adds once that puts
    the values back in Keras 2.2.4's order. The model is known to have several outputs from
    its `Model(inputs, [out1, out2])` call in the module, or from a `loss` list or dict in its
    `compile`.

    ## Why is this bad?
    For a model with several outputs, 2.2.4 returned the total loss, each output's loss, then
    each output's metrics in the order they were given. Keras 3 returns the metrics sorted by
    name (`aux_acc` before `main_acc`), so `scores[3]` is another metric than it was, and a
    `zip` with 2.2.4's `metrics_names` pairs the wrong names and values. Nothing raises.

    ## Example
    ```python
    model = Model(inputs, [main, aux])
    model.compile('adam', ['mse', 'binary_crossentropy'], metrics=[['mae'], ['acc']])
    scores = model.evaluate(x, [y_main, y_aux])
    ```

    ## Use instead
    ```python
    scores = results_224(model, model.evaluate(x, [y_main, y_aux]))
    ```

    ## Fix safety
    Safe: the same values, in 2.2.4's order (that of `metrics_names_224`, KL617). A model
    with one output already gets them in that order and is left alone.
    """

    code = "KL619"
    name = "multi-output-result-order"
    summary = "Keras 3 returns a multi-output model's metrics in another order"
    fix_title = "Put the results in 2.2.4's order"
    valid = ("import keras\nmodel.compile('sgd', 'mse')\nscores = model.evaluate(x, y)\n",)
    invalid = (
        ("import keras\nm.compile('sgd', ['mse', 'mse'])\nscores = m.evaluate(x, [y, y])\n",
         "import keras\n\n\n" + ATTRIBUTE_FUNCTIONS["metrics_names"][1] + "\n\n" + RESULTS_CODE
         + "\n\nm.compile('sgd', ['mse', 'mse'])\nscores = results_224(m, m.evaluate(x, [y, y]))\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._outputs: dict[str, list[int | None]] = {}
        self._several: set[str] = set()  # compiled with a loss per output
        self._calls: list[tuple[cst.Call, str]] = []
        self._wrapped: set[int] = set()

    def visit_Assign(self, node: cst.Assign) -> None:
        _note_outputs(self.context.table, node, self._outputs)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == RESULTS_NAME and len(node.args) == 2:
            self._wrapped.add(id(node.args[1].value))  # wrapped already (an earlier --fix)
        if self.context.settings.target not in RESULT_ORDER_TARGETS or not isinstance(node.func, cst.Attribute):
            return
        model = dotted_name(node.func.value)
        if model is None:
            return
        method = node.func.attr.value
        if method == "compile":
            outputs = _per_output(compile_argument(node, "loss"))
            if outputs is not None and outputs != 1 and (not isinstance(outputs, int) or outputs > 1):
                self._several.add(model)
        elif method in RESULTS_METHODS and not calls.has_star_args(node) and id(node) not in self._wrapped:
            self._calls.append((node, model))

    def leave_Module(self, node: cst.Module) -> None:
        several = self._several | {name for name, counts in self._outputs.items()
                                   if len(set(counts)) == 1 and (counts[0] or 0) > 1}
        table = self.context.table
        for call, model in self._calls:
            if model not in several:
                continue
            message = f"`{call.func.attr.value}` of a model with several outputs returns its metrics in another order in Keras 3"
            if not definable(table, RESULTS_NAME) or not definable(table, METRICS_NAMES[0]):
                self.report(call, message)
                continue
            self.report(
                call, message,
                transform=lambda updated: cst.Call(func=cst.Name(RESULTS_NAME), args=[
                    cst.Arg(updated.func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(updated.with_changes(lpar=[], rpar=[]))], lpar=updated.lpar, rpar=updated.rpar),
                definitions=(Definition(*METRICS_NAMES), Definition(RESULTS_NAME, RESULTS_CODE)),
            )


def _note_outputs(table, node: cst.Assign, outputs: dict[str, list[int | None]]) -> None:
    """``name = Model(inputs, [a, b])``: how many outputs each name is bound to (None: unknown)."""
    count = None
    if isinstance(node.value, cst.Call) and table.keras_class(node.value.func) == "Model":
        count = _output_count(calls.argument(node.value, "outputs", 1, ("output",)))
    for target in node.targets:
        name = dotted_name(target.target)
        if name is not None:
            outputs.setdefault(name, []).append(count)


class ListBatchInputs(Rule):
    """
    ## What it does
    On the `keras3` target, finds generators and `Sequence`s that give a model with several
    inputs (or outputs) its batch as a list, `yield [x1, x2], y` or `return [x1, x2], y` in
    `__getitem__`, and writes the list as a tuple: `yield (x1, x2), y`. The generator must be
    a function of the module passed to `fit_generator`/`fit` (or the other batch readers)
    there; the `Sequence` a subclass of Keras's.

    ## Why is this bad?
    Keras 2.2.4 took the inputs of a batch as a list or a tuple alike. Keras 3 reads a
    generator's batches through `tf.data`, which takes only tuples: `fit` raises
    ``TypeError: `output_signature` must contain objects that are subclass of `tf.TypeSpec` ``.

    ## Example
    ```python
    def pairs():
        while True:
            yield [left, right], labels
    model.fit_generator(pairs(), steps_per_epoch=100)
    ```

    ## Use instead
    ```python
    def pairs():
        while True:
            yield (left, right), labels
    model.fit(pairs(), steps_per_epoch=100)
    ```

    ## Fix safety
    Safe: the same arrays, in a tuple that Keras reads as 2.2.4 read the list. Only lists
    written in the `yield`/`return` itself are seen.
    """

    code = "KL621"
    name = "list-batch-inputs"
    summary = "A generator yields several inputs as a list: Keras 3 reads only tuples"
    fix_title = "Yield a tuple"
    valid = ("import keras\ndef g():\n    yield x, y\nmodel.fit_generator(g(), 10)\n",)
    invalid = (
        ("import keras\ndef g():\n    while True:\n        yield [a, b], y\nmodel.fit_generator(g(), 10)\n",
         "import keras\ndef g():\n    while True:\n        yield (a, b), y\nmodel.fit_generator(g(), 10)\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._functions: list[str | None] = []  # enclosing function names
        self._classes: list[bool] = []  # enclosing classes: a keras Sequence?
        self._yields: dict[str, list[cst.List]] = {}  # generator function -> its list displays
        self._returns: list[cst.List] = []  # in a Sequence's __getitem__
        self._read: set[str] = set()  # generator functions passed to a batch reader
        self._read_names: set[str] = set()  # names passed to a batch reader
        self._generators: dict[str, list[str]] = {}  # name -> the functions it is bound to the call of

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        table = self.context.table
        self._classes.append(any(".".join(table.keras_name(b.value) or ()) == SEQUENCE for b in node.bases))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.append(node.name.value)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._functions.pop()

    def visit_Yield(self, node: cst.Yield) -> None:
        if self._functions and isinstance(node.value, cst.Tuple):
            self._yields.setdefault(self._functions[-1], []).extend(_lists(node.value))

    def visit_Return(self, node: cst.Return) -> None:
        if self._classes and self._classes[-1] and self._functions and self._functions[-1] == SEQUENCE_METHOD \
                and isinstance(node.value, cst.Tuple):
            self._returns.extend(_lists(node.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        """``train_gen = batches(...)``: the generator a name holds."""
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) \
                and isinstance(node.value, cst.Call) and isinstance(node.value.func, cst.Name):
            self._generators.setdefault(node.targets[0].target.value, []).append(node.value.func.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in BATCH_READERS and node.args:
            for value in (node.args[0].value, calls.argument(node, "validation_data", None)):
                if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
                    self._read.add(value.func.value)
                elif isinstance(value, cst.Name):
                    self._read_names.add(value.value)

    def leave_Module(self, node: cst.Module) -> None:
        if self.context.settings.target not in LIST_BATCH_TARGETS:
            return
        table = self.context.table
        for name in self._read_names:  # a name bound once to a call of a generator function
            functions = self._generators.get(name, [])
            if len(functions) == 1 and table.binding_count(name) == 1:
                self._read.add(functions[0])
        found = self._returns + [display for name in self._read for display in self._yields.get(name, ())]
        for display in found:
            self.report(
                display, "Keras 3 reads the inputs of a generator's batch only from a tuple",
                transform=_as_tuple,
            )


def _as_tuple(display: cst.List) -> cst.Tuple:
    elements = list(display.elements)
    if len(elements) == 1 and not isinstance(elements[0].comma, cst.Comma):
        elements[0] = elements[0].with_changes(comma=cst.Comma())  # (x,) is a tuple, (x) is not
    return cst.Tuple(elements, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _lists(batch: cst.Tuple) -> list[cst.List]:
    """The list displays among a batch's parts (``[x1, x2]`` in ``[x1, x2], y``)."""
    return [e.value for e in batch.elements if isinstance(e, cst.Element) and isinstance(e.value, cst.List)]


class RecompileKeepsMetrics(Rule):
    """
    ## What it does
    On the `keras3` target, finds a `compile` without `metrics` of a model the module
    compiles more than once, and passes `metrics=[]`.

    ## Why is this bad?
    Keras 2.2.4's `compile` replaced everything the previous one set: compiled again without
    metrics, the model logged only its loss. Keras 3 keeps the metrics of the earlier
    `compile` when the new one gives none, so `fit` goes on logging them (`acc` in the
    History) and `evaluate` returns them.

    ## Example
    ```python
    model.compile('adam', 'categorical_crossentropy', metrics=['acc'])
    model.fit(x, y)
    model.compile('sgd', 'categorical_crossentropy')
    ```

    ## Use instead
    ```python
    model.compile('sgd', 'categorical_crossentropy', metrics=[])
    ```

    ## Fix safety
    Safe: `metrics=[]` is what 2.2.4 did without metrics, on every target.
    """

    code = "KL623"
    name = "recompile-keeps-metrics"
    summary = "Compiled again without metrics, a Keras 3 model keeps the earlier metrics"
    fix_title = "Pass `metrics=[]`"
    valid = ("import keras\nmodel.compile('sgd', 'mse')\n",)
    invalid = (
        ("import keras\nm.compile('sgd', 'mse', metrics=['mae'])\nm.compile('adam', 'mse')\n",
         "import keras\nm.compile('sgd', 'mse', metrics=['mae'])\nm.compile('adam', 'mse', metrics=[])\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._compiles: dict[str, list[cst.Call]] = {}

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in RESULT_ORDER_TARGETS or calls.has_star_args(node) \
                or not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "compile"):
            return
        model = dotted_name(node.func.value)
        names = calls.keyword_names(node)
        if model is not None and ("loss" in names or "optimizer" in names or calls.positional_count(node)):
            self._compiles.setdefault(model, []).append(node)

    def leave_Module(self, node: cst.Module) -> None:
        for calls_of_model in self._compiles.values():
            if len(calls_of_model) < 2:
                continue
            for call in calls_of_model:
                if compile_argument(call, "metrics") is None and "weighted_metrics" not in calls.keyword_names(call):
                    self.report(call, "compiled again without metrics: Keras 3 keeps the earlier compile's metrics",
                                transform=lambda updated: calls.add_keywords(updated, [("metrics", cst.List([]))]))
